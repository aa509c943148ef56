import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Identities, IdentityError } from '../src/write/identity.js'
import { Drafts } from '../src/write/drafts.js'
import { signComment, verifyFile } from '@comments/protocol'
import { vectors } from './fixtures/vectors.js'
import { fakeFetch, memoryStorage } from '@comments/protocol/testing/fake-network.js'

const PAGE = vectors.comments[0].comment.url
const SERVER = 'http://127.0.0.2:8000'

function mapStore () {
  const map = new Map()
  return { map, get: async k => map.get(k), put: async (k, v) => { map.set(k, v) }, delete: async k => { map.delete(k) } }
}

describe('identity', () => {
  it('is made on first use, kept, and signs comments that verify', async () => {
    const store = mapStore()
    const ids = new Identities(store)
    assert.equal(await ids.load(), null)
    const me = await ids.loadOrCreate()
    assert.equal(me.privateKey.extractable, false)
    assert.equal((await new Identities(store).load()).publicKey, me.publicKey)
    const { id, bytes } = await signComment({ url: PAGE, parent: null, author: 'Me', text: 'hello', ts: 1 }, me)
    assert.equal((await verifyFile(bytes, id, PAGE)).comment.key, me.publicKey)
  })

  it('moves to another browser through an exported file', async () => {
    const here = new Identities(mapStore())
    const me = await here.loadOrCreate()
    const file = await here.exportText()
    assert.equal(JSON.parse(file).key, me.publicKey)
    const there = new Identities(mapStore())
    const moved = await there.importText(file)
    assert.equal(moved.publicKey, me.publicKey)
    assert.equal(moved.privateKey.extractable, false)
    const a = await signComment({ url: PAGE, parent: null, author: 'Me', text: 'same', ts: 5 }, me)
    const b = await signComment({ url: PAGE, parent: null, author: 'Me', text: 'same', ts: 5 }, moved)
    assert.equal(a.id, b.id)
  })

  it('imports the vectors\' test key from its seed', async () => {
    const seed = Buffer.from(vectors.testKey.ed25519SeedHex, 'hex').toString('base64url')
    const ids = new Identities(mapStore())
    const me = await ids.importText(JSON.stringify({ type: 'comments-identity', v: 1, key: vectors.testKey.publicKeyB64u, seed }))
    const { comment } = await signComment(vectors.comments[0].comment, me)
    assert.equal(comment.sig, vectors.comments[0].comment.sig)
  })

  it('refuses files that are not identities or whose key does not match the seed', async () => {
    const ids = new Identities(mapStore())
    const other = await new Identities(mapStore()).loadOrCreate()
    const file = JSON.parse(await (async () => { const i = new Identities(mapStore()); await i.loadOrCreate(); return i.exportText() })())
    for (const text of ['nope', '{}', JSON.stringify({ ...file, seed: 'AA' }), JSON.stringify({ ...file, key: other.publicKey })]) {
      await assert.rejects(ids.importText(text), IdentityError, text)
    }
    await assert.rejects(ids.exportText(), IdentityError)
  })
})

describe('drafts', () => {
  it('keeps the name and a draft per page and reply target', () => {
    const storage = memoryStorage()
    const drafts = new Drafts(storage)
    drafts.setName('Ada')
    drafts.setText(PAGE, null, 'top draft')
    drafts.setText(PAGE, vectors.comments[0].id, 'reply draft')
    const again = new Drafts(storage)
    assert.equal(again.name(), 'Ada')
    assert.equal(again.text(PAGE, null), 'top draft')
    assert.equal(again.text(PAGE, vectors.comments[0].id), 'reply draft')
    again.setText(PAGE, null, '')
    assert.equal(again.text(PAGE, null), '')
  })
})
