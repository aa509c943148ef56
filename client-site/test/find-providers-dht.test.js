import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { findProvidersDht } from '../src/discovery/find-providers-dht.js'

const A = { id: 'peerA', addrs: ['/ip4/127.0.0.2/tcp/4002/ws', '/ip4/127.0.0.2/tcp/8000/http'] }
const B = { id: 'peerB', addrs: ['/ip4/127.0.0.3/tcp/8000/http'] }

describe('DHT provider lookup', () => {
  const peer = id => ({ toString: () => id })
  const addr = s => ({ toString: () => s })

  function fakeLibp2p ({ providers, peerStore = {}, peerRecords = {} }) {
    const lookedUp = []
    return {
      lookedUp,
      contentRouting: { async * findProviders () { yield * providers } },
      peerStore: { get: async id => { if (!peerStore[id]) throw new Error('not found'); return { addresses: peerStore[id].map(a => ({ multiaddr: addr(a) })) } } },
      peerRouting: { findPeer: async id => { lookedUp.push(String(id)); if (!peerRecords[id]) throw new Error('not found'); return { multiaddrs: peerRecords[id].map(addr) } } }
    }
  }

  it('takes the addresses that come with a provider record', async () => {
    const libp2p = fakeLibp2p({ providers: [{ id: peer('A'), multiaddrs: A.addrs.map(addr) }] })
    const found = []
    for await (const p of findProvidersDht(libp2p, 'cid')) found.push(p)
    assert.deepEqual(found, [{ id: 'A', addrs: A.addrs }])
    assert.deepEqual(libp2p.lookedUp, [])
  })

  it('looks up the peer record (peer store, then findPeer) when the provider came without an /http address', async () => {
    const libp2p = fakeLibp2p({
      providers: [{ id: peer('A'), multiaddrs: [] }, { id: peer('B'), multiaddrs: [addr('/ip4/127.0.0.3/tcp/4001')] }, { id: peer('A'), multiaddrs: [] }],
      peerStore: { A: A.addrs },
      peerRecords: { B: B.addrs }
    })
    const found = []
    for await (const p of findProvidersDht(libp2p, 'cid')) found.push(p)
    assert.deepEqual(found, [{ id: 'A', addrs: A.addrs }, { id: 'B', addrs: ['/ip4/127.0.0.3/tcp/4001', ...B.addrs] }])
    assert.deepEqual(libp2p.lookedUp, ['B'])
  })
})
