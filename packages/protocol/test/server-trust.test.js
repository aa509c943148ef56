import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ServerList } from '../src/index.js'
import { FORGET_MS } from '../src/discovery/server-trust.js'
import { memoryStorage } from './fixtures/fake-network.js'

const A = 'http://127.0.0.2:8000'
const B = 'http://127.0.0.3:8000'
const C = 'http://127.0.0.4:8000'

describe('ServerList: trust and sampling', () => {
  it('reads the best server and then the one read least recently, so each is compared in turn', () => {
    let now = 1000
    const list = new ServerList({ storage: memoryStorage(), now: () => now })
    list.use([A, B, C], 'dht')
    const visits = []
    for (let i = 0; i < 4; i++) {
      const [first, second] = list.readOrder()
      visits.push(second)
      list.markRead(first)
      list.markRead(second)
      now += 1000
    }
    assert.deepEqual(visits, [B, C, B, C])
  })

  it('puts servers that answered truthfully before the ones not yet checked, and remembers it across visits', () => {
    const storage = memoryStorage()
    const first = new ServerList({ storage })
    first.use([A, B, C], 'dht')
    first.vouch(C)
    assert.deepEqual(first.urls, [C, A, B])
    const next = new ServerList({ storage })
    next.use([A, B, C], 'dht')
    assert.deepEqual(next.urls, [C, A, B])
  })

  it('forgets a server caught lying, even a pinned one, for FORGET_MS, unless it is the only one', () => {
    let now = 0
    const storage = memoryStorage()
    const list = new ServerList({ storage, now: () => now, pinned: [A] })
    list.use([B], 'dht')
    list.forget(A)
    assert.deepEqual(list.urls, [B])
    const later = new ServerList({ storage, now: () => now + FORGET_MS - 1, pinned: [A] })
    later.use([B], 'dht')
    assert.deepEqual(later.urls, [B], 'still forgotten on the next visit')
    const alone = new ServerList({ storage, now: () => now })
    alone.use([A], 'dht')
    assert.deepEqual(alone.urls, [A], 'the only server is still used')
    now += FORGET_MS
    const afterwards = new ServerList({ storage, now: () => now, pinned: [A] })
    afterwards.use([B], 'dht')
    assert.deepEqual(afterwards.urls, [A, B], 'another chance after FORGET_MS')
  })

  it('ignores a trust record that is not what it wrote', () => {
    const storage = memoryStorage()
    storage.setItem('comments.serverTrust', JSON.stringify({ [A]: { truthful: 'lots', seenAt: 1 }, [B]: 7 }))
    const list = new ServerList({ storage })
    list.use([B, A], 'dht')
    assert.deepEqual(list.urls, [B, A])
  })

  it('tryEach stops on a final refusal unless told what stops it', async () => {
    const list = new ServerList()
    list.use([A, B], 'dht')
    const refuse = async url => { if (url === A) throw Object.assign(new Error('refused'), { final: true }); return url }
    await assert.rejects(list.tryEach(refuse), /refused/)
    list.use([A, B], 'dht')
    assert.deepEqual(await list.tryEach(refuse, { stopWhen: () => false }), { url: B, value: B })
  })
})
