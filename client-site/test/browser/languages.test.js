// The interface in the reader's language (issue 22, point 7; docs/adr/016-languages.md), in real
// Chromium told to prefer German, then Arabic: the words are that language's, times and counts are
// formatted by Intl for it, Arabic lays out right to left (<html lang dir>, replies hang from the
// right), comments and names of either direction take their own, and the reader's own choice in
// the page wins over the browser's and is remembered.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { urlHashOf } from '@comments/protocol'
import { assertAccessible, awaitReady, openChromium, screenshot } from './chromium.js'
import { TestServer, comment, siteOf } from './test-network.js'

let server
let site
const browsers = []

before(async () => {
  server = await new TestServer().start()
  site = await siteOf(server)
})

after(async () => {
  for (const browser of browsers) await browser.close()
  await site?.close()
  await server?.close()
})

/** A browser whose languages (`navigator.languages`, Accept-Language) are these. */
async function browserIn (languages) {
  const chromium = await openChromium({ args: [`--accept-lang=${languages}`] })
  browsers.push(chromium)
  return chromium
}

/**
 * A thread of three: a root in English written 190 s ago (so "3 minutes ago" for a minute at
 * least: page and test are done well within it), a reply to it, and a root in Arabic.
 */
async function threadOfThree () {
  const urlHash = await urlHashOf(`https://example.org/languages/${Math.random()}`)
  const root = await comment(urlHash, { text: 'An English comment', author: 'Ann', ts: Date.now() - 190e3 })
  const reply = await comment(urlHash, { text: 'A reply to it', author: 'Bob', parent: root.id, ts: Date.now() - 120e3 })
  const arabic = await comment(urlHash, { text: 'تعليق باللغة العربية', author: 'سارة', ts: Date.now() - 60e3 })
  for (const c of [root, reply, arabic]) server.add(urlHash, c)
  return { urlHash, root, reply, arabic }
}

/** What a user sees of the page, read in the page (with the page's own Intl for what is expected). */
function look (page, { root, reply, arabic }) {
  return page.evaluate((rootId, replyId, arabicId) => {
    const q = s => document.querySelector(s)
    const box = id => {
      const { left, right } = q(`[data-testid="comment"][data-id="${id}"]`).getBoundingClientRect()
      return { left, right }
    }
    // a comment's paragraph: each takes the direction of its own first letter
    const textOf = id => q(`[data-id="${id}"] [data-testid="comment-text"] p`)
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      brand: q('[data-testid="home-link"]').textContent,
      heading: q('[data-testid="thread-heading"]').textContent,
      post: q('[data-testid="composer"] [data-testid="post-button"]').textContent,
      reply: q(`[data-id="${rootId}"] [data-testid="reply-button"]`).textContent,
      oldest: q('[data-testid="order-oldest"]').textContent,
      verified: q('[data-testid="status-verified"]').textContent,
      time: q(`[data-id="${rootId}"] [data-testid="comment-time"]`).textContent,
      rootBox: box(rootId),
      replyBox: box(replyId),
      arabicText: { dir: textOf(arabicId).dir, direction: getComputedStyle(textOf(arabicId)).direction },
      englishText: { dir: textOf(rootId).dir, direction: getComputedStyle(textOf(rootId)).direction },
      arabicName: { dir: q(`[data-id="${arabicId}"] [data-testid="comment-author"]`).dir, direction: getComputedStyle(q(`[data-id="${arabicId}"] [data-testid="comment-author"]`)).direction },
      select: q('[data-testid="language-select"]').value
    }
  }, root.id, reply.id, arabic.id)
}

