import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { InvalidSettingError } from '../../src/shared/errors.js'
import { DEFAULT_SETTINGS } from '../../src/shared/settings.js'
import { SettingsStore } from '../../src/shared/settings-store.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

describe('SettingsStore', () => {
  test('reads the defaults from empty storage and knows them afterwards without waiting', async () => {
    const store = new SettingsStore(new FakeChromeApi())
    assert.equal(store.known, null)
    assert.deepEqual(await store.load(), DEFAULT_SETTINGS)
    assert.deepEqual(store.known, DEFAULT_SETTINGS)
  })

  test('saves validated settings, and nothing when a value is wrong', async () => {
    const api = new FakeChromeApi()
    const store = new SettingsStore(api)
    await store.save({ clientUrl: 'http://localhost:4173', openIn: 'tab' })
    assert.deepEqual(api.sync, { clientUrl: 'http://localhost:4173/', openIn: 'tab', badge: false })
    await assert.rejects(store.save({ clientUrl: 'http://example.com/' }), InvalidSettingError)
    assert.equal(api.sync.clientUrl, 'http://localhost:4173/')
  })

  test('tells its listeners about a change made elsewhere (another page, sync)', async () => {
    const api = new FakeChromeApi()
    const store = new SettingsStore(api)
    await store.load()
    const seen = []
    store.onChange(s => seen.push(s))
    await api.setSyncStorage({ openIn: 'tab' })
    await store.load()
    assert.deepEqual(seen, [{ ...DEFAULT_SETTINGS, openIn: 'tab' }])
  })
})
