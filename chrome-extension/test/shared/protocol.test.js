// The shared normalization and urlHash (the protocol package's url-hash.js, imported
// through src/shared/protocol.js exactly as the extension bundles it) against every case
// of the shared vectors, and every mustReject address refused as the extension refuses it.
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isUrlHash, normalizeUrl, pageKey, UrlRefusedError } from '../../src/shared/protocol.js'
import { commentsPageFor, pageKeyOfTab } from '../../src/shared/comments-target.js'
import { RefusedPageError } from '../../src/shared/errors.js'
import { vectors } from '../fixtures/vectors.js'

const { cases, mustReject, trackingParams } = vectors.urlNormalization
const CLIENT = 'https://comments.example/'

describe('the shared url-hash module, as the extension uses it', () => {
  test('the vectors are there', () => {
    assert.ok(cases.length >= 10)
    assert.ok(mustReject.length >= 5)
  })

  for (const c of cases) {
    test(`normalizes and hashes ${JSON.stringify(c.input)}`, async () => {
      assert.equal(normalizeUrl(c.input), c.normalized)
      assert.deepEqual(await pageKey(c.input), { normalized: c.normalized, urlHash: c.urlHash })
      assert.deepEqual(await pageKeyOfTab(c.input), { normalized: c.normalized, urlHash: c.urlHash })
      const page = await commentsPageFor(c.input, CLIENT)
      assert.deepEqual(page, { urlHash: c.urlHash, url: `${CLIENT}#${c.urlHash}?url=${encodeURIComponent(c.normalized)}` })
      assert.ok(isUrlHash(page.urlHash))
    })
  }

  for (const input of mustReject) {
    test(`refuses ${JSON.stringify(input)} and opens nothing`, async () => {
      assert.throws(() => normalizeUrl(input), UrlRefusedError)
      await assert.rejects(pageKeyOfTab(input), err => {
        assert.ok(err instanceof RefusedPageError, 'an expected error, shown as it is')
        assert.match(err.message, /cannot have comments|cannot be read as a web address/)
        assert.match(err.message, /Only web pages \(addresses that start with https:\/\/ or http:\/\/\) can have comments\.$/)
        return true
      })
      await assert.rejects(commentsPageFor(input, CLIENT), RefusedPageError)
    })
  }

  test('the extension has no copy of the normalization: no tracking parameter is named in its source', async () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url))
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js')) continue
      const text = await readFile(join(entry.parentPath, entry.name), 'utf8')
      for (const name of trackingParams) assert.ok(!text.includes(name), `${entry.name} names ${name}`)
      assert.ok(!text.includes('crypto.subtle.digest'), `${entry.name} hashes by itself`)
    }
  })
})
