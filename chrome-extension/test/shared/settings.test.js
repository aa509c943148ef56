import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { InvalidSettingError } from '../../src/shared/errors.js'
import {
  DEFAULT_SETTINGS, LOCAL_CLIENT_URL, PUBLIC_CLIENT_URL, settingsFromStorage, validateClientUrl, validateSettings
} from '../../src/shared/settings.js'

describe('the defaults', () => {
  test('the public client, the side panel, no badge', () => {
    assert.deepEqual(DEFAULT_SETTINGS, { clientUrl: PUBLIC_CLIENT_URL, openIn: 'panel', badge: false })
    assert.equal(PUBLIC_CLIENT_URL, 'https://comments-on-ipfs.github.io/')
    assert.equal(LOCAL_CLIENT_URL, 'http://127.0.0.1:4173/')
    assert.equal(validateClientUrl(PUBLIC_CLIENT_URL), PUBLIC_CLIENT_URL)
    assert.equal(validateClientUrl(LOCAL_CLIENT_URL), LOCAL_CLIENT_URL)
  })
})

describe('validateClientUrl', () => {
  const accepted = [
    ['https://comments-on-ipfs.github.io/', 'https://comments-on-ipfs.github.io/'],
    ['  https://Example.ORG  ', 'https://example.org/'],
    ['https://example.org/comments', 'https://example.org/comments/'],
    ['https://example.org/comments/index.html', 'https://example.org/comments/index.html'],
    ['https://example.org/#old-hash', 'https://example.org/'],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/'],
    ['http://127.0.60.2:8080', 'http://127.0.60.2:8080/'],
    ['http://localhost:5173/', 'http://localhost:5173/'],
    ['http://[::1]:4173/', 'http://[::1]:4173/']
  ]
  for (const [input, expected] of accepted) {
    test(`accepts ${JSON.stringify(input)}`, () => assert.equal(validateClientUrl(input), expected))
  }

  const refused = [
    ['', /Enter the address/],
    [undefined, /Enter the address/],
    ['comments site', /is not a web address/],
    ['http://example.com/', /Use an https:\/\/ address\. Plain http:\/\/ is allowed only for a site on this computer/],
    ['http://10.0.0.5/', /Use an https:\/\/ address/],
    ['http://192.168.1.2:4173/', /Use an https:\/\/ address/],
    ['ftp://example.com/', /must be an https:\/\/ address, not ftp:/],
    ['javascript:alert(1)', /must be an https:\/\/ address/],
    ['file:///tmp/index.html', /must be an https:\/\/ address/],
    ['https://ada:secret@example.org/', /must not contain a user name or password/]
  ]
  for (const [input, expected] of refused) {
    test(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => validateClientUrl(input), err => {
        assert.ok(err instanceof InvalidSettingError)
        assert.equal(err.field, 'clientUrl')
        assert.match(err.message, expected)
        return true
      })
    })
  }
})

describe('validateSettings', () => {
  test('returns the settings complete and normalized', () => {
    assert.deepEqual(validateSettings({ clientUrl: 'https://example.org/c', openIn: 'tab', badge: true }),
      { clientUrl: 'https://example.org/c/', openIn: 'tab', badge: true })
  })

  test('names the field that is wrong', () => {
    assert.throws(() => validateSettings({ ...DEFAULT_SETTINGS, openIn: 'window' }), { field: 'openIn' })
    assert.throws(() => validateSettings({ ...DEFAULT_SETTINGS, badge: 'yes' }), { field: 'badge' })
    assert.throws(() => validateSettings({ ...DEFAULT_SETTINGS, clientUrl: 'http://example.com' }), { field: 'clientUrl' })
  })
})

describe('settingsFromStorage', () => {
  test('keeps valid stored values and replaces the rest by their defaults', () => {
    assert.deepEqual(settingsFromStorage({}), DEFAULT_SETTINGS)
    assert.deepEqual(settingsFromStorage({ clientUrl: 'http://127.0.0.1:4173/', openIn: 'tab', badge: true }),
      { clientUrl: 'http://127.0.0.1:4173/', openIn: 'tab', badge: true })
    assert.deepEqual(settingsFromStorage({ clientUrl: 'http://evil.example/', openIn: 'sideways', badge: 1, other: 'x' }), DEFAULT_SETTINGS)
  })
})
