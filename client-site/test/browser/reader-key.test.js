// The key stays the reader's (issue 21, point 4; docs/adr/012-reader-key.md), in real Chromium:
// only a non-extractable key is stored, an old stored identity is moved without being lost, the
// identity moves between browsers only through a passphrase-protected file, the page does not
// run framed by another site, and names are shown with hidden characters as codes beside a
// fingerprint of the key.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { urlHashOf } from '@comments/protocol'
import { fingerprintOf } from '../../src/ui/fingerprint.js'
import { newIdentity } from '../fixtures/keys.js'
import { assertAccessible, awaitReady, openChromium, postInPage, screenshot } from './chromium.js'
import { TestServer, comment, siteOf } from './test-network.js'

const PASSPHRASE = 'a passphrase for the test'
let chromium
let server
let site
const cleanups = []

before(async () => {
  server = await new TestServer().start()
  site = await siteOf(server)
  chromium = await openChromium()
})

after(async () => {
  for (const clean of cleanups.reverse()) await clean().catch(() => {})
  await chromium?.close()
  await site?.close()
  await server?.close()
})

const newPage = () => urlHashOf(`https://example.org/reader-key/${Math.random()}`)

function post (page, author, text) {
  return postInPage(page, author, text)
}

/** The comment the server took with this text, as stored. */
function stored (urlHash, text) {
  const all = [...(server.pages.get(urlHash)?.values() ?? [])].map(bytes => JSON.parse(Buffer.from(bytes).toString('utf8')))
  return all.find(c => c.text === text)
}

/** Everything this origin keeps: every IndexedDB record (CryptoKeys described) and localStorage. */
function storageOf (page) {
  return page.evaluate(async () => {
    const describe = value => {
      if (value instanceof CryptoKey) return { cryptoKey: true, type: value.type, extractable: value.extractable, algorithm: value.algorithm.name }
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { bytes: value.byteLength }
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]))
      return value
    }
    const request = r => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
    const databases = {}
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name))
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store)
        const keys = await request(tx.objectStore(store).getAllKeys())
        const values = await request(tx.objectStore(store).getAll())
        databases[`${name}/${store}`] = Object.fromEntries(keys.map((k, i) => [String(k), describe(values[i])]))
      }
      db.close()
    }
    return { databases, localStorage: Object.fromEntries(Object.entries(localStorage)) }
  })
}

/** Every CryptoKey and every binary value found in a described store. */
function walk (value, found = { keys: [], bytes: [] }) {
  if (value?.cryptoKey) found.keys.push(value)
  else if (value?.bytes !== undefined) found.bytes.push(value)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) walk(v, found)
  return found
}

function assertNoKeyCopy (storage, publicKey, urlHash) {
  const record = storage.databases['comments/identity']?.self
  assert.ok(record, 'the identity is stored')
  assert.deepEqual(Object.keys(record).sort(), ['createdAt', 'privateKey', 'publicKey', 'v'])
  assert.equal(record.publicKey, publicKey)
  assert.deepEqual(record.privateKey, { cryptoKey: true, type: 'private', extractable: false, algorithm: 'Ed25519' })
  const found = walk(storage.databases)
  assert.deepEqual(found.keys.filter(k => k.extractable || k.type !== 'private'), [], 'no extractable key and no key that unwraps one is stored')
  assert.deepEqual(found.bytes, [], 'no bytes (a wrapped key) are stored')
  for (const [name, value] of Object.entries(storage.localStorage)) {
    assert.doesNotMatch(`${name}=${value}`, /seed|pkcs8|wrapped|"d"|identity/i, `localStorage ${name}`)
    const tokens = `${value}`.match(/[A-Za-z0-9_-]{43,}/g) ?? []
    assert.deepEqual(tokens.filter(t => t !== publicKey && t !== urlHash), [], `no key-sized token in localStorage ${name}`)
  }
}

