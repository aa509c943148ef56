// The reader's moderation and replies to them, without a browser (docs/adr/018-reader-moderation.md):
// what is stored and its bounds, stored values read as hostile, reading a mute list by address and
// by CID, a list applied whole or not at all, and which replies are new.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_MUTE_LIST_BYTES, canonicalJson, rawCidOf, signMuteList } from '@comments/protocol'
import { fakeFetch, memoryStorage } from '@comments/protocol/testing/fake-network.js'
import { FollowedLists, MAX_FOLLOWED, MAX_MUTED, MuteStore } from '../src/moderation/mutes.js'
import { SourceError, parseSource, readMuteList } from '../src/moderation/mute-lists.js'
import { Moderation } from '../src/moderation/moderation.js'
import { MAX_OWN, MAX_SEEN, RepliesStore, RepliesToYou } from '../src/moderation/replies.js'
import { newIdentity } from './fixtures/keys.js'

const PAGE = 'a'.repeat(64)
const GATEWAYS = ['http://127.0.0.2:8080', 'http://127.0.0.3:8080']
const config = { gateways: GATEWAYS, allowLoopback: false, requestTimeoutSeconds: 5 }
/** A key-shaped string for index i (32 bytes of canonical base64url). */
const keyOf = i => `${String(i).padStart(6, '0')}${'A'.repeat(37)}`
/** A comment id-shaped string (the store only checks the shape). */
const idOf = async i => rawCidOf(new TextEncoder().encode(`comment ${i}`))

describe('muted keys', () => {
  it('mutes by key, once, and unmutes', () => {
    const store = new MuteStore(memoryStorage())
    assert.deepEqual(store.mute(keyOf(1), 'Eve', 5), { ok: true })
    assert.deepEqual(store.mute(keyOf(1), 'Eve again', 6), { ok: true })
    assert.deepEqual(store.list(), [{ key: keyOf(1), name: 'Eve', at: 5 }])
    assert.equal(store.mute('Eve', 'Eve').ok, false, 'a name is not a key')
    store.unmute(keyOf(1))
    assert.deepEqual(store.list(), [])
  })

  it(`keeps at most ${MAX_MUTED} keys and says so instead of dropping one`, () => {
    const storage = memoryStorage()
    storage.setItem('comments.mutes', JSON.stringify(Array.from({ length: MAX_MUTED }, (_, i) => ({ key: keyOf(i), name: 'x', at: 1 }))))
    const store = new MuteStore(storage)
    const said = store.mute(keyOf(MAX_MUTED), 'one more')
    assert.equal(said.ok, false)
    assert.match(said.message, /5,000/)
    assert.equal(store.list().length, MAX_MUTED)
    assert.ok(storage.getItem('comments.mutes').length < 1.1e6, 'within the cost its comment states')
  })

  it('reads what is stored as hostile: only well-formed entries count', () => {
    const storage = memoryStorage()
    const store = new MuteStore(storage)
    for (const junk of ['{', '"x"', '{"a":1}', 'null']) {
      storage.setItem('comments.mutes', junk)
      assert.deepEqual(store.list(), [])
    }
    storage.setItem('comments.mutes', JSON.stringify([{ key: keyOf(1), name: 'ok', at: 1 }, { key: 'short', name: 'x', at: 1 }, { key: keyOf(2), name: '', at: 1 }, 7]))
    assert.deepEqual(store.list().map(e => e.key), [keyOf(1)])
  })
})

