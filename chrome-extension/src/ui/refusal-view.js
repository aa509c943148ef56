/** The plain message shown instead of comments for a page that cannot have any. */
import { h } from './dom.js'

/**
 * @param {string} message from comments-target.js's refusalMessage
 * @param {{ onOptions?: () => void }} [actions]
 */
export function refusalView (message, actions = {}) {
  return h('section', { class: 'notice', role: 'status', 'data-testid': 'refusal' },
    h('h1', null, 'No comments here'),
    h('p', { 'data-testid': 'refusal-text' }, message),
    actions.onOptions && h('p', { class: 'small' }, h('button', { type: 'button', class: 'link', onclick: actions.onOptions }, 'Options')))
}

/** An unexpected failure, said plainly. */
export function errorView (message) {
  return h('section', { class: 'notice error', role: 'alert', 'data-testid': 'error' },
    h('h1', null, 'Something went wrong'),
    h('p', null, message))
}
