/**
 * The thread on screen. Each comment keeps its element across updates (keyed by id), so
 * new comments slide in without rebuilding the list, and a reply box being typed in
 * stays where it is. What records say of a comment (docs/protocol.md §3.10, applyRecords) is
 * drawn on it: its current text, "edited" with its history, "Withdrawn by its author", the
 * reactions with their counts, and for its author Edit and Withdraw.
 */
import { formatList, t, tAround } from '../i18n/index.js'
import { commentText } from './comment-text.js'
import { displayName, nameElement } from './display-name.js'
import { h, setAttr, setText } from './dom.js'
import { fingerprintElement } from './fingerprint.js'
import { exactTime, relativeTime } from './times.js'

const STATE_TEXT = { sending: () => t('thread.sending'), verified: () => '' }

/**
 * The reactions offered (§3.10's names but `none`), each an emoji with a name for people and screen readers
 * (`label` in English; the page shows `reaction.<name>` in the reader's language).
 */
export const REACTION_BUTTONS = Object.freeze([
  { name: 'useful', emoji: '👍', label: 'Useful' },
  { name: 'thanks', emoji: '🙏', label: 'Thanks' },
  { name: 'funny', emoji: '😄', label: 'Funny' },
  { name: 'insightful', emoji: '💡', label: 'Insightful' }
])
/** The earlier versions listed in a comment's history at most: a hostile author may sign thousands. */
const HISTORY_SHOWN = 50
const ORDER_BUTTONS = ['oldest', 'newest', 'appreciated'] // labels: thread.<order> in the catalogs

export class ThreadView {
  /**
   * @param {{ onReply: (id: string, author: string) => void, onOrder: (order: 'oldest' | 'newest' | 'appreciated') => void,
   *   onReact: (id: string, name: string) => Promise<unknown>, onEdit: (id: string, text: string) => void,
   *   onWithdraw: (id: string) => Promise<unknown>, ownKey: () => string | null, now?: () => number,
   *   actions?: (id: string, comment: any, who: string) => Node[], decorate?: (view: any, node: any) => void }} init
   *   onReact: posts the reader's reaction (`none` takes it back); onEdit: opens the editor under the comment;
   *   onWithdraw: posts the withdrawal, once the reader confirmed. Both promises reject with a message for people.
   *   actions: more buttons under each comment (made once); decorate: called after each update of a view (moderation, replies to you)
   */
  constructor (init) {
    this.onReply = init.onReply
    this.onReact = init.onReact
    this.onEdit = init.onEdit
    this.onWithdraw = init.onWithdraw
    this.ownKey = init.ownKey
    this.actions = init.actions ?? (() => [])
    this.decorate = init.decorate ?? (() => {})
    this.now = init.now ?? Date.now
    /** @type {Map<string, ReturnType<ThreadView['createView']>>} */
    this.views = new Map()
    this.heading = h('h2', { id: 'thread-heading', 'data-testid': 'thread-heading' }, t('thread.heading'))
    this.orders = ORDER_BUTTONS.map(order =>
      h('button', { type: 'button', 'aria-pressed': String(order === 'oldest'), 'data-order': order, 'data-testid': `order-${order}`, onclick: () => init.onOrder(order) }, t(`thread.${order}`)))
    this.list = h('ol', { class: 'thread', 'data-testid': 'thread', 'aria-labelledby': 'thread-heading', 'aria-busy': 'true' })
    this.empty = h('p', { class: 'empty', 'data-testid': 'thread-empty', hidden: true }, t('thread.empty'))
    this.skeleton = h('div', { class: 'skeleton', 'aria-hidden': 'true', 'data-testid': 'thread-skeleton' },
      [0, 1, 2].map(() => h('div', { class: 'skeleton-comment' }, h('div', { class: 'bone short' }), h('div', { class: 'bone' }), h('div', { class: 'bone' }))))
    this.confirm = this.withdrawDialog()
    this.element = h('section', { class: 'thread-section', 'aria-labelledby': 'thread-heading' },
      h('div', { class: 'thread-toolbar' }, this.heading,
        h('div', { class: 'order', role: 'group', 'aria-label': t('thread.order') }, this.orders)),
      this.skeleton, this.list, this.empty, this.confirm.dialog)
  }

  /** @param {'oldest' | 'newest' | 'appreciated'} order */
  setOrder (order) {
    for (const button of this.orders) setAttr(button, 'aria-pressed', String(button.dataset.order === order))
  }

