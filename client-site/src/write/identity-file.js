/**
 * The identity file: the reader's Ed25519 seed sealed under a passphrase, for moving an identity
 * to another browser (format: client-site/README.md, "The identity file"; decision: docs/adr/012-reader-key.md).
 *
 * Only WebCrypto: PBKDF2-SHA-256 (600,000 iterations, OWASP's figure for it) turns the
 * passphrase and a random salt into an AES-256-GCM key, which seals the 32-byte seed. Every other
 * field of the file is the cipher's additional data (as canonical JSON), so a file whose public
 * key, salt or iteration count was changed does not open, even with the right passphrase.
 * Version 1 files (the seed in the clear, written before issue 21) are still read.
 */
import { canonicalBytes, decodeBase64Url, encodeBase64Url } from '@comments/protocol'
import { t } from '../i18n/index.js'

export const FILE_TYPE = 'comments-identity'
export const FILE_VERSION = 2
export const PBKDF2_ITERATIONS = 600_000
/** Fewer is too cheap to guess against; more would let a crafted file hold the page for minutes. */
export const MIN_ITERATIONS = 100_000
export const MAX_ITERATIONS = 10_000_000
export const MIN_PASSPHRASE = 8

const ED25519 = { name: 'Ed25519' }
const FIELDS_V2 = ['cipher', 'createdAt', 'kdf', 'key', 'sealed', 'type', 'v']

/** Why a file was refused; `code` is one of `not-identity`, `damaged`, `passphrase`. */
export class IdentityFileError extends Error {
  constructor (code, message) {
    super(message)
    this.name = 'IdentityFileError'
    this.code = code
  }
}

/**
 * The file's text for an identity.
 *
 * @param {{ seed: Uint8Array, publicKey: string, createdAt: number }} identity
 * @param {string} passphrase
 * @param {{ iterations?: number, salt?: Uint8Array, iv?: Uint8Array }} [options] fixed values for tests
 */
export async function sealIdentity ({ seed, publicKey, createdAt }, passphrase, options = {}) {
  if (seed?.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes')
  const problem = passphraseProblem(passphrase)
  if (problem != null) throw new IdentityFileError('passphrase', problem)
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16))
  const iv = options.iv ?? crypto.getRandomValues(new Uint8Array(12))
  const header = {
    type: FILE_TYPE,
    v: FILE_VERSION,
    key: publicKey,
    createdAt,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: options.iterations ?? PBKDF2_ITERATIONS, salt: encodeBase64Url(salt) },
    cipher: { name: 'AES-GCM', iv: encodeBase64Url(iv) }
  }
  const key = await passphraseKey(passphrase, salt, header.kdf.iterations, 'encrypt')
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: canonicalBytes(header) }, key, seed))
  return JSON.stringify({ ...header, sealed: encodeBase64Url(sealed) }, null, 2) + '\n'
}

/**
 * The identity in a file's text, checked: the seed opens with this passphrase and is the seed of
 * the file's public key. Throws an IdentityFileError saying what is wrong.
 *
 * @param {string} text
 * @param {string} passphrase ignored for version 1 files, which hold the seed in the clear
 * @returns {Promise<{ seed: Uint8Array, publicKey: string, createdAt: number | undefined }>}
 */
export async function openIdentity (text, passphrase) {
  let file
  try {
    file = JSON.parse(text)
  } catch {
    throw new IdentityFileError('not-identity', t('identity.notJson'))
  }
  if (file === null || typeof file !== 'object' || file.type !== FILE_TYPE) {
    throw new IdentityFileError('not-identity', t('identity.notIdentity'))
  }
  if (file.v === 1) return openV1(file)
  if (file.v !== FILE_VERSION) throw new IdentityFileError('not-identity', t('identity.unknownVersion', { version: JSON.stringify(file.v) }))
  const { key, createdAt, kdf, cipher, sealed: sealedText } = file
  const salt = decodeBase64Url(kdf?.salt)
  const iv = decodeBase64Url(cipher?.iv)
  const sealed = decodeBase64Url(sealedText)
  const shapeOk = Object.keys(file).sort().join() === FIELDS_V2.join() &&
    decodeBase64Url(key)?.length === 32 && Number.isSafeInteger(createdAt) && createdAt >= 0 &&
    onlyKeys(kdf, ['hash', 'iterations', 'name', 'salt']) && kdf.name === 'PBKDF2' && kdf.hash === 'SHA-256' &&
    Number.isSafeInteger(kdf.iterations) && kdf.iterations >= MIN_ITERATIONS && kdf.iterations <= MAX_ITERATIONS &&
    salt != null && salt.length >= 16 && salt.length <= 64 &&
    onlyKeys(cipher, ['iv', 'name']) && cipher.name === 'AES-GCM' && iv?.length === 12 &&
    sealed?.length === 32 + 16
  if (!shapeOk) throw new IdentityFileError('damaged', t('identity.damagedField'))
  if (typeof passphrase !== 'string' || passphrase === '') throw new IdentityFileError('passphrase', t('identity.typePassphrase'))

  const { sealed: _, ...header } = file
  const aes = await passphraseKey(passphrase, salt, kdf.iterations, 'decrypt')
  let seed
  try {
    seed = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: canonicalBytes(header) }, aes, sealed))
  } catch {
    // AES-GCM cannot tell a wrong passphrase from a changed file: both fail its check.
    throw new IdentityFileError('passphrase', t('identity.wrongPassphrase'))
  }
  await checkPair(seed, key)
  return { seed, publicKey: key, createdAt }
}

/** A message when a passphrase is too weak to protect a file, or null. */
export function passphraseProblem (passphrase) {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE) {
    return t('identity.shortPassphrase', { min: MIN_PASSPHRASE })
  }
  return null
}

/** A private CryptoKey for an Ed25519 seed (WebCrypto takes a bare seed only inside a JWK). */
export function importSeed (seed, publicKey, extractable) {
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: encodeBase64Url(seed), x: publicKey }, ED25519, extractable, ['sign'])
}

/** The 32-byte seed of an extractable private key. */
export async function seedOf (privateKey) {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey)
  return decodeBase64Url(jwk.d)
}

async function openV1 (file) {
  const seed = decodeBase64Url(file.seed)
  if (seed?.length !== 32 || decodeBase64Url(file.key)?.length !== 32) {
    throw new IdentityFileError('damaged', t('identity.damagedSeed'))
  }
  await checkPair(seed, file.key)
  return { seed, publicKey: file.key, createdAt: Number.isSafeInteger(file.createdAt) ? file.createdAt : undefined }
}

// The seed must be the public key's: a signature made with one verifies with the other.
async function checkPair (seed, publicKeyText) {
  let privateKey
  try {
    privateKey = await importSeed(seed, publicKeyText, false)
  } catch {
    throw new IdentityFileError('damaged', t('identity.damagedKey'))
  }
  const probe = new TextEncoder().encode('comments identity check')
  const sig = await crypto.subtle.sign(ED25519, privateKey, probe)
  const publicKey = await crypto.subtle.importKey('raw', decodeBase64Url(publicKeyText), ED25519, false, ['verify'])
  if (!await crypto.subtle.verify(ED25519, publicKey, sig, probe)) {
    throw new IdentityFileError('damaged', t('identity.damagedMismatch'))
  }
}

async function passphraseKey (passphrase, salt, iterations, use) {
  // NFC: the same passphrase typed on another system (another keyboard, another IME) gives the same bytes.
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey'])
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [use])
}

function onlyKeys (value, keys) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).sort().join() === keys.join()
}
