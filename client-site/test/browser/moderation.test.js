// Reader-chosen moderation and replies to you (issue 22, points 4 and 5; docs/adr/018-reader-moderation.md),
// in real Chromium: muting a key hides its comments as stubs with a count and a reason, "Show"
// brings them back; a mute list followed by address or CID hides its keys, a tampered one is
// refused with its code and nothing of it applied; a reply to the reader's comment is announced
// on the next visit with a link to it, and, when asked for, as a notification while the page is open.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { canonicalJson, rawCidOf, signMuteList, urlHashOf } from '@comments/protocol'
import { newIdentity } from '../fixtures/keys.js'
import { assertAccessible, awaitReady, postInPage, screenshot } from './chromium.js'
import { comment, cors, oneServerWithChromium } from './test-network.js'

let chromium
let server
let site
/** path → bytes the test server serves as files (mute lists at an address) */
const files = new Map()

let network

before(async () => {
  network = await oneServerWithChromium({
    hostile: (req, res, url) => {
      if (!files.has(url.pathname)) return false
      res.writeHead(200, cors({ 'Content-Type': 'application/json' })).end(files.get(url.pathname))
      return true
    }
  })
  ;({ chromium, server, site } = network)
})

after(() => network?.close())

const newPage = name => urlHashOf(`https://example.org/moderation/${name}/${Math.random()}`)

async function open (urlHash, setup = async () => {}) {
  const page = await chromium.newPage()
  await setup(page)
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  return page
}

/** What the thread shows of each comment: whether its text is visible, and its stub's words if any. */
function shown (page) {
  return page.$$eval('[data-testid="comment"]', all => Object.fromEntries(all.map(a => {
    const stub = a.closest('li').querySelector(':scope > [data-testid="comment-hidden"]')
    return [a.dataset.id, { visible: a.checkVisibility(), stub: stub == null ? null : stub.querySelector('[data-testid="comment-hidden-reason"]').textContent }]
  })))
}

const summary = page => page.$eval('[data-testid="hidden-summary"]', p => p.hidden ? null : p.querySelector('[data-testid="hidden-summary-text"]').textContent)

/** A page with two comments by Eve, a reply to her by Bob, and one by Carl. */
async function thread (name) {
  const urlHash = await newPage(name)
  const [eve, bob, carl] = await Promise.all([newIdentity(), newIdentity(), newIdentity()])
  const first = await comment(urlHash, { author: 'Eve', text: 'Buy cheap watches', ts: Date.now() - 4000 }, eve)
  const second = await comment(urlHash, { author: 'Eve', text: 'Buy more watches', ts: Date.now() - 3000 }, eve)
  const reply = await comment(urlHash, { author: 'Bob', text: 'Please stop', parent: first.id, ts: Date.now() - 2000 }, bob)
  const other = await comment(urlHash, { author: 'Carl', text: 'A real question', ts: Date.now() - 1000 }, carl)
  for (const c of [first, second, reply, other]) server.add(urlHash, c)
  return { urlHash, eve, bob, carl, first, second, reply, other }
}

