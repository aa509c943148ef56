/**
 * Mute lists (docs/protocol.md §3.11): a moderator's signed list of the keys they mute, which a
 * reader chooses to follow. Servers never see one; a reader reads it from an https address or by
 * its CID, and uses it only whole: every check passes or nothing of it is applied.
 *
 * A reader refuses a list with exactly one of four codes, checked in this order:
 *   `too-large`        more than 262,144 bytes (checked first, before anything is decoded);
 *   `not-a-mute-list`  not UTF-8, not JSON, or not the canonical JSON (§3.3) of exactly the seven
 *                      fields with their rules (v 3, kind `mute-list`, author 1–64 characters, key
 *                      32 bytes of canonical base64url, ts in §3.1's range, mutes and sig strings);
 *   `bad-mutes`        `mutes` is not keys of 43 characters (32 bytes) sorted, without repeats,
 *                      joined by line feeds, at most 5,000 (empty for none);
 *   `bad-signature`    `sig` is not 64 bytes that verify with `key` over the canonical JSON of the
 *                      other six fields (a signature that is not even 64 bytes does not verify).
 */
import { decodeBase64Url } from './base64url.js'
import { canonicalBytes, canonicalJson } from './canonical-json.js'
import { ed25519Verify, signatureOf } from './comment.js'
import { codePointLength } from './comment-rules.js'
import { MAX_AUTHOR, MAX_TS, VERSION_RECORDS } from './constants.js'

/** A mute list's file, at most: 256 KiB, so that `ipfs add --cid-version=1` keeps it one raw block. */
export const MAX_MUTE_LIST_BYTES = 256 * 1024
/** The keys one list mutes, at most. */
export const MAX_MUTES = 5000
/** The `kind` of a mute list. */
export const MUTE_LIST_KIND = 'mute-list'

const FIELDS = ['author', 'key', 'kind', 'mutes', 'sig', 'ts', 'v'] // sorted, as canonical JSON writes them
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export const MUTE_LIST_CODES = Object.freeze({
  'too-large': `the list has more than ${MAX_MUTE_LIST_BYTES} bytes`,
  'not-a-mute-list': 'not the canonical JSON of a mute list\'s fields',
  'bad-mutes': `mutes is not sorted keys without repeats, one a line, at most ${MAX_MUTES}`,
  'bad-signature': 'the signature does not verify with the list\'s key'
})

/** A mute list refused; `code` is one of MUTE_LIST_CODES' keys. */
export class MuteListError extends Error {
  constructor (code, detail) {
    super(detail ?? MUTE_LIST_CODES[code] ?? code)
    this.name = 'MuteListError'
    this.code = code
  }
}

/**
 * @typedef {{ author: string, key: string, ts: number, mutes: string[] }} MuteList
 */

/**
 * Checks a mute list's bytes and returns what it says, or throws a MuteListError.
 * Cost: linear in the bytes (at most 256 KiB), one signature check.
 *
 * @param {Uint8Array} bytes
 * @returns {Promise<MuteList>}
 */
export async function verifyMuteList (bytes) {
  if (bytes.length > MAX_MUTE_LIST_BYTES) throw new MuteListError('too-large', `the list has ${bytes.length} bytes; at most ${MAX_MUTE_LIST_BYTES} are allowed`)
  const doc = parseCanonical(bytes)
  const mutes = mutesOf(doc.mutes)
  const sig = decodeBase64Url(doc.sig)
  const { sig: _, ...unsigned } = doc // eslint-disable-line no-unused-vars
  if (sig == null || sig.length !== 64 || !await ed25519Verify(decodeBase64Url(doc.key), canonicalBytes(unsigned), sig)) {
    throw new MuteListError('bad-signature')
  }
  return { author: doc.author, key: doc.key, ts: doc.ts, mutes }
}

/**
 * A moderator's signed mute list, as the bytes of its file. The keys are sorted and repeats
 * dropped; the result is checked as any reader checks it, so nothing is signed that a reader
 * would refuse.
 *
 * @param {{ author: string, ts: number, mutes: Iterable<string> }} fields
 * @param {{ privateKey: CryptoKey, publicKey: string }} identity
 * @returns {Promise<Uint8Array>}
 */
export async function signMuteList ({ author, ts, mutes }, identity) {
  const keys = [...new Set(mutes)].sort()
  const unsigned = { v: VERSION_RECORDS, kind: MUTE_LIST_KIND, author, key: identity.publicKey, ts, mutes: keys.join('\n') }
  checkFields({ ...unsigned, sig: '' })
  mutesOf(unsigned.mutes)
  const bytes = canonicalBytes({ ...unsigned, sig: await signatureOf(unsigned, identity.privateKey) })
  await verifyMuteList(bytes)
  return bytes
}

// The document, when the bytes are exactly the canonical JSON of the seven fields with their rules.
function parseCanonical (bytes) {
  let text
  let doc
  try {
    text = UTF8.decode(bytes)
    doc = JSON.parse(text)
  } catch {
    throw new MuteListError('not-a-mute-list', 'the list is not UTF-8 JSON')
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new MuteListError('not-a-mute-list', 'the list is not a JSON object')
  const names = Object.keys(doc).sort()
  if (names.length !== FIELDS.length || names.some((n, i) => n !== FIELDS[i])) {
    throw new MuteListError('not-a-mute-list', `a mute list has exactly the fields ${FIELDS.join(', ')}`)
  }
  checkFields(doc)
  // Also catches a name given twice (JSON.parse keeps one), white space, other spellings of a number.
  if (canonicalJson(doc) !== text) throw new MuteListError('not-a-mute-list', 'the list is not canonical JSON')
  return doc
}

function checkFields (doc) {
  const fail = why => { throw new MuteListError('not-a-mute-list', why) }
  if (doc.v !== VERSION_RECORDS) fail(`v must be ${VERSION_RECORDS}`)
  if (doc.kind !== MUTE_LIST_KIND) fail(`kind must be ${MUTE_LIST_KIND}`)
  if (typeof doc.author !== 'string' || codePointLength(doc.author) < 1 || codePointLength(doc.author) > MAX_AUTHOR) fail(`author must be 1 to ${MAX_AUTHOR} characters`)
  if (decodeBase64Url(doc.key)?.length !== 32) fail('key must be an Ed25519 public key (32 bytes of base64url)')
  if (!Number.isSafeInteger(doc.ts) || doc.ts < 0 || doc.ts > MAX_TS) fail(`ts must be a whole number from 0 to ${MAX_TS}`)
  if (typeof doc.mutes !== 'string') fail('mutes must be a string')
  if (typeof doc.sig !== 'string') fail('sig must be a string')
}

// The keys of `mutes`: each 32 bytes of canonical base64url, strictly ascending (sorted, no repeats).
function mutesOf (text) {
  if (text === '') return []
  const keys = text.split('\n')
  if (keys.length > MAX_MUTES) throw new MuteListError('bad-mutes', `the list mutes ${keys.length} keys; at most ${MAX_MUTES}`)
  for (const [i, key] of keys.entries()) {
    if (key.length !== 43 || decodeBase64Url(key)?.length !== 32) throw new MuteListError('bad-mutes', `line ${i + 1} of mutes is not a key`)
    if (i > 0 && !(keys[i - 1] < key)) throw new MuteListError('bad-mutes', `the keys of mutes are not sorted without repeats (line ${i + 1})`)
  }
  return keys
}
