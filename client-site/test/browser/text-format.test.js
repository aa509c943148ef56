// The text format (issue 22, point 6; docs/adr/015-text-format.md) as a reader sees it in
// Chromium: every construct drawn as its element, hostile text drawn as text (no script runs, no
// dialog opens, no link but http(s)), and the composer's Preview, in the main box and a reply box.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { urlHashOf } from '@comments/protocol'
import { parseMarkdown, visibleText } from '../../src/ui/markdown.js'
import { assertAccessible, awaitReady, screenshot } from './chromium.js'
import { comment, oneServerWithChromium } from './test-network.js'

const ALLOWED = ['A', 'BLOCKQUOTE', 'BR', 'CODE', 'EM', 'P', 'PRE', 'STRONG']

const RICH = [
  'Some **strong** and *em* and _under_ and `code <b>` in snake_case.',
  'A second line with https://example.com/a?b=1.',
  '',
  '> quoted **bold**',
  '> > nested',
  '',
  '```js',
  'const x = "<script>alert(1)</script>" // a line long enough to scroll sideways in a narrow column of text',
  '```',
  '',
  'See [a safe link](https://example.org/page).'
].join('\n')

const HOSTILE = [
  '<script>window.pwned = 1; alert(1)</script> <img src=x onerror="window.pwned = 2; alert(2)">',
  '[x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) [z](/relative)',
  '<a href="javascript:alert(1)">click</a> ![image](https://example.org/i.png)'
].join('\n')

let chromium
let server
let site

let network

before(async () => {
  network = await oneServerWithChromium()
  ;({ chromium, server, site } = network)
})

after(() => network?.close())

/** What is drawn inside an element: the tags, the links and the text. */
function drawn (page, selector) {
  return page.$eval(selector, root => ({
    tags: [...new Set([...root.querySelectorAll('*')].map(e => e.tagName))].sort(),
    links: [...root.querySelectorAll('a')].map(a => ({ text: a.textContent, href: a.getAttribute('href'), rel: a.rel, target: a.target, referrerpolicy: a.getAttribute('referrerpolicy') })),
    text: root.textContent,
    strong: [...root.querySelectorAll('strong')].map(e => e.textContent),
    em: [...root.querySelectorAll('em')].map(e => e.textContent),
    code: [...root.querySelectorAll(':not(pre) > code')].map(e => e.textContent),
    pre: [...root.querySelectorAll('pre > code')].map(e => e.textContent),
    quotes: [...root.querySelectorAll('blockquote')].map(q => ({ text: q.textContent, inQuote: q.parentElement.closest('blockquote') != null })),
    paragraphs: root.querySelectorAll(':scope > p').length,
    breaks: root.querySelectorAll('br').length
  }))
}

const SAFE = { rel: 'nofollow noopener ugc', target: '_blank', referrerpolicy: 'no-referrer' }

