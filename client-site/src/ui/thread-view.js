/**
 * The thread on screen. Each comment keeps its element across updates (keyed by id), so
 * new comments slide in without rebuilding the list, and a reply box being typed in
 * stays where it is.
 */
import { commentText } from './comment-text.js'
import { displayName, nameElement } from './display-name.js'
import { h, setAttr, setText } from './dom.js'
import { fingerprintElement } from './fingerprint.js'
import { exactTime, relativeTime } from './times.js'

const STATE_TEXT = { sending: 'sending…', verified: '' }

export class ThreadView {
  /**
   * @param {{ onReply: (id: string, author: string) => void, onOrder: (newestFirst: boolean) => void, ownKey: () => string | null, now?: () => number,
   *   actions?: (id: string, comment: any, who: string) => Node[], decorate?: (view: any, node: any) => void }} init
   *   actions: more buttons under each comment (made once); decorate: called after each update of a view (moderation, replies to you)
   */
  constructor (init) {
    this.onReply = init.onReply
    this.ownKey = init.ownKey
    this.actions = init.actions ?? (() => [])
    this.decorate = init.decorate ?? (() => {})
    this.now = init.now ?? Date.now
    /** @type {Map<string, ReturnType<ThreadView['createView']>>} */
    this.views = new Map()
    this.heading = h('h2', { id: 'thread-heading', 'data-testid': 'thread-heading' }, 'Comments')
    this.oldest = h('button', { type: 'button', 'aria-pressed': 'true', 'data-testid': 'order-oldest', onclick: () => init.onOrder(false) }, 'Oldest first')
    this.newest = h('button', { type: 'button', 'aria-pressed': 'false', 'data-testid': 'order-newest', onclick: () => init.onOrder(true) }, 'Newest first')
    this.list = h('ol', { class: 'thread', 'data-testid': 'thread', 'aria-labelledby': 'thread-heading', 'aria-busy': 'true' })
    this.empty = h('p', { class: 'empty', 'data-testid': 'thread-empty', hidden: true }, 'No comments yet. Be the first.')
    this.skeleton = h('div', { class: 'skeleton', 'aria-hidden': 'true', 'data-testid': 'thread-skeleton' },
      [0, 1, 2].map(() => h('div', { class: 'skeleton-comment' }, h('div', { class: 'bone short' }), h('div', { class: 'bone' }), h('div', { class: 'bone' }))))
    this.element = h('section', { class: 'thread-section', 'aria-labelledby': 'thread-heading' },
      h('div', { class: 'thread-toolbar' }, this.heading,
        h('div', { class: 'order', role: 'group', 'aria-label': 'Order of comments' }, this.oldest, this.newest)),
      this.skeleton, this.list, this.empty)
  }

  setOrder (newestFirst) {
    setAttr(this.oldest, 'aria-pressed', String(!newestFirst))
    setAttr(this.newest, 'aria-pressed', String(newestFirst))
  }

  /**
   * @param {Array<import('../thread.js').ThreadNode<{ id: string, comment: any, state: string }>>} roots
   * @param {number} total how many comments the roots hold
   */
  render (roots, total) {
    this.skeleton.hidden = true
    this.list.removeAttribute('aria-busy')
    setText(this.heading, total === 0 ? 'Comments' : `${total} comment${total === 1 ? '' : 's'}`)
    this.empty.hidden = total > 0
    const live = new Set()
    this.sync(this.list, roots, live)
    for (const [id, view] of this.views) {
      if (!live.has(id)) {
        view.li.remove()
        this.views.delete(id)
      }
    }
  }

  /** Refreshes the relative times ("3 minutes ago"). */
  tick () {
    for (const view of this.views.values()) {
      if (view.ts != null) setText(view.time, relativeTime(view.ts, this.now()))
    }
  }

  /** The slot under a comment where its reply box goes. */
  replySlot (id) {
    return this.views.get(id)?.slot ?? null
  }

  sync (ol, nodes, live) {
    let cursor = ol.firstElementChild
    for (const node of nodes) {
      live.add(node.id)
      const view = this.viewFor(node)
      if (view.li === cursor) cursor = cursor.nextElementSibling
      else ol.insertBefore(view.li, cursor)
      this.sync(view.replies, node.replies, live)
    }
    while (cursor != null) {
      const next = cursor.nextElementSibling
      cursor.remove()
      cursor = next
    }
  }

  viewFor (node) {
    let view = this.views.get(node.id)
    if (view === undefined) {
      view = this.createView(node)
      this.views.set(node.id, view)
    }
    try {
      this.update(view, node)
    } catch (err) {
      console.warn(`comment ${node.id}: its state could not be shown`, err) // the comment itself still is
    }
    return view
  }

