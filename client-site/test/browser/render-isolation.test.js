// Every comment is drawn on its own (issue 21, point 1): a comment that cannot be drawn is shown
// as unreadable with its reason and hides nothing else, the reader can still post, and every
// rule-valid comment is drawn (a property test over arbitrary comments, in real Chromium).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import fc from 'fast-check'
import { InvalidCommentError, MAX_AUTHOR, MAX_NONCE, MAX_TEXT, MAX_TS, urlHashOf } from '@comments/protocol'
import { newIdentity } from '../fixtures/keys.js'
import { MAX_DEPTH } from '../../src/thread.js'
import { parseMarkdown, visibleText } from '../../src/ui/markdown.js'
import { DEADLINE_MS, awaitReady, screenshot } from './chromium.js'
import { comment, oneServerWithChromium } from './test-network.js'

let chromium
let server
let site

let network

before(async () => {
  network = await oneServerWithChromium()
  ;({ chromium, server, site } = network)
})

after(() => network?.close())

test('a comment that cannot be drawn is shown as unreadable, its reply and the others are shown, and the reader still posts', async () => {
  const urlHash = await urlHashOf(`https://example.org/isolation/${Math.random()}`)
  const cursed = 1_234_567_890_123 // the time this browser is made to fail on
  const bad = await comment(urlHash, { text: 'the cursed one', ts: cursed })
  const reply = await comment(urlHash, { text: 'a reply to the cursed one', parent: bad.id, ts: cursed + 1 })
  const other = await comment(urlHash, { text: 'an ordinary comment', ts: cursed + 2 })
  for (const c of [bad, reply, other]) server.add(urlHash, c)

  const page = await chromium.newPage()
  // A browser whose date formatting fails for one value, as an engine's own limit would.
  await page.evaluateOnNewDocument(ts => {
    const toISOString = Date.prototype.toISOString
    Date.prototype.toISOString = function () { // eslint-disable-line no-extend-native
      if (this.getTime() === ts) throw new RangeError('this browser cannot format that time')
      return toISOString.call(this)
    }
  }, cursed)
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-testid="comment"][data-id="${other.id}"]`)

  const unreadable = await page.$eval(`[data-testid="comment"][data-id="${bad.id}"]`, a => ({ flag: a.dataset.unreadable, text: a.textContent }))
  assert.equal(unreadable.flag, 'true', 'the comment that failed is marked unreadable')
  assert.match(unreadable.text, /could not be shown: this browser cannot format that time/, 'with its reason')
  const replyText = await page.$eval(`li[data-id="${bad.id}"] > ol.replies [data-id="${reply.id}"] [data-testid="comment-text"]`, p => p.textContent)
  assert.equal(replyText, 'a reply to the cursed one', 'its reply is shown under it')
  assert.equal(await page.$eval(`[data-id="${other.id}"] [data-testid="comment-text"]`, p => p.textContent), 'an ordinary comment')
  assert.equal(await page.$eval('[data-testid="thread-heading"]', e => e.textContent), '3 comments')
  await screenshot(page, 'unreadable-comment')

  await page.type('[data-testid="author-input"]', 'Reader')
  await page.type('[data-testid="composer"] [data-testid="text-input"]', 'posted beside an unreadable comment')
  await page.click('[data-testid="composer"] [data-testid="post-button"]')
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="comment"]')]
    .some(c => c.textContent.includes('posted beside an unreadable comment') && ['posted', 'verified'].includes(c.dataset.state)), { timeout: DEADLINE_MS })
  assert.equal(server.ids(urlHash).length, 4, 'the server holds the new comment')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a chain of 1,500 replies is drawn MAX_DEPTH deep and flat below, every reply in the page', async () => {
  const urlHash = await urlHashOf(`https://example.org/chain/${Math.random()}`)
  const identity = await newIdentity()
  const chain = []
  for (let i = 0; i < 1500; i++) {
    chain.push(await comment(urlHash, { text: `link ${i}`, ts: 1_700_000_000_000 + i, parent: chain.at(-1)?.id ?? null, author: `Author ${i}` }, identity))
  }
  chain.forEach(c => server.add(urlHash, c))
  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-testid="comment"][data-id="${chain.at(-1).id}"]`)
  const seen = await page.evaluate(() => {
    let deepest = 0
    for (const li of document.querySelectorAll('li.comment-item')) {
      let depth = 0
      for (let up = li.parentElement; up != null; up = up.parentElement) if (up.matches('ol.replies')) depth++
      deepest = Math.max(deepest, depth)
    }
    const last = [...document.querySelectorAll('[data-testid="comment"]')].at(-1)
    return { comments: document.querySelectorAll('[data-testid="comment"]').length, deepest, note: last.querySelector('[data-testid="comment-reply-to"]').textContent }
  })
  assert.equal(seen.comments, 1500, 'every reply is in the page')
  assert.equal(seen.deepest, MAX_DEPTH, 'comments nested MAX_DEPTH deep, then one flat list: no deeper')
  assert.equal(seen.note, 'in reply to Author 1498')
  assert.deepEqual(page.errors, [])
  await page.close()
})

// Rule-valid values at and near every limit of docs/protocol.md §3: any text (lone surrogates,
// controls, bidi marks, astral characters), the longest author and text, the first and last ts,
// any nonce, replies and replies to comments that are not there; text full of the text format's
// markup (issue 22, point 6: *, _, backticks, fences, quotes, links of every scheme).
const anyString = max => fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '<', '>', '&', '"', 'http://x.y/', 'https://', '(', ')', '.', '\u202e', '\u2066', '\u200b', '\u0000', '\ufeff', '😀', '\u0301'), maxLength: max }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\n\n', '*', '**', '_', '`', '```', '> ', '>', '[', '](', ')', '[a](https://e.com/x)', '[j](javascript:alert(1))', 'https://x.y/', '<script>', '<img src=x onerror=alert(1)>', '😀'), maxLength: max }),
  fc.string({ unit: 'grapheme', maxLength: max }),
  fc.string({ unit: 'binary', maxLength: max }))
const fields = fc.record({
  author: fc.oneof(anyString(MAX_AUTHOR), fc.constant('é'.repeat(MAX_AUTHOR))),
  text: fc.oneof(anyString(300), fc.constant('x'.repeat(MAX_TEXT)), fc.constant('https://a.b/('.repeat(MAX_TEXT / 13)),
    fc.constantFrom('*'.repeat(MAX_TEXT), '['.repeat(MAX_TEXT), '`'.repeat(MAX_TEXT), '>'.repeat(MAX_TEXT), '*a '.repeat(MAX_TEXT / 3), '>\n'.repeat(MAX_TEXT / 2))),
  ts: fc.oneof(fc.constantFrom(0, 1, MAX_TS, MAX_TS - 1, Date.now(), Date.now() + 1e12), fc.integer({ min: 0, max: MAX_TS })),
  nonce: fc.option(fc.constantFrom(0, 1, MAX_NONCE), { nil: undefined }),
  replyTo: fc.option(fc.nat(), { nil: undefined })
})

