// docs/protocol.md §3.10: what a reader shows of a folder of records. The vectors' two folders
// exactly, then the edges a hostile folder reaches for.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { applyRecords, verifyFile } from '../src/index.js'
import { vectors } from './fixtures/vectors.js'

const utf8 = s => new TextEncoder().encode(s)
const PAGE = vectors.comments[0].comment.url

describe('records: the vectors\' reader cases', () => {
  for (const c of vectors.records.cases) {
    it(c.why, async () => {
      const items = await Promise.all(c.files.map(f => verifyFile(utf8(f.fileText), f.id, PAGE)))
      const { comments, ignored, waiting } = applyRecords(items)
      assert.deepEqual(comments.map(x => x.id), [c.expect.comment], 'records never show as comments')
      const [shown] = comments
      assert.equal(shown.text, c.expect.text)
      assert.equal(shown.edited, c.expect.edited)
      assert.equal(shown.withdrawn, c.expect.withdrawn)
      assert.equal(shown.history.length - 1, c.expect.revisions, 'the history is the comment and its author\'s revisions')
      const counted = Object.fromEntries(Object.entries(shown.reactions).filter(([, n]) => n > 0))
      assert.deepEqual(counted, c.expect.reactions)
      assert.deepEqual([...ignored].sort(), [...c.expect.ignored].sort())
      assert.deepEqual(waiting, [])
    })
  }

  it('gives the history oldest first, the latest last, with the time each was written', async () => {
    const c = vectors.records.cases[0]
    const items = await Promise.all(c.files.map(f => verifyFile(utf8(f.fileText), f.id, PAGE)))
    const [shown] = applyRecords(items).comments
    assert.deepEqual(shown.history.map(v => v.text), ['First!\nWith a newline, a quote " and émoji 🎉', 'First! (second version)', 'First! (third version, the latest)'])
    assert.equal(shown.editedTs, shown.history[2].ts)
    assert.deepEqual([...shown.reactedBy], [[vectors.testKey.publicKeyB64u, 'thanks']], 'Eve took hers back')
    assert.equal(shown.appreciation, 1)
  })
})

// Items as a verifier hands them over; the model trusts nothing else of them, so fake ids suffice.
let n = 0
const ALICE = 'alice-key'
function item ({ id = `id-${String(n++).padStart(6, '0')}`, ...fields }) {
  return { id, comment: { v: fields.kind == null ? 2 : 3, url: PAGE, parent: null, author: 'A', text: 'text', ts: 1000, key: ALICE, ...fields } }
}

