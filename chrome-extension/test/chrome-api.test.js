// The seam itself: the tests' fake has exactly its methods, and the side panel is opened
// with no await between setting its page and opening it (Chrome's user-gesture rule).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createChromeApi } from '../src/chrome-api.js'
import { FakeChromeApi } from './fixtures/fake-chrome-api.js'

function methodsOf (object) {
  const names = new Set(Object.keys(object))
  for (let p = Object.getPrototypeOf(object); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n)
  }
  return names
}

describe('chrome-api.js', () => {
  test("the tests' fake offers every method of the seam", () => {
    const real = createChromeApi({})
    const fake = methodsOf(new FakeChromeApi())
    for (const name of Object.keys(real)) assert.ok(fake.has(name), `the fake lacks ${name}`)
  })

  test('knows whether the browser has a side panel', () => {
    assert.equal(createChromeApi({}).hasSidePanel, false)
    assert.equal(createChromeApi({ sidePanel: { open () {} } }).hasSidePanel, true)
  })

  test('openSidePanel sets the page and opens the panel in the same turn', async () => {
    const calls = []
    let sync = true
    const chrome = {
      sidePanel: {
        setOptions: async options => { calls.push(['setOptions', options, sync]) },
        open: async options => { calls.push(['open', options, sync]) }
      }
    }
    const done = createChromeApi(chrome).openSidePanel(3, 'panel.html?tab=3&n=1')
    sync = false
    await done
    assert.deepEqual(calls, [
      ['setOptions', { tabId: 3, path: 'panel.html?tab=3&n=1', enabled: true }, true],
      ['open', { tabId: 3 }, true]
    ])
  })

  test('createTab opens next to the page it is about', async () => {
    const created = []
    const api = createChromeApi({ tabs: { create: async o => { created.push(o) } } })
    await api.createTab({ url: 'https://c.example/#h', nextTo: { id: 4, index: 2, windowId: 9 } })
    await api.createTab({ url: 'https://c.example/#h' })
    assert.deepEqual(created, [
      { url: 'https://c.example/#h', index: 3, openerTabId: 4, windowId: 9 },
      { url: 'https://c.example/#h' }
    ])
  })
})
