import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { checkHealth, getFolder, postComment, PostError, stampMinBitsOf } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { fakeFetch } from './fixtures/fake-network.js'

const PAGE = vectors.comments[0].comment.url
const SERVER = 'http://127.0.0.2:8000'

describe('server API', () => {
  it('reads the folder CID of a page', async () => {
    const fetch = fakeFetch({ [`${SERVER}/${PAGE}`]: { json: { cid: 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354', count: 0 } } })
    assert.deepEqual(await getFolder(SERVER, PAGE, { fetch }), { cid: 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354', count: 0 })
  })

  it('lets the HTTP cache answer a folder read, and revalidates when asked', async () => {
    const fetch = fakeFetch({ [`${SERVER}/${PAGE}`]: { json: { cid: 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354', count: 0 } } })
    await getFolder(SERVER, PAGE, { fetch })
    await getFolder(SERVER, PAGE, { fetch, cache: 'no-cache' })
    assert.deepEqual(fetch.requests.map(r => r.init.cache), ['default', 'no-cache'])
  })

  it('refuses a folder answer that is not a CID', async () => {
    const fetch = fakeFetch({ [`${SERVER}/${PAGE}`]: { json: { cid: '../etc' } } })
    await assert.rejects(getFolder(SERVER, PAGE, { fetch }), /not a CID/)
  })

  it('posts the canonical bytes as JSON and returns the id', async () => {
    const bytes = new TextEncoder().encode(vectors.comments[0].fileText)
    const fetch = fakeFetch({ [`${SERVER}/${PAGE}`]: { status: 201, json: { id: vectors.comments[0].id } } })
    assert.deepEqual(await postComment(SERVER, PAGE, bytes, { fetch }), { id: vectors.comments[0].id, created: true })
    const { init } = fetch.requests[0]
    assert.equal(init.method, 'POST')
    assert.equal(init.headers['Content-Type'], 'application/json')
    assert.equal(init.body, bytes)
  })

  it('marks a refused comment as final, and a busy or absent server as worth another try', async () => {
    const cases = [
      [{ status: 400, json: { error: 'bad-signature', detail: 'the signature does not verify' } }, true, /the signature does not verify/],
      [{ status: 413, json: { error: 'too-large', detail: 'too big' } }, true, /too big/],
      [{ status: 429, json: { error: 'rate-limited' }, headers: { 'Retry-After': '30' } }, false, /try again in 30 s/],
      [{ status: 503, json: { error: 'busy', detail: 'queue full' } }, false, /busy or unavailable/],
      [{ status: 507, json: { error: 'insufficient-storage', detail: 'low on disk' } }, false, /out of disk space for now/],
      [{ status: 451, json: { error: 'withheld', detail: "this server's operator withholds comments on this page" } }, false, /its operator withholds/],
      [{ status: 400, json: { error: 'weak-stamp', detail: 'this server takes comments with at least 16' } }, false, /stronger stamp against spam \(.*at least 16\)/]
    ]
    for (const [route, final, message] of cases) {
      const fetch = fakeFetch({ [`${SERVER}/${PAGE}`]: route })
      await assert.rejects(postComment(SERVER, PAGE, new Uint8Array(1), { fetch }), err => {
        assert.ok(err instanceof PostError)
        assert.equal(err.final, final)
        assert.match(err.message, message)
        return true
      })
    }
    await assert.rejects(postComment(SERVER, PAGE, new Uint8Array(1), { fetch: fakeFetch({}) }), err => err.final === false && /could not be reached/.test(err.message))
  })

  it('asks /health whether a server answers', async () => {
    const fetch = fakeFetch({ [`${SERVER}/health`]: { json: { status: 'ok' } }, 'http://127.0.0.3:8000/health': { status: 503 } })
    assert.equal(await checkHealth(SERVER, { fetch }), true)
    assert.equal(await checkHealth('http://127.0.0.3:8000', { fetch }), false)
    await assert.rejects(checkHealth('http://127.0.0.4:8000', { fetch }), TypeError)
  })
  it('reads the stamp a server asks for from /health, 0 when it names none or something else', async () => {
    const route = json => ({ json })
    const fetch = fakeFetch({
      [`${SERVER}/health`]: route({ status: 'ok', stampMinBits: 16 }),
      'http://127.0.0.3:8000/health': route({ status: 'ok' }),
      'http://127.0.0.4:8000/health': route({ status: 'ok', stampMinBits: 1.5 }),
      'http://127.0.0.5:8000/health': route({ status: 'ok', stampMinBits: 300 }),
      'http://127.0.0.6:8000/health': { status: 503 }
    })
    assert.equal(await stampMinBitsOf(SERVER, { fetch }), 16)
    for (const n of [3, 4, 5]) assert.equal(await stampMinBitsOf(`http://127.0.0.${n}:8000`, { fetch }), 0)
    await assert.rejects(stampMinBitsOf('http://127.0.0.6:8000', { fetch }), /HTTP 503/)
  })
})
