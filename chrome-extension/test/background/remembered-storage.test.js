import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RememberedStorage } from '../../src/background/remembered-storage.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

describe('RememberedStorage', () => {
  test('a synchronous Storage whose items outlive the service worker', async () => {
    const api = new FakeChromeApi()
    const first = new RememberedStorage(api)
    await first.load()
    assert.equal(first.getItem('comments.servers'), null)
    first.setItem('comments.servers', '{"urls":["http://127.0.0.2:8000"]}')
    await first.flush()
    const second = new RememberedStorage(api)
    await second.load()
    assert.equal(second.getItem('comments.servers'), '{"urls":["http://127.0.0.2:8000"]}')
    second.removeItem('comments.servers')
    await second.flush()
    const third = new RememberedStorage(api)
    await third.load()
    assert.equal(third.getItem('comments.servers'), null)
  })

  test('ignores what is not a string', async () => {
    const api = new FakeChromeApi()
    api.local.rememberedStorage = { a: 1, b: 'two' }
    const storage = new RememberedStorage(api)
    await storage.load()
    assert.equal(storage.getItem('a'), null)
    assert.equal(storage.getItem('b'), 'two')
  })
})
