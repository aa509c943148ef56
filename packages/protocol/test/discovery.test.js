import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { discoverServers, findProvidersDelegated, ServerList, NoServerError } from '../src/index.js'
import { fakeFetch, memoryStorage } from './fixtures/fake-network.js'

const config = { routers: ['http://127.0.0.2:8080'], allowLoopback: true, dhtTimeoutSeconds: 1, requestTimeoutSeconds: 1 }
const A = { id: 'peerA', addrs: ['/ip4/127.0.0.2/tcp/4002/ws', '/ip4/127.0.0.2/tcp/8000/http'] }
const B = { id: 'peerB', addrs: ['/ip4/127.0.0.3/tcp/8000/http'] }
const healthy = (...urls) => fakeFetch(Object.fromEntries(urls.map(u => [`${u}/health`, { json: { status: 'ok' } }])))

async function * providers (list, delayMs = 0) {
  for (const p of list) {
    if (delayMs) await new Promise(resolve => setTimeout(resolve, delayMs))
    yield p
  }
}

describe('discovery', () => {
  it('uses the servers the DHT finds, and asks no router', async () => {
    let asked = false
    const result = await discoverServers({
      config,
      findDht: () => providers([A, B]),
      findDelegated: async () => { asked = true; return [] },
      servers: new ServerList({ fetch: healthy('http://127.0.0.2:8000', 'http://127.0.0.3:8000') })
    })
    assert.equal(result.source, 'dht')
    assert.deepEqual(result.urls.sort(), ['http://127.0.0.2:8000', 'http://127.0.0.3:8000'])
    assert.equal(asked, false)
  })

  it('falls back to Delegated Routing when the DHT finds nothing', async () => {
    const result = await discoverServers({
      config,
      findDht: () => providers([]),
      findDelegated: async () => [B],
      servers: new ServerList({ fetch: healthy('http://127.0.0.3:8000') })
    })
    assert.deepEqual(result, { urls: ['http://127.0.0.3:8000'], source: 'delegated', providers: 1 })
  })

  it('falls back when the DHT lookup fails or hangs', async () => {
    const failing = async function * () { throw new Error('no peers') }
    const hanging = async function * (signal) { await new Promise(resolve => signal.addEventListener('abort', resolve)) }
    for (const findDht of [failing, hanging]) {
      const result = await discoverServers({
        config, findDht, findDelegated: async () => [A], servers: new ServerList({ fetch: healthy('http://127.0.0.2:8000') })
      })
      assert.equal(result.source, 'delegated')
    }
  })

  it('stops looking shortly after the DHT gave a server', async () => {
    const start = Date.now()
    const endless = async function * (signal) {
      yield A
      await new Promise(resolve => signal.addEventListener('abort', resolve))
    }
    const result = await discoverServers({
      config: { ...config, dhtTimeoutSeconds: 30 }, findDht: endless, findDelegated: async () => [], servers: new ServerList({ fetch: healthy('http://127.0.0.2:8000') })
    })
    assert.equal(result.source, 'dht')
    assert.ok(Date.now() - start < 5000)
  })

  it('leaves out servers that do not answer /health', async () => {
    const result = await discoverServers({
      config, findDht: () => providers([A, B]), findDelegated: async () => [], servers: new ServerList({ fetch: healthy('http://127.0.0.3:8000') })
    })
    assert.deepEqual(result.urls, ['http://127.0.0.3:8000'])
  })

  it('reports nothing found when neither way finds a server', async () => {
    const result = await discoverServers({
      config, findDht: null, findDelegated: async () => { throw new Error('down') }, servers: new ServerList({ fetch: healthy() })
    })
    assert.deepEqual(result, { urls: [], source: null, providers: 0 })
  })
})