describe('mute list sources', () => {
  it('takes https addresses and CIDs; http only to loopback, and only when the config allows it', async () => {
    const cid = await idOf(1)
    assert.deepEqual(parseSource(' https://mod.example/list.json ', config), { url: 'https://mod.example/list.json', source: 'https://mod.example/list.json' })
    assert.deepEqual(parseSource(cid, config), { cid, source: cid })
    assert.deepEqual(parseSource(`ipfs://${cid}`, config), { cid, source: cid })
    assert.throws(() => parseSource('http://mod.example/list.json', { allowLoopback: true }), SourceError)
    assert.throws(() => parseSource('http://127.0.0.1:8000/list.json', { allowLoopback: false }), SourceError)
    assert.equal(parseSource('http://127.0.0.1:8000/list.json', { allowLoopback: true }).url, 'http://127.0.0.1:8000/list.json')
    for (const bad of ['', 'list.json', 'ftp://x/y', 'javascript:alert(1)', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi']) {
      assert.throws(() => parseSource(bad, config), SourceError, bad)
    }
  })
})

describe('reading a mute list', () => {
  it('reads one from an address, verified', async () => {
    const mod = await newIdentity()
    const bytes = await signMuteList({ author: 'Mod', ts: 1, mutes: [keyOf(2), keyOf(1)] }, mod)
    const fetch = fakeFetch({ 'https://mod.example/l.json': { body: bytes } })
    const list = await readMuteList({ url: 'https://mod.example/l.json' }, { ...config, timeoutMs: 5000, fetch })
    assert.deepEqual(list, { author: 'Mod', key: mod.publicKey, ts: 1, mutes: [keyOf(1), keyOf(2)], bytes: bytes.length })
  })

  it('stops reading past 256 KiB and refuses it as too-large', async () => {
    const fetch = fakeFetch({ 'https://mod.example/big.json': { body: new Uint8Array(MAX_MUTE_LIST_BYTES + 1) } })
    await assert.rejects(readMuteList({ url: 'https://mod.example/big.json' }, { ...config, timeoutMs: 5000, fetch }), { code: 'too-large' })
  })

  it('reads one by CID as a raw block, passing over a gateway that sends other bytes', async () => {
    const bytes = await signMuteList({ author: 'Mod', ts: 1, mutes: [keyOf(1)] }, await newIdentity())
    const cid = await rawCidOf(bytes)
    const other = await signMuteList({ author: 'Liar', ts: 1, mutes: [] }, await newIdentity())
    const fetch = fakeFetch(url => url.startsWith(GATEWAYS[0]) ? { body: other } : url === `${GATEWAYS[1]}/ipfs/${cid}?format=raw` ? { body: bytes } : null)
    const list = await readMuteList({ cid }, { ...config, timeoutMs: 5000, fetch })
    assert.equal(list.author, 'Mod')
    assert.deepEqual(fetch.requests.map(r => [r.url, r.init.headers.Accept]), GATEWAYS.map(g => [`${g}/ipfs/${cid}?format=raw`, 'application/vnd.ipld.raw']))
    await assert.rejects(readMuteList({ cid }, { ...config, timeoutMs: 5000, fetch: fakeFetch(() => ({ body: other })) }), /sent bytes that are not/)
  })
})

describe('following lists', () => {
  async function world () {
    const mod = await newIdentity()
    const files = new Map()
    const fetch = fakeFetch(url => files.has(url) ? { body: files.get(url) } : { status: 404 })
    const storage = memoryStorage()
    return { mod, files, storage, fetch, moderation: () => new Moderation({ storage, config, fetch }) }
  }

  it('applies a list whole; a tampered one is followed with its code and nothing of it applied', async () => {
    const w = await world()
    w.files.set('https://m/good', await signMuteList({ author: 'Ada', ts: 10, mutes: [keyOf(1)] }, w.mod))
    const doc = JSON.parse(Buffer.from(await signMuteList({ author: 'Ada', ts: 10, mutes: [keyOf(2)] }, w.mod)).toString())
    doc.mutes = [keyOf(2), keyOf(3)].join('\n')
    w.files.set('https://m/tampered', Buffer.from(canonicalJson(doc)))
    const m = w.moderation()
    await m.follow('https://m/good')
    await m.follow('https://m/tampered')
    assert.deepEqual(m.reasonFor(keyOf(1)), { by: 'list', author: 'Ada', key: w.mod.publicKey, source: 'https://m/good' })
    assert.equal(m.reasonFor(keyOf(2)), null)
    assert.equal(m.reasonFor(keyOf(3)), null)
    assert.deepEqual(m.followed[1].error.code, 'bad-signature')
    assert.equal(m.followed[1].list, null)
    await assert.rejects(m.follow('https://m/good'), SourceError)
    // your own mute wins over a list's reason
    m.mute(keyOf(1), 'Eve')
    assert.deepEqual(m.reasonFor(keyOf(1)), { by: 'you' })
  })

  it('keeps the last verified version when a later read fails or serves an older one, and reads each list once per visit', async () => {
    const w = await world()
    w.files.set('https://m/l', await signMuteList({ author: 'Ada', ts: 10, mutes: [keyOf(1)] }, w.mod))
    await w.moderation().follow('https://m/l')

    w.files.set('https://m/l', await signMuteList({ author: 'Ada', ts: 5, mutes: [] }, w.mod)) // rolled back
    const next = w.moderation()
    assert.ok(next.reasonFor(keyOf(1)), 'the kept version applies before any read')
    await Promise.all([next.refreshLists(), next.refreshLists()])
    assert.equal(w.fetch.requests.filter(r => r.url === 'https://m/l').length, 2, 'one read to follow, one this visit')
    assert.equal(next.followed[0].error.code, 'older')
    assert.ok(next.reasonFor(keyOf(1)))

    w.files.set('https://m/l', new TextEncoder().encode('garbage'))
    const third = w.moderation()
    await third.refreshLists()
    assert.equal(third.followed[0].error.code, 'not-a-mute-list')
    assert.ok(third.reasonFor(keyOf(1)), 'a broken read does not unmute anyone')

    w.files.set('https://m/l', await signMuteList({ author: 'Ada', ts: 20, mutes: [keyOf(2)] }, w.mod))
    const fourth = w.moderation()
    await fourth.refreshLists()
    assert.equal(fourth.followed[0].error, null)
    assert.equal(fourth.reasonFor(keyOf(1)), null)
    assert.ok(fourth.reasonFor(keyOf(2)))
    fourth.unfollow('https://m/l')
    assert.equal(w.moderation().followed.length, 0)
  })

  it(`follows at most ${MAX_FOLLOWED} lists`, async () => {
    const w = await world()
    const m = w.moderation()
    for (let i = 0; i < MAX_FOLLOWED; i++) await m.follow(`https://m/${i}`)
    await assert.rejects(m.follow('https://m/one-more'), /5 lists/)
    assert.equal(new FollowedLists(w.storage).list().length, MAX_FOLLOWED)
  })
})

describe('replies to you', () => {
  const c = (id, key, parent = null, kind) => ({ id, comment: { parent, key, ...(kind ? { kind } : {}) } })

  it('counts replies by others to your comments as new until the next visit', async () => {
    const storage = memoryStorage()
    const [mine, reply, selfReply, reaction, muted, unrelated] = await Promise.all([1, 2, 3, 4, 5, 6].map(idOf))
    const me = keyOf(1)
    const folder = [c(mine, me), c(reply, keyOf(2), mine), c(selfReply, me, mine), c(reaction, keyOf(3), mine, 'reaction'), c(muted, keyOf(4), mine), c(unrelated, keyOf(5))]
    const hidden = comment => comment.key === keyOf(4)
    const first = new RepliesToYou(new RepliesStore(storage), PAGE).update(folder, { ownKey: me, hidden })
    assert.deepEqual(first.fresh.map(r => r.id), [reply], 'only a reply by another, unmuted key; not a reaction')
    assert.deepEqual(new RepliesToYou(new RepliesStore(storage), PAGE).update(folder, { ownKey: me, hidden }).fresh, [], 'seen on the visit before')
    // every comment of the key is remembered as yours; they count even when the key is not loaded
    assert.deepEqual(new RepliesStore(storage).mine(PAGE), [mine.slice(-16), selfReply.slice(-16)])
    const later = await idOf(7)
    const visit = new RepliesToYou(new RepliesStore(storage), PAGE)
    assert.deepEqual(visit.update([...folder, c(later, keyOf(6), mine)], { ownKey: null, hidden }).fresh.map(r => r.id), [later])
    assert.deepEqual(visit.update([...folder, c(later, keyOf(6), mine)], { ownKey: null, hidden }).fresh.map(r => r.id), [later], 'new for the whole visit')
  })

  it(`remembers the last ${MAX_OWN} own comments and ${MAX_SEEN} replies seen`, async () => {
    const storage = memoryStorage()
    const store = new RepliesStore(storage)
    const ids = await Promise.all(Array.from({ length: MAX_OWN + 10 }, (_, i) => idOf(i)))
    store.remember(PAGE, ids.slice(0, 10))
    store.remember('b'.repeat(64), ids.slice(10))
    assert.equal(store.read().mine.length, MAX_OWN)
    assert.deepEqual(store.mine(PAGE), [], 'the oldest went first')
    assert.deepEqual(store.otherPages(PAGE), ['b'.repeat(64)])
    store.markSeen(await Promise.all(Array.from({ length: MAX_SEEN + 5 }, (_, i) => idOf(`seen ${i}`))))
    assert.equal(store.read().seen.length, MAX_SEEN)
    assert.ok(storage.getItem('comments.replies').length < 160e3, 'within the cost its comment states')
    storage.setItem('comments.replies', '{"mine":[{"page":"x","id":"y","at":1}],"seen":[1,"short","ABCDEFGHIJKLMNOP"]}')
    assert.deepEqual(store.read(), { mine: [], seen: [] })
  })
})
