// The count is picked out of a bucket's answer (docs/protocol.md §5.8), against a real HTTP
// server on loopback: what is asked is a prefix of the urlHash, never the urlHash itself.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { fetchCount, MAX_BUCKET_ANSWER_BYTES, MAX_PREFIX_LENGTH, PREFIX_LENGTH } from '../../src/background/fetch-count.js'
import { CountUnavailableError } from '../../src/shared/errors.js'
import { json, startServer } from '../fixtures/http-server.js'

const hash = start => start + '7'.repeat(64 - start.length)
const LISTED = hash('abc1')
const UNLISTED = hash('abc2')
const CROWDED = hash('c0c1')
const FLOODED = hash('ddd')
const complete = (prefix, counts) => json({ prefix, complete: true, counts })
const overFull = prefix => json({ prefix, complete: false })

const buckets = {
  abc: complete('abc', { [LISTED]: 7, [hash('abcf')]: 2 }),
  c0c: overFull('c0c'),
  c0c1: complete('c0c1', { [CROWDED]: 5 }),
  ddd: overFull('ddd'),
  ddd7: overFull('ddd7'),
  ddd77: overFull('ddd77'),
  ddd777: overFull('ddd777'),
  e00: json({ prefix: 'e00', complete: true }),
  e01: complete('e01', { [hash('e01')]: -2 }),
  e02: { body: 'hello' },
  e03: json({ error: 'bad-prefix', detail: '…' }, 400),
  e04: complete('e0', {}),
  e05: json({ prefix: 'e05', counts: {} })
}

let server

before(async () => {
  server = await startServer('127.0.62.1', req => {
    const path = new URL(req.url, 'http://x').pathname
    return buckets[path.replace(/^\/counts\//, '')] ?? json({ error: 'not-found' }, 404)
  })
})
beforeEach(() => { server.requests.length = 0 })
after(() => server.close())

function asked () {
  return server.requests.map(r => r.url)
}

function assertOnlyPrefixesSent (urlHash) {
  for (const r of server.requests) {
    assert.ok(!JSON.stringify(r).includes(urlHash), `${r.url} carried the urlHash`)
    assert.match(r.url, new RegExp(`^/counts/[0-9a-f]{${PREFIX_LENGTH},${MAX_PREFIX_LENGTH}}$`))
  }
}

describe('fetchCount', () => {
  test('an answer that never ends is cut off at its limit, and gives no count', async () => {
    let sent = 0
    const endless = new ReadableStream({
      pull (controller) { sent += 8192; controller.enqueue(new Uint8Array(8192).fill(0x20)) }
    })
    const fetch = async () => new Response(endless, { status: 200, headers: { 'Content-Type': 'application/json' } })
    await assert.rejects(fetchCount('http://127.0.62.9:1', LISTED, { fetch }),
      err => err instanceof CountUnavailableError && /http:\/\/127\.0\.62\.9:1\/counts\/abc/.test(err.message))
    assert.ok(sent <= MAX_BUCKET_ANSWER_BYTES + 2 * 8192, `read ${sent} bytes of an endless answer`)
  })

  test(`asks the bucket of the first ${PREFIX_LENGTH} characters and picks its page's count`, async () => {
    assert.equal(await fetchCount(server.origin, LISTED), 7)
    assert.deepEqual(asked(), ['/counts/abc'])
    assert.equal(server.requests[0].headers.accept, 'application/json')
    assertOnlyPrefixesSent(LISTED)
  })

  test('a page the bucket does not list has no comments', async () => {
    assert.equal(await fetchCount(server.origin, UNLISTED), 0)
    assertOnlyPrefixesSent(UNLISTED)
  })

  test('an over-full bucket: asks again with one more character', async () => {
    assert.equal(await fetchCount(server.origin, CROWDED), 5)
    assert.deepEqual(asked(), ['/counts/c0c', '/counts/c0c1'])
    assertOnlyPrefixesSent(CROWDED)
  })

  test(`over-full up to ${MAX_PREFIX_LENGTH} characters: no count, and never the page itself`, async () => {
    await assert.rejects(fetchCount(server.origin, FLOODED), err => err instanceof CountUnavailableError && /too many pages/.test(err.message))
    assert.deepEqual(asked(), ['/counts/ddd', '/counts/ddd7', '/counts/ddd77', '/counts/ddd777'])
    assertOnlyPrefixesSent(FLOODED)
  })

  test('what is not a urlHash is not sent at all', async () => {
    for (const bad of ['', 'abc', 'A'.repeat(64), `${LISTED}0`, '../x']) {
      await assert.rejects(fetchCount(server.origin, bad), CountUnavailableError)
    }
    assert.deepEqual(asked(), [])
  })

  for (const [prefix, message] of [['e00', /without the counts of bucket/], ['e01', /without a comment count/], ['e02', /did not answer JSON/],
    ['e03', /answered HTTP 400/], ['e04', /without the counts of bucket e04/], ['e05', /without the counts of bucket/]]) {
    test(`a bad answer (${prefix}) is an expected error`, async () => {
      await assert.rejects(fetchCount(server.origin, hash(prefix)), err => err instanceof CountUnavailableError && message.test(err.message))
    })
  }
})
