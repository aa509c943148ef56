/**
 * "Keep or check this thread": download the page's thread as a CAR (the folder itself,
 * which anyone can verify offline or import into a server) or as JSON (the comments, for
 * people and scripts), and check a downloaded file right here, offline.
 */
import { t } from '../i18n/index.js'
import { h, setText } from './dom.js'

export class ThreadFiles {
  /**
   * @param {{ onDownload: (kind: 'car' | 'json') => Promise<string>, onCheck: (bytes: Uint8Array) => Promise<string> }} init
   *   each resolves to a message for the reader, or rejects with one
   */
  constructor ({ onDownload, onCheck }) {
    this.onDownload = onDownload
    this.onCheck = onCheck
    this.car = h('button', { type: 'button', disabled: true, 'data-testid': 'download-car', onclick: () => this.download('car') }, t('files.car'))
    this.json = h('button', { type: 'button', disabled: true, 'data-testid': 'download-json', onclick: () => this.download('json') }, t('files.json'))
    this.file = h('input', { type: 'file', accept: '.car,.json,application/vnd.ipld.car,application/json', id: 'check-file', class: 'visually-hidden', 'data-testid': 'check-file', onchange: () => this.check() })
    this.message = h('p', { class: 'thread-files-message', 'aria-live': 'polite', 'data-testid': 'thread-files-message' })
    this.element = h('details', { class: 'thread-files', 'data-testid': 'thread-files' },
      h('summary', {}, t('files.summary')),
      h('p', {}, t('files.about')),
      h('div', { class: 'thread-files-actions' }, this.car, this.json,
        this.file, h('label', { for: 'check-file', class: 'button-like' }, t('files.check'))),
      this.message)
  }

  /** Downloads are offered once the thread has been read. */
  setReady (ready) {
    this.car.disabled = !ready
    this.json.disabled = !ready
  }

  async download (kind) {
    try {
      setText(this.message, await this.onDownload(kind))
    } catch (err) {
      setText(this.message, t('files.downloadFailed', { error: err.message }))
    }
  }

  async check () {
    const file = this.file.files?.[0]
    if (file == null) return
    try {
      setText(this.message, await this.onCheck(new Uint8Array(await file.arrayBuffer())))
    } catch (err) {
      setText(this.message, t('files.checkFailed', { file: file.name, error: err.message }))
    } finally {
      this.file.value = ''
    }
  }
}