test('(a) after a post, the one stored key is a non-extractable CryptoKey; no copy of it is stored anywhere', async () => {
  const urlHash = await newPage()
  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await post(page, 'Keeper', 'to make my key')
  const publicKey = stored(urlHash, 'to make my key').key
  await page.waitForFunction(k => document.querySelector('[data-testid="identity-key"]')?.textContent === k, {}, publicKey)
  assertNoKeyCopy(await storageOf(page), publicKey, urlHash)

  // Shown by its fingerprint, the same in the identity panel and on the comment.
  const fingerprint = await fingerprintOf(publicKey)
  await page.waitForFunction(fp => document.querySelector('[data-testid="identity-fingerprint"]')?.textContent === fp, {}, fingerprint)
  assert.equal(await page.$eval('[data-testid="comment"] [data-testid="comment-key"]', e => e.textContent), fingerprint)
  assert.equal(await page.$eval('[data-testid="identity"]', d => d.open), true, 'the panel opened to offer the one chance to save the key')
  await assertAccessible(page)
  await screenshot(page, 'identity-offered')

  // After a reload: the same identity, still only non-extractable, and it can no longer be saved.
  await page.reload()
  await awaitReady(page)
  await page.waitForFunction(k => document.querySelector('[data-testid="identity-key"]')?.textContent === k, {}, publicKey)
  assert.equal(await page.$eval('[data-testid="identity-save"]', e => e.hidden), true)
  assert.equal(await page.$eval('[data-testid="identity-no-export"]', e => e.hidden), false)
  await page.click('[data-testid="identity"] summary')
  await assertAccessible(page)
  assertNoKeyCopy(await storageOf(page), publicKey, urlHash)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('(a) an identity stored in the old format (with a wrapped extractable copy) is kept and moved to the new one', async () => {
  const profile = await openChromium()
  cleanups.push(() => profile.close())
  const page = await profile.newPage()
  await page.goto(site.url) // the start screen touches no identity
  await page.waitForSelector('[data-testid="url-input"]')
  // The record exactly as the client wrote it before issue 21.
  const publicKey = await page.evaluate(async () => {
    const ed = { name: 'Ed25519' }
    const pair = await crypto.subtle.generateKey(ed, true, ['sign', 'verify'])
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
    const publicKey = btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey'])
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const wrapped = await crypto.subtle.wrapKey('pkcs8', pair.privateKey, wrappingKey, { name: 'AES-GCM', iv })
    const privateKey = await crypto.subtle.unwrapKey('pkcs8', wrapped, wrappingKey, { name: 'AES-GCM', iv }, ed, false, ['sign'])
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('comments', 1)
      r.onupgradeneeded = () => r.result.createObjectStore('identity')
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    })
    await new Promise((resolve, reject) => {
      const tx = db.transaction('identity', 'readwrite')
      tx.objectStore('identity').put({ publicKey, privateKey, createdAt: 7, backup: { iv, wrapped, wrappingKey } }, 'self')
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    db.close()
    return publicKey
  })
  const urlHash = await newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForFunction(k => document.querySelector('[data-testid="identity-key"]')?.textContent === k, {}, publicKey)
  assertNoKeyCopy(await storageOf(page), publicKey, urlHash)
  assert.equal(await page.$eval('[data-testid="identity-save"]', e => e.hidden), false, 'this once, the moved key can be saved')
  await post(page, 'Old timer', 'with my old key')
  assert.equal(stored(urlHash, 'with my old key').key, publicKey, 'the same key signs')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('(b) export to a passphrase file; in a fresh browser a wrong passphrase changes nothing, the right one brings back the key that then signs', async () => {
  const downloads = await mkdtemp(join(tmpdir(), 'comments-downloads-'))
  cleanups.push(() => rm(downloads, { recursive: true, force: true }))
  const first = await openChromium()
  cleanups.push(() => first.close())
  const cdp = await first.browser.target().createCDPSession()
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true })

  const urlHash = await newPage()
  const page = await first.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await post(page, 'Traveller', 'from the first browser')
  const publicKey = stored(urlHash, 'from the first browser').key
  await page.waitForSelector('[data-testid="identity-save"]:not([hidden])')
  await page.type('[data-testid="identity-passphrase"]', PASSPHRASE)
  await page.type('[data-testid="identity-passphrase-again"]', PASSPHRASE)
  const done = new Promise(resolve => cdp.on('Browser.downloadProgress', e => { if (e.state === 'completed') resolve() }))
  await page.click('[data-testid="identity-export"]')
  await done
  const file = join(downloads, 'comments-identity.json')
  const saved = JSON.parse(await readFile(file, 'utf8'))
  assert.equal(saved.key, publicKey)
  assert.equal(saved.v, 2)
  assert.equal(saved.seed, undefined, 'no seed in the clear')
  await screenshot(page, 'identity-saved')
  await page.close()

  const second = await openChromium() // a fresh profile: nothing stored
  cleanups.push(() => second.close())
  const there = await second.newPage()
  const urlHash2 = await newPage()
  await there.goto(site.page(urlHash2))
  await awaitReady(there)
  await there.click('[data-testid="identity"] summary')
  const input = await there.$('[data-testid="identity-import"]')

  await there.type('[data-testid="identity-import-passphrase"]', 'not the passphrase')
  await input.uploadFile(file)
  await there.waitForFunction(() => /Wrong passphrase/.test(document.querySelector('[data-testid="identity-message"]').textContent))
  assert.match(await there.$eval('[data-testid="identity-key"]', e => e.textContent), /^none yet/)
  assert.equal((await storageOf(there)).databases['comments/identity']?.self, undefined, 'nothing was stored')
  await screenshot(there, 'identity-wrong-passphrase')

  await there.$eval('[data-testid="identity-import-passphrase"]', e => { e.value = '' })
  await there.type('[data-testid="identity-import-passphrase"]', PASSPHRASE)
  await input.uploadFile(file)
  await there.waitForFunction(k => document.querySelector('[data-testid="identity-key"]')?.textContent === k, {}, publicKey)
  assertNoKeyCopy(await storageOf(there), publicKey, urlHash2)
  await post(there, 'Traveller', 'from the second browser')
  assert.equal(stored(urlHash2, 'from the second browser').key, publicKey, 'the same key signs in the second browser')
  assert.deepEqual(there.errors, [])
  await there.close()
})

test('(c) framed by a page of another origin, the page does not start and says why; on its own it works', async () => {
  const urlHash = await newPage()
  const target = site.page(urlHash)
  const framer = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><title>Another site</title><h1>Another site</h1><iframe title="comments" src="${target}" width="800" height="500"></iframe>`)
  })
  framer.listen(0, '127.0.0.2')
  await once(framer, 'listening')
  cleanups.push(() => new Promise(resolve => { framer.closeAllConnections(); framer.close(resolve) }))
  const before = server.requests.length

  const page = await chromium.newPage()
  await page.goto(`http://127.0.0.2:${framer.address().port}/`)
  const frame = await page.waitForFrame(f => f.url() === target)
  await frame.waitForSelector('[data-testid="framed"]')
  assert.match(await frame.$eval('[data-testid="framed"]', e => e.textContent), /does not run inside another site/)
  assert.equal(await frame.$eval('[data-testid="open-alone"]', a => a.href), target)
  assert.equal(await frame.evaluate(() => window.commentsPage), undefined, 'the page object was never made')
  assert.equal(await frame.$('[data-testid="composer"]'), null, 'nothing to post with')
  assert.deepEqual((await frame.evaluate(() => indexedDB.databases())).map(d => d.name), [], 'no identity store was opened')
  assert.deepEqual(server.requests.slice(before), [], 'no server was asked')
  await screenshot(page, 'framed-by-another-site')

  await page.goto(target)
  await awaitReady(page)
  assert.equal(await page.$('[data-testid="framed"]'), null)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('(d) a name with a right-to-left override and zero-width characters is shown with them as codes, isolated, beside a fingerprint that tells keys apart', async () => {
  const urlHash = await newPage()
  const mallory = await newIdentity()
  const alice = await newIdentity()
  const spoof = await comment(urlHash, { author: 'Mal\u202Elory\u200B\u200B', text: 'a spoofed name', ts: 1_700_000_000_000 }, mallory)
  const plain = await comment(urlHash, { author: 'Alice', text: 'a plain name', ts: 1_700_000_000_001 }, alice)
  for (const c of [spoof, plain]) server.add(urlHash, c)

  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  const shown = async (id) => {
    await page.waitForFunction(i => /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/.test(document.querySelector(`[data-id="${i}"] [data-testid="comment-key"]`)?.textContent ?? ''), {}, id)
    return page.$eval(`[data-testid="comment"][data-id="${id}"]`, a => {
      const author = a.querySelector('[data-testid="comment-author"]')
      return {
        tag: author.tagName,
        bidi: getComputedStyle(author).unicodeBidi,
        name: author.textContent,
        key: a.querySelector('[data-testid="comment-key"]').textContent,
        reply: a.querySelector('[data-testid="reply-button"]').getAttribute('aria-label')
      }
    })
  }
  const m = await shown(spoof.id)
  assert.deepEqual(m, {
    tag: 'BDI', bidi: 'isolate', name: 'Mal⟨U+202E⟩lory⟨U+200B⟩⟨U+200B⟩', key: await fingerprintOf(mallory.publicKey), reply: 'Reply to Mal⟨U+202E⟩lory⟨U+200B⟩⟨U+200B⟩'
  })
  const a = await shown(plain.id)
  assert.equal(a.name, 'Alice')
  assert.equal(a.key, await fingerprintOf(alice.publicKey))
  assert.notEqual(m.key, a.key, 'two keys, two fingerprints')
  assert.equal(await page.$eval(`[data-id="${spoof.id}"] .comment-head`, h => h.textContent.includes('\u202E')), false, 'no override reaches the page')
  await screenshot(page, 'neutralized-name')
  assert.deepEqual(page.errors, [])
  await page.close()
})
