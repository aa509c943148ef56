/**
 * The author's Ed25519 identity (docs/protocol.md §3), made with WebCrypto on the first post.
 * The key that signs is non-extractable: page scripts can use it but never read it.
 * For moving to another browser, a second copy is kept wrapped (AES-GCM) under another
 * non-extractable key, and unwrapped only when the person asks for an identity file.
 * That copy is what export/import need; it adds no power a script in this page lacks,
 * since such a script can already sign with the key.
 */
import { decodeBase64Url, encodeBase64Url } from '@comments/protocol'

const ED25519 = { name: 'Ed25519' }
const RECORD = 'self'
export const FILE_TYPE = 'comments-identity'

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
  }

  /** @returns {Promise<Identity | null>} */
  async load () {
    if (this.cache != null) return this.cache
    const record = await this.store.get(RECORD)
    if (record == null) return null
    this.cache = { privateKey: record.privateKey, publicKey: record.publicKey, createdAt: record.createdAt }
    return this.cache
  }

  /** The identity, made now if there is none yet. */
  async loadOrCreate () {
    const existing = await this.load()
    if (existing != null) return existing
    const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])
    const publicKey = encodeBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)))
    return this.keep(pair.privateKey, publicKey)
  }

  /** The identity as a file's text: the public key and the 32-byte private seed. */
  async exportText () {
    const record = await this.store.get(RECORD)
    if (record == null) throw new IdentityError('there is no identity yet: it is made on your first post')
    const { iv, wrapped, wrappingKey } = record.backup
    const extractable = await crypto.subtle.unwrapKey('pkcs8', wrapped, wrappingKey, { name: 'AES-GCM', iv }, ED25519, true, ['sign'])
    const jwk = await crypto.subtle.exportKey('jwk', extractable)
    return JSON.stringify({ type: FILE_TYPE, v: 1, key: record.publicKey, seed: jwk.d, createdAt: record.createdAt }, null, 2) + '\n'
  }

  /**
   * Replaces the identity with the one in an exported file's text.
   *
   * @param {string} text
   * @returns {Promise<Identity>}
   */
  async importText (text) {
    let file
    try {
      file = JSON.parse(text)
    } catch {
      throw new IdentityError('this is not an identity file (not JSON)')
    }
    if (file?.type !== FILE_TYPE || file.v !== 1) throw new IdentityError('this is not an identity file')
    const seed = decodeBase64Url(file.seed)
    const key = decodeBase64Url(file.key)
    if (seed?.length !== 32 || key?.length !== 32) throw new IdentityError('the identity file is damaged (key or seed)')
    let privateKey
    try {
      privateKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: file.seed, x: file.key }, ED25519, true, ['sign'])
    } catch {
      throw new IdentityError('the identity file is damaged (the key does not load)')
    }
    // The file's public key must be the seed's: a signature made with one verifies with the other.
    const probe = new TextEncoder().encode('comments identity check')
    const sig = await crypto.subtle.sign(ED25519, privateKey, probe)
    const publicKey = await crypto.subtle.importKey('raw', key, ED25519, false, ['verify'])
    if (!await crypto.subtle.verify(ED25519, publicKey, sig, probe)) throw new IdentityError('the identity file is damaged (key and seed do not match)')
    this.cache = null
    return this.keep(privateKey, file.key, typeof file.createdAt === 'number' ? file.createdAt : undefined)
  }

  async forget () {
    this.cache = null
    await this.store.delete(RECORD)
  }

  // Stores a non-extractable signing copy and a wrapped copy for export; drops the rest.
  async keep (extractableKey, publicKey, createdAt = this.now()) {
    const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey'])
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const wrapped = await crypto.subtle.wrapKey('pkcs8', extractableKey, wrappingKey, { name: 'AES-GCM', iv })
    const privateKey = await crypto.subtle.unwrapKey('pkcs8', wrapped, wrappingKey, { name: 'AES-GCM', iv }, ED25519, false, ['sign'])
    await this.store.put(RECORD, { publicKey, privateKey, createdAt, backup: { iv, wrapped, wrappingKey } })
    this.cache = { privateKey, publicKey, createdAt }
    return this.cache
  }
}