test('every rule-valid comment is drawn, readable, whatever its values (property, in Chromium)', async () => {
  const identity = await newIdentity()
  const page = await chromium.newPage()
  let run = 0
  await fc.assert(fc.asyncProperty(fc.array(fields, { minLength: 1, maxLength: 6 }), async list => {
    const urlHash = await urlHashOf(`https://example.org/property/${run++}/${Math.random()}`)
    const signed = []
    for (const f of list) {
      const parent = f.replyTo === undefined ? null : f.replyTo % 3 === 0 ? 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' : signed[f.replyTo % Math.max(signed.length, 1)]?.id ?? null
      try {
        signed.push(await comment(urlHash, { author: f.author, text: f.text, ts: f.ts, parent, ...(f.nonce === undefined ? {} : { nonce: f.nonce }) }, identity))
      } catch (err) {
        if (err instanceof InvalidCommentError) continue // not rule-valid (an empty text, say): not this property's
        throw err
      }
    }
    fc.pre(signed.length > 0)
    for (const c of signed) server.add(urlHash, c)
    await page.goto('about:blank') // a new document each time, not a hash change
    await page.goto(site.page(urlHash))
    await awaitReady(page)
    const shown = await page.$$eval('[data-testid="comment"]', all => all.map(a => {
      const text = a.querySelector('[data-testid="comment-text"]')
      return {
        id: a.dataset.id,
        unreadable: a.dataset.unreadable === 'true',
        text: text?.textContent,
        tags: [...new Set([...text?.querySelectorAll('*') ?? []].map(e => e.tagName))],
        hrefs: [...text?.querySelectorAll('a') ?? []].map(e => e.getAttribute('href'))
      }
    }))
    assert.deepEqual(shown.map(s => s.id).sort(), [...new Set(signed.map(c => c.id))].sort(), 'every comment is in the page')
    assert.deepEqual(shown.filter(s => s.unreadable), [], 'and none of them is unreadable')
    for (const s of shown) {
      // its text, all of it but the format's markup (markdown.test.js proves nothing else is dropped)
      const { text } = signed.find(c => c.id === s.id).comment
      assert.equal(s.text, visibleText(parseMarkdown(text)), 'the comment\'s text is shown')
      assert.deepEqual(s.tags.filter(t => !['A', 'BLOCKQUOTE', 'BR', 'CODE', 'EM', 'P', 'PRE', 'STRONG'].includes(t)), [], 'only the format\'s elements')
      assert.deepEqual(s.hrefs.filter(href => !/^https?:\/\//.test(href)), [], 'links only to http(s)')
    }
    assert.deepEqual(page.errors, [], 'nothing threw')
  }), { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31), endOnFailure: true })
  await page.close()
})
