/**
 * The opt-in badge in real Chromium: turned on in the options page, it shows the active
 * tab's comment count from a server found through the client's config and a delegated
 * router (all on loopback), follows tab switches from its cache, and disappears when
 * turned off. The server answers buckets of counts (docs/protocol.md §5.8), each with
 * decoys beside the page's own, and records every request: the badge must pick its page's
 * count out of the bucket, and no request may ever carry a page's urlHash. Headless Chromium cannot answer the permission question, so this build
 * has the badge's host permissions granted at install (build.mjs grantBadgeHosts);
 * everything else is the shipped code.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { build } from '../../scripts/build.mjs'
import { pageKey } from '../../src/shared/protocol.js'
import { json, startServer } from '../fixtures/http-server.js'
import { DEADLINE_MS, launchWithExtension, screenshot } from './browser.js'

let work, site, client, router, server, chromium
const counts = {}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'comments-ext-badge-'))
  const { outDir } = await build({ outDir: join(work, 'dist'), grantBadgeHosts: true })
  site = await startServer('127.0.60.11', () => ({ body: '<!doctype html><title>A page</title><p>A page with comments.</p>' }))
  server = await startServer('127.0.60.13', req => {
    const path = new URL(req.url, 'http://x').pathname
    if (path === '/health') return json({ status: 'ok' })
    // a real server answers a page's folder too: a badge that asked for it would show the
    // right count, and only the check of what was sent would catch it
    const page = path.match(/^\/([0-9a-f]{64})$/)?.[1]
    if (page != null) return json({ cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', count: counts[page] ?? 0 })
    const prefix = path.match(/^\/counts\/([0-9a-f]{2,6})$/)?.[1]
    if (prefix == null) return json({ error: 'not-found' }, 404)
    const bucket = Object.fromEntries(Object.entries(counts).filter(([hash]) => hash.startsWith(prefix)))
    return json({ prefix, complete: true, counts: bucket })
  })
  router = await startServer('127.0.60.12', () => {
    const { hostname, port } = new URL(server.origin)
    return json({ Providers: [{ Schema: 'peer', ID: '12D3KooWServer', Addrs: [`/ip4/${hostname}/tcp/${port}/http`] }] })
  })
  client = await startServer('127.0.60.14', req => req.url === '/config.json'
    ? json({ routers: [router.origin], allowLoopback: true })
    : { body: '<!doctype html><title>client</title>' })
  chromium = await launchWithExtension(outDir)
})

after(async () => {
  await chromium?.close()
  await Promise.all([site, client, router, server].map(s => s?.close()))
  await rm(work, { recursive: true, force: true })
})

async function saveOptions (badge) {
  const options = await chromium.browser.newPage()
  await options.goto(`${chromium.origin}/options.html`, { waitUntil: 'load' })
  await options.waitForFunction(() => document.getElementById('clientUrl').value !== '', { timeout: DEADLINE_MS })
  await options.$eval('#clientUrl', e => { e.value = '' })
  await options.type('#clientUrl', `${client.origin}/`)
  if (await options.$eval('#badge', e => e.checked) !== badge) await options.click('#badge')
  await options.click('#save')
  const saved = await options.waitForFunction(() => document.querySelector('[data-testid=saved]').textContent || null, { timeout: DEADLINE_MS })
  assert.equal(await saved.jsonValue(), 'Saved.')
  return options
}

/** A urlHash in the same 3-character bucket as `hash`, and not `hash`. */
function decoyOf (hash) {
  return hash.slice(0, 3) + [...hash.slice(3)].map(c => c === '0' ? '1' : '0').join('')
}

/** No request to any of the test's servers, in any part (path, query, headers), carried one of these urlHashes. */
function assertNoUrlHashSent (hashes) {
  for (const r of [...site.requests, ...client.requests, ...router.requests, ...server.requests]) {
    for (const hash of hashes) assert.ok(!JSON.stringify(r).includes(hash), `${r.method} ${r.url} carried the urlHash ${hash}`)
  }
}

/** Waits until the badge of the active tab showing this address reads `text`. */
async function badgeReads (address, text) {
  const worker = await chromium.worker()
  await worker.waitForFunction(async (url, expected) => {
    const [tab] = await chrome.tabs.query({ active: true, url })
    return tab != null && await chrome.action.getBadgeText({ tabId: tab.id }) === expected
  }, { timeout: DEADLINE_MS, polling: 100 }, address, text)
}

describe('the badge in Chromium', () => {
  test('shows the count of the active tab, from the cache on the way back, and nothing once turned off', async () => {
    const busy = `${site.origin}/busy?utm_source=x`
    const quiet = `${site.origin}/quiet`
    const busyHash = (await pageKey(busy)).urlHash
    const quietHash = (await pageKey(quiet)).urlHash
    counts[busyHash] = 12
    counts[quietHash] = 1000
    // other pages of the same buckets: the badge must show its own page's count, not theirs
    for (const hash of [busyHash, quietHash]) counts[decoyOf(hash)] = 99
    const options = await saveOptions(true)

    const first = await chromium.browser.newPage()
    await first.goto(busy, { waitUntil: 'load' })
    await first.bringToFront()
    await badgeReads(busy, '12')
    await screenshot(first, 'badge-busy-page')

    const second = await chromium.browser.newPage()
    await second.goto(quiet, { waitUntil: 'load' })
    await second.bringToFront()
    await badgeReads(quiet, '1k+')
    // the busy page's bucket alone: a health check of the server may come at any time
    const busyPath = `/counts/${busyHash.slice(0, 3)}`
    const askedForBusy = () => server.requests.filter(r => r.url === busyPath).length
    const asked = askedForBusy()

    await first.bringToFront()
    await badgeReads(busy, '12')
    assert.equal(askedForBusy(), asked,
      `the count came from the cache (requests: ${server.requests.map(r => r.url).join(', ')})`)

    for (const r of [...client.requests, ...router.requests, ...server.requests]) {
      assert.ok(!JSON.stringify(r).includes('busy') && !JSON.stringify(r).includes('quiet'), `${r.url} carried the page address`)
      assert.equal(r.headers.referer, undefined)
    }
    assertNoUrlHashSent([busyHash, quietHash])
    assert.deepEqual(new Set(server.requests.map(r => r.url).filter(u => u !== '/health')),
      new Set([`/counts/${busyHash.slice(0, 3)}`, `/counts/${quietHash.slice(0, 3)}`]), 'only the buckets were asked')

    await options.bringToFront()
    await options.reload({ waitUntil: 'load' })
    await screenshot(options, 'badge-options-on')
    await options.close()
    await (await saveOptions(false)).close()
    await first.bringToFront()
    await badgeReads(busy, '')
    await first.close()
    await second.close()
    assertNoUrlHashSent([busyHash, quietHash])
  })
})
