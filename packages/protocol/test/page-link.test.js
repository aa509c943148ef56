// The client's address for a page's comments (src/page-link.js): what the extension, the embed
// and the paste box write, and how the client reads a hostile one.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_TITLE, checkPageLink, pageFragment, pageLinkOf, pageKey, parsePageFragment } from '../src/index.js'

const PAGE = 'https://news.example/2026/a-story?id=42&utm_source=feed#top'

describe('page links', () => {
  it('writes the urlHash, then the normalized URL and the title, percent-encoded; and reads them back', async () => {
    const title = 'Ça & ç?a = 100% #1 + 👩‍💻'
    const link = await pageLinkOf(PAGE, title)
    const { normalized, urlHash } = await pageKey(PAGE)
    assert.equal(link.normalized, 'https://news.example/2026/a-story?id=42')
    assert.equal(link.fragment, `${urlHash}?url=${encodeURIComponent(normalized)}&title=${encodeURIComponent(title)}`)
    assert.doesNotMatch(link.fragment, /utm_source|#top|[ #&]1/, 'no tracking, no page fragment, nothing unescaped')
    assert.deepEqual(parsePageFragment(`#${link.fragment}`), { urlHash, url: normalized, title })
    assert.deepEqual(await checkPageLink(parsePageFragment(link.fragment)), { urlHash, url: normalized, title, mismatch: false })
  })

  it('still reads the bare #<urlHash> of before, and nothing that is not a urlHash', () => {
    const h = 'a'.repeat(64)
    assert.deepEqual(parsePageFragment(`#${h}`), { urlHash: h, url: null, title: null })
    assert.equal(pageFragment(h), h)
    for (const bad of ['', '#', `#${'A'.repeat(64)}`, `#${h.slice(1)}`, `#${h}0`, `#${h}/x`, `#${h}&url=x`, '#x?url=https://a.example/']) {
      assert.equal(parsePageFragment(bad), null, bad)
    }
  })

  it('cuts a title to 200 code points, drops a blank one and a title without a URL', async () => {
    const { urlHash, normalized } = await pageKey(PAGE)
    const long = '🙂'.repeat(500)
    const read = parsePageFragment(pageFragment(urlHash, { url: normalized, title: long }))
    assert.equal([...read.title].length, MAX_TITLE)
    assert.ok(read.title.endsWith('…'))
    assert.equal(parsePageFragment(`${urlHash}?url=${encodeURIComponent(normalized)}&title=${encodeURIComponent(long)}`).title, read.title, 'cut on reading too')
    assert.equal(parsePageFragment(pageFragment(urlHash, { url: normalized, title: '   ' })).title, null)
    assert.equal(pageFragment(urlHash, { title: 'no url' }), urlHash)
    assert.deepEqual(parsePageFragment(`${urlHash}?title=alone`), { urlHash, url: null, title: null })
  })

  it('shows a given URL only when it hashes to the urlHash; otherwise says it did not match', async () => {
    const { urlHash } = await pageKey(PAGE)
    const other = 'https://evil.example/'
    const cases = [
      `${urlHash}?url=${encodeURIComponent(other)}&title=Trust%20me`,
      `${urlHash}?url=${encodeURIComponent('javascript:alert(1)')}`,
      `${urlHash}?url=not%20a%20url`,
      `${urlHash}?url=%E0%A4%A`
    ]
    for (const fragment of cases) {
      assert.deepEqual(await checkPageLink(parsePageFragment(fragment)), { urlHash, url: null, title: null, mismatch: true }, fragment)
    }
    // Any spelling that normalizes to the same URL is that page.
    const loose = `${urlHash}?url=${encodeURIComponent('HTTPS://News.Example:443/2026/a-story?id=42&fbclid=1')}`
    assert.equal((await checkPageLink(parsePageFragment(loose))).url, 'https://news.example/2026/a-story?id=42')
    assert.deepEqual(await checkPageLink(parsePageFragment(urlHash)), { urlHash, url: null, title: null, mismatch: false })
  })

  it('does not read a URL or a fragment past its bound', async () => {
    const { urlHash } = await pageKey(PAGE)
    const huge = `https://news.example/${'a'.repeat(9000)}`
    assert.equal(pageFragment(urlHash, { url: huge, title: 'x' }), urlHash)
    assert.deepEqual(parsePageFragment(`${urlHash}?url=${huge}`), { urlHash, url: null, title: null })
    assert.deepEqual(parsePageFragment(`${urlHash}?url=https://a.example/&x=${'b'.repeat(40000)}`), { urlHash, url: null, title: null })
  })
})
