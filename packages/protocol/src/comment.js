/**
 * Reading, checking and signing comments exactly as every receiver does (docs/protocol.md §3 and
 * the Java `CommentVerifier`): the field set and types, the limits, the Ed25519
 * signature over the canonical JSON of the other fields, and for a file also canonical
 * bytes, the id its bytes hash to, and the page it belongs to. Checks run in the Java
 * order, so both name the same first failure.
 */
import { decodeBase64Url, encodeBase64Url } from './base64url.js'
import { canonicalBytes } from './canonical-json.js'
import { digestOfRawCid, rawCidOf } from './cid.js'
import { codePointLength } from './comment-rules.js'
import {
  FIELDS, KIND, KINDS, MAX_AUTHOR, MAX_FILE_BYTES, MAX_NONCE, MAX_TEXT, MAX_TS, NONCE, REACTIONS, VERSION, VERSION_RECORDS,
  VERSION_STAMPED, WITHDRAWN
} from './constants.js'
import { InvalidCommentError } from './errors.js'
import { isUrlHash } from './url-hash.js'

const ED25519 = { name: 'Ed25519' }
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * @typedef {object} Comment
 * @property {number} v
 * @property {string} url
 * @property {string | null} parent
 * @property {string} author
 * @property {string} text
 * @property {number} ts
 * @property {number} [nonce] versions 2 and 3: what its author varied to stamp it
 * @property {'comment' | 'revision' | 'withdrawal' | 'reaction'} [kind] version 3 only (docs/protocol.md §3.10)
 * @property {string} key
 * @property {string} sig
 */

/**
 * The bytes that are signed: canonical JSON of every field but `sig`.
 *
 * @param {Omit<Comment, 'sig'> | Comment} comment
 */
export function signedBytes (comment) {
  const { sig, ...unsigned } = comment // eslint-disable-line no-unused-vars
  return canonicalBytes(unsigned)
}

/** The file's bytes: canonical JSON of all the fields. */
export function fileBytes (comment) {
  return canonicalBytes(pick(comment))
}

/**
 * Reads the eight fields from bytes with their JSON types, and nothing else.
 *
 * @param {Uint8Array} bytes
 * @returns {Comment}
 * @throws {InvalidCommentError}
 */
export function parseComment (bytes) {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InvalidCommentError('too-large', `the comment has ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are allowed`)
  }
  let text
  try {
    text = UTF8.decode(bytes)
  } catch {
    throw new InvalidCommentError('not-utf8')
  }
  let value
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new InvalidCommentError('not-json', `the comment is not valid JSON: ${err.message}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidCommentError('not-an-object')
  }
  const numbers = new Map()
  for (const [name, number] of topLevelMembers(text)) {
    if (!FIELDS.includes(name) && name !== NONCE && name !== KIND) throw new InvalidCommentError('unknown-field', `unknown field: ${name.slice(0, 100)}`)
    if (numbers.has(name)) throw new InvalidCommentError('duplicate-field', `field appears twice: ${name}`)
    numbers.set(name, number)
  }
  for (const name of FIELDS) {
    if (!Object.hasOwn(value, name)) throw new InvalidCommentError('missing-field', `missing field: ${name}`)
  }
  const comment = {
    v: number(value, 'v', numbers.get('v')),
    url: string(value, 'url'),
    parent: value.parent === null ? null : string(value, 'parent'),
    author: string(value, 'author'),
    text: string(value, 'text'),
    ts: number(value, 'ts', numbers.get('ts'))
  }
  if (Object.hasOwn(value, NONCE)) comment.nonce = number(value, NONCE, numbers.get(NONCE))
  if (Object.hasOwn(value, KIND)) comment.kind = string(value, KIND)
  comment.key = string(value, 'key')
  comment.sig = string(value, 'sig')
  return comment
}

/**
 * Checks the values and the signature of parsed fields; returns the canonical file
 * bytes and the id they hash to.
 *
 * @param {Comment} c
 * @returns {Promise<{ comment: Comment, id: string, bytes: Uint8Array }>}
 * @throws {InvalidCommentError}
 */
export async function verifyComment (c) {
  checkValues(c)
  const key = fixedBase64Url(c.key, 32, 'bad-key')
  const sig = fixedBase64Url(c.sig, 64, 'bad-sig-encoding')
  if (!await ed25519Verify(key, signedBytes(c), sig)) throw new InvalidCommentError('bad-signature')
  const bytes = fileBytes(c)
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InvalidCommentError('too-large', `the comment file would have ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are allowed`)
  }
  return { comment: pick(c), id: await rawCidOf(bytes), bytes }
}

/**
 * Checks a comment as a server checks a POST: any JSON spelling of the fields, and the
 * comment belongs to the page it was sent to.
 *
 * @param {Uint8Array} bytes the request body
 * @param {string} urlHash the page it was posted to
 * @returns {Promise<{ comment: Comment, id: string, bytes: Uint8Array }>}
 * @throws {InvalidCommentError}
 */
export async function verifyPost (bytes, urlHash) {
  const verified = await verifyComment(parseComment(bytes))
  if (verified.comment.url !== urlHash) {
    throw new InvalidCommentError('wrong-page', `the comment's url ${verified.comment.url} is not the page ${urlHash}`)
  }
  return verified
}

