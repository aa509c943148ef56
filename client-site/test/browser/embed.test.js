// The page is named, and sites embed it (issue 22, points 1 and 8; docs/adr/014-embedding.md), in
// real Chromium: a page link's URL and title are shown only when the URL hashes to the page; the
// paste box opens such a link; embed.js on an article of another origin shows that article's
// thread in a frame that grows to its content and takes no height from anyone else; a site that
// frames the thread of another site's page gets the refusal.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { pageKey, pageFragment } from '@comments/protocol'
import { awaitReady, openChromium, screenshot } from './chromium.js'
import { TestServer, comment, siteOf } from './test-network.js'

const AXE = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'))

/** axe-core on the page or frame as shown: no serious or critical violation. */
async function assertAccessible (target) {
  await target.evaluate(await readFile(AXE, 'utf8'))
  const violations = await target.evaluate(() => axe.run(document, { resultTypes: ['violations'] })
    .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => `${v.id}: ${v.help} (${v.nodes.length})`)))
  assert.deepEqual(violations, [])
}

let chromium
let server
let site
/** Two more origins: the blog that embeds, and a stranger. */
let blog
let stranger
const ARTICLE_TITLE = 'How we grow tomatoes'
/**
 * The client's frame in the blog's renderer process, not an out-of-process iframe. puppeteer-core
 * (25.16) loses track of a frame that turns out-of-process while another frame of the page (the
 * advert) is still being attached: a late Page.frameAttached from the blog's session sets the
 * Frame back to that session, so the frame's own execution contexts are ignored and every wait
 * in it hangs (seen as a 60 s timeout on "ready", "framed" or the reply box, about 1 run in 4).
 * The product sees the same origins, ancestorOrigins and messages either way.
 */
const FRAMES_IN_PROCESS = ['--disable-site-isolation-trials']

before(async () => {
  server = await new TestServer().start()
  site = await siteOf(server)
  blog = await serveHtml('127.0.0.2', url => {
    const script = `<script src="${site.url}embed.js" async ${url.pathname === '/borrowed' ? 'data-url="https://news.example/a-story"' : ''}></script>`
    return `<!doctype html><html lang="en"><title>${ARTICLE_TITLE}</title><main><h1>${ARTICLE_TITLE}</h1><p>The article.</p>${script}` +
      `<iframe title="an advert" data-testid="advert" src="${stranger.url}advert" width="300" height="60"></iframe></main>`
  })
  stranger = await serveHtml('127.0.0.3', () => '<!doctype html><html lang="en"><title>Advert</title><p>Buy now</p>')
  chromium = await openChromium({ args: FRAMES_IN_PROCESS })
})

after(async () => {
  await chromium?.close()
  await blog?.close()
  await stranger?.close()
  await site?.close()
  await server?.close()
})

/** A site of HTML pages on its own loopback address (another origin than the client's). */
async function serveHtml (host, html) {
  const http = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(html(new URL(req.url, 'http://x')))
  })
  http.listen(0, host)
  await once(http, 'listening')
  return {
    url: `http://${host}:${http.address().port}/`,
    close: () => new Promise(resolve => { http.closeAllConnections(); http.close(resolve) })
  }
}

/**
 * Runs `change` (which changes the fragment) and waits until main.js's reload has put a new
 * document in the page: the old one is marked, and the wait outlives the navigation.
 */
async function reloadedBy (page, change) {
  await page.evaluate(() => { window.beforeReload = true })
  await change()
  await page.waitForFunction(() => window.beforeReload !== true && document.readyState !== 'loading')
}

const frameHeight = page => page.$eval('iframe.comments-embed', f => f.getBoundingClientRect().height)

