import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { loadConfig, mergeConfig, ConfigError } from '../src/config/load-config.js'
import { dialAllowed, parseAddress } from '../src/discovery/addresses.js'
import { DEFAULT_CONFIG, NETWORK_ID_HEX } from '../src/config/defaults.js'
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

  it('accepts the example of docs/client-on-github-pages.md, whose every address an https page can use', () => {
    const doc = readFileSync(new URL('../../docs/client-on-github-pages.md', import.meta.url), 'utf8')
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1]
    assert.ok(example, 'the guide shows a config.json')
    const config = mergeConfig(JSON.parse(example))
    assert.equal(config.allowLoopback, false)
    assert.ok(config.bootstrap.length > 0)
    for (const ma of config.bootstrap) {
      assert.ok(dialAllowed(ma, { allowLoopback: false }), `a page may dial ${ma}`)
      assert.match(parseAddress(ma).peer ?? '', /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/, `${ma} names its PeerID`)
    }
    for (const url of [...config.gateways, ...config.routers]) assert.match(url, /^https:\/\/[^/]+$/)
  })

  it('ships a production config the page accepts', () => {
    const shipped = JSON.parse(readFileSync(new URL('../public/config.json', import.meta.url), 'utf8'))
    const config = mergeConfig(shipped)
    assert.equal(config.allowLoopback, false)
    assert.deepEqual(config.servers, [])
  })
})
