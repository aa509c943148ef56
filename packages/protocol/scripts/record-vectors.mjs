/**
 * Writes the version 3 parts of protocol/vectors.json (docs/protocol.md §3.10, §3.11, §8): the
 * records appended to `comments`, their refusals appended to `invalidComments`, the reader's
 * `records` cases and the `muteLists`. Run again after a change to those rules; every value is
 * signed with the vectors' own test keys, so the output is the same on every run.
 *
 *   node packages/protocol/scripts/record-vectors.mjs protocol/vectors.json
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { REJECTIONS, canonicalJson, encodeBase64Url, fileBytes, rawCidOf, signatureOf, signComment, signedBytes } from '../src/index.js'
import { identityFromSeed } from '../test/fixtures/keys.js'

const path = process.argv[2]
const vectors = JSON.parse(readFileSync(path, 'utf8'))
const hex = s => Uint8Array.from(s.match(/../g).map(b => parseInt(b, 16)))
const ada = await identityFromSeed(hex(vectors.testKey.ed25519SeedHex))
// A second author: the seed is SHA-256 of a fixed text, so anyone can make it again.
const OTHER_SEED_TEXT = 'comments protocol: the second test key'
const otherSeed = createHash('sha256').update(OTHER_SEED_TEXT).digest('hex')
const eve = await identityFromSeed(hex(otherSeed))
const first = vectors.comments[0]
const PAGE = first.comment.url
const base = { url: PAGE, author: 'Ada', nonce: 0 }

async function record (fields, identity = ada) {
  const { comment, id, bytes } = await signComment({ ...base, ...fields }, identity)
  return { comment, signedText: new TextDecoder().decode(signedBytes(comment)), fileText: new TextDecoder().decode(bytes), id }
}

// A record signed as given, even when a rule refuses it: the rule under test is then the only one broken.
async function unchecked (fields, identity = ada) {
  const unsigned = { v: 3, url: PAGE, parent: first.id, author: 'Ada', text: 'x', ts: 1795530300000, nonce: 0, kind: 'comment', key: identity.publicKey, ...fields }
  for (const [k, v] of Object.entries(unsigned)) if (v === undefined) delete unsigned[k]
  const comment = { ...unsigned, sig: await signatureOf(unsigned, identity.privateKey) }
  const text = canonicalJson(comment)
  return { fileText: text, id: await rawCidOf(new TextEncoder().encode(text)) }
}

const valid = [
  await record({ kind: 'comment', parent: null, text: 'A version 3 comment: the same as version 2, with a kind', ts: 1795530100000 }),
  await record({ kind: 'revision', parent: first.id, text: 'First! (edited: a revision by the same key)', ts: 1795530200000 }),
  await record({ kind: 'withdrawal', parent: first.id, text: 'withdrawn', ts: 1795530300000 }),
  await record({ kind: 'reaction', parent: first.id, text: 'useful', ts: 1795530400000 })
]

const refusals = [
  ['unknown-kind', 'kind is not one of comment, revision, withdrawal, reaction', { kind: 'vote' }],
  ['missing-target', 'a revision must name the comment it revises in parent', { kind: 'revision', parent: null }],
  ['bad-reaction', 'a reaction is one of the fixed set', { kind: 'reaction', text: '💯' }],
  ['bad-withdrawal', "a withdrawal's text is exactly withdrawn", { kind: 'withdrawal', text: 'deleted' }],
  ['unknown-field', 'kind is a field of version 3 only', { v: 2, kind: 'comment' }],
  ['missing-field', 'a version 3 record has a kind', { kind: undefined }],
  ['missing-field', 'a version 3 record has a nonce', { nonce: undefined }],
  ['wrong-type', 'kind is a string', { kind: 1 }],
  ['unsupported-version', 'v is 1, 2 or 3', { v: 4 }]
]
const invalid = []
for (const [code, why, fields] of refusals) {
  const { fileText, id } = await unchecked(fields)
  invalid.push({ why: `version 3: ${why}`, as: 'file', page: PAGE, id, code, fileText })
}

// The reader's rules (§3.10): a folder of records about the first comment, and what it shows.
const folder = [
  first,
  await record({ kind: 'revision', parent: first.id, text: 'First! (second version)', ts: 1795530200000 }),
  await record({ kind: 'revision', parent: first.id, text: 'First! (third version, the latest)', ts: 1795530250000 }),
  await record({ kind: 'revision', parent: first.id, author: 'Eve', text: 'First! (a revision by another key: ignored)', ts: 1795539999999 }, eve),
  await record({ kind: 'reaction', parent: first.id, text: 'useful', ts: 1795530400000 }),
  await record({ kind: 'reaction', parent: first.id, text: 'thanks', ts: 1795530500000 }),
  await record({ kind: 'reaction', parent: first.id, author: 'Eve', text: 'funny', ts: 1795530400000 }, eve),
  await record({ kind: 'reaction', parent: first.id, author: 'Eve', text: 'none', ts: 1795530600000 }, eve)
]
const withdrawn = [
  ...folder,
  await record({ kind: 'withdrawal', parent: first.id, author: 'Eve', text: 'withdrawn', ts: 1795530700000 }, eve),
  await record({ kind: 'withdrawal', parent: first.id, text: 'withdrawn', ts: 1795530000001 }),
  await record({ kind: 'revision', parent: first.id, text: 'First! (after the withdrawal: a withdrawal is final)', ts: 1795539000000 })
]
const files = list => list.map(r => ({ id: r.id, fileText: r.fileText }))
const records = {
  rule: 'docs/protocol.md §3.10: a revision or withdrawal counts only with the key of the comment it names; the latest revision (ts, then id) is shown; a withdrawal is final; each key has one reaction per comment, its latest (ts, then id), none taking it back',
  otherKeySeedText: OTHER_SEED_TEXT,
  otherKeySeedHex: otherSeed,
  otherKeyB64u: eve.publicKey,
  cases: [
    {
      why: 'two revisions by the author, one by another key; two reactions by the author (the later counts), one by Eve taken back',
      files: files(folder),
      expect: { comment: first.id, text: 'First! (third version, the latest)', edited: true, withdrawn: false, revisions: 2, reactions: { thanks: 1 }, ignored: [folder[3].id] }
    },
    {
      why: "the author's withdrawal hides every revision, even a later one; another key's withdrawal is ignored",
      files: files(withdrawn),
      expect: { comment: first.id, text: null, edited: true, withdrawn: true, revisions: 3, reactions: { thanks: 1 }, ignored: [folder[3].id, withdrawn[8].id] }
    }
  ]
}

// A mute list (§3.11): keys sorted and joined by line feeds, signed like a comment.
async function muteList (fields, identity = ada) {
  const unsigned = { v: 3, kind: 'mute-list', author: 'Ada the moderator', ts: 1795531000000, key: identity.publicKey, mutes: [eve.publicKey].sort().join('\n'), ...fields }
  const doc = { ...unsigned, sig: await signatureOf(unsigned, identity.privateKey) }
  return { fileText: canonicalJson(doc), id: await rawCidOf(new TextEncoder().encode(canonicalJson(doc))) }
}
const twoKeys = [eve.publicKey, ada.publicKey].sort()
const good = await muteList({ mutes: twoKeys.join('\n') })
const tampered = JSON.parse(good.fileText)
tampered.mutes = eve.publicKey
const muteLists = {
  rule: 'docs/protocol.md §3.11',
  valid: [{ why: 'two keys, sorted', ...good, mutes: twoKeys }],
  invalid: [
    { why: 'a key removed after signing', fileText: canonicalJson(tampered), code: 'bad-signature' },
    { why: 'keys not sorted', ...(await muteList({ mutes: [...twoKeys].reverse().join('\n') })), code: 'bad-mutes' },
    { why: 'a key twice', ...(await muteList({ mutes: [eve.publicKey, eve.publicKey].join('\n') })), code: 'bad-mutes' },
    { why: 'not a key', ...(await muteList({ mutes: 'not-a-key' })), code: 'bad-mutes' },
    { why: 'another kind', ...(await muteList({ kind: 'comment' })), code: 'not-a-mute-list' }
  ]
}

vectors.comments = vectors.comments.filter(c => c.comment.v !== 3).concat(valid)
vectors.invalidComments = vectors.invalidComments.filter(c => !c.why.startsWith('version 3: ')).concat(invalid)
vectors.version = 3
// The one table of codes, in the order of the checks (REJECTIONS, the Java enum's order).
vectors.rejections = Object.entries(REJECTIONS).map(([code, summary]) => ({ code, summary }))
vectors.rules.recordVersion = 3
vectors.rules.kinds = ['comment', 'revision', 'withdrawal', 'reaction']
vectors.rules.reactions = ['useful', 'thanks', 'funny', 'insightful', 'none']
vectors.rules.withdrawn = 'withdrawn'
vectors.records = records
vectors.muteLists = muteLists
writeFileSync(path, JSON.stringify(vectors, null, 2) + '\n')
console.log(`vectors: ${valid.length} records, ${invalid.length} refusals, ${records.cases.length} reader cases, ${muteLists.invalid.length + 1} mute lists`)
