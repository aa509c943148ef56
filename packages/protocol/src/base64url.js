/**
 * Unpadded base64url (RFC 4648 §5), the spelling of a comment's `key` and `sig`. Decoding
 * accepts only the one canonical spelling of a byte string, as the Java verifier does.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const SHAPE = /^[A-Za-z0-9_-]+$/

/** @param {Uint8Array} bytes */
export function encodeBase64Url (bytes) {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i] << 16
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63]
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63]
  }
  return out
}

/**
 * @param {string} text
 * @returns {Uint8Array | null} the bytes, or null when the text is not canonical unpadded base64url
 */
export function decodeBase64Url (text) {
  if (typeof text !== 'string' || !SHAPE.test(text) || text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor(text.length * 3 / 4))
  let bits = 0
  let value = 0
  let j = 0
  for (const c of text) {
    value = (value << 6) | ALPHABET.indexOf(c)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (value >> bits) & 0xff
    }
  }
  // Leftover bits must be zero, or two spellings would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return null
  return out
}
