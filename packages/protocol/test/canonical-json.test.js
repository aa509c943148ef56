import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { canonicalJson, encodeBase64Url, decodeBase64Url, rawCidOf, digestOfRawCid, isCommentId } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { hexBytes } from './fixtures/keys.js'

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units and writes no white space', () => {
    assert.equal(canonicalJson({ b: 1, a: null, A: 'x', '\u00e9': 2, '\ud83d\ude00': 3, '\uffff': 4 }),
      '{"A":"x","a":null,"b":1,"é":2,"😀":3,"\uffff":4}')
  })

  it('escapes strings as JSON.stringify does, lone surrogates included', () => {
    const s = '\u0000\u001f"\\/\b\f\n\r\t\u007f\u2028 \ud800 \udfff 😀'
    assert.equal(canonicalJson(s), JSON.stringify(s))
    assert.equal(canonicalJson('\ud800'), '"\\ud800"')
    assert.equal(canonicalJson('\u0001'), '"\\u0001"')
  })

  it('writes the vectors\' files', () => {
    for (const v of vectors.comments) assert.equal(canonicalJson(v.comment), v.fileText)
  })

  it('holds only safe integers, strings, null and objects', () => {
    for (const bad of [1.5, 2 ** 53, NaN, true, [1], undefined]) assert.throws(() => canonicalJson({ x: bad }), TypeError)
    assert.equal(canonicalJson({ n: -(2 ** 53 - 1) }), '{"n":-9007199254740991}')
  })
})

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
      const text = encodeBase64Url(bytes)
      assert.equal(text, Buffer.from(bytes).toString('base64url'))
      if (n > 0) assert.deepEqual(decodeBase64Url(text), bytes)
    }
  })

  it('refuses padding, the other alphabet, impossible lengths and non-zero trailing bits', () => {
    for (const bad of ['AA==', 'A+/A', 'A', 'AB', '', 'AAA ', null]) assert.equal(decodeBase64Url(bad), null, String(bad))
    assert.deepEqual(decodeBase64Url('AA'), Uint8Array.of(0))
  })
})

describe('comment ids (CIDv1 raw sha2-256)', () => {
  it('gives the network id\'s DHT key', async () => {
    assert.equal(await rawCidOf(hexBytes(vectors.network.networkIdHex)), vectors.network.dhtKeyCid)
  })

  it('reads back the digest of an id', async () => {
    const bytes = new TextEncoder().encode(vectors.comments[0].fileText)
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    assert.deepEqual(digestOfRawCid(vectors.comments[0].id), digest)
  })

  it('refuses other CIDs and other spellings', () => {
    assert.ok(isCommentId(vectors.comments[1].id))
    for (const bad of [
      'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354', // dag-pb
      'bafkreigiqu3viipt5k377webdns6lef2vhv5erjz6tjo7w4m7nc456y5ub', // non-zero trailing bits
      'BAFKREIGIQU3VIIPT5K377WEBDNS6LEF2VHV5ERJZ6TJO7W4M7NC456Y5UA',
      'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG',
      'zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA'
    ]) assert.ok(!isCommentId(bad), bad)
  })
})
