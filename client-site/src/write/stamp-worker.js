/**
 * One of the Web Workers that stamp a comment (docs/protocol.md §3.9) off the page's thread, so
 * that the page stays responsive for the seconds it takes. It tries the nonces given to it
 * (`first`, `first + stride`, …), reports progress, and posts the stamped comment back. The
 * private key arrives as a CryptoKey (structured clone): it can sign here and is never read.
 */
import { stampComment } from '@comments/protocol'

self.onmessage = async ({ data }) => {
  const { fields, privateKey, publicKey, minBits, first, stride } = data
  try {
    const { comment, id, bytes } = await stampComment(fields, { privateKey, publicKey }, minBits, {
      first, stride, onProgress: ({ tries }) => self.postMessage({ type: 'progress', tries })
    })
    self.postMessage({ type: 'done', comment, id, bytes })
  } catch (err) {
    self.postMessage({ type: 'error', message: err.message, code: err.code ?? null })
  }
}
