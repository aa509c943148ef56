/**
 * A comment's proof of work (docs/protocol.md §3.9): the number of leading zero bits of the
 * SHA-256 digest its id names, a hash every receiver computes anyway. The author raises it by
 * varying the signed `nonce` of a version 2 comment, signing and hashing again; k bits cost about
 * 2^k tries on average, and checking costs nothing. Each server sets its own minimum and says it
 * in `GET /health` (`stampMinBits`); a version 1 comment is worth what its id happens to have.
 * The Java side is `comments-core` `Stamp` and `CommentSigner.signStamped`.
 */
import { checkUnsigned, fileBytes, signatureOf, unsignedComment, verifyComment } from './comment.js'
import { digestOfRawCid } from './cid.js'

/** How many tries pass between two progress reports (and two looks at the cancel signal). */
const REPORT_EVERY = 64

/**
 * The stamp of the comment this id names: 0 to 256; 0 for a text that is not a comment id.
 *
 * @param {string} id
 */
export function stampBits (id) {
  const digest = digestOfRawCid(id)
  return digest == null ? 0 : leadingZeroBits(digest)
}

/** @param {Uint8Array} digest */
export function leadingZeroBits (digest) {
  let bits = 0
  for (const b of digest) {
    if (b !== 0) return bits + Math.clz32(b) - 24
    bits += 8
  }
  return bits
}

/**
 * Signs a version 2 comment whose stamp has at least `minBits`: tries nonces `first`,
 * `first + stride`, … (so that several workers share the search without overlap), each a
 * signature and a hash. Reports progress as `{ tries, expected }` and stops with the signal's
 * reason when it is aborted.
 *
 * @param {{ url: string, parent: string | null, author: string, text: string, ts: number }} fields
 * @param {{ privateKey: CryptoKey, publicKey: string }} identity
 * @param {number} minBits 0 to 256
 * @param {{ signal?: AbortSignal, onProgress?: (p: { tries: number, expected: number }) => void, first?: number, stride?: number }} [options]
 * @returns {Promise<{ comment: object, id: string, bytes: Uint8Array }>} checked like any received comment
 */
export async function stampComment (fields, identity, minBits, options = {}) {
  const { signal, onProgress, first = 0, stride = 1 } = options
  checkUnsigned(unsignedComment({ ...fields, nonce: first }, identity.publicKey))
  const expected = 2 ** minBits
  for (let nonce = first, tries = 1; Number.isSafeInteger(nonce); nonce += stride, tries++) {
    const unsigned = unsignedComment({ ...fields, nonce }, identity.publicKey)
    const signed = { ...unsigned, sig: await signatureOf(unsigned, identity.privateKey) }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fileBytes(signed)))
    if (leadingZeroBits(digest) >= minBits) return verifyComment(signed)
    if (tries % REPORT_EVERY === 0) {
      signal?.throwIfAborted()
      onProgress?.({ tries, expected })
    }
  }
  throw new RangeError(`no nonce gives a stamp of ${minBits} bits`)
}
