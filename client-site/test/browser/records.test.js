// Edit, withdraw and react (issue 22, points 2 and 3; docs/protocol.md §3.10), in real Chromium
// against two servers whose folders the page unites: what a reader sees of a folder of records,
// the "most appreciated" order, and the reader's own reaction, edit and withdrawal, each posted as
// a record and read back.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { rawCidOf, urlHashOf } from '@comments/protocol'
import { newIdentity } from '../fixtures/keys.js'
import { DEADLINE_MS, assertAccessible, awaitReady, openChromium, screenshot } from './chromium.js'
import { TestServer, comment, serveSite } from './test-network.js'

let chromium
let servers
let site

before(async () => {
  servers = await Promise.all([new TestServer().start(), new TestServer().start()])
  site = await serveSite({ servers: servers.map(s => s.url), gateways: servers.map(s => s.url) })
  chromium = await openChromium()
})

after(async () => {
  await chromium?.close()
  await site?.close()
  for (const s of servers ?? []) await s.close()
})

const HOUR = 3600e3
const sel = id => `[data-testid="comment"][data-id="${id}"]`

/** What the reader sees of one comment. */
function seen (page, id) {
  return page.$eval(sel(id), article => {
    const visible = testid => { const e = article.querySelector(`[data-testid="${testid}"]`); return e != null && !e.hidden ? e.textContent : null }
    const reactions = Object.fromEntries([...article.querySelectorAll('[data-reaction]')].map(b =>
      [b.dataset.reaction, { count: Number(b.dataset.count), pressed: b.getAttribute('aria-pressed') === 'true', name: [...b.children].filter(c => c.getAttribute('aria-hidden') !== 'true').map(c => c.textContent).join('') }]))
    return {
      text: visible('comment-text'),
      edited: visible('comment-edited'),
      withdrawn: visible('comment-withdrawn'),
      history: visible('comment-history') == null ? null : [...article.querySelectorAll('[data-testid="history-version"] .comment-text')].map(p => p.textContent),
      reactionsShown: !article.querySelector('[data-testid="reactions"]').hidden,
      reactions,
      edit: visible('edit-button') != null,
      withdraw: visible('withdraw-button') != null
    }
  })
}

/** Every record of this kind the servers hold for the page, as stored. */
function storedRecords (urlHash, kind) {
  return servers.flatMap(s => [...(s.pages.get(urlHash)?.values() ?? [])])
    .map(bytes => JSON.parse(Buffer.from(bytes).toString('utf8')))
    .filter(c => c.kind === kind)
}

const topLevel = page => page.$$eval('[data-testid="thread"] > li > [data-testid="comment"]', a => a.map(c => c.dataset.id))

