// A hostile server cannot make the reader's page work without bound (issue 21, point 3): in
// real Chromium, a gateway that sends a huge CAR or one that never ends is cut off near the
// limit and the thread comes from an honest gateway; a folder past the entries the reader takes
// is read up to them and the page says how many it left out; a thousand comments of 5,000
// characters of pathological link text are drawn. Waits have deadlines; nothing is timed.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { CarWriter } from '@ipld/car/writer'
import { exporter } from 'ipfs-unixfs-exporter'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import { urlHashOf } from '@comments/protocol'
import { MAX_FOLDER_ENTRIES } from '../../src/read/comment-reader.js'
import { MAX_CAR_BYTES } from '../../src/read/fetch-car.js'
import { newIdentity } from '../fixtures/keys.js'
import { DEADLINE_MS, SCREENSHOTS, awaitReady, openChromium, screenshot } from './chromium.js'
import { TestServer, comment, cors, json, serveSite } from './test-network.js'
import { makeFolder } from '../fixtures/folder.js'

/** What may still be in flight when the client hangs up: socket buffers and Chromium's own. */
const SLACK_BYTES = 32 * 1024 * 1024

let chromium
let honest
let gateway
let site
/** How the hostile gateway answers a CAR request, per test. */
let hostileCar = null
/** How the honest server answers instead, when a test serves a folder of its own making. */
let honestOverride = null

before(async () => {
  honest = await new TestServer({ hostile: (req, res, url) => honestOverride?.(req, res, url) ?? false }).start()
  // the first gateway the page asks; hostile when a test says how
  gateway = await new TestServer({
    hostile: (req, res, url) => url.pathname.startsWith('/ipfs/') && hostileCar != null ? (hostileCar(req, res, url), true) : false
  }).start()
  site = await serveSite({ servers: [honest.url], gateways: [gateway.url, honest.url] })
  chromium = await openChromium()
})

after(async () => {
  await chromium?.close()
  await site?.close()
  await gateway?.close()
  await honest?.close()
})

/**
 * A CAR that goes on: its header, then one valid 256 KiB block again and again, written as fast
 * as the client reads (so what was written is about what the client took). `declare` sends a
 * Content-Length; without it the body is chunked and never ends. Resolves when the client hangs up.
 */
async function floodingCar (root, declare) {
  const block = new Uint8Array(256 * 1024).fill(120)
  const cid = CID.createV1(raw.code, await sha256.digest(block))
  const { writer, out } = CarWriter.create([root])
  const parts = []
  const collected = (async () => { for await (const p of out) parts.push(p) })()
  await writer.put({ cid, bytes: block })
  await writer.close()
  await collected
  const [header, ...rest] = parts.map(p => Buffer.from(p))
  const blockBytes = Buffer.concat(rest)
  const seen = { written: 0, finished: false }
  let hungUp
  seen.closed = new Promise(resolve => { hungUp = resolve })
  const answer = (req, res) => {
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/vnd.ipld.car', ...(declare ? { 'Content-Length': String(declare) } : {})
    })
    res.write(header)
    seen.written += header.length
    const more = () => {
      while (!res.destroyed && (declare == null || seen.written + blockBytes.length <= declare)) {
        seen.written += blockBytes.length
        if (!res.write(blockBytes)) return
      }
      if (!res.destroyed) res.end()
    }
    res.on('drain', more)
    res.on('finish', () => { seen.finished = true })
    res.on('close', () => hungUp(seen))
    more()
  }
  return { answer, seen }
}

async function pageWith (n, fields = () => ({})) {
  const urlHash = await urlHashOf(`https://example.org/bounded/${Math.random()}`)
  const identity = await newIdentity()
  const signed = []
  for (let i = 0; i < n; i++) signed.push(await comment(urlHash, { ts: 1_700_000_000_000 + i, text: `comment ${i}`, ...fields(i) }, identity))
  for (const c of signed) honest.add(urlHash, c)
  return { urlHash, signed }
}

async function expectThread (page, signed) {
  await awaitReady(page)
  const ids = await page.$$eval('[data-testid="comment"]', all => all.map(a => a.dataset.id))
  assert.deepEqual(ids.sort(), signed.map(c => c.id).sort(), 'the whole thread, read from the honest gateway')
}

for (const [name, declare] of [['a huge CAR (1 GiB declared)', 1024 * 1024 * 1024], ['an endless CAR', null]]) {
  test(`a gateway that sends ${name} is cut off near the limit, and the thread comes from the next gateway`, async () => {
    const { urlHash, signed } = await pageWith(3)
    const folder = await honest.folder(urlHash)
    const flood = await floodingCar(folder.root, declare)
    hostileCar = flood.answer
    const page = await chromium.newPage()
    try {
      await page.goto(site.page(urlHash))
      const seen = await Promise.race([flood.seen.closed, deadline('the client never hung up on the hostile gateway')])
      assert.equal(seen.finished, false, 'the client hung up before the body ended')
      assert.ok(seen.written <= MAX_CAR_BYTES + SLACK_BYTES, `the client stopped near the limit (${seen.written} bytes written)`)
      if (declare == null) assert.ok(seen.written > MAX_CAR_BYTES, `an endless CAR is read up to the limit (${seen.written} bytes)`)
      await expectThread(page, signed)
      assert.equal(await page.evaluate(() => window.commentsPage.reader.last.via), 'car')
      assert.deepEqual(page.errors, [])
    } finally {
      hostileCar = null
      await page.close()
    }
  })
}

