/**
 * The rejection codes of a comment (docs/protocol.md §3), in one place and spelled as the Java
 * verifier spells them (`Rejection`), so that a server's 400 answer and the page's own
 * checks say the same thing. The limits they name are in constants.js.
 */
import { MAX_AUTHOR, MAX_FILE_BYTES, MAX_NONCE, MAX_TEXT, MAX_TS } from './constants.js'

/** code → what a person is told. */
export const REJECTIONS = Object.freeze({
  'too-large': `a comment file is at most ${MAX_FILE_BYTES} bytes`,
  'not-utf8': 'the comment is not valid UTF-8',
  'not-json': 'the comment is not valid JSON',
  'not-an-object': 'the comment must be one JSON object',
  'duplicate-field': 'a field appears twice',
  'unknown-field': 'the fields are v, url, parent, author, text, ts, key, sig, nonce in versions 2 and 3, and kind in version 3',
  'missing-field': 'the fields are v, url, parent, author, text, ts, key, sig, nonce in versions 2 and 3, and kind in version 3',
  'wrong-type': 'a field has the wrong JSON type',
  'unsupported-version': 'v must be 1, 2 or 3',
  'bad-url': 'url must be a urlHash: 64 lowercase hex characters',
  'bad-parent': 'parent must be null or a comment id (CIDv1 raw sha2-256, base32)',
  'unknown-kind': 'kind must be comment, revision, withdrawal or reaction',
  'missing-target': 'a revision, withdrawal or reaction names the comment it is about in parent',
  'author-length': `author must be 1 to ${MAX_AUTHOR} characters`,
  'text-length': `text must be 1 to ${MAX_TEXT} characters`,
  'bad-reaction': 'a reaction\'s text is one of useful, thanks, funny, insightful or none',
  'bad-withdrawal': 'a withdrawal\'s text is withdrawn',
  'bad-ts': `ts must be a whole number of milliseconds since 1970, 0 to ${MAX_TS}`,
  'bad-nonce': `nonce must be a whole number from 0 to ${MAX_NONCE}`,
  'bad-key': 'key must be a 32-byte Ed25519 public key in unpadded base64url',
  'bad-sig-encoding': 'sig must be a 64-byte Ed25519 signature in unpadded base64url',
  'bad-signature': 'the signature does not verify with the comment\'s key',
  'not-canonical': 'the file\'s bytes are not the canonical JSON of its fields',
  'id-mismatch': 'the comment\'s bytes do not hash to its id',
  'wrong-page': 'the comment\'s url is not the page it was sent to',
  'weak-stamp': 'the comment\'s stamp has fewer leading zero bits than this receiver asks for'
})

/** Characters as the limits count them: Unicode code points (a lone surrogate is one). */
export function codePointLength (s) {
  let n = 0
  for (const _ of s) n++ // eslint-disable-line no-unused-vars
  return n
}
