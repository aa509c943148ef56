import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ActionClick } from '../../src/background/action-click.js'
import { pageFragment, pageKey } from '../../src/shared/protocol.js'
import { tabIdOfPanel } from '../../src/shared/pages.js'
import { SettingsStore } from '../../src/shared/settings-store.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

const TAB = { id: 7, index: 2, windowId: 1, url: 'https://news.example/story?utm_source=x', title: 'A story & more' }
/** The client page the tab's comments open at: its page link, with the normalized URL and the title. */
async function commentsOf (tab) {
  const { urlHash, normalized } = await pageKey(tab.url)
  return `https://comments.example/#${pageFragment(urlHash, { url: normalized, title: tab.title })}`
}

function setup (stored = {}, options = {}) {
  const api = new FakeChromeApi(options)
  api.sync = { clientUrl: 'https://comments.example/', ...stored }
  const store = new SettingsStore(api)
  const warnings = []
  const log = { warn: (...a) => warnings.push(a), error: (...a) => warnings.push(a) }
  let n = 1000
  const click = new ActionClick({ api, settings: () => store.load(), knownSettings: () => store.known, log }, { now: () => n++ })
  return { api, store, click, warnings }
}

describe('a click on the button in panel mode', () => {
  test('opens the side panel synchronously, before anything is awaited (the user gesture)', () => {
    const { api, click } = setup()
    click.handle(TAB)
    const [[tabId, path]] = api.callsOf('openSidePanel')
    assert.equal(tabId, 7)
    assert.equal(tabIdOfPanel(new URL(path, 'chrome-extension://x/').search), 7)
    assert.ok(path.startsWith('panel.html?tab=7&n='))
  })

  test('every click gives the panel a new path, so an open panel reads its tab again', async () => {
    const { api, click } = setup()
    await click.handle(TAB)
    await click.handle(TAB)
    const [[, first], [, second]] = api.callsOf('openSidePanel')
    assert.notEqual(first, second)
  })

  test('when the panel cannot open, the comments open in a tab next to the page', async () => {
    const { api, click, warnings } = setup()
    api.failPanel = new Error('sidePanel.open() may only be called in response to a user gesture.')
    await click.handle(TAB)
    assert.deepEqual(api.callsOf('createTab'), [[{ url: await commentsOf(TAB), nextTo: TAB }]])
    assert.equal(warnings.length, 1)
  })

  test('when the panel cannot open on a refused page, nothing opens', async () => {
    const { api, click } = setup()
    api.failPanel = new Error('no panel')
    await click.handle({ ...TAB, url: 'chrome://settings/' })
    assert.deepEqual(api.callsOf('createTab'), [])
  })
})

describe('a click that reaches the service worker in tab mode', () => {
  test('opens a tab when the settings say so (the popup was not set yet)', async () => {
    const { api, store, click } = setup({ openIn: 'tab' })
    await store.load()
    await click.handle(TAB)
    assert.deepEqual(api.callsOf('openSidePanel'), [])
    assert.deepEqual(api.callsOf('createTab'), [[{ url: await commentsOf(TAB), nextTo: TAB }]])
  })

  test('opens a tab in a browser without a side panel', async () => {
    const { api, click } = setup({}, { hasSidePanel: false })
    await click.handle(TAB)
    assert.equal(api.callsOf('createTab').length, 1)
  })
})