  /**
   * The one confirmation of a withdrawal: a modal dialog (focus moves into it, Escape cancels,
   * focus returns to the Withdraw button), not window.confirm, which blocks the page and cannot
   * say what will happen.
   */
  withdrawDialog () {
    const message = h('p', { class: 'composer-message', 'data-testid': 'withdraw-message', 'aria-live': 'polite' })
    const yes = h('button', { type: 'button', class: 'primary', 'data-testid': 'withdraw-confirm', onclick: () => this.confirmWithdrawal() }, t('thread.withdraw'))
    const no = h('button', { type: 'button', 'data-testid': 'withdraw-cancel', onclick: () => dialog.close() }, t('composer.cancel'))
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'withdraw-title', 'aria-describedby': 'withdraw-what', 'data-testid': 'withdraw-dialog' },
      h('h2', { id: 'withdraw-title' }, t('thread.withdrawTitle')),
      h('p', { id: 'withdraw-what' }, t('thread.withdrawWhat')),
      message,
      h('div', { class: 'composer-actions' }, no, yes))
    dialog.addEventListener('close', () => {
      const view = this.views.get(this.confirm.id)
      this.confirm.id = null
      view?.records?.withdraw.focus()
    })
    return { dialog, message, yes, id: null }
  }

  askWithdrawal (id) {
    this.confirm.id = id
    setText(this.confirm.message, '')
    this.confirm.yes.disabled = false
    this.confirm.dialog.showModal()
  }

  async confirmWithdrawal () {
    const id = this.confirm.id
    if (id == null) return
    this.confirm.yes.disabled = true
    setText(this.confirm.message, t('thread.withdrawing'))
    try {
      await this.onWithdraw(id)
      this.confirm.dialog.close()
    } catch (err) {
      setText(this.confirm.message, err.message)
      this.confirm.yes.disabled = false
    }
  }

  /**
   * @param {Array<import('../thread.js').ThreadNode<{ id: string, comment: any, state: string }>>} roots
   * @param {number} total how many comments the roots hold
   */
  render (roots, total) {
    this.skeleton.hidden = true
    this.list.removeAttribute('aria-busy')
    setText(this.heading, total === 0 ? t('thread.heading') : t('thread.count', { count: total }))
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
      if (view.records?.editedTs != null) setText(view.records.editedTime, relativeTime(view.records.editedTs, this.now()))
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
    const stateText = state === 'posted' ? t('thread.postedAs', { id: `${node.id.slice(0, 10)}…${node.id.slice(-4)}` }) : (STATE_TEXT[state]?.() ?? state)
    setText(view.state, stateText)
    setAttr(view.state, 'title', state === 'posted' ? t('thread.commentId', { id: node.id }) : null)
    view.state.hidden = stateText === ''
    view.reply.disabled = state === 'sending'
    view.orphan.hidden = !node.orphan
    view.replyTo.hidden = node.replyTo == null
    setText(view.replyTo, node.replyTo == null ? '' : t('thread.inReplyTo', { name: this.views.get(node.replyTo)?.who ?? t('thread.aCommentAbove') }))
    const lacking = node.item.lackedBy ?? []
    view.lacking.hidden = lacking.length === 0
    setText(view.lacking, lacking.length === 0 ? '' : t('thread.notServedBy', { servers: formatList(lacking) }))
    setAttr(view.article, 'data-orphan', node.orphan ? 'true' : null)
    const own = node.item.comment.key === this.ownKey()
    view.you.hidden = !own
    if (view.records != null) this.updateRecords(view, node.item, own)
    this.decorate(view, node)
  }

  /** What the records say of this comment (applyRecords' fields on the item; absent: none). */
  updateRecords (view, item, own) {
    const r = view.records
    const withdrawn = item.withdrawn === true
    const text = item.text ?? item.comment.text
    if (r.shown !== text && !withdrawn) {
      r.text.replaceChildren(commentText(text))
      r.shown = text
    }
    r.text.hidden = withdrawn
    r.withdrawn.hidden = !withdrawn
    setAttr(view.article, 'data-withdrawn', withdrawn ? 'true' : null)
    setAttr(view.article, 'data-edited', item.edited ? 'true' : null)
    r.edited.hidden = !item.edited || withdrawn
    r.editedTs = item.edited ? item.editedTs : null
    if (r.editedTs != null) {
      setAttr(r.editedTime, 'datetime', new Date(r.editedTs).toISOString())
      setAttr(r.editedTime, 'title', exactTime(r.editedTs))
      setText(r.editedTime, relativeTime(r.editedTs, this.now()))
    }
    const history = item.history ?? []
    r.history.hidden = history.length < 2 || withdrawn
    const last = history[history.length - 1]
    const version = `${history.length} ${last?.id}`
    if (!r.history.hidden && r.historyVersion !== version) { // drawn again only when a version is added
      r.historyVersion = version
      this.drawHistory(r, history, item.id)
    }

    const ready = item.state !== 'sending' && !withdrawn
    r.reactions.hidden = withdrawn
    r.own = item.reactedBy?.get(this.ownKey()) ?? null
    for (const { name, emoji } of REACTION_BUTTONS) {
      const button = r.buttons.get(name)
      const count = item.reactions?.[name] ?? 0
      setAttr(button, 'aria-pressed', String(r.own === name))
      setAttr(button, 'data-count', count)
      setText(button.querySelector('.count'), String(count))
      setAttr(button, 'title', t('thread.reactionTitle', { reaction: t(`reaction.${name}`), emoji, count }))
      button.disabled = !ready
    }
    r.edit.hidden = r.withdraw.hidden = !own || !ready
    r.current = text
  }

  drawHistory (r, history, originalId) {
    const earlier = history.slice(0, -1).reverse() // the newest first: the text just replaced matters most
    const shown = earlier.slice(0, HISTORY_SHOWN)
    r.historyList.replaceChildren(...shown.map(v => h('li', { 'data-testid': 'history-version', 'data-id': v.id },
      h('time', { datetime: new Date(v.ts).toISOString(), title: exactTime(v.ts) }, exactTime(v.ts)),
      v.id === originalId ? t('thread.original') : '',
      h('div', { class: 'comment-text', dir: 'auto' }, commentText(v.text)))))
    setText(r.historyMore, earlier.length > shown.length ? t('thread.historyMore', { count: earlier.length - shown.length }) : '')
    r.historyMore.hidden = earlier.length <= shown.length
    setText(r.historySummary, t('thread.historyCount', { count: earlier.length }))
  }

  async react (id, name) {
    const view = this.views.get(id)
    const r = view?.records
    if (r == null || r.reacting) return
    // one reaction at a time; the buttons stay enabled (and focused) meanwhile, busy rather than disabled
    r.reacting = true
    setAttr(r.reactions, 'aria-busy', 'true')
    setText(r.message, '')
    try {
      await this.onReact(id, r.own === name ? 'none' : name) // pressing one's own reaction takes it back
    } catch (err) {
      setText(r.message, err.message)
    } finally {
      r.reacting = false
      setAttr(r.reactions, 'aria-busy', null)
    }
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
    const replies = h('ol', { class: 'replies', 'aria-label': t('thread.repliesTo', { name: parts.who }) })
    const li = h('li', { class: 'comment-item', 'data-id': id }, parts.article, slot, replies)
    return { li, slot, replies, ...parts }
  }

  readableParts (id, comment) {
    const headId = `c-${id}`
    const time = h('time', { datetime: new Date(comment.ts).toISOString(), title: exactTime(comment.ts), 'data-testid': 'comment-time' },
      relativeTime(comment.ts, this.now()))
    const state = h('span', { class: 'state', 'data-testid': 'comment-state' })
    const you = h('span', { class: 'you', hidden: true }, t('thread.you'))
    const orphan = h('span', { class: 'orphan-note', hidden: true }, t('thread.orphan'))
    const lacking = h('span', { class: 'lacking-note', 'data-testid': 'comment-lacking', hidden: true })
    // below the deepest level replies are shown flat: each says whom it answers
    const replyTo = h('span', { class: 'orphan-note', 'data-testid': 'comment-reply-to', hidden: true })
    const who = displayName(comment.author) // never the raw name: it may hold bidi controls and line breaks
    const reply = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'reply-button', 'aria-label': t('thread.replyTo', { name: who }),
      onclick: () => this.onReply(id, who)
    }, t('thread.reply'))
    const records = this.recordParts(id, who)
    records.text.append(commentText(comment.text)) // here, so that a text that cannot be drawn makes the comment unreadable
    records.shown = comment.text
    const article = h('article', {
      class: 'comment', 'data-testid': 'comment', 'data-id': id, 'data-parent': comment.parent ?? '', 'aria-labelledby': headId
    },
    h('header', { id: headId, class: 'comment-head' },
      nameElement(comment.author, { 'data-testid': 'comment-author' }),
      h('span', { class: 'key' }, h('span', { class: 'visually-hidden' }, t('thread.key')), fingerprintElement(comment.key, { 'data-testid': 'comment-key' })),
      you, h('span', { class: 'visually-hidden' }, ', '), time, records.edited, state, orphan, replyTo, lacking),
    records.text, records.withdrawn, records.history,
    h('footer', { class: 'comment-foot' }, records.reactions, reply, records.edit, records.withdraw, this.actions(id, comment, who), records.message))
    return { article, time, state, you, orphan, replyTo, lacking, reply, ts: comment.ts, who, records }
  }

  /** The parts records change; updateRecords fills them in. */
  recordParts (id, who) {
    const editedTime = h('time', { 'data-testid': 'comment-edited-time' })
    const historySummary = h('summary', {}, t('thread.history'))
    const historyList = h('ol', { class: 'history-list', reversed: true })
    const historyMore = h('p', { class: 'orphan-note', hidden: true })
    const buttons = new Map(REACTION_BUTTONS.map(({ name, emoji }) => [name, h('button', {
      type: 'button', class: 'reaction', 'aria-pressed': 'false', 'data-reaction': name, 'data-testid': `reaction-${name}`,
      onclick: () => this.react(id, name)
    }, h('span', { 'aria-hidden': 'true' }, emoji), h('span', { class: 'visually-hidden' }, t('thread.reactionLabel', { reaction: t(`reaction.${name}`) })), h('span', { class: 'count' }, '0'))]))
    return {
      text: h('div', { class: 'comment-text', dir: 'auto', 'data-testid': 'comment-text' }), // a div: the text holds blocks (p, pre, blockquote)
      shown: null,
      withdrawn: h('p', { class: 'comment-text withdrawn-note', 'data-testid': 'comment-withdrawn', hidden: true }, t('thread.withdrawn')),
      edited: h('span', { class: 'edited-note', 'data-testid': 'comment-edited', hidden: true }, tAround('thread.edited', {}, 'time', editedTime)),
      editedTime,
      editedTs: null,
      history: h('details', { class: 'history', 'data-testid': 'comment-history', hidden: true }, historySummary, historyList, historyMore),
      historySummary,
      historyList,
      historyMore,
      historyVersion: null,
      reactions: h('span', { class: 'reactions', role: 'group', 'aria-label': t('thread.reactionsTo', { name: who }), 'data-testid': 'reactions' }, [...buttons.values()]),
      buttons,
      own: null,
      reacting: false,
      current: null,
      edit: h('button', { type: 'button', class: 'link-button', 'data-testid': 'edit-button', 'aria-label': t('composer.edit'), hidden: true, onclick: () => this.onEdit(id, this.views.get(id)?.records.current ?? '') }, t('thread.editButton')),
      withdraw: h('button', { type: 'button', class: 'link-button', 'data-testid': 'withdraw-button', 'aria-label': t('thread.withdrawLabel'), hidden: true, onclick: () => this.askWithdrawal(id) }, t('thread.withdraw')),
      message: h('span', { class: 'lacking-note', 'data-testid': 'reaction-message', 'aria-live': 'polite' })
    }
  }
}

/** In place of a comment that could not be drawn: says so, and why; its replies still hang under it. */
function unreadableParts (id, err) {
  const article = h('article', { class: 'comment unreadable', 'data-testid': 'comment', 'data-id': id, 'data-unreadable': 'true' },
    h('p', { class: 'unreadable-note', 'data-testid': 'comment-unreadable' },
      t('thread.unreadable', { id: `${id.slice(0, 10)}…${id.slice(-4)}`, error: err?.message ?? String(err) })))
  // detached stand-ins, so that updates and the clock treat every view alike
  const detached = () => h('span', { hidden: true })
  return { article, time: detached(), state: detached(), you: detached(), orphan: detached(), replyTo: detached(), lacking: detached(), reply: h('button', { hidden: true }), ts: null, who: t('thread.unreadableWho'), records: null }
}