/**
 * Checks a file read from IPFS: its bytes hash to the id it is named by, every rule
 * holds, the bytes are canonical, and it belongs to this page.
 *
 * @param {Uint8Array} bytes
 * @param {string} id the name the file was found under (without `.json`)
 * @param {string} urlHash the page whose folder it sits in
 * @returns {Promise<{ comment: Comment, id: string, bytes: Uint8Array }>}
 * @throws {InvalidCommentError}
 */
export async function verifyFile (bytes, id, urlHash) {
  const digest = digestOfRawCid(id)
  if (digest == null || await rawCidOf(bytes) !== id) {
    throw new InvalidCommentError('id-mismatch', `the file's bytes do not hash to ${String(id).slice(0, 80)}`)
  }
  const verified = await verifyComment(parseComment(bytes))
  if (!sameBytes(verified.bytes, bytes)) throw new InvalidCommentError('not-canonical')
  if (verified.comment.url !== urlHash) {
    throw new InvalidCommentError('wrong-page', `the comment's url ${verified.comment.url} is not its folder's page ${urlHash}`)
  }
  return verified
}

/**
 * Signs a new comment with the author's key pair (WebCrypto Ed25519): version 3 when a kind is
 * given (a record, §3.10), else version 2 when a nonce is given (stamp.js finds one), version 1
 * without.
 *
 * @param {{ url: string, parent: string | null, author: string, text: string, ts: number, nonce?: number, kind?: string }} fields
 * @param {{ privateKey: CryptoKey, publicKey: string }} identity publicKey as base64url
 * @returns {Promise<{ comment: Comment, id: string, bytes: Uint8Array }>} checked like any received comment
 */
export async function signComment (fields, identity) {
  const unsigned = unsignedComment(fields, identity.publicKey)
  checkUnsigned(unsigned)
  return verifyComment({ ...unsigned, sig: await signatureOf(unsigned, identity.privateKey) })
}

/**
 * The fields a signature covers, for these values.
 *
 * @param {{ url: string, parent: string | null, author: string, text: string, ts: number, nonce?: number, kind?: string }} fields
 *   a record (with a kind) without a nonce gets nonce 0: version 3 always has one
 * @param {string} publicKey base64url
 */
export function unsignedComment (fields, publicKey) {
  const record = fields.kind !== undefined
  const unsigned = {
    v: record ? VERSION_RECORDS : fields.nonce === undefined ? VERSION : VERSION_STAMPED,
    url: fields.url,
    parent: fields.parent ?? null,
    author: fields.author,
    text: fields.text,
    ts: fields.ts,
    key: publicKey
  }
  if (fields.nonce !== undefined || record) unsigned.nonce = fields.nonce ?? 0
  if (record) unsigned.kind = fields.kind
  return unsigned
}

/**
 * Checks the values of fields about to be signed, so that nothing is signed (or stamped) that a
 * receiver would refuse.
 *
 * @throws {InvalidCommentError}
 */
export function checkUnsigned (unsigned) {
  checkValues({ ...unsigned, sig: '' })
}

/** The base64url Ed25519 signature of a comment's signed bytes. */
export async function signatureOf (unsigned, privateKey) {
  return encodeBase64Url(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, signedBytes(unsigned))))
}

/**
 * Ed25519 verification in WebCrypto; any malformed key or signature is simply invalid.
 *
 * @param {Uint8Array} publicKey 32 bytes
 * @param {Uint8Array} message
 * @param {Uint8Array} signature 64 bytes
 */
export async function ed25519Verify (publicKey, message, signature) {
  try {
    const key = await crypto.subtle.importKey('raw', publicKey, ED25519, false, ['verify'])
    return await crypto.subtle.verify(ED25519, key, signature, message)
  } catch {
    return false
  }
}

function checkValues (c) {
  checkVersion(c)
  if (!isUrlHash(c.url)) throw new InvalidCommentError('bad-url')
  if (c.parent !== null && digestOfRawCid(c.parent) == null) throw new InvalidCommentError('bad-parent')
  checkKind(c)
  checkLength(c.author, MAX_AUTHOR, 'author-length', 'author')
  checkLength(c.text, MAX_TEXT, 'text-length', 'text')
  if (c.kind === 'reaction' && !REACTIONS.includes(c.text)) throw new InvalidCommentError('bad-reaction')
  if (c.kind === 'withdrawal' && c.text !== WITHDRAWN) throw new InvalidCommentError('bad-withdrawal')
  if (!Number.isSafeInteger(c.ts) || c.ts < 0 || c.ts > MAX_TS) throw new InvalidCommentError('bad-ts')
  if (hasNonce(c) && (!Number.isSafeInteger(c.nonce) || c.nonce < 0 || c.nonce > MAX_NONCE)) {
    throw new InvalidCommentError('bad-nonce')
  }
}

