/**
 * "Your identity": the key that signs your comments, saving it to a passphrase-protected file
 * (only in the visit it was made or loaded in: docs/adr/012-reader-key.md) and loading one.
 */
import { t, tAround } from '../i18n/index.js'
import { MIN_PASSPHRASE } from '../write/identity-file.js'
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
    this.exportButton = h('button', { type: 'button', 'data-testid': 'identity-export', onclick: () => this.export() }, t('identity.export'))
    this.save = h('fieldset', { class: 'identity-save', 'data-testid': 'identity-save' },
      h('legend', {}, t('identity.saveLegend')),
      h('p', {}, t('identity.saveAbout')),
      h('label', { for: 'identity-passphrase' }, t('identity.passphrase', { min: MIN_PASSPHRASE })), this.passphrase,
      h('label', { for: 'identity-passphrase-again' }, t('identity.passphraseAgain')), this.again,
      this.exportButton)
    this.noExport = h('p', { 'data-testid': 'identity-no-export', hidden: true }, t('identity.noExport'))

    this.importPassphrase = h('input', { type: 'password', id: 'identity-import-passphrase', autocomplete: 'current-password', 'data-testid': 'identity-import-passphrase' })
    this.file = h('input', { type: 'file', accept: '.json,application/json', id: 'identity-file', class: 'visually-hidden', 'data-testid': 'identity-import', onchange: () => this.import() })
    this.load = h('fieldset', { class: 'identity-load' },
      h('legend', {}, t('identity.loadLegend')),
      h('p', {}, t('identity.loadAbout')),
      h('label', { for: 'identity-import-passphrase' }, t('identity.filePassphrase')), this.importPassphrase,
      h('div', { class: 'identity-actions' }, this.file, h('label', { for: 'identity-file', class: 'button-like' }, t('identity.chooseFile'))))

    this.element = h('details', { class: 'identity', 'data-testid': 'identity' },
      h('summary', {}, t('identity.summary')),
      h('p', {}, t('identity.about')),
      h('p', {}, t('identity.key'), this.keyText),
      h('p', {}, tAround('identity.shownAs', {}, 'fingerprint', this.fingerprint)),
      this.save, this.noExport, this.load, this.message)
  }

  async refresh () {
    try {
      const me = await this.identities.load()
      setText(this.keyText, me == null ? t('identity.noneYet') : me.publicKey)
      setText(this.fingerprint, me == null ? t('identity.noFingerprint') : await fingerprintOf(me.publicKey))
      const canExport = me != null && this.identities.canExport()
      this.save.hidden = !canExport
      this.noExport.hidden = me == null || canExport
      if (canExport && this.identities.fresh && !this.offered) {
        // The one moment the key can be saved: say so where the reader looks.
        this.offered = true
        this.element.open = true
        setText(this.message, t('identity.fresh'))
      }
    } catch (err) {
      setText(this.keyText, t('identity.unavailable'))
      setText(this.message, err.message)
    }
  }

  async export () {
    if (this.passphrase.value !== this.again.value) {
      setText(this.message, t('identity.passphrasesDiffer'))
      return
    }
    this.exportButton.disabled = true
    setText(this.message, t('identity.locking'))
    try {
      saveFile(FILE_NAME, await this.identities.exportFile(this.passphrase.value), 'application/json')
      this.passphrase.value = this.again.value = ''
      setText(this.message, t('identity.saved', { file: FILE_NAME }))
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.exportButton.disabled = false
    }
  }

  async import () {
    const file = this.file.files?.[0]
    if (file == null) return
    setText(this.message, t('identity.opening'))
    try {
      const me = await this.identities.importFile(await file.text(), this.importPassphrase.value)
      this.importPassphrase.value = ''
      setText(this.message, t('identity.loaded', { key: me.publicKey }))
      await this.refresh()
      this.onChange()
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.file.value = ''
    }
  }
}