test('embed.js shows the article\'s own thread, named, in a frame that grows to its content and heeds no one else', async () => {
  const articleUrl = `${blog.url}2026/tomatoes?utm_source=feed`
  const { normalized, urlHash } = await pageKey(articleUrl)
  assert.equal(normalized, `${blog.url}2026/tomatoes`)
  const said = await comment(urlHash, { author: 'Gardener', text: 'Mine grow best in the shade.' })
  server.add(urlHash, said)

  const page = await chromium.newPage()
  await page.goto(articleUrl)
  const iframe = await page.waitForSelector('iframe.comments-embed')
  assert.deepEqual(await iframe.evaluate(f => ({ title: f.title, loading: f.loading, fullWidth: f.getBoundingClientRect().width === f.parentElement.clientWidth })),
    { title: 'Comments on this page', loading: 'lazy', fullWidth: true })
  const frame = await iframe.contentFrame()
  assert.equal(frame.url(), `${site.url}#${pageFragment(urlHash, { url: normalized, title: ARTICLE_TITLE })}`, 'the page link, in the fragment')
  await awaitReady(frame)
  await frame.waitForSelector(`[data-testid="comment"][data-id="${said.id}"]`)
  assert.equal(await frame.$eval(`[data-id="${said.id}"] [data-testid="comment-text"]`, p => p.textContent), 'Mine grow best in the shade.')
  assert.equal(await frame.$eval('[data-testid="page-title-text"]', e => e.textContent), ARTICLE_TITLE)
  assert.deepEqual(await frame.$eval('[data-testid="page-url"]', a => ({ text: a.textContent, href: a.href, target: a.target, rel: a.rel })),
    { text: normalized, href: normalized, target: '_blank', rel: 'noopener noreferrer' })
  assert.ok(server.requests.includes(`GET /${urlHash}`), 'the servers were asked for the hash')
  assert.ok(!server.requests.some(r => r.includes('tomatoes')), 'and never for the address')

  // The frame takes the client's content height: the whole thread shows, with no scroll bar of its own.
  // 360: embed.js's height before the first message
  await page.waitForFunction(() => document.querySelector('iframe.comments-embed').getBoundingClientRect().height > 360)
  await frame.waitForFunction(() => Math.abs(window.innerHeight - Math.ceil(document.documentElement.getBoundingClientRect().height)) <= 1)
  const grown = await frameHeight(page)
  await assertAccessible(frame)
  await screenshot(page, 'embed-article')

  // A height message from the page itself (another window) and from a frame of another origin is not taken.
  await page.evaluate(() => {
    window.seen = []
    window.addEventListener('message', e => { if (e.data?.type === 'comments:height') window.seen.push(e.data.height) }) // after embed.js's listener
    window.postMessage({ type: 'comments:height', height: 4321 }, '*')
  })
  const advert = await (await page.$('[data-testid="advert"]')).contentFrame()
  await advert.evaluate(() => window.parent.postMessage({ type: 'comments:height', height: 4322 }, '*'))
  await page.waitForFunction(() => window.seen.includes(4321) && window.seen.includes(4322))
  assert.equal(await frameHeight(page), grown, 'still the client\'s height')

  // The client's own message still resizes it: its content grows when a reply box opens.
  await frame.click(`[data-id="${said.id}"] [data-testid="reply-button"]`)
  await frame.waitForSelector('[data-testid="reply-composer"]')
  await page.waitForFunction(h => document.querySelector('iframe.comments-embed').getBoundingClientRect().height > h, {}, grown)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a site that frames the thread of another site\'s page gets the refusal; nothing is loaded or asked', async t => {
  const { urlHash } = await pageKey('https://news.example/a-story')
  const before = server.requests.length
  const fresh = await openChromium({ args: FRAMES_IN_PROCESS }) // a profile of its own: the blog's frames in the other tests made an identity store
  t.after(() => fresh.close()) // also when the test fails: an open browser keeps the test process alive
  const page = await fresh.newPage()
  await page.goto(`${blog.url}borrowed`)
  const frame = await (await page.waitForSelector('iframe.comments-embed')).contentFrame()
  assert.ok(frame.url().startsWith(`${site.url}#${urlHash}?url=`), 'embed.js asked for the other site\'s page')
  await frame.waitForSelector('[data-testid="framed"]')
  assert.match(await frame.$eval('[data-testid="framed-reason"]', e => e.textContent),
    new RegExp(`own pages only; ${blog.url.slice(0, -1).replace(/\./g, '\\.')} asked for a page of https://news\\.example`))
  assert.equal(await frame.evaluate(() => window.commentsPage), undefined)
  assert.equal(await frame.$('[data-testid="composer"]'), null)
  assert.deepEqual((await frame.evaluate(() => indexedDB.databases())).map(d => d.name), [], 'no identity store was opened')
  assert.deepEqual(server.requests.slice(before), [], 'no server was asked')
  await assertAccessible(frame)
  await screenshot(page, 'embed-refused')
})

test('a page link names the page with its URL and title, as text; a URL that does not hash to the page is not shown', async () => {
  const url = `https://example.org/named/${Math.random()}`
  const { normalized, urlHash } = await pageKey(url)
  const title = 'A \u202Etitle\u200B with hidden characters'
  const page = await chromium.newPage()
  await page.goto(`${site.url}#${pageFragment(urlHash, { url: normalized, title })}`)
  await awaitReady(page)
  const named = await page.$eval('[data-testid="page-title-text"]', e => ({ tag: e.tagName, text: e.textContent }))
  assert.deepEqual(named, { tag: 'BDI', text: 'A ⟨U+202E⟩title⟨U+200B⟩ with hidden characters' })
  assert.deepEqual(await page.$eval('[data-testid="page-url"]', a => ({ text: a.textContent, href: a.href, target: a.target, rel: a.rel })),
    { text: normalized, href: normalized, target: '_blank', rel: 'noopener noreferrer' })
  await assertAccessible(page)
  await screenshot(page, 'named-page')

  // Someone's link that puts another address beside this hash: the hash form, and why.
  const lie = `${urlHash}?url=${encodeURIComponent('https://bank.example/login')}&title=Your%20bank`
  // A change of fragment alone: main.js reloads the page on hashchange. Wait for that reload (a
  // Page.reload of ours beside it raced it: "Not attached to an active page").
  await reloadedBy(page, () => page.goto(`${site.url}#${lie}`))
  await awaitReady(page)
  assert.equal(await page.$eval('[data-testid="page-title"]', e => e.textContent), `Page ${urlHash.slice(0, 8)}…${urlHash.slice(-4)}`)
  assert.match(await page.$eval('[data-testid="page-name-mismatch"]', e => e.textContent), /does not match/)
  assert.equal(await page.$('[data-testid="page-url"]'), null)
  assert.equal(await page.evaluate(() => document.body.textContent.includes('bank')), false, 'neither the address nor its title is shown')
  await assertAccessible(page)
  await screenshot(page, 'named-page-mismatch')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('the paste box opens the page link, so a reload keeps the page\'s name', async () => {
  const url = `https://example.org/pasted/${Math.random()}?utm_medium=x`
  const { normalized, urlHash } = await pageKey(url)
  const page = await chromium.newPage()
  await page.goto(site.url)
  await page.type('[data-testid="url-input"]', url)
  await reloadedBy(page, () => page.click('[data-testid="url-open"]')) // it sets the fragment, and main.js reloads
  await awaitReady(page)
  assert.equal(await page.evaluate(() => window.location.hash), `#${pageFragment(urlHash, { url: normalized })}`)
  assert.equal(await page.$eval('[data-testid="page-url"]', a => a.textContent), normalized)
  await page.reload()
  await awaitReady(page)
  assert.equal(await page.$eval('[data-testid="page-url"]', a => a.textContent), normalized)
  assert.deepEqual(page.errors, [])
  await page.close()
})
