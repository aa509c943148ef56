import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { loadConfig, mergeConfig, ConfigError, DEFAULT_CONFIG, NETWORK_ID_HEX } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { fakeFetch } from './fixtures/fake-network.js'

describe('config', () => {
  it('defaults to the vectors\' network id and the public DHT, with nothing local allowed', () => {
    assert.equal(NETWORK_ID_HEX, vectors.network.networkIdHex)
    assert.equal(DEFAULT_CONFIG.dhtProtocol, '/ipfs/kad/1.0.0')
    assert.equal(DEFAULT_CONFIG.allowLoopback, false)
  })

  it('overlays config.json on the defaults, ignoring "$comment" keys and trailing slashes', async () => {
    const fetch = fakeFetch({ 'http://site/config.json': { json: { $comment: 'x', gateways: ['http://127.0.0.2:8080/'], allowLoopback: true, pollSeconds: 5 } } })
    const config = await loadConfig('http://site/config.json', { fetch })
    assert.deepEqual(config.gateways, ['http://127.0.0.2:8080'])
    assert.equal(config.allowLoopback, true)
    assert.equal(config.pollSeconds, 5)
    assert.equal(config.networkId, NETWORK_ID_HEX)
  })

  it('uses the defaults when there is no config.json', async () => {
    assert.deepEqual(await loadConfig('http://site/config.json', { fetch: fakeFetch({ 'http://site/config.json': { status: 404 } }) }), { ...DEFAULT_CONFIG })
  })

  it('refuses unknown keys and wrong types, so a typo is not silently ignored', () => {
    for (const bad of [{ bootstrapp: [] }, { bootstrap: 'x' }, { pollSeconds: 0 }, { allowLoopback: 'yes' }, { networkId: 'AD' }, []]) {
      assert.throws(() => mergeConfig(bad), ConfigError, JSON.stringify(bad))
    }
  })
  it('takes stamps as whole numbers of bits from 0 to 32, the least no more than the most', () => {
    assert.deepEqual([mergeConfig({ minStampBits: 0 }).minStampBits, mergeConfig({ minStampBits: 12, maxStampBits: 20 }).maxStampBits], [0, 20])
    for (const bad of [{ minStampBits: -1 }, { maxStampBits: 33 }, { minStampBits: 1.5 }, { minStampBits: '8' }, { minStampBits: 25 }]) {
      assert.throws(() => mergeConfig(bad), ConfigError, JSON.stringify(bad))
    }
  })

  it('reads from 1 to 8 servers at once, a whole number', () => {
    assert.equal(mergeConfig({ readServers: 3 }).readServers, 3)
    for (const bad of [{ readServers: 0 }, { readServers: 1.5 }, { readServers: 9 }, { readServers: '2' }]) {
      assert.throws(() => mergeConfig(bad), /readServers/, JSON.stringify(bad))
    }
  })

  it('lets any site embed the client for its own pages unless "embedders" names origins, or none', () => {
    assert.deepEqual(DEFAULT_CONFIG.embedders, ['*'])
    assert.deepEqual(mergeConfig({ embedders: ['https://blog.example', 'http://127.0.0.1:8080/'] }).embedders, ['https://blog.example', 'http://127.0.0.1:8080'])
    assert.deepEqual(mergeConfig({ embedders: [] }).embedders, [])
    for (const bad of [['*', 'https://a.example'], ['blog.example'], ['https://blog.example/path'], ['https://Blog.example'], ['https://blog.example:443'], ['ftp://a.example'], ['https://*.example'], 'https://a.example']) {
      assert.throws(() => mergeConfig({ embedders: bad }), ConfigError, JSON.stringify(bad))
    }
  })
})
