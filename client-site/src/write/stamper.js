/**
 * Stamps a comment (docs/protocol.md §3.9) in Web Workers: one per core the browser reports (at
 * most four), each trying its own nonces, the first found wins and the others stop. Progress is
 * the sum of their tries against the 2^bits expected; cancelling ends the workers at once. With
 * nothing to stamp (0 bits), the comment is signed here with nonce 0, without a worker.
 */
import { InvalidCommentError, signComment } from '@comments/protocol'
import { t } from '../i18n/index.js'

const MAX_WORKERS = 4

/** The reader stopped stamping: nothing was sent. `final`: no other server should be tried. */
export class StampCancelled extends Error {
  constructor () {
    super(t('composer.stopped'))
    this.name = 'StampCancelled'
    this.final = true
  }
}

/**
 * @param {{ url: string, parent: string | null, author: string, text: string, ts: number }} fields
 * @param {{ privateKey: CryptoKey, publicKey: string }} identity
 * @param {number} minBits
 * @param {{ signal?: AbortSignal, onProgress?: (p: { tries: number, expected: number }) => void, workers?: number,
 *   newWorker?: () => Worker }} [options]
 * @returns {Promise<{ comment: object, id: string, bytes: Uint8Array }>}
 */
export async function stampInWorkers (fields, identity, minBits, options = {}) {
  if (minBits === 0) return signComment({ ...fields, nonce: 0 }, identity)
  const { signal, onProgress } = options
  signal?.throwIfAborted()
  const count = options.workers ?? Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1))
  const newWorker = options.newWorker ?? (() => new Worker(new URL('./stamp-worker.js', import.meta.url), { type: 'module' }))
  const workers = []
  const tries = new Array(count).fill(0)
  return new Promise((resolve, reject) => {
    const finish = (settle, value) => {
      for (const w of workers) w.terminate()
      signal?.removeEventListener('abort', cancel)
      settle(value)
    }
    const cancel = () => finish(reject, new StampCancelled())
    signal?.addEventListener('abort', cancel, { once: true })
    for (let i = 0; i < count; i++) {
      const worker = newWorker()
      workers.push(worker)
      worker.onmessage = ({ data }) => {
        if (data.type === 'progress') {
          tries[i] = data.tries
          onProgress?.({ tries: tries.reduce((a, b) => a + b, 0), expected: 2 ** minBits })
        } else if (data.type === 'done') {
          finish(resolve, { comment: data.comment, id: data.id, bytes: data.bytes })
        } else {
          finish(reject, data.code == null ? new Error(t('composer.stampFailed', { error: data.message })) : new InvalidCommentError(data.code, data.message))
        }
      }
      worker.onerror = event => finish(reject, new Error(t('composer.stampFailed', { error: event.message ?? t('composer.workerFailed') })))
      worker.postMessage({ fields, privateKey: identity.privateKey, publicKey: identity.publicKey, minBits, first: i, stride: count })
    }
  })
}
