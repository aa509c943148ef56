/**
 * The toolbar button in real Chromium: a page served on loopback, the button pressed
 * for real, and a stand-in client (a static page that shows its location.hash, on
 * another loopback origin) that must open at exactly the page's urlHash, in the side
 * panel or in a new tab. Browser pages are refused and open nothing. The options page
 * changes what the button does. One screenshot per scenario under target/.
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { pageFragment, pageKey } from '../../src/shared/protocol.js'
import { DEADLINE_MS, launchWithExtension, screenshot, waitForUrl } from './browser.js'
import { startServer } from '../fixtures/http-server.js'

const ARTICLE_TITLE = 'An article'
const ARTICLE = '<!doctype html><title>An article</title><h1>An article</h1><p>Some text worth a comment.</p>'
const STAND_IN_CLIENT = `<!doctype html><title>stand-in client</title>
<body style="font:16px sans-serif;padding:1rem"><h1>Stand-in client</h1><p>hash: <code id="hash"></code></p>
<script>
  const show = () => { document.getElementById('hash').textContent = location.hash.slice(1) }
  show()
  addEventListener('hashchange', show)
</script>`

/** The refusal for the browser's own pages, whose address Chrome keeps from extensions. */
const BROWSER_PAGE = /^This is one of the browser's own pages \(such as chrome:\/\/ or about: pages\).* These pages cannot have comments\./

let site, clientA, clientB, chromium

const route = html => req => new URL(req.url, 'http://x').pathname === '/favicon.ico' ? null : { body: html }

before(async () => {
  site = await startServer('127.0.60.1', route(ARTICLE))
  clientA = await startServer('127.0.60.2', route(STAND_IN_CLIENT))
  clientB = await startServer('127.0.60.3', route(STAND_IN_CLIENT))
  chromium = await launchWithExtension()
})

after(async () => {
  await chromium?.close()
  await Promise.all([site, clientA, clientB].map(s => s?.close()))
})

/** Stores settings as the options page would (validated values only). */
async function setSettings (values) {
  const worker = await chromium.worker()
  await worker.evaluate(v => chrome.storage.sync.set(v), values)
  await buttonReady(values.openIn)
}

/** Waits until the service worker has set the button up for this mode (it does so when the settings change). */
async function buttonReady (openIn) {
  const worker = await chromium.worker()
  await worker.waitForFunction(async popup => (await chrome.action.getPopup({})) === popup,
    { timeout: DEADLINE_MS, polling: 50 }, openIn === 'tab' ? `${chromium.origin}/popup.html` : '')
}

/** The page link the client opens at for this page: its urlHash, normalized URL and title, in the fragment. */
async function pageLink (url, title = ARTICLE_TITLE) {
  const { urlHash, normalized } = await pageKey(url)
  return { urlHash, normalized, fragment: pageFragment(urlHash, { url: normalized, title }) }
}

/**
 * Tabs and side panels a test opened: closed after each test, so that one a failed test left open
 * cannot act on the next test's settings (a side panel reloads its frame when the client changes).
 */
const opened = new Set()

async function openArticle (path = '/article?utm_source=x&id=7#comments') {
  const page = await chromium.browser.newPage()
  opened.add(page)
  await page.goto(`${site.origin}${path}`, { waitUntil: 'load' })
  await page.bringToFront()
  return page
}

/** The hash the stand-in client shows in this frame or page, once it shows one. */
async function shownHash (frame) {
  const handle = await frame.waitForFunction(() => document.getElementById('hash')?.textContent || null, { timeout: DEADLINE_MS, polling: 50 })
  return handle.jsonValue()
}

/** The addresses of the side panels the browser lists now. */
function panelUrls () {
  return new Set(chromium.browser.targets().map(t => t.url()).filter(u => u.startsWith(`${chromium.origin}/panel.html`)))
}

/**
 * The side panel a click opened: every click gives the panel a new path, so it is the panel at an
 * address not listed before the click (a panel of an earlier click may still be listed, with frames
 * of its own that never show what this click did).
 */
async function panelAfter (before) {
  const panel = await (await waitForUrl(chromium.browser, u => u.startsWith(`${chromium.origin}/panel.html`) && !before.has(u))).asPage()
  opened.add(panel)
  return panel
}

/**
 * The URL and shown hash of the stand-in client of this origin framed in this side panel, once it
 * shows one. The frames are listed again at each look: the panel may navigate its frame again, and
 * a frame handle held across that (or across Chromium moving the frame out of process) goes stale
 * and never answers.
 */
async function framedClient (panel, origin) {
  const deadline = Date.now() + DEADLINE_MS
  for (;;) {
    for (const frame of panel.frames().filter(f => f.url().startsWith(origin))) {
      const hash = await frame.evaluate(() => document.getElementById('hash')?.textContent || null).catch(() => null)
      if (hash != null) return { url: frame.url(), hash }
    }
    if (Date.now() > deadline) throw new Error(`the side panel showed no client of ${origin} within ${DEADLINE_MS} ms; its frames: ${panel.frames().map(f => f.url()).join(', ')}`)
    await new Promise(resolve => setTimeout(resolve, 100)) // the next look, not a wait for time to pass
  }
}

