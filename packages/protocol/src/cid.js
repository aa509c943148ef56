/**
 * The one kind of CID a comment id is: CIDv1, codec raw (0x55), sha2-256, written in
 * base32 ("b" + lowercase RFC 4648, unpadded), e.g. "bafkrei…". The same CID that
 * `ipfs add --cid-version=1 --raw-leaves` gives a small file. Also the network id's DHT
 * key (docs/protocol.md §2).
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
const PREFIX = [0x01, 0x55, 0x12, 0x20] // version 1, raw, sha2-256, 32-byte digest
const SHAPE = /^b[a-z2-7]{58}$/
const ANY_SHAPE = /^b[a-z2-7]{10,200}$/ // the Java Cid's bounds

/** Multicodec codes the protocol names. */
export const CODEC = Object.freeze({ RAW: 0x55, DAG_PB: 0x70 })
const SHA2_256 = 0x12

/**
 * The id of these bytes.
 *
 * @param {Uint8Array} bytes
 * @returns {Promise<string>}
 */
export async function rawCidOf (bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return rawCidFromDigest(digest)
}

/** @param {Uint8Array} digest 32 bytes */
export function rawCidFromDigest (digest) {
  const binary = new Uint8Array(36)
  binary.set(PREFIX)
  binary.set(digest, 4)
  return `b${encodeBase32(binary)}`
}

/**
 * The sha2-256 digest a comment id names, or null when the text is not exactly a
 * canonical base32 CIDv1 raw sha2-256 (the rule the Java verifier applies to `parent`).
 *
 * @param {string} text
 * @returns {Uint8Array | null}
 */
export function digestOfRawCid (text) {
  if (typeof text !== 'string' || !SHAPE.test(text)) return null
  const binary = decodeBase32(text.slice(1))
  if (binary == null || binary.length !== 36) return null
  for (let i = 0; i < PREFIX.length; i++) if (binary[i] !== PREFIX[i]) return null
  return binary.slice(4)
}

/** True when the text is a comment id (see digestOfRawCid). */
export function isCommentId (text) {
  return digestOfRawCid(text) != null
}

/** True when `id` is the CID of exactly these bytes. */
export async function isRawCidOf (id, bytes) {
  return digestOfRawCid(id) != null && await rawCidOf(bytes) === id
}

/**
 * Reads any CIDv1 in the one spelling this protocol writes (base32, as `digestOfRawCid`
 * reads comment ids) and refuses everything else, CIDv0 included, as the Java `Cid.parse`
 * does: folder CIDs (dag-pb) are checked with it.
 *
 * @param {string} text
 * @returns {{ codec: number, multihash: number, digest: Uint8Array } | null}
 */
export function parseCid (text) {
  if (typeof text !== 'string' || !ANY_SHAPE.test(text)) return null
  const binary = decodeBase32(text.slice(1))
  if (binary == null) return null
  const at = { pos: 0 }
  const [version, codec, multihash, length] = [0, 1, 2, 3].map(() => readVarint(binary, at))
  if (version !== 1 || codec == null || multihash == null || length == null) return null
  if (length === 0 || length !== binary.length - at.pos) return null
  if (multihash === SHA2_256 && length !== 32) return null
  return { codec, multihash, digest: binary.slice(at.pos) }
}

// An unsigned LEB128 varint, minimal and of at most 9 bytes (the Java Cid's rule), or null.
function readVarint (bytes, at) {
  let value = 0
  for (let i = 0; i < 9 && at.pos < bytes.length; i++) {
    const b = bytes[at.pos++]
    value += (b & 0x7f) * 2 ** (7 * i)
    if ((b & 0x80) === 0) return b === 0 && i > 0 ? null : value
  }
  return null
}

function encodeBase32 (bytes) {
  let out = ''
  let bits = 0
  let value = 0
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += ALPHABET[(value >> bits) & 31]
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

// Lowercase, unpadded, with zero trailing bits: one spelling per byte string.
function decodeBase32 (text) {
  const out = []
  let bits = 0
  let value = 0
  for (const c of text) {
    const v = ALPHABET.indexOf(c)
    if (v === -1) return null
    value = ((value << 5) | v) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out.push((value >> bits) & 0xff)
    }
  }
  if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return null
  return Uint8Array.from(out)
}
