import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { applyRecords } from '@comments/protocol'
import { MAX_DEPTH, buildThread, countThread } from '../src/thread.js'
import { vectors } from './fixtures/vectors.js'

const item = (id, parent, ts) => ({ id, comment: { parent, ts } })
const shape = roots => roots.map(n => n.replies.length ? [n.id, shape(n.replies)] : n.id)

describe('thread', () => {
  it('puts the vectors\' reply under its parent, and shows their records as no comment (§3.10)', () => {
    const items = vectors.comments.map(v => ({ id: v.id, comment: v.comment }))
    const roots = buildThread(applyRecords(items.reverse()).comments)
    const comments = vectors.comments.filter(v => (v.comment.kind ?? 'comment') === 'comment')
    assert.equal(countThread(roots), comments.length)
    assert.deepEqual(roots.map(r => r.id), comments.filter(v => v.comment.parent == null).map(v => v.id))
    assert.equal(roots[0].id, vectors.comments[0].id)
    assert.equal(roots[0].replies[0].id, vectors.comments[1].id)
    assert.equal(roots[0].replies[0].orphan, false)
  })

  it('orders top level and replies oldest first, ties by id', () => {
    const roots = buildThread([
      item('c', null, 30), item('a', null, 10), item('b2', 'a', 20), item('b1', 'a', 20), item('d', 'a', 15), item('e', 'd', 16)
    ])
    assert.deepEqual(shape(roots), [['a', [['d', ['e']], 'b1', 'b2']], 'c'])
  })

  it('turns only the top level around for newest first', () => {
    const roots = buildThread([item('a', null, 10), item('c', null, 30), item('r2', 'a', 40), item('r1', 'a', 35)], { order: 'newest' })
    assert.deepEqual(shape(roots), ['c', ['a', ['r1', 'r2']]])
  })

  it('puts the most appreciated first at the top level, then oldest first; replies stay oldest first', () => {
    const liked = (id, parent, ts, appreciation) => ({ ...item(id, parent, ts), appreciation })
    const roots = buildThread([
      liked('a', null, 10, 1), liked('b', null, 20, 5), item('c', null, 5), liked('d', null, 30, 5),
      liked('r1', 'a', 11, 0), liked('r2', 'a', 12, 9)
    ], { order: 'appreciated' })
    assert.deepEqual(shape(roots), ['b', 'd', ['a', ['r1', 'r2']], 'c'])
  })

  it('shows a reply whose parent is missing at the top level, marked as an orphan', () => {
    const roots = buildThread([item('a', null, 10), item('x', 'gone', 5), item('y', 'x', 6)])
    assert.deepEqual(shape(roots), [['x', ['y']], 'a'])
    assert.equal(roots[0].orphan, true)
    assert.equal(roots[0].replies[0].orphan, false)
    assert.equal(roots[1].orphan, false)
  })

  it('keeps one copy of a comment listed twice', () => {
    assert.equal(countThread(buildThread([item('a', null, 1), item('a', null, 1)])), 1)
  })

  it('shows parent links that loop, rather than losing them', () => {
    const roots = buildThread([item('a', 'b', 1), item('b', 'a', 2), item('c', null, 3)])
    assert.equal(countThread(roots), 3)
    assert.ok(roots.some(r => r.id === 'c'))
  })

  it('is empty for no comments', () => {
    assert.deepEqual(buildThread([]), [])
  })
})

describe('a hostile chain of replies', () => {
  it('of 100,000 is built without recursion, nested MAX_DEPTH deep and flat below, each flat one naming whom it answers', () => {
    const chain = [item('c0', null, 0)]
    for (let i = 1; i < 100_000; i++) chain.push(item(`c${i}`, `c${i - 1}`, i))
    const roots = buildThread(chain.reverse())
    assert.equal(countThread(roots), 100_000)
    let node = roots[0]
    for (let depth = 1; depth < MAX_DEPTH; depth++) {
      assert.equal(node.replies.length, 1)
      node = node.replies[0]
    }
    assert.equal(node.id, `c${MAX_DEPTH - 1}`)
    assert.equal(node.replies.length, 100_000 - MAX_DEPTH, 'everything below the deepest level, flat under it')
    assert.deepEqual(node.replies.slice(0, 3).map(r => [r.id, r.replyTo, r.replies.length]),
      [[`c${MAX_DEPTH}`, null, 0], [`c${MAX_DEPTH + 1}`, `c${MAX_DEPTH}`, 0], [`c${MAX_DEPTH + 2}`, `c${MAX_DEPTH + 1}`, 0]])
  })
})