function leaksUrl (server) {
  return server.requests.filter(r => JSON.stringify(r).includes('article') || JSON.stringify(r).includes('127.0.60.1'))
}

describe('the toolbar button in Chromium', () => {
  afterEach(async () => {
    for (const page of opened) if (!page.isClosed()) await page.close().catch(() => {})
    opened.clear()
  })

  test('panel mode: the side panel shows the client at exactly the urlHash of the normalized page URL', async () => {
    await setSettings({ clientUrl: `${clientA.origin}/`, openIn: 'panel', badge: false })
    const page = await openArticle()
    const expected = await pageLink(page.url())
    assert.equal(expected.normalized, `${site.origin}/article?id=7`)

    const panelsBefore = panelUrls()
    await page.triggerExtensionAction(chromium.extension)
    const panel = await panelAfter(panelsBefore)
    const framed = await framedClient(panel, clientA.origin)
    assert.equal(framed.url, `${clientA.origin}/#${expected.fragment}`)
    assert.equal(framed.hash, expected.fragment)
    assert.deepEqual(leaksUrl(clientA), [], 'the client got nothing of the page URL (no referrer either)')
    await screenshot(panel, 'panel-mode-side-panel')
    await screenshot(page, 'panel-mode-tab')
    await panel.close()
    await page.close()
  })

  test('tab mode: the client opens in a new tab at exactly the urlHash', async () => {
    await setSettings({ clientUrl: `${clientA.origin}/`, openIn: 'tab', badge: false })
    const page = await openArticle('/article?fbclid=abc')
    const expected = await pageLink(page.url())
    assert.equal(expected.normalized, `${site.origin}/article`)

    await page.triggerExtensionAction(chromium.extension)
    const opened = await (await waitForUrl(chromium.browser, u => u === `${clientA.origin}/#${expected.fragment}`)).asPage()
    assert.equal(await shownHash(opened), expected.fragment)
    assert.deepEqual(leaksUrl(clientA), [])
    await screenshot(opened, 'tab-mode-new-tab')
    await opened.close()
    await page.close()
  })

  for (const [name, address, expected] of [
    ['chrome', 'chrome://version/', BROWSER_PAGE],
    ['about', 'about:blank', BROWSER_PAGE],
    ['data', 'data:text/html,<p>no address of its own</p>', BROWSER_PAGE],
    ['file', 'file:///etc/hostname', /^This is a file on your computer \(file:\/\/\)\. Files cannot have comments/]
  ]) {
    test(`a ${name}: tab gets the refusal in the popup, and nothing opens`, async () => {
      await setSettings({ clientUrl: `${clientB.origin}/`, openIn: 'tab', badge: false })
      const page = await chromium.browser.newPage()
      await page.goto(address, { waitUntil: 'load' })
      await page.bringToFront()
      const before = clientB.requests.length

      await page.triggerExtensionAction(chromium.extension)
      const popup = await (await waitForUrl(chromium.browser, u => u.startsWith(`${chromium.origin}/popup.html`))).asPage()
      const text = await (await popup.waitForSelector('[data-testid=refusal-text]', { timeout: DEADLINE_MS })).evaluate(e => e.textContent)
      assert.match(text, expected)
      assert.match(text, /Only web pages \(addresses that start with https:\/\/ or http:\/\/\) can have comments\.$/)
      // The popup decides before it opens anything: once it shows the refusal, nothing was or will be opened.
      assert.equal(clientB.requests.length, before)
      assert.equal(chromium.browser.targets().filter(t => t.url().startsWith(clientB.origin)).length, 0)
      await screenshot(popup, `refusal-${name}-popup`)
      await popup.close()
      await page.close()
    })
  }

  test('a chrome:// tab in panel mode: the panel says why and frames nothing', async () => {
    await setSettings({ clientUrl: `${clientB.origin}/`, openIn: 'panel', badge: false })
    const page = await chromium.browser.newPage()
    await page.goto('chrome://version', { waitUntil: 'load' })
    await page.bringToFront()
    const before = clientB.requests.length

    const panelsBefore = panelUrls()
    await page.triggerExtensionAction(chromium.extension)
    const panel = await panelAfter(panelsBefore)
    const text = await (await panel.waitForSelector('[data-testid=refusal-text]', { timeout: DEADLINE_MS })).evaluate(e => e.textContent)
    assert.match(text, BROWSER_PAGE)
    assert.equal(await panel.$('iframe'), null)
    assert.equal(clientB.requests.length, before)
    await screenshot(panel, 'refusal-chrome-panel')
    await panel.close()
    await page.close()
  })

  test('the options page: a new client URL and tab or side panel take effect; a bad URL is refused', async () => {
    await setSettings({ clientUrl: `${clientA.origin}/`, openIn: 'panel', badge: false })
    const options = await chromium.browser.newPage()
    await options.goto(`${chromium.origin}/options.html`, { waitUntil: 'load' })
    await options.waitForFunction(origin => document.getElementById('clientUrl').value === origin, { timeout: DEADLINE_MS }, `${clientA.origin}/`)

    // A plain http address that is not on this computer is refused, and nothing is saved.
    await options.$eval('#clientUrl', e => { e.value = '' })
    await options.type('#clientUrl', 'http://example.com/comments')
    await options.click('#save')
    const error = await (await options.waitForSelector('[data-testid=clientUrl-error]:not(:empty)', { timeout: DEADLINE_MS })).evaluate(e => e.textContent)
    assert.match(error, /Use an https:\/\/ address/)
    await screenshot(options, 'options-refused-url')
    const worker = await chromium.worker()
    assert.equal((await worker.evaluate(() => chrome.storage.sync.get('clientUrl'))).clientUrl, `${clientA.origin}/`)

    // Another client (a folder path without its slash) and a new tab.
    await options.$eval('#clientUrl', e => { e.value = '' })
    await options.type('#clientUrl', `${clientB.origin}/comments`)
    await options.click('#openIn-tab')
    await options.click('#save')
    await options.waitForFunction(() => document.querySelector('[data-testid=saved]').textContent === 'Saved.', { timeout: DEADLINE_MS })
    assert.equal(await options.$eval('#clientUrl', e => e.value), `${clientB.origin}/comments/`)
    await screenshot(options, 'options-saved')
    await options.close()
    await buttonReady('tab')

    const page = await openArticle('/article?utm_campaign=c')
    const expected = await pageLink(page.url())
    await page.triggerExtensionAction(chromium.extension)
    const opened = await (await waitForUrl(chromium.browser, u => u === `${clientB.origin}/comments/#${expected.fragment}`)).asPage()
    assert.equal(await shownHash(opened), expected.fragment)
    await screenshot(opened, 'options-then-tab')
    await opened.close()

    // Back to the side panel, from the options page again.
    const again = await chromium.browser.newPage()
    await again.goto(`${chromium.origin}/options.html`, { waitUntil: 'load' })
    await again.waitForFunction(() => document.getElementById('openIn-tab').checked, { timeout: DEADLINE_MS })
    await again.click('#openIn-panel')
    await again.click('#save')
    await again.waitForFunction(() => document.querySelector('[data-testid=saved]').textContent === 'Saved.', { timeout: DEADLINE_MS })
    await again.close()
    await buttonReady('panel')

    await page.bringToFront()
    const panelsBefore = panelUrls()
    await page.triggerExtensionAction(chromium.extension)
    const panel = await panelAfter(panelsBefore)
    const framed = await framedClient(panel, clientB.origin)
    assert.equal(framed.url, `${clientB.origin}/comments/#${expected.fragment}`)
    assert.equal(framed.hash, expected.fragment)
    await screenshot(panel, 'options-then-panel')
    await panel.close()
    await page.close()
  })

  test('the side panel follows its tab on the same site; on another site it asks for a new click, which shows that page', async () => {
    await setSettings({ clientUrl: `${clientA.origin}/`, openIn: 'panel', badge: false })
    const page = await openArticle('/article?id=1')
    const panelsBefore = panelUrls()
    await page.triggerExtensionAction(chromium.extension)
    const panel = await panelAfter(panelsBefore)
    const frameShows = async address => {
      // the title may be the tab's or not yet: the page is named by its URL
      const { urlHash, normalized } = await pageKey(address)
      await panel.waitForFunction(src => document.querySelector('iframe')?.src.startsWith(src), { timeout: DEADLINE_MS, polling: 50 }, `${clientA.origin}/#${urlHash}?url=${encodeURIComponent(normalized)}`)
    }
    await frameShows(`${site.origin}/article?id=1`)

    await page.goto(`${site.origin}/article?id=2`, { waitUntil: 'load' })
    await frameShows(`${site.origin}/article?id=2`)

    // Another site: Chrome takes back the right to read the tab's address.
    await page.goto(`${clientB.origin}/elsewhere?utm_source=x`, { waitUntil: 'load' })
    await panel.waitForSelector('[data-testid=moved]', { timeout: DEADLINE_MS })
    assert.equal(await panel.$('iframe'), null)
    await screenshot(panel, 'panel-tab-moved')

    const panelsThen = panelUrls()
    await page.triggerExtensionAction(chromium.extension)
    const again = await panelAfter(panelsThen)
    const { urlHash, normalized } = await pageKey(`${clientB.origin}/elsewhere`)
    await again.waitForFunction(src => document.querySelector('iframe')?.src.startsWith(src), { timeout: DEADLINE_MS, polling: 50 }, `${clientA.origin}/#${urlHash}?url=${encodeURIComponent(normalized)}`)
    await again.close()
    await page.close()
  })
})
