/**
 * The author's Ed25519 identity (docs/protocol.md §3), made with WebCrypto on the first post
 * (decision: docs/adr/012-reader-key.md).
 *
 * What is stored (IndexedDB) is a non-extractable CryptoKey: scripts of this origin can sign with
 * it while the reader is here, but none can read the key out and take it elsewhere. No other
 * copy of the private key is stored anywhere. An extractable copy exists only in this page's
 * memory, from the moment the identity is made, loaded from a file or moved out of the old
 * stored format until the page is closed: that is when the reader can save it to a
 * passphrase-protected file (identity-file.js). After that it can no longer leave the browser.
 */
import { encodeBase64Url } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { IdentityFileError, importSeed, openIdentity, sealIdentity, seedOf } from './identity-file.js'

const ED25519 = { name: 'Ed25519' }
const RECORD = 'self'
/** The stored record's format: 2 holds only the non-extractable key; 1 (before issue 21) also a wrapped extractable copy. */
export const RECORD_VERSION = 2

export class IdentityError extends Error {
  constructor (message) {
    super(message)
    this.name = 'IdentityError'
  }
}

/**
 * @typedef {{ privateKey: CryptoKey, publicKey: string, createdAt: number }} Identity
 */

export class Identities {
  /**
   * @param {{ get(key: string): Promise<any>, put(key: string, value: any): Promise<void>, delete(key: string): Promise<void> }} store
   *   where the record lives (IndexedDB in the page; it must keep CryptoKeys as they are)
   * @param {{ now?: () => number }} [deps]
   */
  constructor (store, deps = {}) {
    this.store = store
    this.now = deps.now ?? Date.now
    this.cache = null
    /** The extractable private key, in memory only, while it can still be saved to a file. */
    this.movable = null
    /** True when the identity was made (or moved to the new format) in this page: the moment to offer a backup. */
    this.fresh = false
  }

  /** @returns {Promise<Identity | null>} */
  async load () {
    if (this.cache != null) return this.cache
    let record = await this.store.get(RECORD)
    if (record == null) return null
    if (record.v !== RECORD_VERSION) record = await this.migrate(record)
    this.cache = { privateKey: record.privateKey, publicKey: record.publicKey, createdAt: record.createdAt }
    return this.cache
  }

  /** The identity, made now if there is none yet. */
  async loadOrCreate () {
    const existing = await this.load()
    if (existing != null) return existing
    // Extractable only here, in memory, so that the reader can save it to a file in this visit.
    const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])
    const publicKey = encodeBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)))
    const me = await this.keep(pair.privateKey, publicKey, this.now())
    this.fresh = true
    return me
  }

  /** Whether the identity can still be saved to a file (only in the visit it was made or loaded in). */
  canExport () {
    return this.movable != null && this.cache != null
  }

  /**
   * The identity file's text, sealed under the passphrase.
   *
   * @param {string} passphrase
   */
  async exportFile (passphrase) {
    const me = await this.load()
    if (me == null) throw new IdentityError(t('identity.noIdentity'))
    if (!this.canExport()) throw new IdentityError(t('identity.cannotExport'))
    try {
      return await sealIdentity({ seed: await seedOf(this.movable), publicKey: me.publicKey, createdAt: me.createdAt }, passphrase)
    } catch (err) {
      if (err instanceof IdentityFileError) throw new IdentityError(err.message)
      throw err
    }
  }

  /**
   * Replaces the identity with the one in a file. Everything is checked before anything is
   * stored: a wrong passphrase or a bad file changes nothing.
   *
   * @param {string} text
   * @param {string} passphrase
   * @returns {Promise<Identity>}
   */
  async importFile (text, passphrase) {
    let opened
    try {
      opened = await openIdentity(text, passphrase)
    } catch (err) {
      if (err instanceof IdentityFileError) throw new IdentityError(err.message)
      throw err
    }
    const extractable = await importSeed(opened.seed, opened.publicKey, true)
    opened.seed.fill(0)
    this.cache = null
    this.fresh = false
    return this.keep(extractable, opened.publicKey, opened.createdAt ?? this.now())
  }

  async forget () {
    this.cache = null
    this.movable = null
    await this.store.delete(RECORD)
  }

  // Stores a non-extractable copy (the only one stored) in one write that replaces the record.
  async keep (extractableKey, publicKey, createdAt) {
    const privateKey = await nonExtractable(extractableKey)
    await this.store.put(RECORD, { v: RECORD_VERSION, publicKey, privateKey, createdAt })
    this.movable = extractableKey
    this.cache = { privateKey, publicKey, createdAt }
    return this.cache
  }

  /**
   * A record of the old format (a non-extractable signing key beside a wrapped extractable copy
   * and the key that unwraps it) becomes the new one by one `put` of the same record: the store
   * always holds the identity, first with the copy, then without it. The copy is unwrapped into
   * memory on the way, so that the reader can still save the identity to a file in this visit.
   */
  async migrate (record) {
    let privateKey = record.privateKey
    this.movable = null
    if (record.backup != null) {
      try {
        const { iv, wrapped, wrappingKey } = record.backup
        this.movable = await crypto.subtle.unwrapKey('pkcs8', wrapped, wrappingKey, { name: 'AES-GCM', iv }, ED25519, true, ['sign'])
      } catch (err) {
        console.warn('the old identity backup did not unwrap; the signing key is kept', err)
      }
    }
    if (privateKey?.extractable) privateKey = await nonExtractable(privateKey)
    const next = { v: RECORD_VERSION, publicKey: record.publicKey, privateKey, createdAt: record.createdAt }
    await this.store.put(RECORD, next)
    this.fresh = this.movable != null
    return next
  }
}

async function nonExtractable (privateKey) {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey)
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign'])
  } finally {
    new Uint8Array(pkcs8).fill(0)
  }
}
