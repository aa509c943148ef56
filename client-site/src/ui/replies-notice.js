/**
 * "2 new replies to you" (docs/adr/018-reader-moderation.md): on a page where this browser's key
 * wrote, the replies to its comments that are new since the last visit, each a link to the reply
 * in the thread (its header, `c-<id>`), marked "new" there too; the reader's other pages with
 * their own comments, as links; and, on request, a browser notification when a later read finds
 * a new reply while the page is open.
 */
import { t } from '../i18n/index.js'
import { displayName } from './display-name.js'
import { h, setText } from './dom.js'

const SNIPPET = 80

export class RepliesNotice {
  /** @param {{ urlHash: string }} init */
  constructor ({ urlHash }) {
    this.urlHash = urlHash
    /** Ids of the replies new in this visit. */
    this.fresh = new Set()
    /** Replies a notification was shown for (or that were on screen when notifications were asked for). */
    this.notified = new Set()
    this.heading = h('h2', { id: 'replies-heading', 'data-testid': 'replies-count' })
    this.links = h('ul', { class: 'reply-links', 'data-testid': 'reply-links' })
    this.pages = h('ul', { class: 'other-pages', 'data-testid': 'other-pages' })
    this.otherPages = h('details', { class: 'other-pages-box', hidden: true },
      h('summary', {}, t('replies.otherPages')),
      h('p', {}, t('replies.otherPagesAbout')), this.pages)
    this.notify = h('input', { type: 'checkbox', id: 'notify-replies', 'data-testid': 'notify-replies', onchange: () => this.notifyChanged() })
    this.message = h('p', { class: 'notify-message', 'aria-live': 'polite', 'data-testid': 'notify-message' })
    this.element = h('section', { class: 'replies-to-you', 'aria-labelledby': 'replies-heading', 'data-testid': 'replies-to-you', hidden: true },
      this.heading, this.links,
      h('p', { class: 'notify' }, this.notify, ' ', h('label', { for: 'notify-replies' }, t('replies.notifyLabel'))),
      this.message, this.otherPages)
  }

  /**
   * @param {{ own: number, fresh: Array<{ id: string, comment: any }> }} found RepliesToYou.update's answer
   * @param {string[]} otherPages urlHashes
   */
  show (found, otherPages) {
    this.element.hidden = found.own === 0
    const n = found.fresh.length
    setText(this.heading, n === 0 ? t('replies.none') : t('replies.count', { count: n }))
    this.fresh = new Set(found.fresh.map(r => r.id))
    this.links.replaceChildren(...found.fresh.map(r => h('li', {}, this.link(r))))
    this.otherPages.hidden = otherPages.length === 0
    this.pages.replaceChildren(...otherPages.slice(0, 20).map(page => h('li', {},
      h('a', { href: `#${page}`, title: t('page.hashTooltip', { urlHash: page }) }, t('page.hashTitle', { start: page.slice(0, 8), end: page.slice(-4) })))))
    if (this.notify.checked && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const unseen = found.fresh.filter(r => !this.notified.has(r.id))
      if (unseen.length > 0) this.notifyOf(unseen)
    }
  }

  link (reply) {
    const full = reply.text ?? reply.comment.text // its latest text when edited (§3.10)
    const text = [...full].slice(0, SNIPPET).join('')
    return h('a', {
      href: `#c-${reply.id}`, 'data-testid': 'reply-link', 'data-id': reply.id,
      // the page's own address is #<urlHash>: following #c-… would leave it, so the link moves focus instead
      onclick: event => { event.preventDefault(); goTo(reply.id) }
    }, `${displayName(reply.comment.author)}: ${text}${text.length < full.length ? '…' : ''}`)
  }

  /** Marks a reply in the thread as new (ThreadView `decorate`). */
  decorate (view, node) {
    const head = view.article.querySelector('.comment-head')
    if (head == null) return
    let badge = head.querySelector('[data-testid="comment-new"]')
    if (this.fresh.has(node.id)) {
      if (badge == null) head.append(badge = h('span', { class: 'new-badge', 'data-testid': 'comment-new' }, t('replies.badge')))
    } else {
      badge?.remove()
    }
  }

  /** Asks the browser for permission only here, on the reader's click. */
  async notifyChanged () {
    if (!this.notify.checked) {
      setText(this.message, '')
      return
    }
    if (typeof Notification === 'undefined') {
      this.notify.checked = false
      setText(this.message, t('replies.noNotifications'))
      return
    }
    const permission = await Notification.requestPermission()
    if (permission !== 'granted') {
      this.notify.checked = false
      setText(this.message, t('replies.notAllowed'))
      return
    }
    // what is on screen now is already seen
    this.notified = new Set(this.fresh)
    setText(this.message, t('replies.willNotify'))
  }

  notifyOf (replies) {
    for (const r of replies) this.notified.add(r.id)
    const n = replies.length
    try {
      const note = new Notification(t('replies.count', { count: n }), {
        body: replies.map(r => `${displayName(r.comment.author)}: ${[...(r.text ?? r.comment.text)].slice(0, SNIPPET).join('')}`).join('\n'),
        tag: `comments-replies-${this.urlHash}`
      })
      note.onclick = () => { window.focus(); goTo(replies[0].id) }
    } catch (err) {
      setText(this.message, t('replies.notShown', { error: err.message }))
    }
  }
}

function goTo (id) {
  const head = document.getElementById(`c-${id}`)
  if (head == null) return
  head.setAttribute('tabindex', '-1')
  head.scrollIntoView({ block: 'center' })
  head.focus()
}
