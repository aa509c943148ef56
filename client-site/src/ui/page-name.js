/**
 * The page's name in the header: its URL (a link) and title when the page link gave them and
 * the URL hashes to the urlHash (@comments/protocol checkPageLink), else the short hash. The
 * title is anyone's text: shown like an author's name (display-name.js: isolated, hidden
 * characters as codes), as text only.
 */
import { t } from '../i18n/index.js'
import { h } from './dom.js'
import { nameElement } from './display-name.js'

/**
 * @param {{ urlHash: string, url: string | null, title?: string | null, mismatch?: boolean }} name
 * @returns {HTMLElement[]}
 */
export function pageNameView ({ urlHash, url, title = null, mismatch = false }) {
  if (url == null) {
    return [
      h('h1', { 'data-testid': 'page-title', dir: 'auto' }, h('span', { title: t('page.hashTooltip', { urlHash }) }, t('page.hashTitle', { start: urlHash.slice(0, 8), end: urlHash.slice(-4) }))),
      mismatch && h('p', { class: 'page-name-mismatch', role: 'note', 'data-testid': 'page-name-mismatch' },
        t('page.linkMismatch'))
    ].filter(Boolean)
  }
  const address = urlElement(url)
  if (title == null) return [h('h1', { 'data-testid': 'page-title', dir: 'auto' }, address)]
  return [
    h('h1', { 'data-testid': 'page-title' }, nameElement(title, { class: 'page-title-text', 'data-testid': 'page-title-text' })),
    h('p', { class: 'page-url', dir: 'ltr' }, address) // an address reads left to right in any language
  ]
}

/** A link only for http(s): the URL opens in a new tab that learns nothing of this page. */
function urlElement (url) {
  let web = false
  try {
    web = ['http:', 'https:'].includes(new URL(url).protocol)
  } catch {}
  return web
    ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'page-url-link', 'data-testid': 'page-url' }, url)
    : h('span', { 'data-testid': 'page-url' }, url)
}