  update (view, node) {
    const { state } = node.item
    setAttr(view.article, 'data-state', state)
    const stateText = state === 'posted' ? `posted as ${node.id.slice(0, 10)}…${node.id.slice(-4)}` : (STATE_TEXT[state] ?? state)
    setText(view.state, stateText)
    setAttr(view.state, 'title', state === 'posted' ? `comment id ${node.id}` : null)
    view.state.hidden = stateText === ''
    view.reply.disabled = state === 'sending'
    view.orphan.hidden = !node.orphan
    view.replyTo.hidden = node.replyTo == null
    setText(view.replyTo, node.replyTo == null ? '' : `in reply to ${this.views.get(node.replyTo)?.who ?? 'a comment above'}`)
    const lacking = node.item.lackedBy ?? []
    view.lacking.hidden = lacking.length === 0
    setText(view.lacking, lacking.length === 0 ? '' : `not served by ${lacking.join(', ')}`)
    setAttr(view.article, 'data-orphan', node.orphan ? 'true' : null)
    view.you.hidden = node.item.comment.key !== this.ownKey()
    this.decorate(view, node)
  }

  /**
   * A comment's view. Every rule-valid comment must show; if drawing one still fails (a value no
   * test foresaw, a browser's own limit), that one comment shows as unreadable with the reason,
   * and its replies and every other comment are drawn as usual.
   */
  createView (node) {
    const { id, comment } = node.item
    let parts
    try {
      parts = this.readableParts(id, comment)
    } catch (err) {
      console.warn(`comment ${id} could not be shown`, err)
      parts = unreadableParts(id, err)
    }
    const slot = h('div', { class: 'reply-slot' })
    const replies = h('ol', { class: 'replies', 'aria-label': `Replies to ${parts.who}` })
    const li = h('li', { class: 'comment-item', 'data-id': id }, parts.article, slot, replies)
    return { li, slot, replies, ...parts }
  }

  readableParts (id, comment) {
    const headId = `c-${id}`
    const time = h('time', { datetime: new Date(comment.ts).toISOString(), title: exactTime(comment.ts), 'data-testid': 'comment-time' },
      relativeTime(comment.ts, this.now()))
    const state = h('span', { class: 'state', 'data-testid': 'comment-state' })
    const you = h('span', { class: 'you', hidden: true }, 'you')
    const orphan = h('span', { class: 'orphan-note', hidden: true }, 'reply to a comment that is not here')
    const lacking = h('span', { class: 'lacking-note', 'data-testid': 'comment-lacking', hidden: true })
    // below the deepest level replies are shown flat: each says whom it answers
    const replyTo = h('span', { class: 'orphan-note', 'data-testid': 'comment-reply-to', hidden: true })
    const who = displayName(comment.author) // never the raw name: it may hold bidi controls and line breaks
    const reply = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'reply-button', 'aria-label': `Reply to ${who}`,
      onclick: () => this.onReply(id, who)
    }, 'Reply')
    const article = h('article', {
      class: 'comment', 'data-testid': 'comment', 'data-id': id, 'data-parent': comment.parent ?? '', 'aria-labelledby': headId
    },
    h('header', { id: headId, class: 'comment-head' },
      nameElement(comment.author, { 'data-testid': 'comment-author' }),
      h('span', { class: 'key' }, h('span', { class: 'visually-hidden' }, ', key '), fingerprintElement(comment.key, { 'data-testid': 'comment-key' })),
      you, h('span', { class: 'visually-hidden' }, ', '), time, state, orphan, replyTo, lacking),
    h('div', { class: 'comment-text', 'data-testid': 'comment-text' }, commentText(comment.text)), // a div: the text holds blocks (p, pre, blockquote)
    h('footer', { class: 'comment-foot' }, reply, this.actions(id, comment, who)))
    return { article, time, state, you, orphan, replyTo, lacking, reply, ts: comment.ts, who }
  }
}

/** In place of a comment that could not be drawn: says so, and why; its replies still hang under it. */
function unreadableParts (id, err) {
  const article = h('article', { class: 'comment unreadable', 'data-testid': 'comment', 'data-id': id, 'data-unreadable': 'true' },
    h('p', { class: 'unreadable-note', 'data-testid': 'comment-unreadable' },
      `This comment (${id.slice(0, 10)}…${id.slice(-4)}) is verified but could not be shown: ${err?.message ?? String(err)}.`))
  // detached stand-ins, so that updates and the clock treat every view alike
  const detached = () => h('span', { hidden: true })
  return { article, time: detached(), state: detached(), you: detached(), orphan: detached(), replyTo: detached(), lacking: detached(), reply: h('button', { hidden: true }), ts: null, who: 'a comment that could not be shown' }
}