test(`a folder of more than ${MAX_FOLDER_ENTRIES} entries is read up to them, and the page says how many it left out`, async () => {
  // Entries that cost the page nothing to read (foreign names: listed, never fetched) fill the
  // folder past the limit; comments are spread among them. Which comments fall within the
  // first MAX_FOLDER_ENTRIES is the folder's own order, listed here the way the page lists it.
  const over = MAX_FOLDER_ENTRIES / 4
  const { urlHash, signed } = await pageWith(200)
  const note = new TextEncoder().encode('not a comment')
  const files = Object.fromEntries(signed.map(c => [`${c.id}.json`, c.bytes]))
  for (let i = 0; Object.keys(files).length < MAX_FOLDER_ENTRIES + over; i++) files[`note-${i}.txt`] = note
  const folder = await makeFolder(files)
  const car = await folder.car()
  const store = { async * get (cid) { yield folder.blocks.get(cid.toString()).bytes } }
  const firstNames = []
  for await (const entry of (await exporter(folder.root, store)).entries()) firstNames.push(entry.name)
  const kept = new Set(firstNames.slice(0, MAX_FOLDER_ENTRIES))
  const expected = signed.filter(c => kept.has(`${c.id}.json`)).map(c => c.id)
  assert.ok(expected.length > 0 && expected.length < signed.length, 'some comments fall past the limit, some within it')
  honestOverride = (req, res, url) => {
    if (url.pathname === `/${urlHash}`) json(res, 200, { cid: folder.root.toString(), count: signed.length })
    else if (url.pathname === `/ipfs/${folder.root}`) res.writeHead(200, cors({ 'Content-Type': 'application/vnd.ipld.car' })).end(car)
    else return false
    return true
  }
  const page = await chromium.newPage()
  try {
    await page.goto(site.page(urlHash))
    await awaitReady(page)
    const left = await page.$eval('[data-testid="status-left-out"]', e => ({ count: Number(e.dataset.count), text: e.textContent, title: e.title, hidden: e.hidden }))
    // counts are shown in the reader's locale (docs/adr/016-languages.md): grouped in English
    assert.deepEqual([left.count, left.text, left.hidden], [over, `${over.toLocaleString('en')} left out`, false])
    assert.match(left.title, new RegExp(`holds ${MAX_FOLDER_ENTRIES + over} entries; a reader here reads at most ${MAX_FOLDER_ENTRIES}`))
    assert.equal(await page.$eval('[data-testid="status-verified"]', e => Number(e.dataset.count)), expected.length)
    const shown = await page.$$eval('[data-testid="comment"]', all => all.map(a => a.dataset.id))
    assert.deepEqual(shown.sort(), expected.sort(), 'what it read is shown')
    await screenshot(page, 'left-out')
    assert.deepEqual(page.errors, [])
  } finally {
    honestOverride = null
    await page.close()
  }
})

test('a thousand comments of 5,000 characters of pathological link text are drawn', async () => {
  const texts = [
    i => `https://e.com/${i}${'.'.repeat(4970)}a`, // a long run of punctuation inside a URL
    i => `see https://e.com/${i}${')'.repeat(4970)}`, // a long run of closing punctuation
    i => `(https://e.com/(${i}${')).,;:!?)]}*_~'.repeat(350)}`,
    i => `https://a.b/?q=${i}). `.repeat(250).slice(0, 5000) // many links
  ]
  const { urlHash, signed } = await pageWith(1000, i => ({ text: texts[i % texts.length](i) }))
  const page = await chromium.newPage()
  try {
    await page.goto(site.page(urlHash))
    await awaitReady(page)
    assert.equal(await page.$$eval('[data-testid="comment"]', all => all.length), 1000)
    const first = signed[0]
    const link = await page.$eval(`[data-id="${first.id}"] [data-testid="comment-text"] a`, a => ({ text: a.textContent, href: a.href }))
    assert.equal(link.text, first.comment.text, 'the whole text is one link: it ends in a letter')
    const second = signed[1]
    assert.equal(await page.$eval(`[data-id="${second.id}"] [data-testid="comment-text"] a`, a => a.textContent), 'https://e.com/1')
    assert.equal(await page.$eval(`[data-id="${second.id}"] [data-testid="comment-text"]`, p => p.textContent), second.comment.text)
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'pathological-links.png') }) // the top: the whole page is too tall for one
    assert.deepEqual(page.errors, [])
  } finally {
    await page.close()
  }
})

function deadline (message) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error(`${message} within ${DEADLINE_MS} ms`)), DEADLINE_MS).unref())
}
