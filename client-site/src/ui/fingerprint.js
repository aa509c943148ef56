/**
 * A key's fingerprint, the one way a key is shown to people (every comment's header, the
 * identity panel): 60 bits of the SHA-256 of the raw public key as 12 characters of Crockford's
 * base32 in three groups, e.g. `k7qm-2xf9-3ahd`. The old header showed the key's first six
 * characters (36 bits, which anyone can match by trying keys for a day); finding a key with a
 * given fingerprint takes about 2^60 tries. The alphabet has no i, l, o, u, so no two
 * characters are easily confused. Decision: docs/adr/012-reader-key.md.
 */
import { decodeBase64Url } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { h } from './dom.js'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
export const FINGERPRINT_BITS = 60
const cache = new Map()

/**
 * @param {string} publicKey base64url of the 32-byte Ed25519 key
 * @returns {Promise<string>}
 */
export function fingerprintOf (publicKey) {
  let known = cache.get(publicKey)
  if (known === undefined) {
    known = compute(publicKey)
    if (cache.size > 10_000) cache.clear()
    cache.set(publicKey, known)
  }
  return known
}

/**
 * An element showing a key's fingerprint (filled in once computed), with the whole key in its title.
 *
 * @param {string} publicKey
 * @param {Record<string, any>} [props]
 */
export function fingerprintElement (publicKey, props = {}) {
  const el = h('span', { class: 'fingerprint', dir: 'ltr', title: t('key.title', { key: publicKey }), ...props })
  fingerprintOf(publicKey).then(fp => { el.textContent = fp }, () => { el.textContent = t('key.unknown') })
  return el
}

async function compute (publicKey) {
  const raw = decodeBase64Url(publicKey)
  if (raw?.length !== 32) throw new TypeError('not an Ed25519 public key')
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw))
  let bits = 0n
  for (const b of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(b)
  bits >>= BigInt(64 - FINGERPRINT_BITS)
  let out = ''
  for (let i = FINGERPRINT_BITS / 5 - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)]
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`
}
