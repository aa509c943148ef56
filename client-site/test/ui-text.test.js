import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { splitLinks } from '../src/ui/links.js'
import { relativeTime, exactTime } from '../src/ui/times.js'
import { vectors } from './fixtures/vectors.js'

describe('links in comment text', () => {
  it('makes http and https URLs links and leaves the rest as text', () => {
    assert.deepEqual(splitLinks('see https://example.com/a?b=1. and http://x.org'), [
      { text: 'see ' }, { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: '. and ' }, { text: 'http://x.org', href: 'http://x.org/' }])
  })

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://x.org', 'JaVaScRiPt://%0aalert(1)']) {
      assert.deepEqual(splitLinks(text), [{ text }])
    }
  })

  it('keeps markup as text', () => {
    assert.deepEqual(splitLinks('<img src=x onerror=alert(1)>'), [{ text: '<img src=x onerror=alert(1)>' }])
    assert.deepEqual(splitLinks('https://e.com/"><script>'), [{ text: 'https://e.com/', href: 'https://e.com/' }, { text: '"><script>' }])
  })

  it('keeps a closing parenthesis that belongs to the URL', () => {
    assert.equal(splitLinks('(https://en.wikipedia.org/wiki/Foo_(bar))')[1].text, 'https://en.wikipedia.org/wiki/Foo_(bar)')
    assert.equal(splitLinks('(see https://e.com/x)')[1].text, 'https://e.com/x')
  })

  it('returns nothing for empty text', () => {
    assert.deepEqual(splitLinks(''), [])
  })

  // Issue 21, "bounded work": inputs that made the old trailing-punctuation regex quadratic
  // (its time is in the bench, part `text`; here only what comes out).
  it('splits 5,000-character texts of long punctuation runs as before', () => {
    const inside = `https://e.com/x${'.'.repeat(4980)}a`
    assert.deepEqual(splitLinks(inside), [{ text: inside, href: new URL(inside).href }])
    const closing = `see https://e.com/${')'.repeat(4980)}`
    assert.deepEqual(splitLinks(closing), [{ text: 'see ' }, { text: 'https://e.com/', href: 'https://e.com/' }, { text: ')'.repeat(4980) }])
    const mixed = `(https://e.com/(${')).,;:!?)]}*_~'.repeat(415)}`
    assert.deepEqual(splitLinks(mixed), referenceSplitLinks(mixed))
    assert.equal(splitLinks(mixed)[1].text, 'https://e.com/()', 'a ")" that closes the URL\'s "(" is kept')
    const nothing = `https://${'.'.repeat(4990)}`
    assert.deepEqual(splitLinks(nothing), [{ text: nothing }])
    const many = 'https://a.b/?q=1). '.repeat(263)
    const parts = splitLinks(many)
    assert.equal(parts.filter(p => p.href).length, 263)
    assert.equal(parts.map(p => p.text).join(''), many, 'nothing lost or added')
  })

  it('splits any text exactly as the regex it replaced (property)', () => {
    const unit = fc.constantFrom('https://', 'http://', 'e.com', '/', '(', ')', '.', ',', '!', '"', "'", '*', '_', '~', ']', '}', ' ', 'a', '<', '\n', 'HTTPS://', 'x')
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), text => {
      assert.deepEqual(splitLinks(text), referenceSplitLinks(text))
    }), { numRuns: 2000 })
  })
})

// splitLinks as it was before issue 21 (quadratic on long punctuation runs): the behaviour kept.
function referenceSplitLinks (text) {
  const parts = []
  let last = 0
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
    let candidate = match[0]
    const trailing = candidate.match(/[.,;:!?)\]}'"*_~]+$/)?.[0] ?? ''
    candidate = candidate.slice(0, candidate.length - trailing.length)
    const count = c => candidate.split(c).length - 1
    if (trailing.startsWith(')') && count('(') > count(')')) candidate += ')'
    let href = null
    try {
      const url = new URL(candidate)
      href = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
    } catch {}
    if (href == null) continue
    if (match.index > last) parts.push({ text: text.slice(last, match.index) })
    parts.push({ text: candidate, href })
    last = match.index + candidate.length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}

describe('times', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0)
  it('says how long ago, in words', () => {
    assert.equal(relativeTime(now - 10e3, now, 'en'), 'just now')
    assert.equal(relativeTime(now + 60e3, now, 'en'), 'just now')
    assert.equal(relativeTime(now - 3 * 60e3, now, 'en'), '3 minutes ago')
    assert.equal(relativeTime(now - 2 * 3600e3, now, 'en'), '2 hours ago')
    assert.equal(relativeTime(now - 25 * 3600e3, now, 'en'), 'yesterday')
    assert.equal(relativeTime(now - 400 * 24 * 3600e3, now, 'en'), 'last year')
  })

  it('gives the exact time for hovering', () => {
    assert.match(exactTime(now, 'en-GB'), /2026/)
  })

  it('shows every ts the rules allow, from 0 to the last instant a Date holds', () => {
    const { min, max } = vectors.rules.ts
    for (const ts of [min, max, ...vectors.validComments.map(v => v.comment.ts)]) {
      assert.match(new Date(ts).toISOString(), /^[+-]?\d{4,6}-\d\d-\d\dT/)
      assert.ok(exactTime(ts, 'en-GB').length > 0)
      assert.ok(relativeTime(ts, now, 'en').length > 0)
    }
    assert.match(exactTime(max, 'en-GB'), /275760/)
  })
})
