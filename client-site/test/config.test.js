import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dialAllowed, mergeConfig, parseAddress } from '@comments/protocol'

describe('the client\'s config files', () => {
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
