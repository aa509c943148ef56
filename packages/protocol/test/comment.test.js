import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import {
  canonicalJson, rawCidOf, parseComment, verifyComment, verifyFile, verifyPost, signComment, signedBytes, fileBytes,
  FIELDS, InvalidCommentError, MAX_AUTHOR, MAX_FILE_BYTES, MAX_NONCE, MAX_TEXT, MAX_TS, REJECTIONS, VERSION, VERSION_STAMPED
} from '../src/index.js'
import { vectors } from './fixtures/vectors.js'
import { hexBytes, identityFromSeed, newIdentity } from './fixtures/keys.js'

const utf8 = s => new TextEncoder().encode(s)
const PAGE = vectors.comments[0].comment.url

async function rejects (promiseOrFn, code) {
  await assert.rejects(async () => promiseOrFn(), err => {
    assert.ok(err instanceof InvalidCommentError, `expected InvalidCommentError, got ${err}`)
    assert.equal(err.code, code, err.message)
    return true
  })
}

describe('comment vectors', () => {
  let identity
  before(async () => { identity = await identityFromSeed(hexBytes(vectors.testKey.ed25519SeedHex)) })

  it('derives the vectors\' public key from the seed', () => {
    assert.equal(identity.publicKey, vectors.testKey.publicKeyB64u)
  })

  for (const [i, v] of vectors.comments.entries()) {
    describe(`comment ${i} (${v.comment.author})`, () => {
      it('signs the canonical JSON of the fields but sig', () => {
        assert.equal(new TextDecoder().decode(signedBytes(v.comment)), v.signedText)
        const { sig, ...unsigned } = v.comment
        assert.equal(canonicalJson(unsigned), v.signedText)
      })

      it('writes the file as the canonical JSON of all fields', () => {
        assert.equal(canonicalJson(v.comment), v.fileText)
        assert.deepEqual(fileBytes(v.comment), utf8(v.fileText))
      })

      it('is named by the CID of the file\'s bytes', async () => {
        assert.equal(await rawCidOf(utf8(v.fileText)), v.id)
      })

      it('signs to the same signature with the test key (Ed25519 is deterministic)', async () => {
        const { comment, id, bytes } = await signComment(v.comment, identity)
        assert.equal(comment.sig, v.comment.sig)
        assert.equal(id, v.id)
        assert.deepEqual(bytes, utf8(v.fileText))
      })

      it('verifies as a file under its id in its page', async () => {
        const { comment, id } = await verifyFile(utf8(v.fileText), v.id, v.comment.url)
        assert.deepEqual(comment, v.comment)
        assert.equal(id, v.id)
      })

      it('verifies as posted fields', async () => {
        assert.equal((await verifyComment(parseComment(utf8(v.fileText)))).id, v.id)
      })
    })
  }

  for (const v of vectors.validComments) {
    it(`reproduces and accepts the extreme: ${v.why}`, async () => {
      const { comment, id, bytes } = await signComment(v.comment, identity)
      assert.deepEqual(comment, v.comment)
      assert.equal(new TextDecoder().decode(bytes), v.fileText)
      assert.equal(id, v.id)
      assert.equal((await verifyFile(utf8(v.fileText), v.id, v.comment.url)).id, v.id)
    })
  }

  for (const v of vectors.validPosts) {
    it(`stores a post canonically: ${v.why}`, async () => {
      const { id, bytes } = await verifyPost(utf8(v.postText), v.page)
      assert.equal(new TextDecoder().decode(bytes), v.fileText)
      assert.equal(id, v.id)
    })
  }

  for (const bad of vectors.invalidComments) {
    it(`refuses ${bad.as === 'post' ? 'as posted' : 'as a file'} with ${bad.code}: ${bad.why}`, async () => {
      const bytes = bad.fileBase64 === undefined ? utf8(bad.fileText) : Uint8Array.from(Buffer.from(bad.fileBase64, 'base64'))
      if (bad.as === 'post') await rejects(() => verifyPost(bytes, bad.page), bad.code)
      else await rejects(() => verifyFile(bytes, bad.id, bad.page), bad.code)
    })
  }

  it('has exactly the vectors\' table of rejection codes and summaries, in order', () => {
    assert.deepEqual(Object.entries(REJECTIONS).map(([code, summary]) => ({ code, summary })), vectors.rejections)
  })

  it('has the vectors\' limits', () => {
    const { rules } = vectors
    assert.deepEqual([VERSION, VERSION_STAMPED, MAX_FILE_BYTES, MAX_AUTHOR, MAX_TEXT, MAX_TS, MAX_NONCE, [...FIELDS]],
      [rules.version, rules.stampedVersion, rules.maxFileBytes, rules.author.max, rules.text.max, rules.ts.max, rules.nonce.max, rules.fields])
  })
})

