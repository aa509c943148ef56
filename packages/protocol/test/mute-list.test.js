// Mute lists (docs/protocol.md §3.11): every case of the vectors' muteLists, then what they do not
// spell out (size, field set, canonical form, the bounds of mutes), and a list signed here.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_MUTES, MAX_MUTE_LIST_BYTES, MuteListError, canonicalJson, rawCidOf, signMuteList, verifyMuteList } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { hexBytes, identityFromSeed, newIdentity } from './fixtures/keys.js'

const utf8 = s => new TextEncoder().encode(s)

async function refuses (bytes, code) {
  await assert.rejects(() => verifyMuteList(bytes), err => {
    assert.ok(err instanceof MuteListError, `expected MuteListError, got ${err}`)
    assert.equal(err.code, code, err.message)
    return true
  })
}

describe('mute list vectors', () => {
  assert.ok(vectors.muteLists.valid.length > 0 && vectors.muteLists.invalid.length > 0)
  for (const v of vectors.muteLists.valid) {
    it(`accepts: ${v.why}`, async () => {
      const list = await verifyMuteList(utf8(v.fileText))
      const doc = JSON.parse(v.fileText)
      assert.deepEqual(list, { author: doc.author, key: doc.key, ts: doc.ts, mutes: v.mutes })
      assert.equal(await rawCidOf(utf8(v.fileText)), v.id, 'its CID names its bytes')
    })
  }
  for (const v of vectors.muteLists.invalid) {
    it(`refuses with ${v.code}: ${v.why}`, () => refuses(utf8(v.fileText), v.code))
  }
})

describe('mute lists beyond the vectors', () => {
  let ada
  let other
  before(async () => {
    ada = await identityFromSeed(hexBytes(vectors.testKey.ed25519SeedHex))
    other = await newIdentity()
  })
  const good = () => JSON.parse(vectors.muteLists.valid[0].fileText)

  it('signs the vectors\' list byte for byte (Ed25519 is deterministic)', async () => {
    const v = vectors.muteLists.valid[0]
    const doc = JSON.parse(v.fileText)
    const bytes = await signMuteList({ author: doc.author, ts: doc.ts, mutes: [...v.mutes].reverse() }, ada)
    assert.equal(new TextDecoder().decode(bytes), v.fileText)
  })

  it('signs an empty list, and drops repeats', async () => {
    assert.deepEqual((await verifyMuteList(await signMuteList({ author: 'Mod', ts: 1, mutes: [] }, other))).mutes, [])
    const twice = await signMuteList({ author: 'Mod', ts: 1, mutes: [ada.publicKey, ada.publicKey] }, other)
    assert.deepEqual((await verifyMuteList(twice)).mutes, [ada.publicKey])
  })

  it('signs nothing a reader would refuse', async () => {
    await assert.rejects(() => signMuteList({ author: '', ts: 1, mutes: [] }, other), { code: 'not-a-mute-list' })
    await assert.rejects(() => signMuteList({ author: 'Mod', ts: 1, mutes: ['nope'] }, other), { code: 'bad-mutes' })
  })

  it('refuses more than 256 KiB before reading it', () => refuses(new Uint8Array(MAX_MUTE_LIST_BYTES + 1), 'too-large'))

  it('refuses what is not the canonical JSON of exactly its fields', async () => {
    const text = vectors.muteLists.valid[0].fileText
    await refuses(Uint8Array.of(0xff, 0xfe), 'not-a-mute-list')
    await refuses(utf8('[]'), 'not-a-mute-list')
    await refuses(utf8(text.slice(0, -1)), 'not-a-mute-list')
    await refuses(utf8(` ${text}`), 'not-a-mute-list')
    await refuses(utf8(text.replace('"ts":', '"ts":1,"ts":')), 'not-a-mute-list') // a name twice
    await refuses(utf8(text.replace('"v":3', '"v":3.0')), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), extra: 'x' })), 'not-a-mute-list')
    const { ts, ...noTs } = good() // eslint-disable-line no-unused-vars
    await refuses(utf8(canonicalJson(noTs)), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), v: 2 })), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), key: 'short' })), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), author: '' })), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), author: 'x'.repeat(65) })), 'not-a-mute-list')
    await refuses(utf8(canonicalJson({ ...good(), ts: -1 })), 'not-a-mute-list')
    await refuses(utf8(text.replace(/"mutes":"[^"]*"/, '"mutes":null')), 'not-a-mute-list')
  })

  it('refuses a sig that is not 64 bytes as a signature that does not verify', () =>
    refuses(utf8(canonicalJson({ ...good(), sig: 'AAAA' })), 'bad-signature'))

  it('refuses mutes past 5,000 keys, an empty line, and a key spelled two ways', async () => {
    const keys = Array.from({ length: MAX_MUTES + 1 }, (_, i) => `${String(i).padStart(5, '0')}${'A'.repeat(38)}`).sort()
    await refuses(utf8(canonicalJson({ ...good(), mutes: keys.join('\n') })), 'bad-mutes')
    await refuses(utf8(canonicalJson({ ...good(), mutes: `${ada.publicKey}\n` })), 'bad-mutes')
    const nonCanonical = ada.publicKey.slice(0, 42) + 'f' // the last character's unused bits set
    if (nonCanonical !== ada.publicKey) await refuses(utf8(canonicalJson({ ...good(), mutes: nonCanonical })), 'bad-mutes')
  })

  it('holds 5,000 keys within the size limit', async () => {
    const keys = await Promise.all(Array.from({ length: 50 }, () => newIdentity().then(i => i.publicKey)))
    const many = Array.from({ length: MAX_MUTES }, (_, i) => keys[i % 50].slice(0, 38) + String(i).padStart(4, '0') + 'A')
    const bytes = await signMuteList({ author: 'x'.repeat(64), ts: 8_640_000_000_000_000, mutes: many }, other)
    assert.ok(bytes.length <= MAX_MUTE_LIST_BYTES, `${bytes.length} bytes`)
    assert.equal((await verifyMuteList(bytes)).mutes.length, MAX_MUTES)
  })
})