describe('records: edges', () => {
  it('counts one reaction per key from many keys, each key\'s latest', () => {
    const c = item({})
    const items = [c]
    for (let k = 0; k < 300; k++) {
      items.push(item({ kind: 'reaction', parent: c.id, key: `k${k}`, text: 'useful', ts: 2000 }))
      items.push(item({ kind: 'reaction', parent: c.id, key: `k${k}`, text: k % 3 === 0 ? 'none' : k % 3 === 1 ? 'funny' : 'useful', ts: 3000 }))
    }
    const [shown] = applyRecords(items).comments
    assert.deepEqual(shown.reactions, { useful: 100, thanks: 0, funny: 100, insightful: 0 })
    assert.equal(shown.appreciation, 200)
    assert.equal(shown.reactedBy.get('k0'), undefined, 'none takes a reaction back')
    assert.equal(shown.reactedBy.get('k1'), 'funny')
  })

  it('breaks a tie on ts by the greater id, whatever the order of the files', () => {
    const c = item({ id: 'c' })
    const a = item({ id: 'r-a', kind: 'revision', parent: 'c', text: 'from a', ts: 5000 })
    const b = item({ id: 'r-b', kind: 'revision', parent: 'c', text: 'from b', ts: 5000 })
    const x = item({ id: 'x-a', kind: 'reaction', parent: 'c', key: 'k', text: 'thanks', ts: 7 })
    const y = item({ id: 'x-b', kind: 'reaction', parent: 'c', key: 'k', text: 'insightful', ts: 7 })
    for (const order of [[c, a, b, x, y], [y, b, x, a, c]]) {
      const [shown] = applyRecords(order).comments
      assert.equal(shown.text, 'from b')
      assert.deepEqual(shown.history.map(v => v.id), ['c', 'r-a', 'r-b'])
      assert.equal(shown.reactedBy.get('k'), 'insightful')
    }
  })

  it('shows the original when a revision claims an earlier time: the latest is the latest', () => {
    const c = item({ id: 'c', ts: 5000, text: 'original' })
    const old = item({ kind: 'revision', parent: 'c', text: 'backdated', ts: 10 })
    const [shown] = applyRecords([c, old]).comments
    assert.equal(shown.text, 'original')
    assert.equal(shown.edited, false)
    assert.equal(shown.editedTs, null)
  })

  it('lets records about a record, or about a comment not here, wait without changing anything', () => {
    const c = item({ id: 'c' })
    const reaction = item({ id: 'r', kind: 'reaction', parent: 'c', key: 'k', text: 'useful' })
    const aboutReaction = item({ id: 'rr', kind: 'reaction', parent: 'r', key: 'k', text: 'funny' })
    const reviseReaction = item({ id: 'rv', kind: 'revision', parent: 'r', key: 'k', text: 'changed' })
    const aboutMissing = item({ id: 'm', kind: 'withdrawal', parent: 'absent', text: 'withdrawn' })
    const { comments, ignored, waiting } = applyRecords([c, reaction, aboutReaction, reviseReaction, aboutMissing])
    assert.deepEqual(comments.map(x => x.id), ['c'])
    assert.deepEqual(comments[0].reactions, { useful: 1, thanks: 0, funny: 0, insightful: 0 })
    assert.deepEqual(waiting.sort(), ['m', 'rr', 'rv'])
    assert.deepEqual(ignored, [])
  })

  it('keeps replies to a withdrawn comment, and a withdrawal is final whatever comes after', () => {
    const c = item({ id: 'c', text: 'regret' })
    const reply = item({ id: 'reply', parent: 'c', key: 'bob', text: 'answer' })
    const w = item({ id: 'w', kind: 'withdrawal', parent: 'c', text: 'withdrawn', ts: 2000 })
    const w2 = item({ id: 'w2', kind: 'withdrawal', parent: 'c', text: 'withdrawn', ts: 1500 })
    const after = item({ kind: 'revision', parent: 'c', text: 'back again', ts: 9000 })
    const { comments } = applyRecords([c, reply, w, w2, after])
    assert.deepEqual(comments.map(x => x.id), ['c', 'reply'])
    assert.equal(comments[0].text, null)
    assert.equal(comments[0].withdrawn, true)
    assert.equal(comments[0].withdrawnTs, 1500, 'from the first withdrawal on')
    assert.equal(comments[1].comment.parent, 'c')
    assert.equal(comments[1].text, 'answer')
  })

  it('keeps what the caller put on an item, and counts the same id once', () => {
    const c = { ...item({ id: 'c' }), state: 'sending', lackedBy: ['s1'] }
    const r = item({ kind: 'reaction', parent: 'c', key: 'k', text: 'thanks' })
    const [shown] = applyRecords([c, c, r, r]).comments
    assert.equal(shown.state, 'sending')
    assert.deepEqual(shown.lackedBy, ['s1'])
    assert.equal(shown.reactions.thanks, 1)
  })

  it('reads 20,000 records in n log n: the work measured in reads of fields, never in time', () => {
    // A Proxy counts every field the model reads. Ten times the records must cost about ten
    // times the reads (the log factor of one sort at most adds a little), not a hundred.
    const cost = size => {
      let reads = 0
      const count = obj => new Proxy(obj, { get (target, prop) { reads++; return target[prop] } })
      const c = { id: 'c', comment: count(item({ id: 'c' }).comment) }
      const items = [c]
      for (let i = 0; i < size; i++) {
        const kind = ['reaction', 'revision', 'withdrawal', 'comment'][i % 4]
        const fields = kind === 'reaction'
          ? { kind, parent: 'c', key: `k${i}`, text: 'useful', ts: i }
          : kind === 'comment' ? { kind, parent: i % 8 === 3 ? 'c' : null, key: `k${i}`, ts: i } : { kind, parent: 'c', ts: i, text: kind === 'withdrawal' ? 'withdrawn' : `v${i}` }
        const it = item(fields)
        items.push({ id: it.id, comment: count(it.comment) })
      }
      const result = applyRecords(items)
      return { reads, result }
    }
    const small = cost(2000)
    const large = cost(20000)
    assert.equal(large.result.comments.length, 1 + 5000)
    assert.equal(large.result.comments[0].appreciation, 5000)
    assert.equal(large.result.comments[0].history.length, 1 + 5000)
    assert.ok(large.reads / small.reads < 15, `reads grew ${large.reads / small.reads} times for 10 times the records`)
  })
})
