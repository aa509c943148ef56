// Every body read from a server is read within a limit, checked as the bytes arrive (issue 21,
// "bounded work"): past it the request is aborted, and an endless body ends at the limit.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import {
  BodyTooLargeError, MAX_JSON_ANSWER_BYTES, checkHealth, getFolder, postComment, readBytesLimited, readJsonLimited, readLimited, stampMinBitsOf
} from '../src/index.js'
import { vectors } from './fixtures/vectors.js'

const PAGE = vectors.comments[0].comment.url
const CID = 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354'

/** A body that never ends, counting what was pulled from it and whether it was cancelled. */
function endless (chunkBytes = 1024) {
  const state = { pulled: 0, cancelled: false }
  const body = new ReadableStream({
    pull (controller) { state.pulled += chunkBytes; controller.enqueue(new Uint8Array(chunkBytes).fill(32)) },
    cancel () { state.cancelled = true }
  }, { highWaterMark: 0 })
  return { state, response: new Response(body, { headers: { 'Content-Type': 'application/json' } }) }
}

// A deadline, not a timing: without the limits an endless body hangs its reader forever.
const DEADLINE = { timeout: 60_000 }

describe('reading a body within a limit', DEADLINE, () => {
  it('reads a body up to its limit whole', async () => {
    const bytes = await readBytesLimited(new Response(new Uint8Array(100).fill(7)), 100, 'the test')
    assert.equal(bytes.length, 100)
    assert.deepEqual(await readJsonLimited(new Response('{"a":1}'), 7, 'the test'), { a: 1 })
  })

  it('ends an endless body at the limit, cancels it, and names the source and the limit', async () => {
    const { state, response } = endless()
    await assert.rejects(readBytesLimited(response, 64 * 1024, 'http://127.0.0.9:8000/x'), err =>
      err instanceof BodyTooLargeError && /http:\/\/127\.0\.0\.9:8000\/x sent more than 64 KiB/.test(err.message))
    assert.ok(state.cancelled, 'the body was cancelled (the request aborted)')
    assert.ok(state.pulled <= 64 * 1024 + 2 * 1024, `read about the limit, not more: ${state.pulled}`)
  })

  it('refuses a declared Content-Length over the limit before reading a byte', async () => {
    const { state, response } = endless()
    const declared = new Response(response.body, { headers: { 'Content-Length': String(10 * 1024 * 1024) } })
    await assert.rejects(readBytesLimited(declared, 1024, 'the test'), BodyTooLargeError)
    assert.ok(state.cancelled)
    assert.ok(state.pulled <= 1024, `nothing much was read: ${state.pulled}`)
  })

  it('cancels the body when its reader stops early', async () => {
    const { state, response } = endless()
    for await (const chunk of readLimited(response, 1e9, 'the test')) { assert.ok(chunk.length > 0); break }
    assert.ok(state.cancelled)
  })

  it('aborts a real HTTP request whose body never ends, and the server sees it closed', async () => {
    let written = 0
    let closed
    const sawClose = new Promise(resolve => { closed = resolve })
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(16 * 1024, 32)
      const more = () => { while (!res.destroyed && res.write(chunk)) written += chunk.length }
      res.on('drain', more)
      res.on('close', () => closed(written))
      more()
    })
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${server.address().port}`
    try {
      const response = await fetch(`${url}/${PAGE}`)
      await assert.rejects(readJsonLimited(response, MAX_JSON_ANSWER_BYTES, url), BodyTooLargeError)
      const total = await sawClose
      assert.ok(total < 64 * 1024 * 1024, `the server stopped being read near the limit (wrote ${total} bytes)`)
    } finally {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  })
})

describe('the API reads its answers within their limits', DEADLINE, () => {
  const SERVER = 'http://127.0.0.2:8000'
  const answer = ({ response }) => async () => response

  it('GET /{urlHash}: an endless answer fails at the limit, naming the server', async () => {
    const { state, response } = endless()
    await assert.rejects(getFolder(SERVER, PAGE, { fetch: answer({ response }) }), new RegExp(`${SERVER}/${PAGE} sent more than 16 KiB`))
    assert.ok(state.cancelled)
  })

  it('GET /{urlHash}: an honest answer padded past the limit is refused too', async () => {
    const padded = JSON.stringify({ cid: CID, count: 1, pad: 'x'.repeat(MAX_JSON_ANSWER_BYTES) })
    await assert.rejects(getFolder(SERVER, PAGE, { fetch: async () => new Response(padded) }), BodyTooLargeError)
  })

  it('POST: an endless answer is read no further than the limit, and the post fails', async () => {
    const { state, response } = endless()
    const bytes = new TextEncoder().encode(vectors.comments[0].fileText)
    await assert.rejects(postComment(SERVER, PAGE, bytes, { fetch: answer({ response }) }), /did not say its id/)
    assert.ok(state.cancelled)
  })

  it('/health: an endless answer is thrown by checkHealth and read as no stamp by stampMinBitsOf', async () => {
    const first = endless()
    await assert.rejects(checkHealth(SERVER, { fetch: answer(first) }), BodyTooLargeError)
    assert.ok(first.state.cancelled)
    const second = endless()
    assert.equal(await stampMinBitsOf(SERVER, { fetch: answer(second) }), 0)
    assert.ok(second.state.cancelled)
  })
})
