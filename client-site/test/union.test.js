import { test } from 'node:test'
import assert from 'node:assert/strict'
import { unionOfReads } from '../src/read/union.js'

const read = (ids, dropped = []) => ({ comments: ids.map(id => ({ id, comment: { text: id } })), dropped })

test('the union holds every comment once and names the server that lacks some, with who serves them', () => {
  const union = unionOfReads([
    { url: 'a', read: read(['1', '2', '3'], [{ name: 'x.json', code: 'bad-sig', message: '' }]) },
    { url: 'b', read: read(['1'], [{ name: 'x.json', code: 'bad-sig', message: '' }]) },
    { url: 'c', read: read(['1', '4']) }
  ])
  assert.deepEqual(union.comments.map(c => c.id).sort(), ['1', '2', '3', '4'])
  assert.equal(union.dropped.length, 1, 'the same drop from two servers is one')
  assert.deepEqual(union.omissions, [
    { url: 'a', missing: 1, servedBy: ['c'] },
    { url: 'b', missing: 3, servedBy: ['a', 'c'] },
    { url: 'c', missing: 2, servedBy: ['a'] }
  ])
  assert.deepEqual(Object.fromEntries(union.lackedBy), { 2: ['b', 'c'], 3: ['b', 'c'], 4: ['a', 'b'] })
})

test('servers that agree omit nothing; one server alone is compared with no one', () => {
  assert.deepEqual(unionOfReads([{ url: 'a', read: read(['1']) }, { url: 'b', read: read(['1']) }]).omissions, [])
  assert.deepEqual(unionOfReads([{ url: 'a', read: read(['1']) }]).omissions, [])
})