test('muting a key hides its comments as stubs, says how many and why, and Show brings them back', async () => {
  const t = await thread('mute')
  const page = await open(t.urlHash)
  assert.equal(await summary(page), null, 'nothing is hidden before muting')
  await page.click(`[data-testid="comment"][data-id="${t.first.id}"] [data-testid="mute-button"]`)

  await page.waitForFunction(() => !document.querySelector('[data-testid="hidden-summary"]').hidden)
  assert.equal(await summary(page), '2 comments hidden: 2 muted by you.')
  assert.deepEqual(await shown(page), {
    [t.first.id]: { visible: false, stub: 'Hidden: muted by you' },
    [t.second.id]: { visible: false, stub: 'Hidden: muted by you' },
    [t.reply.id]: { visible: true, stub: null },
    [t.other.id]: { visible: true, stub: null }
  })
  // the thread keeps its shape: Bob's reply still hangs under Eve's stub
  assert.equal(await page.$eval(`[data-testid="comment"][data-id="${t.reply.id}"]`, (a, id) => a.closest('ol.replies').closest('li').dataset.id, t.first.id), t.first.id)
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'comment-show', 'focus went to the stub of the comment that folded away')

  await page.click('[data-testid="moderation"] summary')
  const muted = await page.$$eval('[data-testid="muted-list"] li', li => li.map(l => ({ key: l.dataset.key, text: l.textContent })))
  assert.equal(muted.length, 1)
  assert.equal(muted[0].key, t.eve.publicKey)
  await page.waitForFunction(() => /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/.test(document.querySelector('[data-testid="muted-fingerprint"]').textContent))
  assert.match(await page.$eval('[data-testid="muted-list"] li', l => l.textContent), /^Eve [0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4} Unmute$/)
  await assertAccessible(page)
  await screenshot(page, 'muted')

  // one by one, then all
  await page.click(`[data-testid="comment-hidden"][data-id="${t.second.id}"] [data-testid="comment-show"]`)
  assert.deepEqual((await shown(page))[t.second.id], { visible: true, stub: 'Shown though muted by you' })
  await page.click('[data-testid="hidden-toggle"]')
  assert.equal(await summary(page), '2 comments shown though muted: 2 muted by you.')
  assert.ok(Object.values(await shown(page)).every(s => s.visible), 'every comment is shown')
  await assertAccessible(page)

  // kept across visits, and Unmute in the panel undoes it
  await page.reload()
  await awaitReady(page)
  assert.equal(await summary(page), '2 comments hidden: 2 muted by you.')
  await page.click('[data-testid="moderation"] summary')
  await page.click('[data-testid="muted-list"] [data-testid="unmute"]')
  assert.equal(await summary(page), null)
  assert.ok(Object.values(await shown(page)).every(s => s.visible && s.stub == null))
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a followed mute list hides its keys, "by <moderator>\'s list"; a tampered one is refused with its code and nothing of it applied', async () => {
  const t = await thread('list')
  const ada = await newIdentity()
  const good = await signMuteList({ author: 'Ada the moderator', ts: Date.now(), mutes: [t.eve.publicKey] }, ada)
  files.set('/lists/ada.json', good)
  // signed over Eve's key alone, then Carl's key put in: the signature no longer verifies
  const tampered = JSON.parse(Buffer.from(good).toString('utf8'))
  tampered.mutes = [t.carl.publicKey, t.eve.publicKey].sort().join('\n')
  files.set('/lists/tampered.json', Buffer.from(canonicalJson(tampered)))

  const page = await open(t.urlHash)
  await page.click('[data-testid="moderation"] summary')
  await follow(page, `${server.url}/lists/ada.json`)
  await page.waitForFunction(() => document.querySelector('[data-testid="followed-list"] [data-testid="list-author"]') != null)
  const listed = await page.$eval('[data-testid="followed-list"]', li => li.textContent)
  assert.match(listed, /^Ada the moderator's list [0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}: 1 key, signed .+ Unfollow/)
  assert.equal(await summary(page), '2 comments hidden: 2 by Ada the moderator\'s list.')
  assert.equal((await shown(page))[t.first.id].stub, 'Hidden: muted by Ada the moderator\'s list')
  assert.equal((await shown(page))[t.other.id].visible, true)
  await assertAccessible(page)

  await follow(page, `${server.url}/lists/tampered.json`)
  await page.waitForFunction(() => document.querySelector('[data-testid="list-error"]') != null)
  assert.equal(await page.$eval('[data-testid="list-error"]', p => p.dataset.code), 'bad-signature')
  assert.match(await page.$eval('[data-testid="list-error"]', p => p.textContent), /^Refused \(bad-signature\): .*Nothing of it is applied\.$/)
  assert.equal((await shown(page))[t.other.id].visible, true, 'Carl, on the tampered list only, is not hidden')
  assert.equal(await summary(page), '2 comments hidden: 2 by Ada the moderator\'s list.')
  await assertAccessible(page)
  await screenshot(page, 'mute-list')

  // by CID, through the configured gateway, as a raw block checked against the CID
  const grace = await newIdentity()
  const byCid = await signMuteList({ author: 'Grace', ts: Date.now(), mutes: [t.carl.publicKey] }, grace)
  const cid = await rawCidOf(byCid)
  files.set(`/ipfs/${cid}`, byCid)
  const before = server.requests.length
  await follow(page, cid)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="followed-list"] [data-testid="list-author"]').length === 2)
  assert.ok(server.requests.slice(before).includes(`GET /ipfs/${cid}`))
  assert.equal(await summary(page), '3 comments hidden: 2 by Ada the moderator\'s list, 1 by Grace\'s list.')

  // a gateway that sends other bytes for a CID is not believed
  const wrong = await rawCidOf(Buffer.from('another list'))
  files.set(`/ipfs/${wrong}`, good)
  await follow(page, wrong)
  await page.waitForFunction(w => document.querySelector(`[data-testid="followed-list"][data-source="${w}"] [data-testid="list-error"]`) != null, {}, wrong)
  assert.match(await page.$eval(`[data-testid="followed-list"][data-source="${wrong}"] [data-testid="list-error"]`, p => p.textContent), /sent bytes that are not/)

  // the next visit applies the kept lists and reads each again once
  const reads = () => server.requests.filter(r => r === 'GET /lists/ada.json').length
  const readsBefore = reads()
  await page.reload()
  await awaitReady(page)
  assert.equal(await summary(page), '3 comments hidden: 2 by Ada the moderator\'s list, 1 by Grace\'s list.')
  await page.waitForFunction(() => window.commentsPage.moderation.refreshed != null)
  await page.evaluate(() => window.commentsPage.moderation.refreshed)
  assert.equal(reads(), readsBefore + 1)
  assert.deepEqual(page.errors, [])
  await page.close()
})

