/**
 * "Your identity": the key that signs your comments, saving it to a passphrase-protected file
 * (only in the visit it was made or loaded in: docs/adr/012-reader-key.md) and loading one.
 */
import { h, setText } from './dom.js'
import { fingerprintOf } from './fingerprint.js'
import { saveFile } from './save-file.js'

export const FILE_NAME = 'comments-identity.json'

export class IdentityPanel {
  /**
   * @param {{ identities: import('../write/identity.js').Identities, onChange: () => void }} init
   */
  constructor ({ identities, onChange }) {
    this.identities = identities
    this.onChange = onChange
    this.keyText = h('code', { 'data-testid': 'identity-key' })
    this.fingerprint = h('span', { class: 'fingerprint', 'data-testid': 'identity-fingerprint' })
    this.message = h('p', { class: 'identity-message', 'aria-live': 'polite', 'data-testid': 'identity-message' })

    this.passphrase = h('input', { type: 'password', id: 'identity-passphrase', autocomplete: 'new-password', 'data-testid': 'identity-passphrase' })
    this.again = h('input', { type: 'password', id: 'identity-passphrase-again', autocomplete: 'new-password', 'data-testid': 'identity-passphrase-again' })
    this.exportButton = h('button', { type: 'button', 'data-testid': 'identity-export', onclick: () => this.export() }, 'Save identity to a file')
    this.save = h('fieldset', { class: 'identity-save', 'data-testid': 'identity-save' },
      h('legend', {}, 'Save it to a file'),
      h('p', {}, 'The file is locked with a passphrase: keep both. This can be done only now, while this page stays open: ',
        'afterwards the browser keeps the key so that no script, not even this page, can read it out.'),
      h('label', { for: 'identity-passphrase' }, 'Passphrase (at least 8 characters)'), this.passphrase,
      h('label', { for: 'identity-passphrase-again' }, 'The passphrase again'), this.again,
      this.exportButton)
    this.noExport = h('p', { 'data-testid': 'identity-no-export', hidden: true },
      'This key can no longer be saved to a file: it is saved only in the visit where it is made or loaded. ',
      'It stays in this browser and keeps signing your comments.')

    this.importPassphrase = h('input', { type: 'password', id: 'identity-import-passphrase', autocomplete: 'current-password', 'data-testid': 'identity-import-passphrase' })
    this.file = h('input', { type: 'file', accept: '.json,application/json', id: 'identity-file', class: 'visually-hidden', 'data-testid': 'identity-import', onchange: () => this.import() })
    this.load = h('fieldset', { class: 'identity-load' },
      h('legend', {}, 'Load an identity from a file'),
      h('p', {}, 'It replaces the key this browser has now.'),
      h('label', { for: 'identity-import-passphrase' }, 'The file\'s passphrase'), this.importPassphrase,
      h('div', { class: 'identity-actions' }, this.file, h('label', { for: 'identity-file', class: 'button-like' }, 'Choose the file and load it')))

    this.element = h('details', { class: 'identity', 'data-testid': 'identity' },
      h('summary', {}, 'Your identity'),
      h('p', {}, 'Your comments are signed with a key that stays in this browser. ',
        'To post as the same person from another browser, save it to a file and load it there.'),
      h('p', {}, 'Key: ', this.keyText),
      h('p', {}, 'Shown beside your comments as ', this.fingerprint, ': compare it to know a comment is yours; anyone can take your name, not this.'),
      this.save, this.noExport, this.load, this.message)
  }

  async refresh () {
    try {
      const me = await this.identities.load()
      setText(this.keyText, me == null ? 'none yet: one is made on your first post' : me.publicKey)
      setText(this.fingerprint, me == null ? '(none yet)' : await fingerprintOf(me.publicKey))
      const canExport = me != null && this.identities.canExport()
      this.save.hidden = !canExport
      this.noExport.hidden = me == null || canExport
      if (canExport && this.identities.fresh && !this.offered) {
        // The one moment the key can be saved: say so where the reader looks.
        this.offered = true
        this.element.open = true
        setText(this.message, 'A key was just made for you (or moved to safer storage). To post as the same person elsewhere, save it to a file now.')
      }
    } catch (err) {
      setText(this.keyText, 'unavailable')
      setText(this.message, err.message)
    }
  }

  async export () {
    if (this.passphrase.value !== this.again.value) {
      setText(this.message, 'The two passphrases differ.')
      return
    }
    this.exportButton.disabled = true
    setText(this.message, 'Locking the file…')
    try {
      saveFile(FILE_NAME, await this.identities.exportFile(this.passphrase.value), 'application/json')
      this.passphrase.value = this.again.value = ''
      setText(this.message, `Saved as ${FILE_NAME}. Keep it and its passphrase: anyone with both can post as you.`)
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.exportButton.disabled = false
    }
  }

  async import () {
    const file = this.file.files?.[0]
    if (file == null) return
    setText(this.message, 'Opening the file…')
    try {
      const me = await this.identities.importFile(await file.text(), this.importPassphrase.value)
      this.importPassphrase.value = ''
      setText(this.message, `Loaded: you now post as key ${me.publicKey}.`)
      await this.refresh()
      this.onChange()
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.file.value = ''
    }
  }
}