// v is 1 (eight fields), 2 (the eight and a nonce) or 3 (the eight, a nonce and a kind), and the
// fields are those of its version.
function checkVersion (c) {
  if (c.v === VERSION && hasNonce(c)) throw new InvalidCommentError('unknown-field', 'nonce is a field of version 2 and 3 comments only')
  if ((c.v === VERSION || c.v === VERSION_STAMPED) && hasKind(c)) throw new InvalidCommentError('unknown-field', 'kind is a field of version 3 records only')
  if ((c.v === VERSION_STAMPED || c.v === VERSION_RECORDS) && !hasNonce(c)) {
    throw new InvalidCommentError('missing-field', `missing field: nonce (a version ${c.v} comment has one)`)
  }
  if (c.v === VERSION_RECORDS && !hasKind(c)) throw new InvalidCommentError('missing-field', 'missing field: kind (a version 3 record has one)')
  if (c.v !== VERSION && c.v !== VERSION_STAMPED && c.v !== VERSION_RECORDS) {
    throw new InvalidCommentError('unsupported-version', `v must be 1, 2 or 3, not ${c.v}`)
  }
}

// A record's kind is one of four, and every kind but a comment is about a comment (§3.10).
function checkKind (c) {
  if (!hasKind(c)) return
  if (!KINDS.includes(c.kind)) throw new InvalidCommentError('unknown-kind')
  if (c.kind !== 'comment' && c.parent === null) throw new InvalidCommentError('missing-target', `a ${c.kind} names the comment it is about in parent`)
}

function hasNonce (c) {
  return Object.hasOwn(c, NONCE) && c.nonce !== undefined
}

function hasKind (c) {
  return Object.hasOwn(c, KIND) && c.kind !== undefined
}

function checkLength (s, max, code, field) {
  const length = codePointLength(s)
  if (length < 1 || length > max) {
    throw new InvalidCommentError(code, `${field} must be 1 to ${max} characters, not ${length}`)
  }
}

function fixedBase64Url (text, n, code) {
  const bytes = decodeBase64Url(text)
  if (bytes == null || bytes.length !== n) throw new InvalidCommentError(code)
  return bytes
}

// A number is judged by the exact value its literal writes (1.0 and 1e0 are whole); a whole
// one too large for a double reads as Infinity here and fails its range check, as in Java.
function number (o, field, literal) {
  const v = o[field]
  if (typeof v !== 'number') throw new InvalidCommentError('wrong-type', `${field} must be a number, not ${describe(v)}`)
  if (!isWholeLiteral(literal)) throw new InvalidCommentError('wrong-type', `${field} must be a whole number`)
  return v === 0 ? 0 : v // -0 reads as 0, as in Java
}

function string (o, field) {
  const v = o[field]
  if (typeof v !== 'string') throw new InvalidCommentError('wrong-type', `${field} must be a string, not ${describe(v)}`)
  return v
}

function describe (v) {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'boolean') return 'a boolean'
  return `a ${typeof v}`
}

function pick (c) {
  const picked = { v: c.v, url: c.url, parent: c.parent, author: c.author, text: c.text, ts: c.ts, key: c.key, sig: c.sig }
  if (hasNonce(c)) picked.nonce = c.nonce
  if (hasKind(c)) picked.kind = c.kind
  return picked
}

/**
 * The members of an object in the order written, duplicates included, each as
 * [name, the number's literal text or undefined]: JSON.parse keeps only the last of two
 * equal names and loses how a number was written (1e-400 reads as 0), and the protocol
 * decides both by the text, as the Java parser does. `text` is already known to be valid
 * JSON whose value is an object; nested values are skipped by depth. Linear in the text.
 */
function topLevelMembers (text) {
  const members = []
  let depth = 0
  let expectKey = false
  let afterColon = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      const end = stringEnd(text, i)
      if (depth === 1 && expectKey) members.push([JSON.parse(text.slice(i, end + 1)), undefined])
      expectKey = false
      afterColon = false
      i = end
    } else if (ch === '{' || ch === '[') {
      depth++
      expectKey = depth === 1 && ch === '{'
      afterColon = false
    } else if (ch === '}' || ch === ']') {
      depth--
    } else if (ch === ',' && depth === 1) {
      expectKey = true
    } else if (ch === ':' && depth === 1) {
      afterColon = true
    } else if (afterColon && (ch === '-' || (ch >= '0' && ch <= '9'))) {
      NUMBER.lastIndex = i
      const literal = NUMBER.exec(text)[0]
      members[members.length - 1][1] = literal
      i += literal.length - 1
      afterColon = false
    }
  }
  return members
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const NUMBER_PARTS = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/** Whether a JSON number literal is a whole number by its exact value: 10e-1 is, 1e-400 is not. */
function isWholeLiteral (literal) {
  const [, int, frac = '', exp = '0'] = NUMBER_PARTS.exec(literal)
  const digits = (int + frac).replace(/^0+/, '')
  if (digits === '') return true // zero, however written
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length
  return Number(exp) - frac.length + trailingZeros >= 0
}

// The index of the quote that closes the JSON string opening at `start`.
function stringEnd (text, start) {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return text.length - 1
}

function sameBytes (a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
