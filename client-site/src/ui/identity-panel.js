/**
 * "Your identity": the key that signs your comments, and moving it between browsers
 * (export to a file, import from one).
 */
import { h, setText } from './dom.js'
import { saveFile } from './save-file.js'

export class IdentityPanel {
  /**
   * @param {{ identities: import('../write/identity.js').Identities, onChange: () => void }} init
   */
  constructor ({ identities, onChange }) {
    this.identities = identities
    this.onChange = onChange
    this.keyText = h('code', { 'data-testid': 'identity-key' })
    this.message = h('p', { class: 'identity-message', 'aria-live': 'polite', 'data-testid': 'identity-message' })
    this.exportButton = h('button', { type: 'button', 'data-testid': 'identity-export', onclick: () => this.export() }, 'Save identity to a file')
    this.file = h('input', { type: 'file', accept: '.json,application/json', id: 'identity-file', class: 'visually-hidden', 'data-testid': 'identity-import', onchange: () => this.import() })
    this.element = h('details', { class: 'identity', 'data-testid': 'identity' },
      h('summary', {}, 'Your identity'),
      h('p', {}, 'Your comments are signed with a key that stays in this browser. ',
        'To post as the same person from another browser, save it to a file and load it there. ',
        'Keep the file private: anyone who has it can post as you.'),
      h('p', {}, 'Key: ', this.keyText),
      h('div', { class: 'identity-actions' }, this.exportButton,
        this.file, h('label', { for: 'identity-file', class: 'button-like' }, 'Load identity from a file')),
      this.message)
  }

  async refresh () {
    try {
      const me = await this.identities.load()
      setText(this.keyText, me == null ? 'none yet: one is made on your first post' : me.publicKey)
      this.exportButton.disabled = me == null
    } catch (err) {
      setText(this.keyText, 'unavailable')
      setText(this.message, err.message)
    }
  }

  async export () {
    try {
      saveFile('comments-identity.json', await this.identities.exportText(), 'application/json')
      setText(this.message, 'Saved as comments-identity.json.')
    } catch (err) {
      setText(this.message, err.message)
    }
  }

  async import () {
    const file = this.file.files?.[0]
    if (file == null) return
    try {
      const me = await this.identities.importText(await file.text())
      setText(this.message, `Loaded: you now post as key ${me.publicKey.slice(0, 6)}…`)
      await this.refresh()
      this.onChange()
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.file.value = ''
    }
  }
}