describe('Delegated Routing V1', () => {
  it('reads providers and their addresses, asking for a peer record when there are none', async () => {
    const fetch = fakeFetch({
      'http://r/routing/v1/providers/bafkcid': { json: { Providers: [{ Schema: 'peer', ID: 'p1', Addrs: ['/ip4/127.0.0.2/tcp/8000/http'] }, { Schema: 'peer', ID: 'p2', Addrs: [] }, { Schema: 'bitswap', ID: 'x' }] } },
      'http://r/routing/v1/peers/p2': { json: { Peers: [{ Schema: 'peer', ID: 'p2', Addrs: ['/ip4/127.0.0.3/tcp/8000/http'] }] } }
    })
    assert.deepEqual(await findProvidersDelegated('http://r', 'bafkcid', { fetch }), [
      { id: 'p1', addrs: ['/ip4/127.0.0.2/tcp/8000/http'] }, { id: 'p2', addrs: ['/ip4/127.0.0.3/tcp/8000/http'] }])
  })

  it('reads kubo\'s empty answer', async () => {
    const fetch = fakeFetch({ 'http://r/routing/v1/providers/c': { json: { Providers: null } } })
    assert.deepEqual(await findProvidersDelegated('http://r', 'c', { fetch }), [])
  })
})

describe('server list', () => {
  it('orders by latency and remembers the list for a warm start', async () => {
    const storage = memoryStorage()
    const fetch = fakeFetch({ 'http://slow/health': { json: {}, delayMs: 60 }, 'http://fast/health': { json: {} }, 'http://down/health': { status: 503 } })
    const list = new ServerList({ storage, fetch })
    const ranked = await list.rank(['http://slow', 'http://fast', 'http://down'])
    assert.deepEqual(ranked.map(r => r.url), ['http://fast', 'http://slow'])
    list.use(ranked.map(r => r.url), 'dht')
    assert.deepEqual(new ServerList({ storage, fetch }).remembered(60_000), ['http://fast', 'http://slow'])
  })

  it('forgets a remembered list that is too old', () => {
    const storage = memoryStorage()
    let now = 1000
    const list = new ServerList({ storage, now: () => now, fetch: fakeFetch({}) })
    list.use(['http://a'], 'dht')
    now += 10_000
    assert.deepEqual(list.remembered(20_000), ['http://a'])
    assert.deepEqual(list.remembered(5_000), [])
  })

  it('fails over to the next server and moves the failed one to the back', async () => {
    const list = new ServerList({ fetch: fakeFetch({}) })
    list.use(['http://a', 'http://b', 'http://c'], 'dht')
    const { url, value } = await list.tryEach(async u => { if (u === 'http://a') throw new Error('down'); return u.length })
    assert.equal(url, 'http://b')
    assert.equal(value, 8)
    assert.deepEqual(list.urls, ['http://b', 'http://c', 'http://a'])
  })

  it('stops at an error that another server would give too', async () => {
    const list = new ServerList({ fetch: fakeFetch({}) })
    list.use(['http://a', 'http://b'], 'dht')
    let calls = 0
    await assert.rejects(list.tryEach(async () => { calls++; throw Object.assign(new Error('invalid'), { final: true }) }), /invalid/)
    assert.equal(calls, 1)
  })

  it('says so when every server failed or none is known', async () => {
    const list = new ServerList({ fetch: fakeFetch({}) })
    await assert.rejects(list.tryEach(async () => 1), NoServerError)
    list.use(['http://a'], 'dht')
    await assert.rejects(list.tryEach(async () => { throw new Error('boom') }), /every server failed: boom/)
  })
})

describe('pinned servers (config "servers")', () => {
  it('come first, whatever discovery finds, and are not remembered', () => {
    const storage = memoryStorage()
    const list = new ServerList({ storage, pinned: ['http://127.0.0.3:8000'], fetch: fakeFetch({}) })
    list.use(['http://127.0.0.2:8000', 'http://127.0.0.3:8000'], 'dht')
    assert.deepEqual(list.urls, ['http://127.0.0.3:8000', 'http://127.0.0.2:8000'])
    list.use([], 'config')
    assert.deepEqual(list.urls, ['http://127.0.0.3:8000'])
    assert.deepEqual(new ServerList({ storage, fetch: fakeFetch({}) }).remembered(60_000), ['http://127.0.0.2:8000', 'http://127.0.0.3:8000'])
  })
})
