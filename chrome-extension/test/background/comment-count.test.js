// The badge's count, found the way the client finds servers, against real HTTP servers
// on loopback: the client site's config.json, a Delegated Routing V1 endpoint (as kubo's
// gateway serves it) and a comment server answering buckets of counts. Only the network is
// local; every module is real.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { CommentCounter } from '../../src/background/comment-count.js'
import { RememberedStorage } from '../../src/background/remembered-storage.js'
import { pageKey } from '../../src/shared/protocol.js'
import { CountUnavailableError } from '../../src/shared/errors.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'
import { json, startServer } from '../fixtures/http-server.js'
import { vectors } from '../fixtures/vectors.js'

const PAGE = 'https://news.example/story?utm_source=feed'

let client, router, server, broken, brokenRouter, emptyClient, brokenClient
let counts = {}

before(async () => {
  server = await startServer('127.0.61.3', req => {
    const path = new URL(req.url, 'http://x').pathname
    if (path === '/health') return json({ status: 'ok' })
    const prefix = path.match(/^\/counts\/([0-9a-f]{2,6})$/)?.[1]
    if (prefix == null) return json({ error: 'not-found' }, 404)
    // the bucket's answer as a server gives it (docs/protocol.md §5.8)
    const bucket = Object.fromEntries(Object.entries(counts).filter(([hash, n]) => hash.startsWith(prefix) && n > 0))
    return json({ prefix, complete: true, counts: bucket })
  })
  broken = await startServer('127.0.61.4', req => new URL(req.url, 'http://x').pathname === '/health' ? json({}) : json({ error: 'boom' }, 500))
  const provider = (id, origin) => {
    const { hostname, port } = new URL(origin)
    return { Schema: 'peer', ID: id, Addrs: [`/ip4/${hostname}/tcp/${port}/http`, `/ip4/${hostname}/tcp/4001`] }
  }
  router = await startServer('127.0.61.2', req => req.url.startsWith('/routing/v1/providers/')
    ? json({ Providers: [provider('12D3KooWServer', server.origin)] })
    : null)
  brokenRouter = await startServer('127.0.61.5', () => json({ Providers: [provider('12D3KooWBroken', broken.origin)] }))
  const config = routers => ({ $comment: 'test', routers, allowLoopback: true, requestTimeoutSeconds: 5, aKeyFromANewerClient: true })
  client = await startServer('127.0.61.1', req => req.url === '/comments/config.json' ? json(config([router.origin])) : null)
  brokenClient = await startServer('127.0.61.6', req => req.url === '/config.json' ? json(config([brokenRouter.origin])) : null)
  emptyClient = await startServer('127.0.61.7', () => null)
})

after(() => Promise.all([client, router, server, broken, brokenRouter, emptyClient, brokenClient].map(s => s?.close())))

function newCounter (api = new FakeChromeApi()) {
  return new CommentCounter({ storage: new RememberedStorage(api) })
}

describe('CommentCounter', () => {
  test('finds the server through the client config and delegated routing, and reads the count', async () => {
    const { urlHash } = await pageKey(PAGE)
    counts = { [urlHash]: 4 }
    const counter = newCounter()
    assert.equal(await counter.count(`${client.origin}/comments/`, urlHash), 4)
    assert.equal(counter.last.server, server.origin)

    assert.deepEqual(router.requests.map(r => r.url), [`/routing/v1/providers/${vectors.network.dhtKeyCid}`])
    assert.deepEqual(server.requests.map(r => `${r.method} ${r.url}`), ['GET /health', `GET /counts/${urlHash.slice(0, 3)}`])
    for (const r of [...client.requests, ...router.requests, ...server.requests]) {
      const sent = JSON.stringify(r)
      for (const part of ['news.example', 'story', 'feed', urlHash]) assert.ok(!sent.includes(part), `${r.url} carried ${part}`)
      assert.equal(r.headers.referer, undefined)
      assert.equal(r.headers.cookie, undefined)
    }
  })

  test('a second count asks the same server without looking again', async () => {
    const a = await pageKey('https://a.example/')
    const b = await pageKey('https://b.example/')
    counts = { [a.urlHash]: 1, [b.urlHash]: 0 }
    const counter = newCounter()
    const routed = router.requests.length
    assert.equal(await counter.count(`${client.origin}/comments/`, a.urlHash), 1)
    assert.equal(await counter.count(`${client.origin}/comments/`, b.urlHash), 0)
    assert.equal(router.requests.length, routed + 1)
  })

  test('the servers found are remembered across service worker restarts (chrome.storage.local)', async () => {
    const { urlHash } = await pageKey(PAGE)
    counts = { [urlHash]: 2 }
    const api = new FakeChromeApi()
    await newCounter(api).count(`${client.origin}/comments/`, urlHash)
    const routed = router.requests.length
    assert.equal(await newCounter(api).count(`${client.origin}/comments/`, urlHash), 2)
    assert.equal(router.requests.length, routed, 'no new lookup')
  })

  test('no config.json: the client defaults, which name no router, so no server is found', async () => {
    const counter = newCounter()
    await assert.rejects(counter.count(`${emptyClient.origin}/`, 'a'.repeat(64)), err => {
      assert.ok(err instanceof CountUnavailableError)
      assert.match(err.message, /no comment server was found/)
      return true
    })
    assert.match(counter.last.error, /no comment server was found/)
  })

  test('a server that fails: an expected error naming it', async () => {
    const counter = newCounter()
    await assert.rejects(counter.count(`${brokenClient.origin}/`, 'a'.repeat(64)), err => {
      assert.ok(err instanceof CountUnavailableError)
      assert.match(err.message, /answered HTTP 500/)
      return true
    })
  })

  test('a client site that does not answer: an expected error', async () => {
    const closed = await startServer('127.0.61.8', () => null)
    await closed.close()
    await assert.rejects(newCounter().count(`${closed.origin}/`, 'a'.repeat(64)), CountUnavailableError)
  })
})
