// How authors are shown (issue 21, point 4): names with hidden characters shown as codes, and
// the key's fingerprint, the same wherever a key is shown (docs/adr/012-reader-key.md).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { displayName, nameParts } from '../src/ui/display-name.js'
import { FINGERPRINT_BITS, fingerprintOf } from '../src/ui/fingerprint.js'
import { vectors } from './fixtures/vectors.js'

describe('author names', () => {
  it('leaves ordinary names, any script, as they are', () => {
    for (const name of ['Ada', 'Ada Lovelace', 'محمد', 'שלום עולם', '山田太郎', 'Zoë', 'e\u0301', '😀 fan', '👨‍👩‍👧 family', '❤️', '1️⃣ first', 'x'.repeat(64)]) {
      assert.equal(displayName(name), name, name)
    }
  })

  it('shows bidi controls, zero-width and other invisible characters as their codes', () => {
    assert.equal(displayName('Mal\u202Elory\u200B'), 'Mal⟨U+202E⟩lory⟨U+200B⟩')
    assert.deepEqual(nameParts('Mal\u202Elory'), ['Mal', { hidden: 'U+202E' }, 'lory'])
    assert.equal(displayName('Ad\u2060min'), 'Ad⟨U+2060⟩min')
    assert.equal(displayName('\u2066abc\u2069'), '⟨U+2066⟩abc⟨U+2069⟩')
    assert.equal(displayName('a\u200Fb\u200Ec\u061Cd'), 'a⟨U+200F⟩b⟨U+200E⟩c⟨U+061C⟩d')
    assert.equal(displayName('\uFEFFx\u00AD'), '⟨U+FEFF⟩x⟨U+00AD⟩')
    assert.equal(displayName('tag\u{E0041}'), 'tag⟨U+E0041⟩')
    assert.equal(displayName('Ali\u0000ce'), 'Ali⟨U+0000⟩ce')
  })

  it('shows line breaks and tabs as codes: a name is one line', () => {
    assert.equal(displayName('Ada\nverified admin'), 'Ada⟨U+000A⟩verified admin')
    assert.equal(displayName('a\r\nb\u2028c\u2029d\u0085e\tf'), 'a⟨U+000D⟩⟨U+000A⟩b⟨U+2028⟩c⟨U+2029⟩d⟨U+0085⟩e⟨U+0009⟩f')
  })

  it('shows fillers that are blank though they are letters or marks as codes', () => {
    assert.equal(displayName('\u115F\u1160\u3164\uFFA0\u2800'), '⟨U+115F⟩⟨U+1160⟩⟨U+3164⟩⟨U+FFA0⟩⟨U+2800⟩')
    assert.equal(displayName('A\u034Fda\uFE0F'), 'A⟨U+034F⟩da⟨U+FE0F⟩', 'a variation selector after a letter hides nothing useful')
    assert.equal(displayName('x\u{E0100}'), 'x⟨U+E0100⟩')
  })

  it('keeps the joiner only between emoji', () => {
    assert.equal(displayName('👩‍💻'), '👩‍💻')
    assert.equal(displayName('👍🏽‍👍'), '👍🏽‍👍')
    assert.equal(displayName('a\u200Db'), 'a⟨U+200D⟩b')
    assert.equal(displayName('😀\u200D'), '😀⟨U+200D⟩')
  })

  it('shows a lone surrogate as its code', () => {
    assert.equal(displayName('a\uD800b'), 'a⟨U+D800⟩b')
  })

  it('makes every space an ordinary one, one between words, none at the ends; a blank name says so', () => {
    assert.equal(displayName('\u3000 Ada\u00A0\u2003 Lovelace  '), 'Ada Lovelace')
    assert.deepEqual(nameParts('   '), [{ hidden: 'blank' }])
    assert.equal(displayName('\u00A0'), '⟨blank⟩')
    assert.equal(displayName(' \u200B '), '⟨U+200B⟩')
  })
})

describe('key fingerprints', () => {
  // Pinned: 60 bits of SHA-256(raw key) in Crockford base32, checked with Python's hashlib.
  it('is 60 bits of the SHA-256 of the raw key, in three groups of base32', async () => {
    assert.equal(FINGERPRINT_BITS, 60)
    assert.equal(await fingerprintOf(vectors.testKey.publicKeyB64u), '3na3-zav2-80qp')
    assert.equal(await fingerprintOf('A'.repeat(43)), 'csm7-nbfr-cayq')
    assert.equal(await fingerprintOf('igjthZYV4zQJ42B-cTLu4FuIuUHmqvR9iu8bb1lV738'), '5z2p-svpa-gxgf')
  })

  it('tells apart keys that share their first characters', async () => {
    const a = 'abcdef' + 'A'.repeat(37)
    const b = 'abcdef' + 'B' + 'A'.repeat(36)
    assert.notEqual(await fingerprintOf(a), await fingerprintOf(b))
  })

  it('refuses what is not a 32-byte key', async () => {
    await assert.rejects(fingerprintOf('AAAA'), TypeError)
  })
})
