import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BadgeCache } from '../../src/background/badge-cache.js'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const C = 'c'.repeat(64)

function clock (start = 1_000_000) {
  const c = { t: start, now: () => c.t }
  return c
}

describe('BadgeCache', () => {
  test('a count is fresh for freshMs, then stale but still there', () => {
    const time = clock()
    const cache = new BadgeCache({ now: time.now }, { freshMs: 60_000 })
    assert.equal(cache.get(A), null)
    cache.set(A, 3)
    assert.deepEqual(cache.get(A), { count: 3, at: 1_000_000, fresh: true })
    time.t += 59_999
    assert.equal(cache.get(A).fresh, true)
    time.t += 1
    assert.deepEqual(cache.get(A), { count: 3, at: 1_000_000, fresh: false })
  })

  test('keeps at most maxEntries, forgetting the least recently used', () => {
    const cache = new BadgeCache({}, { maxEntries: 2 })
    cache.set(A, 1)
    cache.set(B, 2)
    cache.get(A)
    cache.set(C, 3)
    assert.equal(cache.get(B), null)
    assert.equal(cache.get(A).count, 1)
    assert.equal(cache.get(C).count, 3)
  })

  test('survives a trip through storage; malformed entries are dropped; newer entries win', () => {
    const time = clock()
    const first = new BadgeCache({ now: time.now })
    first.set(A, 1)
    first.set(B, 2)
    const saved = JSON.parse(JSON.stringify(first.toJSON()))
    const second = new BadgeCache({ now: time.now })
    second.set(B, 5)
    second.restore([...saved, ['x', { count: -1, at: 0 }], 'junk', [C, { count: 'many', at: 1 }]])
    assert.equal(second.get(A).count, 1)
    assert.equal(second.get(B).count, 5)
    assert.equal(second.get(C), null)
    assert.equal(second.get('x'), null)
    second.restore(null)
    assert.equal(second.get(A).count, 1)
  })
})