test('a comment with every construct is drawn as elements, and a hostile one as text', async () => {
  const urlHash = await urlHashOf(`https://example.org/text-format/${Math.random()}`)
  const rich = await comment(urlHash, { text: RICH, author: 'Formatter', ts: Date.now() - 60_000 })
  const hostile = await comment(urlHash, { text: HOSTILE, author: 'Attacker', ts: Date.now() - 30_000 })
  server.add(urlHash, rich)
  server.add(urlHash, hostile)

  const page = await chromium.newPage()
  const dialogs = []
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss() })
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-id="${hostile.id}"] [data-testid="comment-text"]`)

  const seen = await drawn(page, `[data-id="${rich.id}"] [data-testid="comment-text"]`)
  assert.deepEqual(seen.tags, ALLOWED, 'every construct, and only allowed elements')
  assert.deepEqual(seen.strong, ['strong', 'bold'])
  assert.deepEqual(seen.em, ['em', 'under'])
  assert.deepEqual(seen.code, ['code <b>'])
  assert.deepEqual(seen.pre, ['const x = "<script>alert(1)</script>" // a line long enough to scroll sideways in a narrow column of text'])
  assert.deepEqual(seen.quotes, [{ text: 'quoted boldnested', inQuote: false }, { text: 'nested', inQuote: true }])
  assert.equal(seen.paragraphs, 2, 'the first paragraph (two lines) and the last; the quoted ones are inside the quote')
  assert.equal(seen.breaks, 1, 'one line break: the single newline')
  assert.deepEqual(seen.links, [
    { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1', ...SAFE },
    { text: 'a safe link', href: 'https://example.org/page', ...SAFE }])
  assert.equal(seen.text, visibleText(parseMarkdown(RICH)))
  assert.match(seen.text, /snake_case/)

  const bad = await drawn(page, `[data-id="${hostile.id}"] [data-testid="comment-text"]`)
  assert.deepEqual(bad.tags, ['A', 'BR', 'P'], 'no script, no img: the markup is text')
  assert.deepEqual(bad.links, [{ text: 'image', href: 'https://example.org/i.png', ...SAFE }], 'an image is a link to it; no other link is made')
  assert.equal(bad.text, HOSTILE.replaceAll('\n', '').replace('![image](https://example.org/i.png)', '!image'), 'every hostile character is shown')
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'no script ran')
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, [data-testid="comment-text"] script').length), 0)
  assert.deepEqual(dialogs, [], 'no alert')

  // A wide code block scrolls by itself; the column does not.
  const widths = await page.$eval(`[data-id="${rich.id}"] pre`, pre => ({ scroll: pre.scrollWidth, client: pre.clientWidth, page: document.documentElement.scrollWidth, view: innerWidth }))
  assert.ok(widths.page <= widths.view, 'the page does not scroll sideways')
  await page.setViewport({ width: 420, height: 900 })
  assert.ok(await page.$eval(`[data-id="${rich.id}"] pre`, pre => pre.scrollWidth > pre.clientWidth && getComputedStyle(pre).overflowX === 'auto'), 'in a narrow window the code block scrolls')
  await assertAccessible(page)
  await page.setViewport({ width: 1000, height: 800 })
  await screenshot(page, 'text-format')
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }])
  await assertAccessible(page)
  await screenshot(page, 'text-format-dark')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('the composer previews the draft as it will be drawn, in the main box and in a reply box', async () => {
  const urlHash = await urlHashOf(`https://example.org/text-format-preview/${Math.random()}`)
  const first = await comment(urlHash, { text: 'reply to me', author: 'Asker' })
  server.add(urlHash, first)
  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForSelector(`[data-id="${first.id}"]`)

  const box = '[data-testid="composer"]'
  assert.equal(await page.$eval(`${box} [data-testid="format-hint"]`, e => e.textContent), 'Text format: **bold**, *italic*, `code`, > quote, [link](https://…)')
  const hintId = await page.$eval(`${box} [data-testid="format-hint"]`, e => e.id)
  assert.ok((await page.$eval(`${box} [data-testid="text-input"]`, t => t.getAttribute('aria-describedby'))).split(' ').includes(hintId), 'the text area is described by the hint')
  assert.deepEqual(await page.$eval(`${box} [data-testid="preview-button"]`, b => ({ pressed: b.getAttribute('aria-pressed'), name: b.textContent, controls: document.getElementById(b.getAttribute('aria-controls'))?.dataset.testid })),
    { pressed: 'false', name: 'Preview', controls: 'composer-preview' })
  assert.equal(await page.$eval(`${box} [data-testid="composer-preview"]`, p => p.hidden), true, 'no preview until asked for')

  // By keyboard: Tab from the text area reaches the toggle, Space presses it.
  await page.type(`${box} [data-testid="text-input"]`, 'A **bold** claim with `code`\n> and a quote\n\n[link](https://example.org/x) [bad](javascript:alert(1))')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'preview-button')
  await page.keyboard.press('Space')
  await page.waitForSelector(`${box} [data-testid="preview-button"][aria-pressed="true"]`)
  const preview = await drawn(page, `${box} [data-testid="composer-preview"]`)
  assert.deepEqual(preview.strong, ['bold'])
  assert.deepEqual(preview.code, ['code'])
  assert.deepEqual(preview.quotes, [{ text: 'and a quote', inQuote: false }])
  assert.deepEqual(preview.links, [{ text: 'link', href: 'https://example.org/x', ...SAFE }])
  assert.match(preview.text, /\[bad\]\(javascript:alert\(1\)\)/, 'an unsafe link is shown as text')
  assert.equal(await page.$eval(`${box} [data-testid="text-input"]`, t => t.hidden), false, 'the text area stays, to go on writing')

  // It follows the draft as it is typed.
  await page.type(`${box} [data-testid="text-input"]`, ' *more*')
  await page.waitForFunction(b => [...document.querySelectorAll(`${b} [data-testid="composer-preview"] em`)].some(e => e.textContent === 'more'), {}, box)
  await assertAccessible(page)
  await screenshot(page, 'composer-preview')

  await page.click(`${box} [data-testid="preview-button"]`)
  assert.deepEqual(await page.$eval(box, f => ({ pressed: f.querySelector('[data-testid="preview-button"]').getAttribute('aria-pressed'), hidden: f.querySelector('[data-testid="composer-preview"]').hidden })),
    { pressed: 'false', hidden: true }, 'pressed again, the preview goes away')

  // A reply box has the same.
  await page.click(`[data-id="${first.id}"] [data-testid="reply-button"]`)
  const reply = '[data-testid="reply-composer"]'
  await page.waitForSelector(`${reply} [data-testid="text-input"]`)
  await page.click(`${reply} [data-testid="preview-button"]`)
  assert.equal(await page.$eval(`${reply} [data-testid="composer-preview"]`, p => p.textContent), 'Nothing to preview yet.')
  await page.type(`${reply} [data-testid="text-input"]`, '_agreed_, see https://example.org/y')
  await page.waitForFunction(r => document.querySelector(`${r} [data-testid="composer-preview"] em`)?.textContent === 'agreed', {}, reply)
  assert.deepEqual((await drawn(page, `${reply} [data-testid="composer-preview"]`)).links, [{ text: 'https://example.org/y', href: 'https://example.org/y', ...SAFE }])
  assert.equal(await page.$eval(`${reply} [data-testid="composer-preview"]`, p => p.getAttribute('aria-label')), 'Preview of your reply to Asker')
  await assertAccessible(page)
  await screenshot(page, 'reply-preview')
  assert.deepEqual(page.errors, [])
  await page.close()
})