describe('comment rules', () => {
  const base = vectors.comments[0]
  let identity
  before(async () => { identity = await newIdentity() })

  // Signs fields with a fresh key, then applies a change after signing when asked.
  async function file (change = {}, after = {}) {
    const { comment } = await signComment({ ...base.comment, ...change }, identity)
    return utf8(canonicalJson({ ...comment, ...after }))
  }
  const check = async bytes => verifyFile(bytes, await rawCidOf(bytes), PAGE)

  it('accepts a freshly signed comment', async () => {
    assert.equal((await check(await file())).comment.key, identity.publicKey)
  })

  it('refuses a file whose bytes do not hash to its name', async () => {
    await rejects(() => verifyFile(utf8(base.fileText), vectors.comments[1].id, PAGE), 'id-mismatch')
    await rejects(() => verifyFile(utf8(base.fileText), 'not-a-cid', PAGE), 'id-mismatch')
  })

  it('refuses a file from another page\'s folder', async () => {
    await rejects(() => verifyFile(utf8(base.fileText), base.id, 'a'.repeat(64)), 'wrong-page')
  })

  it('refuses bytes that are not canonical', async () => {
    const spaced = utf8(JSON.stringify(base.comment, null, 1))
    await rejects(() => check(spaced), 'not-canonical')
    const reordered = utf8(JSON.stringify(base.comment))
    await rejects(() => check(reordered), 'not-canonical')
    const duplicate = utf8(base.fileText.replace('{', '{"author":"Eve",'))
    await rejects(() => check(duplicate), 'duplicate-field')
  })

  it('refuses more than 16384 bytes', async () => {
    await rejects(() => check(new Uint8Array(16385).fill(0x20)), 'too-large')
    // 5000 characters that fit the text limit but not the file limit once escaped.
    await rejects(() => signComment({ ...base.comment, text: '\u0001'.repeat(5000) }, identity), 'too-large')
  })

  it('refuses bytes that are not UTF-8, not JSON, or not an object', async () => {
    await rejects(() => check(Uint8Array.from([0x7b, 0xff, 0x7d])), 'not-utf8')
    await rejects(() => check(Uint8Array.from([0xed, 0xa0, 0x80])), 'not-utf8') // an encoded surrogate
    await rejects(() => check(utf8('{"v":1,')), 'not-json')
    await rejects(() => check(utf8('[1]')), 'not-an-object')
    await rejects(() => check(utf8('\ufeff' + base.fileText)), 'not-json')
  })

  it('takes exactly the eight fields', async () => {
    await rejects(async () => check(await file({}, { extra: 1 })), 'unknown-field')
    const { sig, ...noSig } = base.comment
    await rejects(() => check(utf8(canonicalJson(noSig))), 'missing-field')
  })

  it('checks each field\'s JSON type', async () => {
    for (const [field, value] of [['v', '1'], ['ts', '1'], ['url', 1], ['author', null], ['parent', 5], ['key', null], ['v', 1.5]]) {
      const text = JSON.stringify({ ...base.comment, [field]: value })
      await rejects(() => verifyComment(parseComment(utf8(text))), 'wrong-type')
    }
  })

  it('takes version 1 with its eight fields, version 2 with a nonce besides, version 3 with a kind too, no other', async () => {
    await rejects(async () => check(await file({}, { v: 2 })), 'missing-field')
    await rejects(async () => check(await file({}, { v: 3 })), 'missing-field')
    await rejects(async () => check(await file({}, { v: 4 })), 'unsupported-version')
    await rejects(async () => check(await file({}, { nonce: 1 })), 'unknown-field')
    const stamped = await signComment({ ...base.comment, nonce: 7 }, identity)
    assert.equal(stamped.comment.v, VERSION_STAMPED)
    assert.equal((await check(stamped.bytes)).comment.nonce, 7)
    await rejects(() => signComment({ ...base.comment, nonce: -1 }, identity), 'bad-nonce')
    await rejects(() => signComment({ ...base.comment, nonce: MAX_NONCE + 1 }, identity), 'bad-nonce')
  })

  it('takes only a urlHash as url', async () => {
    await rejects(() => signComment({ ...base.comment, url: base.comment.url.toUpperCase() }, identity), 'bad-url')
    await rejects(() => signComment({ ...base.comment, url: 'ab' }, identity), 'bad-url')
  })

  it('takes null or a raw sha2-256 CIDv1 as parent', async () => {
    const folder = 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354'
    for (const parent of [folder, base.id.toUpperCase(), base.id.slice(0, -1) + 'b', 'b' + 'a'.repeat(58), '']) {
      await rejects(() => signComment({ ...base.comment, parent }, identity), 'bad-parent')
    }
    assert.equal((await signComment({ ...base.comment, parent: base.id }, identity)).comment.parent, base.id)
  })

  it('counts author and text in code points, a lone surrogate as one', async () => {
    await signComment({ ...base.comment, author: '🎉'.repeat(64) }, identity)
    await rejects(() => signComment({ ...base.comment, author: '🎉'.repeat(65) }, identity), 'author-length')
    await rejects(() => signComment({ ...base.comment, author: '' }, identity), 'author-length')
    await signComment({ ...base.comment, text: '\ud800'.repeat(2000) }, identity)
    await rejects(() => signComment({ ...base.comment, text: '\ud800'.repeat(5001) }, identity), 'text-length')
    await signComment({ ...base.comment, text: 'x'.repeat(5000) }, identity)
    await rejects(() => signComment({ ...base.comment, text: 'x'.repeat(5001) }, identity), 'text-length')
    await rejects(() => signComment({ ...base.comment, text: '' }, identity), 'text-length')
  })

  it('keeps a lone surrogate through canonical JSON, signature and id', async () => {
    const bytes = await file({ text: 'half \ud83c of an emoji' })
    assert.match(new TextDecoder().decode(bytes), /\\ud83c/)
    assert.equal((await check(bytes)).comment.text, 'half \ud83c of an emoji')
  })

  it('takes ts from 0 to 8.64e15, the last instant a Date can show', async () => {
    await signComment({ ...base.comment, ts: 0 }, identity)
    const last = await signComment({ ...base.comment, ts: 8.64e15 }, identity)
    assert.equal(new Date(last.comment.ts).toISOString(), '+275760-09-13T00:00:00.000Z')
    for (const ts of [-1, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, 2 ** 53, 1.5]) {
      await rejects(() => signComment({ ...base.comment, ts }, identity), 'bad-ts')
    }
  })

  it('takes key and sig only as canonical unpadded base64url of 32 and 64 bytes', async () => {
    const good = JSON.parse(base.fileText)
    const cases = [
      ['key', good.key + '=', 'bad-key'],
      ['key', good.key.slice(0, -1), 'bad-key'],
      ['key', good.key.slice(0, -1) + 'R', 'bad-key'], // same bytes, non-zero trailing bits
      ['key', good.key.replace(/_/g, '/'), 'bad-key'],
      ['sig', good.sig + 'AA', 'bad-sig-encoding'],
      ['sig', good.sig.slice(0, -1) + 'x', 'bad-sig-encoding']
    ]
    for (const [field, value, code] of cases) {
      await rejects(() => verifyComment({ ...good, [field]: value }), code)
    }
  })

  it('refuses a signature by another key', async () => {
    const other = await newIdentity()
    await rejects(async () => check(await file({}, { key: other.publicKey })), 'bad-signature')
  })

  it('refuses a comment changed after signing', async () => {
    await rejects(async () => check(await file({}, { ts: base.comment.ts + 1 })), 'bad-signature')
    await rejects(async () => check(await file({}, { parent: base.id })), 'bad-signature')
  })
})
