/**
 * What the reader's moderation does to the thread (docs/adr/018-reader-moderation.md): a comment
 * by a muted key is drawn as a collapsed stub in its place ("Hidden: muted by you", with Show),
 * so that the thread keeps its shape and replies by others stay where they are; a line above the
 * thread says how many are hidden and why, with "Show them". Your own comments are never hidden.
 *
 * It hooks into ThreadView through two functions (thread-view.js `actions`, `decorate`), so the
 * thread's drawing stays the thread's.
 */
import { t } from '../i18n/index.js'
import { displayName } from './display-name.js'
import { h, setAttr, setText } from './dom.js'

export class HiddenComments {
  /**
   * @param {{ moderation: import('../moderation/moderation.js').Moderation, ownKey: () => string | null, redraw: () => void }} init
   */
  constructor ({ moderation, ownKey, redraw }) {
    this.moderation = moderation
    this.ownKey = ownKey
    this.redraw = redraw
    this.showAll = false
    /** Comments shown one by one in this visit. */
    this.revealed = new Set()
    this.text = h('span', { 'data-testid': 'hidden-summary-text' })
    this.toggle = h('button', {
      type: 'button', class: 'link-button', 'aria-pressed': 'false', 'data-testid': 'hidden-toggle',
      onclick: () => { this.showAll = !this.showAll; this.redraw() }
    }, t('hidden.showThem'))
    this.element = h('p', { class: 'hidden-summary', 'data-testid': 'hidden-summary', hidden: true }, this.text, ' ', this.toggle)
  }

  /** Why this comment is hidden, or null: never for your own. */
  reasonFor (comment) {
    if (comment.key === this.ownKey()) return null
    return this.moderation.reasonFor(comment.key)
  }

  /** For RepliesToYou: whether a comment is muted. */
  isMuted (comment) {
    return this.reasonFor(comment) != null
  }

  /**
   * Says how many of these comments are hidden, and why: "3 comments hidden: 2 muted by you, 1 by
   * Ada's list".
   *
   * @param {Array<{ comment: any }>} items the comments about to be drawn
   */
  count (items) {
    let you = 0
    const byList = new Map() // list source → { author, n }, in the order the lists were followed
    for (const { source } of this.moderation.followed) byList.set(source, null)
    for (const { comment } of items) {
      const reason = this.reasonFor(comment)
      if (reason == null) continue
      if (reason.by === 'you') you++
      else {
        const seen = byList.get(reason.source) ?? { author: reason.author, n: 0 }
        seen.n++
        byList.set(reason.source, seen)
      }
    }
    const lists = [...byList.values()].filter(l => l != null)
    const total = you + lists.reduce((n, l) => n + l.n, 0)
    this.element.hidden = total === 0
    if (total === 0) return
    const why = [
      ...(you > 0 ? [t('hidden.byYou', { count: you })] : []),
      ...lists.map(l => t('hidden.byList', { count: l.n, name: displayName(l.author) }))
    ].join(t('hidden.separator'))
    setText(this.text, t(this.showAll ? 'hidden.summaryShown' : 'hidden.summary', { count: total, why }))
    setText(this.toggle, this.showAll ? t('hidden.hideThem') : t('hidden.showThem'))
    setAttr(this.toggle, 'aria-pressed', String(this.showAll))
  }

  /** The "Mute" action under a comment (ThreadView `actions`). */
  actions (id, comment, who) {
    return [h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'mute-button', 'aria-label': t('hidden.muteLabel', { name: who }),
      title: t('hidden.muteTitle', { name: who }),
      onclick: () => this.toggleMute(id, comment)
    }, t('hidden.mute'))]
  }

  toggleMute (id, comment) {
    if (this.moderation.reasonFor(comment.key)?.by === 'you') {
      this.moderation.unmute(comment.key)
      return
    }
    const result = this.moderation.mute(comment.key, comment.author)
    if (!result.ok) {
      window.alert(result.message) // rare (storage full or disabled); said where the reader acted
      return
    }
    this.revealed.delete(id)
    // The comment just folded away under the reader's focus: give it to its stub.
    document.querySelector(`[data-testid="comment-hidden"][data-id="${CSS.escape(id)}"] button`)?.focus()
  }

  /** Folds or unfolds one drawn comment (ThreadView `decorate`, on every update). */
  decorate (view, node) {
    const { comment } = node.item
    const reason = this.reasonFor(comment)
    const mute = view.article.querySelector('[data-testid="mute-button"]')
    if (mute != null) {
      mute.hidden = comment.key === this.ownKey()
      const mine = reason?.by === 'you'
      setText(mute, mine ? t('hidden.unmute') : t('hidden.mute'))
      setAttr(mute, 'aria-label', t(mine ? 'hidden.unmuteLabel' : 'hidden.muteLabel', { name: view.who }))
    }
    if (reason == null) {
      view.hiddenStub?.element.remove()
      view.hiddenStub = null
      view.article.hidden = false
      return
    }
    view.hiddenStub ??= this.stub(node.id)
    if (view.hiddenStub.element.nextElementSibling !== view.article) view.article.before(view.hiddenStub.element)
    const label = reason.by === 'you' ? t('hidden.reasonYou') : t('hidden.reasonList', { name: displayName(reason.author) })
    const shown = this.showAll || this.revealed.has(node.id)
    view.article.hidden = !shown
    setText(view.hiddenStub.text, t(shown ? 'hidden.shownThough' : 'hidden.hidden', { reason: label }))
    view.hiddenStub.button.hidden = this.showAll
    setText(view.hiddenStub.button, shown ? t('hidden.hide') : t('hidden.show'))
    setAttr(view.hiddenStub.button, 'aria-expanded', String(shown))
    setAttr(view.hiddenStub.button, 'aria-label', t(shown ? 'hidden.hideLabel' : 'hidden.showLabel', { name: view.who }))
  }

  stub (id) {
    const text = h('span', { 'data-testid': 'comment-hidden-reason' })
    const button = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'comment-show',
      onclick: () => {
        if (this.revealed.has(id)) this.revealed.delete(id)
        else this.revealed.add(id)
        this.redraw()
      }
    })
    return { element: h('p', { class: 'hidden-stub', 'data-testid': 'comment-hidden', 'data-id': id }, text, ' ', button), text, button }
  }
}
