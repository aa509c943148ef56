import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { stampBits, stampComment, verifyFile } from '@comments/protocol'
import { StampCancelled, stampInWorkers } from '../src/write/stamper.js'
import { vectors } from './fixtures/vectors.js'
import { newIdentity } from './fixtures/keys.js'

const fields = { url: vectors.comments[0].comment.url, parent: null, author: 'Ada', text: 'stamped in workers', ts: 1795530000000 }

/**
 * A stand-in for the page's Worker that runs stamp-worker.js's work in this thread: the real
 * worker runs in Chromium (e2e-tests, SeedEndToEndIT); here the pool's own logic is under test.
 */
function fakeWorkers () {
  const made = []
  const newWorker = () => {
    const worker = {
      terminated: false,
      terminate () { this.terminated = true },
      postMessage ({ fields, privateKey, publicKey, minBits, first, stride }) {
        const controller = new AbortController()
        this.terminate = () => { this.terminated = true; controller.abort(new Error('terminated')) }
        stampComment(fields, { privateKey, publicKey }, minBits, {
          first, stride, signal: controller.signal, onProgress: ({ tries }) => !this.terminated && this.onmessage({ data: { type: 'progress', tries } })
        }).then(r => !this.terminated && this.onmessage({ data: { type: 'done', ...r } }), () => {})
      }
    }
    made.push(worker)
    return worker
  }
  return { made, newWorker }
}

describe('stamping in workers', () => {
  it('gives each worker its own nonces; the first found wins and every worker stops', async () => {
    const identity = await newIdentity()
    const { made, newWorker } = fakeWorkers()
    const seen = []
    const { comment, id, bytes } = await stampInWorkers(fields, identity, 9, { workers: 3, newWorker, onProgress: p => seen.push(p) })
    assert.ok(stampBits(id) >= 9)
    assert.equal((await verifyFile(bytes, id, fields.url)).comment.nonce, comment.nonce)
    assert.equal(made.length, 3)
    assert.ok(made.every(w => w.terminated), 'no worker goes on after the stamp is found')
    assert.ok(seen.every(p => p.expected === 512))
  })

  it('reports the sum of every worker\'s tries against the 2^bits expected', async () => {
    // Scripted workers, so that the sums do not depend on when a random stamp is found.
    const script = [[{ type: 'progress', tries: 64 }], [{ type: 'progress', tries: 64 }, { type: 'progress', tries: 128 }, { type: 'done', comment: {}, id: 'x', bytes: new Uint8Array() }]]
    let made = 0
    const newWorker = () => {
      const messages = script[made++]
      const worker = {
        terminate () {},
        postMessage () { setTimeout(() => messages.forEach(data => worker.onmessage({ data })), made === 1 ? 0 : 5) }
      }
      return worker
    }
    const seen = []
    await stampInWorkers(fields, await newIdentity(), 10, { workers: 2, newWorker, onProgress: p => seen.push(p) })
    assert.deepEqual(seen, [{ tries: 64, expected: 1024 }, { tries: 128, expected: 1024 }, { tries: 192, expected: 1024 }])
  })

  it('stops every worker when the reader cancels, and says nothing was sent', async () => {
    const identity = await newIdentity()
    const { made, newWorker } = fakeWorkers()
    const controller = new AbortController()
    const stamping = stampInWorkers(fields, identity, 40, {
      workers: 2, newWorker, signal: controller.signal, onProgress: p => p.tries >= 256 && controller.abort()
    })
    await assert.rejects(stamping, err => err instanceof StampCancelled && err.final === true && /nothing was sent/.test(err.message))
    assert.ok(made.every(w => w.terminated))
  })

  it('signs at once, without a worker, when no stamp is asked for', async () => {
    const identity = await newIdentity()
    const { made, newWorker } = fakeWorkers()
    const { comment } = await stampInWorkers(fields, identity, 0, { newWorker })
    assert.deepEqual([comment.v, comment.nonce, made.length], [2, 0, 0])
  })
})