test('a folder of records: the latest text and "edited" with its history, a withdrawal with its replies, counted reactions, most appreciated first; then the reader reacts, edits and withdraws', async () => {
  const urlHash = await urlHashOf(`https://example.org/records/${Math.random()}`)
  const [ada, bob, carol, eve] = await Promise.all([newIdentity(), newIdentity(), newIdentity(), newIdentity()])
  const now = Date.now()
  const first = await comment(urlHash, { author: 'Ada', text: 'Ada wrote this first', ts: now - 5 * HOUR }, ada)
  const second = await comment(urlHash, { author: 'Bob', text: 'Bob regrets this', ts: now - 4 * HOUR }, bob)
  const third = await comment(urlHash, { author: 'Carol', text: 'Carol is appreciated', ts: now - 3 * HOUR }, carol)
  const reply = await comment(urlHash, { author: 'Carol', parent: second.id, text: 'a reply that stays', ts: now - 3.5 * HOUR }, carol)
  const record = (identity, kind, parent, text, ts) => comment(urlHash, { author: 'someone', kind, parent, text, ts }, identity)
  const revision = await record(ada, 'revision', first.id, 'Ada wrote this, then edited it', now - 2 * HOUR)
  const forged = await record(eve, 'revision', first.id, 'Eve puts words in Ada\'s mouth', now - HOUR)
  const reactors = await Promise.all(Array.from({ length: 4 }, () => newIdentity()))
  const records = [
    revision, forged,
    await record(bob, 'withdrawal', second.id, 'withdrawn', now - 2 * HOUR),
    await record(eve, 'withdrawal', first.id, 'withdrawn', now - HOUR), // not Ada's: ignored
    await record(reactors[0], 'reaction', third.id, 'useful', now - HOUR),
    await record(reactors[1], 'reaction', third.id, 'useful', now - HOUR),
    await record(reactors[2], 'reaction', third.id, 'funny', now - HOUR),
    await record(reactors[2], 'reaction', third.id, 'thanks', now - HOUR / 2), // the key's latest counts
    await record(reactors[3], 'reaction', first.id, 'insightful', now - HOUR),
    await record(reactors[3], 'reaction', revision.id, 'funny', now - HOUR), // about a record: waits
    await record(reactors[3], 'reaction', await rawCidOf(new TextEncoder().encode('a comment no server has')), 'funny', now - HOUR) // about nothing here
  ]
  // Neither server holds everything: the page shows the union.
  const [one, two] = servers
  for (const c of [first, second, third, reply]) one.add(urlHash, c)
  records.forEach((r, i) => (i % 2 === 0 ? one : two).add(urlHash, r))
  two.add(urlHash, first)

  const page = await chromium.newPage()
  await page.goto(site.page(urlHash))
  await awaitReady(page)
  await page.waitForFunction(id => document.querySelector(`[data-testid="comment"][data-id="${id}"] [data-testid="comment-edited"]`)?.hidden === false,
    { timeout: DEADLINE_MS }, first.id)

  assert.equal(await page.$eval('[data-testid="thread-heading"]', e => e.textContent), '4 comments', 'records are not counted as comments')
  assert.equal(await page.$$eval('[data-testid="comment"]', a => a.length), 4, 'records never show as comments')
  const edited = await seen(page, first.id)
  assert.equal(edited.text, 'Ada wrote this, then edited it')
  assert.match(edited.edited, /^edited /)
  assert.deepEqual(edited.history, ['Ada wrote this first'], 'the earlier version, and not Eve\'s')
  assert.equal(edited.reactions.insightful.count, 1)
  assert.doesNotMatch(await page.$eval('[data-testid="thread"]', t => t.innerText), /Eve puts words/)

  const withdrawn = await seen(page, second.id)
  assert.equal(withdrawn.withdrawn, 'Withdrawn by its author')
  assert.equal(withdrawn.text, null, 'its text is not shown')
  assert.doesNotMatch(await page.$eval('[data-testid="thread"]', t => t.innerText), /Bob regrets this/)
  assert.equal(withdrawn.reactionsShown, false)
  assert.equal(await page.$eval(sel(reply.id), a => a.closest('.replies').closest('li').dataset.id), second.id, 'its reply stays under it')

  const liked = await seen(page, third.id)
  assert.deepEqual(Object.fromEntries(Object.entries(liked.reactions).map(([k, v]) => [k, v.count])), { useful: 2, thanks: 1, funny: 0, insightful: 0 })
  assert.deepEqual(Object.values(liked.reactions).map(r => r.name), ['Useful, 2', 'Thanks, 1', 'Funny, 0', 'Insightful, 0'], 'each button is named with its count')
  assert.ok(Object.values(liked.reactions).every(r => !r.pressed), 'the reader has not reacted')

  await page.click(`${sel(first.id)} [data-testid="comment-history"] summary`)
  await assertAccessible(page)
  await screenshot(page, 'edited-and-reactions')

  // Most appreciated: by the number of keys that reacted, then oldest first; remembered.
  assert.deepEqual(await topLevel(page), [first.id, second.id, third.id], 'oldest first')
  await page.click('[data-testid="order-appreciated"]')
  await page.waitForFunction(id => document.querySelector('[data-testid="thread"] > li > [data-testid="comment"]')?.dataset.id === id, { timeout: DEADLINE_MS }, third.id)
  assert.deepEqual(await topLevel(page), [third.id, first.id, second.id])
  assert.equal(await page.$eval('[data-testid="order-appreciated"]', b => b.getAttribute('aria-pressed')), 'true')
  await assertAccessible(page)
  await screenshot(page, 'most-appreciated')
  await page.reload()
  await awaitReady(page)
  await page.waitForFunction(id => document.querySelector('[data-testid="thread"] > li > [data-testid="comment"]')?.dataset.id === id, { timeout: DEADLINE_MS }, third.id)
  assert.equal(await page.$eval('[data-testid="order-appreciated"]', b => b.getAttribute('aria-pressed')), 'true', 'the order is remembered')

  // The reader posts a comment (so has a key), then reacts to Carol's.
  await page.type('[data-testid="author-input"]', 'Reader')
  await page.type('[data-testid="composer"] [data-testid="text-input"]', 'my own comment')
  await page.click('[data-testid="composer"] [data-testid="post-button"]')
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="comment"]')]
    .some(c => c.textContent.includes('my own comment') && c.querySelector('[data-testid="edit-button"]')?.hidden === false), { timeout: DEADLINE_MS })
  const mine = await page.$$eval('[data-testid="comment"]', a => a.find(c => c.textContent.includes('my own comment')).dataset.id)
  const readerKey = await page.$eval('[data-testid="identity-key"]', e => e.textContent)
  assert.equal((await seen(page, mine)).withdraw, true, 'the author may withdraw')
  assert.equal((await seen(page, third.id)).edit, false, 'no one else\'s comment offers Edit')

  await page.click(`${sel(third.id)} [data-testid="reaction-insightful"]`)
  const pressed = id => page.waitForFunction(id => document.querySelector(`[data-testid="comment"][data-id="${id}"] [data-reaction="insightful"]`)?.getAttribute('aria-pressed') === 'true' &&
    document.querySelector(`[data-testid="comment"][data-id="${id}"] [data-testid="reactions"]`)?.getAttribute('aria-busy') == null, { timeout: DEADLINE_MS }, id)
  await pressed(third.id)
  const [reaction] = storedRecords(urlHash, 'reaction').filter(r => r.key === readerKey)
  assert.deepEqual({ v: reaction.v, kind: reaction.kind, parent: reaction.parent, text: reaction.text }, { v: 3, kind: 'reaction', parent: third.id, text: 'insightful' })
  assert.equal((await seen(page, third.id)).reactions.insightful.count, 1)
  // read back: after a reload, only what the servers serve shows, and the button is still pressed
  await page.reload()
  await awaitReady(page)
  await pressed(third.id)
  assert.equal((await seen(page, third.id)).reactions.insightful.name, 'Insightful, 1')

  // Pressing one's own reaction takes it back: a reaction `none`.
  await page.click(`${sel(third.id)} [data-reaction="insightful"]`)
  await page.waitForFunction(id => document.querySelector(`[data-testid="comment"][data-id="${id}"] [data-reaction="insightful"]`)?.getAttribute('aria-pressed') === 'false', { timeout: DEADLINE_MS }, third.id)
  await page.waitForFunction(() => document.querySelector('[data-testid="reactions"][aria-busy]') == null, { timeout: DEADLINE_MS })
  assert.deepEqual(storedRecords(urlHash, 'reaction').filter(r => r.key === readerKey).map(r => r.text).sort(), ['insightful', 'none'])
  assert.equal((await seen(page, third.id)).reactions.insightful.count, 0)

  // Edit: the editor is prefilled with the current text; saving posts a revision that shows.
  await page.click(`${sel(mine)} [data-testid="edit-button"]`)
  const editor = `${sel(mine)} ~ .reply-slot [data-testid="edit-composer"]`
  await page.waitForSelector(editor)
  assert.equal(await page.$eval(`${editor} textarea`, t => t.value), 'my own comment')
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the editor takes the focus')
  await page.$eval(`${editor} textarea`, t => { t.value = '' })
  await page.type(`${editor} textarea`, 'my own comment, edited')
  await page.click(`${editor} [data-testid="post-button"]`)
  await page.waitForFunction(id => {
    const a = document.querySelector(`[data-testid="comment"][data-id="${id}"]`)
    return a.querySelector('[data-testid="comment-text"]').textContent === 'my own comment, edited' && !a.querySelector('[data-testid="comment-edited"]').hidden
  }, { timeout: DEADLINE_MS }, mine)
  await page.waitForFunction(() => document.querySelector('[data-testid="edit-composer"]') == null, { timeout: DEADLINE_MS })
  const [revised] = storedRecords(urlHash, 'revision').filter(r => r.key === readerKey)
  assert.deepEqual({ kind: revised.kind, parent: revised.parent, text: revised.text }, { kind: 'revision', parent: mine, text: 'my own comment, edited' })

  // Withdraw: asks first, in an accessible dialog; Cancel changes nothing.
  await page.click(`${sel(mine)} [data-testid="withdraw-button"]`)
  await page.waitForSelector('[data-testid="withdraw-dialog"][open]')
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog') != null), true, 'focus moves into the dialog')
  await assertAccessible(page)
  await screenshot(page, 'withdraw-confirm')
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-testid="withdraw-dialog"]:not([open])')
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'withdraw-button', 'focus returns to Withdraw')
  assert.deepEqual(storedRecords(urlHash, 'withdrawal').filter(r => r.key === readerKey), [])
  await page.click(`${sel(mine)} [data-testid="withdraw-button"]`)
  await page.waitForSelector('[data-testid="withdraw-dialog"][open]')
  await page.click('[data-testid="withdraw-confirm"]')
  await page.waitForFunction(id => document.querySelector(`[data-testid="comment"][data-id="${id}"] [data-testid="comment-withdrawn"]`)?.hidden === false, { timeout: DEADLINE_MS }, mine)
  await page.waitForSelector('[data-testid="withdraw-dialog"]:not([open])')
  const [withdrawal] = storedRecords(urlHash, 'withdrawal').filter(r => r.key === readerKey)
  assert.deepEqual({ kind: withdrawal.kind, parent: withdrawal.parent, text: withdrawal.text }, { kind: 'withdrawal', parent: mine, text: 'withdrawn' })
  const gone = await seen(page, mine)
  assert.equal(gone.text, null)
  assert.equal(gone.edit || gone.withdraw, false, 'nothing more to edit or withdraw')
  assert.equal(await page.$eval('[data-testid="thread-heading"]', e => e.textContent), '5 comments')
  await assertAccessible(page)
  await screenshot(page, 'withdrawn')
  assert.deepEqual(page.errors, [])
  await page.close()
})