test('a browser that prefers German shows the page in German, times and counts formatted for German', async () => {
  const thread = await threadOfThree()
  const chromium = await browserIn('de-DE,de,en')
  const page = await chromium.newPage()
  await page.goto(site.page(thread.urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-testid="comment"][data-id="${thread.arabic.id}"]`)
  const seen = await look(page, thread)

  assert.equal(seen.lang, 'de-DE')
  assert.equal(seen.dir, 'ltr')
  assert.equal(seen.brand, 'Kommentare')
  assert.equal(seen.heading, '3 Kommentare')
  assert.equal(seen.post, 'Veröffentlichen')
  assert.equal(seen.reply, 'Antworten')
  assert.equal(seen.oldest, 'Älteste zuerst')
  assert.equal(seen.verified, '3 Kommentare geprüft')
  assert.equal(seen.time, 'vor 3 Minuten')
  assert.equal(seen.select, 'de')
  assert.ok(seen.replyBox.left > seen.rootBox.left + 10, `the reply is indented from the left (${seen.replyBox.left} vs ${seen.rootBox.left})`)
  assert.ok(Math.abs(seen.replyBox.right - seen.rootBox.right) < 1, 'and ends where its parent ends')
  assert.deepEqual(seen.arabicText, { dir: 'auto', direction: 'rtl' }, 'an Arabic comment in a German page runs right to left')
  assert.deepEqual(seen.arabicName, { dir: 'auto', direction: 'rtl' }, 'so does an Arabic name')
  assert.deepEqual(seen.englishText, { dir: 'auto', direction: 'ltr' })
  await assertAccessible(page)
  await screenshot(page, 'language-de')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a browser that prefers Arabic shows the page right to left, counts by Arabic\'s plural rules', async () => {
  const thread = await threadOfThree()
  const chromium = await browserIn('ar,en')
  const page = await chromium.newPage()
  await page.goto(site.page(thread.urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-testid="comment"][data-id="${thread.arabic.id}"]`)
  const seen = await look(page, thread)
  // What Intl gives in this browser: its digits for Arabic, and the category of 3 ("few").
  const intl = await page.evaluate(() => ({
    three: new Intl.NumberFormat('ar').format(3),
    category: new Intl.PluralRules('ar').select(3),
    minutes: new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }).format(-3, 'minute')
  }))

  assert.equal(seen.lang, 'ar')
  assert.equal(seen.dir, 'rtl')
  assert.equal(seen.brand, 'التعليقات')
  assert.equal(intl.category, 'few')
  assert.equal(seen.heading, `${intl.three} تعليقات`, 'three comments, in the "few" form')
  assert.equal(seen.verified, `تُحقِّق من ${intl.three} تعليقات`)
  assert.equal(seen.post, 'انشر')
  assert.equal(seen.reply, 'رد')
  assert.equal(seen.time, intl.minutes)
  assert.ok(seen.replyBox.right < seen.rootBox.right - 10, `the reply is indented from the right (${seen.replyBox.right} vs ${seen.rootBox.right})`)
  assert.ok(Math.abs(seen.replyBox.left - seen.rootBox.left) < 1, 'and ends where its parent ends, on the left')
  assert.deepEqual(seen.englishText, { dir: 'auto', direction: 'ltr' }, 'an English comment in an Arabic page runs left to right')
  assert.deepEqual(seen.arabicText, { dir: 'auto', direction: 'rtl' })
  await assertAccessible(page)
  await screenshot(page, 'language-ar-rtl')
  assert.deepEqual(page.errors, [])
  await page.close()

  // The start screen too.
  const start = await chromium.newPage()
  await start.goto(site.url)
  await start.waitForSelector('[data-testid="url-box"]')
  assert.equal(await start.$eval('#url-box-heading', e => e.textContent), 'تعليقات على أي صفحة ويب')
  assert.equal(await start.$eval('[data-testid="url-open"]', e => e.textContent), 'اعرض التعليقات')
  assert.equal(await start.evaluate(() => document.documentElement.dir), 'rtl')
  await assertAccessible(start)
  await screenshot(start, 'language-ar-start')
  await start.close()
})

test('the reader\'s own choice of language wins over the browser\'s and is remembered', async () => {
  const thread = await threadOfThree()
  const chromium = await browserIn('de')
  const page = await chromium.newPage()
  await page.goto(site.page(thread.urlHash))
  await awaitReady(page)
  assert.equal(await page.$eval('[data-testid="thread-heading"]', e => e.textContent), '3 Kommentare')

  await Promise.all([page.waitForNavigation(), page.select('[data-testid="language-select"]', 'ar')])
  await awaitReady(page)
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl')
  assert.equal(await page.$eval('[data-testid="home-link"]', e => e.textContent), 'التعليقات')
  assert.equal(await page.$eval('[data-testid="language-select"]', e => e.value), 'ar')

  const later = await chromium.newPage()
  await later.goto(site.page(thread.urlHash))
  await awaitReady(later)
  assert.equal(await later.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' ')), 'ar rtl', 'a later visit keeps the choice')
  await Promise.all([later.waitForNavigation(), later.select('[data-testid="language-select"]', 'es')])
  await awaitReady(later)
  assert.equal(await later.$eval('[data-testid="composer"] [data-testid="post-button"]', e => e.textContent), 'Publicar')
  assert.equal(await later.evaluate(() => document.documentElement.dir), 'ltr')
  assert.deepEqual([...page.errors, ...later.errors], [])
  await page.close()
  await later.close()
})
