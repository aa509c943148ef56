/**
 * A box to write a comment or a reply: the text area with its limits shown, a one-line hint of
 * the text format and a Preview toggle that shows the draft as it will be drawn, the post
 * button, and a message line. The draft is saved as it is typed and removed only once a
 * server has taken the comment, so a failed post loses nothing. While the comment is stamped
 * against spam (docs/protocol.md §3.9), a progress bar and a Stop button stand by the post button.
 */
import { MAX_FILE_BYTES, MAX_NONCE, MAX_TEXT, VERSION_RECORDS, VERSION_STAMPED, codePointLength, fileBytes } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { commentText } from './comment-text.js'
import { h, setAttr, setText } from './dom.js'

let nextId = 0

export class Composer {
  /**
   * @param {object} init
   * @param {string | null} init.parent the comment replied to, or null
   * @param {string} [init.parentAuthor]
   * @param {string} init.urlHash
   * @param {import('../write/drafts.js').Drafts} init.drafts
   * @param {() => string} init.author the name to post under
   * @param {(text: string, stamping: { signal: AbortSignal, onProgress: (p: { tries: number, expected: number }) => void }) => Promise<string | void>} init.onSubmit
   *   resolves with what to tell the reader ("Posted." when nothing)
   *   stamps and posts; rejects with a message for people
   * @param {() => void} [init.onCancel] for reply boxes
   * @param {{ id: string, text: string }} [init.edit] an editor of this comment instead (docs/protocol.md §3.10; parent is
   *   then its id): prefilled with its current text, its draft kept under its own key, posting a revision
   */
  constructor (init) {
    Object.assign(this, { parent: init.parent, urlHash: init.urlHash, drafts: init.drafts, author: init.author, onSubmit: init.onSubmit, onCancel: init.onCancel })
    const edit = init.edit ?? null
    /** The draft's key beside the page: the comment replied to, or `edit-<id>` (a reply to that comment keeps its own). */
    this.draft = edit == null ? init.parent : `edit-${edit.id}`
    this.kind = edit == null ? undefined : 'revision'
    const id = `composer-${nextId++}`
    const label = edit != null ? t('composer.edit') : init.parent == null ? t('composer.write') : t('composer.replyTo', { name: init.parentAuthor ?? t('composer.thisComment') })
    this.textarea = h('textarea', {
      id: `${id}-text`, rows: init.parent == null ? 4 : 3, 'data-testid': 'text-input', 'aria-describedby': `${id}-count ${id}-hint ${id}-message`,
      placeholder: init.parent == null ? t('composer.placeholder') : edit != null ? t('composer.editPlaceholder') : t('composer.replyPlaceholder'),
      oninput: () => this.changed(),
      onkeydown: e => this.key(e)
    })
    this.textarea.value = this.drafts.text(this.urlHash, this.draft) || (edit?.text ?? '')
    this.counter = h('span', { id: `${id}-count`, class: 'counter', 'data-testid': 'text-count' })
    this.message = h('p', { id: `${id}-message`, class: 'composer-message', 'data-testid': 'composer-message', 'aria-live': 'polite' })
    this.button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'post-button' }, edit != null ? t('composer.saveEdit') : init.parent == null ? t('composer.post') : t('composer.postReply'))
    this.retry = h('button', { type: 'button', 'data-testid': 'retry-button', hidden: true, onclick: () => this.submit() }, t('composer.retry'))
    this.progress = h('progress', { max: 1, value: 0, hidden: true, 'data-testid': 'stamp-progress', 'aria-label': t('composer.stampingLabel') })
    this.stop = h('button', { type: 'button', 'data-testid': 'stop-stamp', hidden: true, onclick: () => this.stopping?.abort() }, t('composer.stop'))
    // The preview is drawn by the code that draws comments, so what it shows is what readers will see.
    this.preview = h('div', {
      id: `${id}-preview`, class: 'comment-text composer-preview', dir: 'auto', 'data-testid': 'composer-preview', hidden: true,
      role: 'region', 'aria-label': init.parent == null ? t('composer.previewComment') : edit != null ? t('composer.previewEdit') : t('composer.previewReply', { name: init.parentAuthor ?? t('composer.thisComment') })
    })
    this.previewButton = h('button', {
      type: 'button', class: 'preview-toggle', 'data-testid': 'preview-button', 'aria-pressed': 'false', 'aria-controls': `${id}-preview`,
      onclick: () => this.togglePreview()
    }, t('composer.preview'))
    const format = h('div', { class: 'composer-format' },
      h('p', { id: `${id}-hint`, class: 'format-hint', 'data-testid': 'format-hint' },
        h('span', { class: 'visually-hidden' }, t('composer.formatLabel')), t('composer.formatHint')),
      this.previewButton)
    const cancel = init.onCancel == null ? null : h('button', { type: 'button', 'data-testid': 'cancel-reply', onclick: init.onCancel }, t('composer.cancel'))
    this.element = h('form', {
      class: init.parent == null ? 'composer' : 'composer reply-composer',
      'data-testid': edit != null ? 'edit-composer' : init.parent == null ? 'composer' : 'reply-composer',
      'aria-label': label,
      onsubmit: e => { e.preventDefault(); this.submit() }
    },
    h('label', { for: `${id}-text`, class: init.parent == null ? 'visually-hidden' : 'reply-label' }, label),
    this.textarea,
    format,
    this.preview,
    h('div', { class: 'composer-actions' }, this.counter, this.progress, this.stop, this.retry, cancel, this.button),
    this.message)
    this.changed()
  }

  focus () {
    this.textarea.focus()
  }

  // Ctrl+Enter (⌘+Enter) posts; Escape closes a reply box (its draft is kept).
  key (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      this.submit()
    } else if (e.key === 'Escape' && this.onCancel != null) {
      e.preventDefault()
      this.onCancel()
    }
  }

  changed () {
    const text = this.textarea.value
    this.drafts.setText(this.urlHash, this.draft, text)
    const chars = codePointLength(text)
    const bytes = sizeOf(this.urlHash, this.parent, this.author() || 'x', text, this.kind)
    const over = chars > MAX_TEXT || bytes > MAX_FILE_BYTES
    setText(this.counter, bytes > MAX_FILE_BYTES
      ? t('composer.tooManyBytes', { bytes, max: MAX_FILE_BYTES })
      : t('composer.count', { count: chars, max: MAX_TEXT }))
    setAttr(this.counter, 'data-over', over ? 'true' : null)
    setAttr(this.textarea, 'aria-invalid', over ? 'true' : null)
    this.tooLong = over
    if (!this.preview.hidden) this.drawPreview()
  }

  togglePreview () {
    const on = this.preview.hidden
    this.preview.hidden = !on
    setAttr(this.previewButton, 'aria-pressed', String(on))
    if (on) this.drawPreview()
  }

  drawPreview () {
    const text = this.textarea.value
    if (text.trim() === '') this.preview.replaceChildren(h('p', { class: 'preview-empty' }, t('composer.previewEmpty')))
    else this.preview.replaceChildren(commentText(text))
  }

  /** Problems a person can fix before anything is signed, or null. */
  problem () {
    if (this.textarea.value.trim() === '') return t('composer.empty')
    if (this.tooLong) return t('composer.tooLong', { chars: MAX_TEXT, bytes: MAX_FILE_BYTES })
    return null
  }

  async submit () {
    if (this.busy) return
    const problem = this.problem()
    if (problem != null) {
      this.say(problem, 'error')
      this.textarea.focus()
      return
    }
    const text = this.textarea.value
    this.setBusy(true)
    this.say(t('composer.sending'), 'info')
    this.retry.hidden = true
    this.stopping = new AbortController()
    try {
      const said = await this.onSubmit(text, { signal: this.stopping.signal, onProgress: p => this.stamped(p) })
      if (this.textarea.value === text) this.textarea.value = ''
      this.drafts.setText(this.urlHash, this.draft, this.textarea.value)
      this.say(said || t('page.posted'), 'info')
      this.changed()
    } catch (err) {
      this.say(err.message, 'error')
      this.retry.hidden = false
    } finally {
      this.stopping = null
      this.progress.hidden = true
      this.stop.hidden = true
      this.setBusy(false)
    }
  }

  /** Progress of the stamp: tries against the 2^bits expected on average (it may take more). */
  stamped ({ tries, expected }) {
    this.progress.hidden = false
    this.stop.hidden = false
    this.progress.value = Math.min(tries / expected, 0.99)
    this.say(t('composer.stamping', { tries, expected: Math.round(expected) }), 'info')
  }

  setBusy (busy) {
    this.busy = busy
    this.button.disabled = busy
    setAttr(this.element, 'aria-busy', busy ? 'true' : null)
  }

  say (text, kind) {
    setText(this.message, text)
    setAttr(this.message, 'data-kind', kind)
    setAttr(this.message, 'role', kind === 'error' ? 'alert' : null)
  }
}

// The size the comment file can have at most (key and signature have fixed lengths, the nonce is
// counted at its longest; a record also has its kind).
function sizeOf (urlHash, parent, author, text, kind) {
  const fields = { v: VERSION_STAMPED, url: urlHash, parent, author, text, ts: Date.now(), nonce: MAX_NONCE, key: 'k'.repeat(43), sig: 's'.repeat(86) }
  return fileBytes(kind == null ? fields : { ...fields, v: VERSION_RECORDS, kind }).length
}
