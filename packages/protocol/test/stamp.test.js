import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { signedBytes, stampBits, stampComment, verifyFile } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { newIdentity } from './fixtures/keys.js'

const fields = { url: vectors.comments[0].comment.url, parent: null, author: 'Ada', text: 'stamped', ts: 1795530000000 }

describe('stamps', () => {
  for (const c of vectors.stamps.cases) {
    it(`counts ${c.bits} bits: ${c.why}`, () => assert.equal(stampBits(c.id), c.bits))
  }

  it('counts nothing in a text that is not a comment id', () => {
    assert.equal(stampBits('bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354'), 0)
    assert.equal(stampBits(''), 0)
  })

  it('finds a nonce that gives at least the bits asked for, a valid version 2 comment', async () => {
    const identity = await newIdentity()
    const progress = []
    const { comment, id, bytes } = await stampComment(fields, identity, 8, { onProgress: p => progress.push(p) })
    assert.equal(comment.v, 2)
    assert.ok(stampBits(id) >= 8, `${id} has ${stampBits(id)} bits`)
    assert.equal((await verifyFile(bytes, id, fields.url)).id, id)
    for (const p of progress) assert.equal(p.expected, 256)
    assert.deepEqual(progress.map(p => p.tries), progress.map((p, i) => 64 * (i + 1)))
  })

  it('shares the search between workers by first nonce and stride', async () => {
    const identity = await newIdentity()
    const { comment } = await stampComment(fields, identity, 4, { first: 2, stride: 3 })
    assert.equal(comment.nonce % 3, 2)
  })

  it('stops when its signal is aborted', async () => {
    const identity = await newIdentity()
    const controller = new AbortController()
    const seen = []
    const stamping = stampComment(fields, identity, 64, {
      signal: controller.signal,
      onProgress: p => { seen.push(p.tries); if (p.tries >= 128) controller.abort(new Error('cancelled by the reader')) }
    })
    await assert.rejects(stamping, /cancelled by the reader/)
    assert.deepEqual(seen, [64, 128])
  })

  it('signs nothing a receiver would refuse', async () => {
    const identity = await newIdentity()
    await assert.rejects(stampComment({ ...fields, text: '' }, identity, 1), err => err.code === 'text-length')
  })
})

describe('the stamped comment of the vectors', () => {
  const v = vectors.stamps.comment

  it('is reproduced by stamping its fields with the test key from nonce 0', async () => {
    const { hexBytes, identityFromSeed } = await import('./fixtures/keys.js')
    const identity = await identityFromSeed(hexBytes(vectors.testKey.ed25519SeedHex))
    const { nonce, v: version, key, sig, ...fields } = v.comment // eslint-disable-line no-unused-vars
    const { comment, id, bytes } = await stampComment(fields, identity, v.minBits)
    assert.deepEqual(comment, v.comment)
    assert.equal(id, v.id)
    assert.equal(new TextDecoder().decode(bytes), v.fileText)
    assert.equal(new TextDecoder().decode(signedBytes(comment)), v.signedText)
    assert.equal(stampBits(id), v.bits)
  })
})
