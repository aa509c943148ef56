// No single server decides what a reader sees (issue 21, point 2): the page reads two servers and
// shows the union, says which one omits comments; a 201 counts only once read back, a refusal is
// that server's own and the next one is tried; servers are sampled, and a liar is forgotten.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { rawCidOf, urlHashOf } from '@comments/protocol'
import { DEADLINE_MS, awaitReady, openChromium, screenshot } from './chromium.js'
import { TestServer, body, comment, json, serveSite } from './test-network.js'

let chromium
const closers = []

before(async () => { chromium = await openChromium() })
after(async () => {
  await chromium?.close()
  for (const close of closers.reverse()) await close()
})

/** Servers (honest unless given a hostile route) and the site pinned to them in this order. */
async function network (...options) {
  const servers = await Promise.all(options.map(o => new TestServer(o).start()))
  servers.forEach(s => closers.push(() => s.close()))
  const site = await serveSite({ servers: servers.map(s => s.url), gateways: servers.map(s => s.url) })
  closers.push(() => site.close())
  return { servers, site }
}

async function open (site, urlHash) {
  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  return page
}

async function postInPage (page, text) {
  await page.evaluate(() => { document.querySelector('[data-testid="author-input"]').value = '' })
  await page.type('[data-testid="author-input"]', 'Reader')
  await page.type('[data-testid="composer"] [data-testid="text-input"]', text)
  await page.click('[data-testid="composer"] [data-testid="post-button"]')
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid="composer"] [data-testid="composer-message"]')
    return m.dataset.kind === 'error' || m.textContent.startsWith('Posted')
  }, { timeout: DEADLINE_MS })
  return page.$eval('[data-testid="composer"] [data-testid="composer-message"]', m => ({ kind: m.dataset.kind, text: m.textContent }))
}

const posts = server => server.requests.filter(r => r.startsWith('POST ')).length
const newPage = name => urlHashOf(`https://example.org/${name}/${Math.random()}`)

test('a server that omits comments is named, and the reader sees the union of two servers', async () => {
  const { servers: [omitting, honest], site } = await network({}, {})
  const urlHash = await newPage('omits')
  const all = [await comment(urlHash, { text: 'first' }), await comment(urlHash, { text: 'second' }), await comment(urlHash, { text: 'third' })]
  all.forEach(c => honest.add(urlHash, c))
  omitting.add(urlHash, all[0])

  const page = await open(site, urlHash) // the omitting server is pinned first
  const shown = await page.$$eval('[data-testid="comment"]', a => a.map(c => c.dataset.id))
  assert.deepEqual(shown.sort(), all.map(c => c.id).sort(), 'all three comments are shown')
  const said = await page.$$eval('[data-testid="status-omissions"] li', li => li.map(l => ({ server: l.dataset.server, text: l.textContent })))
  assert.equal(said.length, 1)
  assert.equal(said[0].server, omitting.url)
  assert.match(said[0].text, new RegExp(`^${omitting.url} does not serve 2 comments that ${honest.url} serves`))
  const lacking = await page.$$eval('[data-testid="comment"]', a => Object.fromEntries(a.map(c => [c.dataset.id, c.querySelector('[data-testid="comment-lacking"]').hidden ? null : c.querySelector('[data-testid="comment-lacking"]').textContent])))
  assert.deepEqual(lacking, { [all[0].id]: null, [all[1].id]: `not served by ${omitting.url}`, [all[2].id]: `not served by ${omitting.url}` }, 'each comment one server lacks says so')
  await screenshot(page, 'disagreeing-servers')
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a 201 that cannot be read back does not count: the comment goes to the next server, and the liar is forgotten', async () => {
  const { servers: [liar, honest], site } = await network({
    hostile: async (req, res) => {
      if (req.method !== 'POST') return false
      json(res, 201, { id: await rawCidOf(await body(req)) }) // "stored", and nothing is
      return true
    }
  }, {})
  const urlHash = await newPage('fake-201')
  const page = await open(site, urlHash)
  const said = await postInPage(page, 'is it really posted?')
  assert.equal(said.kind, 'info', said.text)
  assert.match(said.text, new RegExp(`^Posted through ${honest.url}\\. Before it: ${liar.url} said it took the comment but its folder does not hold it`))
  assert.equal(honest.ids(urlHash).length, 1, 'the honest server holds it')
  assert.equal(posts(liar), 1)

  // the next visit does not post to the liar first, nor read from it
  const asked = () => liar.requests.filter(r => r === `GET /${urlHash}` || r.startsWith('POST ')).length
  const before = asked()
  const again = await open(site, urlHash)
  const second = await postInPage(again, 'and a second one')
  assert.equal(second.text, 'Posted.')
  assert.equal(posts(liar), 1, 'the liar was not asked again')
  assert.equal(asked(), before, 'nor read from')
  assert.equal(honest.ids(urlHash).length, 2)
  await page.close()
  await again.close()
})

test('a refusal is shown with its reason and the comment goes to another server', async () => {
  const { servers: [refusing, honest], site } = await network({
    hostile: (req, res) => {
      if (req.method !== 'POST') return false
      json(res, 400, { error: 'bad-sig', detail: 'we do not like this one' })
      return true
    }
  }, {})
  const urlHash = await newPage('refuses')
  const page = await open(site, urlHash)
  const said = await postInPage(page, 'refused once')
  assert.match(said.text, new RegExp(`^Posted through ${honest.url}\\. Before it: ${refusing.url} refused the comment: we do not like this one`))
  assert.equal(honest.ids(urlHash).length, 1)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="comment"]')].some(c => c.textContent.includes('refused once')))
  await page.close()
})

test('the servers read are sampled: over visits every server is read beside the best one', async () => {
  const { servers: [best, second, third], site } = await network({}, {}, {})
  const urlHash = await newPage('sampling')
  best.add(urlHash, await comment(urlHash, { text: 'hello' }))
  const reads = server => server.requests.filter(r => r === `GET /${urlHash}`).length
  for (let visit = 0; visit < 2; visit++) await (await open(site, urlHash)).close()
  assert.equal(reads(best), 2, 'the best server every time')
  assert.equal(reads(second), 1, 'each other server in turn')
  assert.equal(reads(third), 1)
})