async function follow (page, source) {
  await page.$eval('[data-testid="mute-list-source"]', input => { input.value = '' })
  await page.type('[data-testid="mute-list-source"]', source)
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => !document.querySelector('[data-testid="mute-list-follow"]').disabled &&
    document.querySelector('[data-testid="moderation-message"]').textContent !== 'Reading the list…')
}

function post (page, author, text) {
  return postInPage(page, author, text, ['verified'])
}

function storedId (urlHash, text) {
  for (const [id, bytes] of server.pages.get(urlHash)) if (JSON.parse(Buffer.from(bytes).toString('utf8')).text === text) return id
  return null
}

test('a reply to the reader\'s comment is announced on the next visit, with a link to it, and notified while the page is open when asked', async () => {
  const urlHash = await newPage('replies')
  const page = await open(urlHash, async p => {
    // what the page asks of the Notification API, recorded
    await p.evaluateOnNewDocument(() => {
      const Real = window.Notification
      window.notes = { asked: 0, shown: [] }
      window.Notification = class {
        constructor (title, options) { window.notes.shown.push({ title, body: options?.body }) }
        static get permission () { return Real.permission }
        static requestPermission () { window.notes.asked++; return Real.requestPermission() }
      }
    })
  })
  await post(page, 'Reader', 'What does this mean?')
  const mine = storedId(urlHash, 'What does this mean?')
  assert.equal(await page.$eval('[data-testid="replies-count"]', e => e.textContent), 'No new replies to you')

  const bob = await newIdentity()
  const answer = await comment(urlHash, { author: 'Bob', text: 'It means what it says.', parent: mine }, bob)
  server.add(urlHash, answer)
  await page.reload()
  await awaitReady(page)
  await page.waitForFunction(() => document.querySelector('[data-testid="replies-count"]').textContent !== 'No new replies to you')
  assert.equal(await page.$eval('[data-testid="replies-count"]', e => e.textContent), '1 new reply to you')
  const links = await page.$$eval('[data-testid="reply-link"]', a => a.map(l => ({ href: l.getAttribute('href'), text: l.textContent })))
  assert.deepEqual(links, [{ href: `#c-${answer.id}`, text: 'Bob: It means what it says.' }])
  assert.equal(await page.$eval(`[data-testid="comment"][data-id="${answer.id}"] [data-testid="comment-new"]`, e => e.textContent), 'new reply to you')
  await page.click('[data-testid="reply-link"]')
  assert.equal(await page.evaluate(() => document.activeElement?.id), `c-${answer.id}`, 'the link takes the reader to the reply')
  assert.equal(await page.evaluate(() => window.location.hash.slice(1)), urlHash, 'and stays on the page')
  await assertAccessible(page)
  await screenshot(page, 'replies-to-you')

  // seen: the visit after says nothing new
  await page.reload()
  await awaitReady(page)
  await page.waitForFunction(() => !document.querySelector('[data-testid="replies-to-you"]').hidden)
  assert.equal(await page.$eval('[data-testid="replies-count"]', e => e.textContent), 'No new replies to you')
  assert.equal(await page.$$eval('[data-testid="comment-new"]', e => e.length), 0)

  // notifications: asked for only on the click; a later read that finds a reply shows one
  assert.equal(await page.evaluate(() => window.notes.asked), 0)
  await chromium.browser.defaultBrowserContext().overridePermissions(new URL(site.url).origin, ['notifications'])
  await page.click('[data-testid="notify-replies"]')
  await page.waitForFunction(() => document.querySelector('[data-testid="notify-message"]').textContent !== '')
  assert.equal(await page.$eval('[data-testid="notify-message"]', e => e.textContent), 'You will be notified of new replies while this page is open.')
  assert.equal(await page.evaluate(() => window.notes.asked), 1)
  const carl = await newIdentity()
  server.add(urlHash, await comment(urlHash, { author: 'Carl', text: 'Me too', parent: mine }, carl))
  await page.evaluate(() => window.commentsPage.refresh()) // what the poll does
  await page.waitForFunction(() => window.notes.shown.length > 0)
  assert.deepEqual(await page.evaluate(() => window.notes.shown), [{ title: '1 new reply to you', body: 'Carl: Me too' }])
  assert.equal(await page.$eval('[data-testid="replies-count"]', e => e.textContent), '1 new reply to you')
  assert.deepEqual(page.errors, [])
  await page.close()
})
