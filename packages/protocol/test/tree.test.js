import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { CODEC, classifyPageEntry, classifyRootEntry, parseCid } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'

const ID = vectors.comments[0].id
const OTHER_ID = vectors.comments[1].id
const PAGE = vectors.comments[0].comment.url
const FOLDER = 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354' // dag-pb, sha2-256

// base32 as the protocol spells CIDs: "b" + lowercase RFC 4648, unpadded.
function base32Cid (bytes) {
  let out = ''
  let bits = 0
  let value = 0
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += 'abcdefghijklmnopqrstuvwxyz234567'[(value >> bits) & 31]
    }
  }
  if (bits > 0) out += 'abcdefghijklmnopqrstuvwxyz234567'[(value << (5 - bits)) & 31]
  return `b${out}`
}

const digest = new Uint8Array(32).fill(7)

describe('the vectors\' tree entries', () => {
  it('are there', () => {
    assert.ok(vectors.tree.rootEntries.length >= 5)
    assert.ok(vectors.tree.pageEntries.length >= 10)
  })

  for (const e of vectors.tree.rootEntries) {
    it(`root: ${e.why} → ${e.verdict}`, () => assert.equal(classifyRootEntry(e.name, e.cid), e.verdict))
  }

  for (const e of vectors.tree.pageEntries) {
    it(`page folder: ${e.why} → ${e.verdict}`, () => assert.equal(classifyPageEntry(e.name, e.cid), e.verdict))
  }
})

describe('a page folder\'s entries', () => {
  it('is a comment when <id>.json links to exactly the block <id>', () => {
    assert.equal(classifyPageEntry(`${ID}.json`, ID), 'comment')
    assert.equal(classifyPageEntry(`${ID}.json`, { toString: () => ID }), 'comment', 'a CID object is read by its text')
  })

  it('is an id mismatch when a comment\'s name links to anything else', () => {
    assert.equal(classifyPageEntry(`${ID}.json`, OTHER_ID), 'id-mismatch')
    assert.equal(classifyPageEntry(`${ID}.json`, FOLDER), 'id-mismatch')
  })

  it('is foreign under any other name, whatever it links to', () => {
    for (const name of ['README', ID, `${ID}.JSON`, `${ID}.json.bak`, `x/${ID}.json`, `${ID.toUpperCase()}.json`, `${FOLDER}.json`]) {
      assert.equal(classifyPageEntry(name, ID), 'foreign', name)
    }
  })
})

describe('the root folder\'s entries', () => {
  it('is a page when a urlHash links to a folder (dag-pb)', () => {
    assert.equal(classifyRootEntry(PAGE, FOLDER), 'page')
    assert.equal(classifyRootEntry(PAGE, { toString: () => FOLDER }), 'page')
  })

  it('is foreign when the name is not a urlHash or the link is not a dag-pb CIDv1 in base32', () => {
    const cases = [
      [PAGE.toUpperCase(), FOLDER], [`${PAGE}.json`, FOLDER], ['comments', FOLDER],
      [PAGE, ID], // a raw block, not a folder
      [PAGE, 'QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn'], // CIDv0: never written here
      [PAGE, FOLDER.toUpperCase()], [PAGE, 'not a cid']
    ]
    for (const [name, cid] of cases) assert.equal(classifyRootEntry(name, cid), 'foreign', `${name} → ${cid}`)
  })
})

describe('reading a CID', () => {
  it('reads the codec, hash function and digest of a base32 CIDv1', () => {
    assert.equal(parseCid(FOLDER)?.codec, CODEC.DAG_PB)
    const id = parseCid(ID)
    assert.equal(id?.codec, CODEC.RAW)
    assert.equal(id.multihash, 0x12)
    assert.equal(id.digest.length, 32)
    assert.deepEqual(parseCid(base32Cid([1, 0x70, 0x12, 32, ...digest])), { codec: 0x70, multihash: 0x12, digest })
  })

  it('refuses every other spelling, as the Java Cid does', () => {
    const cases = {
      'CIDv0': [0x12, 32, ...digest],
      'version 2': [2, 0x70, 0x12, 32, ...digest],
      'a digest shorter than it says': [1, 0x70, 0x12, 32, ...digest.slice(1)],
      'a sha2-256 digest that is not 32 bytes': [1, 0x70, 0x12, 31, ...digest.slice(1)],
      'an empty digest': [1, 0x70, 0x00, 0],
      'a varint that is not minimal': [1, 0xf0, 0x00, 0x12, 32, ...digest]
    }
    for (const [why, bytes] of Object.entries(cases)) assert.equal(parseCid(base32Cid(bytes)), null, why)
    for (const text of [`${FOLDER}=`, `B${FOLDER.slice(1)}`, FOLDER.slice(0, -1) + '5', 'b', '', null, 42]) {
      assert.equal(parseCid(text), null, String(text))
    }
  })
})
