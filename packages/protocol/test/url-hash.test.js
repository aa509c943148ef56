import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { normalizeUrl, urlHashOf, pageKey, isUrlHash, TRACKING_PARAMS, UrlRefusedError } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'

const { urlNormalization } = vectors

describe('url-hash', () => {
  it('drops exactly the vectors\' tracking parameters', () => {
    assert.deepEqual([...TRACKING_PARAMS], urlNormalization.trackingParams)
  })

  for (const c of urlNormalization.cases) {
    it(`normalizes and hashes ${c.input}`, async () => {
      assert.equal(normalizeUrl(c.input), c.normalized)
      assert.equal(await urlHashOf(c.normalized), c.urlHash)
      assert.deepEqual(await pageKey(c.input), { normalized: c.normalized, urlHash: c.urlHash })
    })
  }

  for (const input of urlNormalization.mustReject) {
    it(`refuses ${input} with a message for people`, () => {
      assert.throws(() => normalizeUrl(input), err => {
        assert.ok(err instanceof UrlRefusedError)
        assert.match(err.message, /http/)
        return true
      })
    })
  }

  it('keeps the other pairs in order and byte for byte, including empty ones', () => {
    assert.equal(normalizeUrl('https://e.com/?b=%41&gclid=1&a&&c=x%20y'), 'https://e.com/?b=%41&a&&c=x%20y')
  })

  it('compares names lowercased but as written', () => {
    assert.equal(normalizeUrl('https://e.com/?Utm_Source=1&utm_source2=2'), 'https://e.com/?utm_source2=2')
  })

  it('drops the password as well as the user name', () => {
    assert.equal(normalizeUrl('https://u:p@e.com/'), 'https://e.com/')
  })

  it('is idempotent', async () => {
    for (const c of urlNormalization.cases) assert.equal(normalizeUrl(c.normalized), c.normalized)
  })

  it('accepts only 64 lowercase hex characters as a urlHash', () => {
    assert.ok(isUrlHash(urlNormalization.cases[0].urlHash))
    assert.ok(!isUrlHash(urlNormalization.cases[0].urlHash.toUpperCase()))
    assert.ok(!isUrlHash('ab'))
    assert.ok(!isUrlHash(undefined))
  })
})
