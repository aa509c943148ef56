import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiUrlOf, apiUrlsOf, dialAllowed, isPrivateHost } from '../src/index.js'

const local = { allowLoopback: true }
const prod = { allowLoopback: false }
const PEER = '12D3KooWSULcuD1AsGjmrfhxBihBcJkoS6o6XyuVv3Q4o2BaUbUJ'

describe('addresses the page may dial', () => {
  it('dials ws to loopback only when the config allows loopback', () => {
    assert.ok(dialAllowed(`/ip4/127.0.0.2/tcp/4002/ws/p2p/${PEER}`, local))
    assert.ok(dialAllowed('/ip4/127.0.0.3/tcp/4002/ws', local))
    assert.ok(!dialAllowed(`/ip4/127.0.0.2/tcp/4002/ws/p2p/${PEER}`, prod))
  })

  it('never dials a private LAN address, even with loopback allowed', () => {
    for (const ma of ['/ip4/192.168.1.5/tcp/4002/ws', '/ip4/10.0.0.1/tcp/443/wss', '/ip4/172.16.0.1/tcp/4002/ws',
      '/ip6/fe80::1/tcp/4002/ws', '/ip6/fd00::1/tcp/443/tls/ws', '/ip4/169.254.1.1/tcp/443/wss']) {
      assert.ok(!dialAllowed(ma, local), ma)
    }
  })

  it('dials public hosts over secure WebSockets only', () => {
    assert.ok(dialAllowed(`/dns4/ipfs.example.org/tcp/443/wss/p2p/${PEER}`, prod))
    assert.ok(dialAllowed('/ip4/203.0.113.7/tcp/443/tls/ws', prod))
    assert.ok(dialAllowed(`/ip4/203.0.113.7/tcp/4002/tls/sni/x.libp2p.direct/ws/p2p/${PEER}`, prod))
    assert.ok(!dialAllowed('/ip4/203.0.113.7/tcp/4002/ws', prod))
    assert.ok(!dialAllowed('/ip4/203.0.113.7/tcp/4001', prod))
    assert.ok(!dialAllowed(`/ip4/203.0.113.7/tcp/443/wss/p2p/${PEER}/p2p-circuit/p2p/${PEER}`, prod))
    assert.ok(!dialAllowed('/ip4/203.0.113.7/udp/4001/quic-v1', prod))
  })
})

describe('server API URLs from announced addresses', () => {
  it('reads the local servers\' /http addresses', () => {
    assert.equal(apiUrlOf('/ip4/127.0.0.2/tcp/8000/http', local), 'http://127.0.0.2:8000')
    assert.equal(apiUrlOf('/ip6/::1/tcp/8000/http', local), 'http://[::1]:8000')
    assert.equal(apiUrlOf('/ip4/127.0.0.2/tcp/8000/http', prod), null)
  })

  it('reads production https addresses', () => {
    assert.equal(apiUrlOf('/dns4/comments.example.org/tcp/443/tls/http', prod), 'https://comments.example.org')
    assert.equal(apiUrlOf('/dns/comments.example.org/tcp/8443/https', prod), 'https://comments.example.org:8443')
    assert.equal(apiUrlOf(`/ip4/203.0.113.7/tcp/443/tls/http/p2p/${PEER}`, prod), 'https://203.0.113.7')
  })

  it('refuses plain http to the internet and anything private', () => {
    assert.equal(apiUrlOf('/ip4/203.0.113.7/tcp/80/http', prod), null)
    assert.equal(apiUrlOf('/ip4/192.168.0.2/tcp/443/tls/http', local), null)
    assert.equal(apiUrlOf('/ip4/127.0.0.2/tcp/4002/ws', local), null)
    assert.equal(apiUrlOf('not an address', local), null)
  })

  it('lists each URL once', () => {
    assert.deepEqual(apiUrlsOf(['/ip4/127.0.0.2/tcp/4001', '/ip4/127.0.0.2/tcp/4002/ws', '/ip4/127.0.0.2/tcp/8000/http',
      `/ip4/127.0.0.2/tcp/8000/http/p2p/${PEER}`], local), ['http://127.0.0.2:8000'])
  })

  it('knows the private ranges', () => {
    for (const h of ['10.1.2.3', '127.0.0.1', '::1', '[::1]', 'fc00::1', '100.64.0.1', 'localhost', 'printer.local']) assert.ok(isPrivateHost(h), h)
    for (const h of ['8.8.8.8', '2001:db8::1', 'example.org', '172.32.0.1']) assert.ok(!isPrivateHost(h), h)
  })
})
