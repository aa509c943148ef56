import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CarBlockIterator } from '@ipld/car/iterator'
import { rawCidOf, signComment } from '@comments/protocol'
import { threadCar } from '../src/archive/thread-car.js'
import { threadJson } from '../src/archive/thread-json.js'
import { ArchiveRefusedError, verifyArchive } from '../src/archive/verify-archive.js'
import { LayeredBlockstore } from '../src/read/layered-blockstore.js'
import { makeFolder, networkBlockstore } from './fixtures/folder.js'
import { newIdentity } from './fixtures/keys.js'
import { vectors } from './fixtures/vectors.js'

const PAGE = vectors.comments[0].comment.url
// The vectors' first two comments (version 1), the folder these tests were written for; the
// version 3 records that follow them are read by the same code and tested in packages/protocol.
const FIRST_TWO = vectors.comments.slice(0, 2)
const PAGE_URL = vectors.urlNormalization.cases.find(c => c.urlHash === PAGE).normalized
const utf8 = s => new TextEncoder().encode(s)
const verified = FIRST_TWO.map(v => ({ id: v.id, comment: v.comment }))

/** The blocks of a CAR, in order. */
async function blocksOf (car) {
  const blocks = []
  for await (const b of await CarBlockIterator.fromBytes(car)) blocks.push(b)
  return blocks
}

/** A CAR from the given roots and blocks, as anyone could write one. */
async function carOf (roots, blocks) {
  const folder = await makeFolder({})
  folder.blocks.clear()
  for (const b of blocks) folder.blocks.set(b.cid.toString(), b)
  const { CarWriter } = await import('@ipld/car/writer')
  const { writer, out } = CarWriter.create(roots)
  const parts = []
  const done = (async () => { for await (const p of out) parts.push(p) })()
  for (const b of blocks) await writer.put(b)
  await writer.close()
  await done
  return Buffer.concat(parts)
}

describe('downloading a thread as a CAR', () => {
  let folder
  let store
  before(async () => {
    const forged = vectors.invalidComments[0].fileText
    folder = await makeFolder({
      [`${vectors.comments[0].id}.json`]: vectors.comments[0].fileText,
      [`${vectors.comments[1].id}.json`]: vectors.comments[1].fileText,
      [`${await rawCidOf(utf8(forged))}.json`]: forged
    })
    store = new LayeredBlockstore(networkBlockstore(folder.blocks))
  })

  it('holds every block of the folder the server named, with that folder as its one root', async () => {
    const car = await threadCar(folder.root.toString(), store)
    const { CarReader } = await import('@ipld/car/reader')
    const reader = await CarReader.fromBytes(car)
    assert.deepEqual((await reader.getRoots()).map(String), [folder.root.toString()])
    assert.deepEqual((await blocksOf(car)).map(b => b.cid.toString()).sort(), [...folder.blocks.keys()].sort())
  })

  it('verifies offline: the comments that verify on the page, and the forged one dropped with its reason', async () => {
    const check = await verifyArchive(await threadCar(folder.root.toString(), store))
    assert.equal(check.kind, 'car')
    assert.equal(check.urlHash, PAGE)
    assert.equal(check.folder, folder.root.toString())
    assert.equal(check.folderChecked, true)
    assert.deepEqual(check.comments.map(c => c.id).sort(), FIRST_TWO.map(v => v.id).sort())
    assert.deepEqual(check.dropped.map(d => d.code), ['bad-signature'])
  })

  it('is refused when any block was changed', async () => {
    const blocks = await blocksOf(await threadCar(folder.root.toString(), store))
    const leaf = blocks.find(b => b.cid.code === 0x55)
    const tampered = leaf.bytes.slice()
    tampered[10] ^= 1
    const car = await carOf([folder.root], blocks.map(b => b === leaf ? { cid: b.cid, bytes: tampered } : b))
    await assert.rejects(verifyArchive(car), err => err instanceof ArchiveRefusedError && /does not match its CID/.test(err.message))
  })

  it('names a comment whose block is missing, and is refused without its root block or with two roots', async () => {
    const blocks = await blocksOf(await threadCar(folder.root.toString(), store))
    const missing = vectors.comments[1].id
    const check = await verifyArchive(await carOf([folder.root], blocks.filter(b => b.cid.toString() !== missing)))
    assert.deepEqual(check.dropped.map(d => d.code).sort(), ['bad-signature', 'unreadable'])
    assert.equal(check.dropped.find(d => d.code === 'unreadable').name, `${missing}.json`)
    assert.deepEqual(check.comments.map(c => c.id), [vectors.comments[0].id])
    await assert.rejects(verifyArchive(await carOf([folder.root], blocks.filter(b => !b.cid.equals(folder.root)))), /lacks its root block/)
    await assert.rejects(verifyArchive(await carOf([folder.root, blocks[1].cid], blocks)), /has 2 roots/)
  })

  it('refuses a whole-store backup, which is for backup-tool import', async () => {
    const page = await makeFolder({ [`${vectors.comments[0].id}.json`]: vectors.comments[0].fileText })
    const { importer } = await import('ipfs-unixfs-importer')
    const blocks = new Map(page.blocks)
    const blockstore = { put: async (cid, bytes) => { blocks.set(cid.toString(), { cid, bytes }); return cid }, has: async cid => blocks.has(cid.toString()) }
    let root
    for await (const e of importer([{ path: `${PAGE}/${vectors.comments[0].id}.json`, content: utf8(vectors.comments[0].fileText) }], blockstore,
      { cidVersion: 1, rawLeaves: true, wrapWithDirectory: true })) root = e.cid
    await assert.rejects(verifyArchive(await carOf([root], [...blocks.values()])), /whole-store backup/)
  })
})

describe('downloading a thread as JSON', () => {
  const download = extra => utf8(threadJson({ urlHash: PAGE, url: PAGE_URL, folder: 'bafy-folder', comments: verified, ...extra }))

  it('lists each comment with its id, oldest first, and every one verifies offline', async () => {
    const json = JSON.parse(new TextDecoder().decode(download()))
    assert.equal(json.format, 'comments-thread')
    assert.deepEqual(json.comments.map(c => c.id), [...FIRST_TWO].sort((a, b) => a.comment.ts - b.comment.ts).map(v => v.id))
    assert.deepEqual(json.comments[0].comment, FIRST_TWO.find(v => v.id === json.comments[0].id).comment)
    const check = await verifyArchive(download())
    assert.equal(check.kind, 'json')
    assert.equal(check.url, PAGE_URL)
    assert.equal(check.folderChecked, false)
    assert.equal(check.comments.length, FIRST_TWO.length)
    assert.deepEqual(check.dropped, [])
  })

  it('drops an edited comment, a wrong id, a duplicate and a stranger entry, each with its reason', async () => {
    const json = JSON.parse(new TextDecoder().decode(download()))
    const [first, second] = json.comments
    json.comments = [
      { id: first.id, comment: { ...first.comment, text: 'edited afterwards' } },
      { id: first.id.slice(0, -4) + 'aaaa', comment: second.comment },
      second,
      second,
      { id: 'x', comment: { ...first.comment, ts: 1.5 } },
      'just text'
    ]
    const check = await verifyArchive(utf8(JSON.stringify(json)))
    assert.deepEqual(check.comments.map(c => c.id), [second.id])
    assert.deepEqual(check.dropped.map(d => d.code), ['id-mismatch', 'id-mismatch', 'duplicate', 'wrong-type', 'not-a-comment'])
  })

  it('is refused when it is not a thread download or its url does not hash to its page', async () => {
    await assert.rejects(verifyArchive(utf8('{"format":"something-else","v":1}')), /not a thread download/)
    await assert.rejects(verifyArchive(utf8('{ broken')), /not valid JSON/)
    await assert.rejects(verifyArchive(download({ url: 'https://example.com/another' })), /does not hash to its urlHash/)
  })
})

describe('scripts/verify-thread.mjs', () => {
  const script = fileURLToPath(new URL('../scripts/verify-thread.mjs', import.meta.url))
  const run = (...args) => new Promise(resolve => {
    execFile(process.execPath, [script, ...args], (err, stdout, stderr) => resolve({ code: err?.code ?? 0, stdout, stderr }))
  })
  let dir
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-thread-'))
    const folder = await makeFolder(Object.fromEntries(FIRST_TWO.map(v => [`${v.id}.json`, v.fileText])))
    writeFileSync(join(dir, 'good.car'), await threadCar(folder.root.toString(), new LayeredBlockstore(networkBlockstore(folder.blocks))))
    const sneaky = await signComment({ url: PAGE, parent: null, author: 'Mallory\u001b[2J', text: 'clears your screen\u001b[2J', ts: 5 }, await newIdentity())
    writeFileSync(join(dir, 'good.json'), threadJson({ urlHash: PAGE, folder: folder.root.toString(), comments: [...verified, sneaky] }))
    const edited = JSON.parse(threadJson({ urlHash: PAGE, folder: 'f', comments: verified }))
    edited.comments[0].comment.author = 'Mallory'
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited))
  })

  it('prints the verified comments and exits 0 for a good CAR and a good JSON download', async () => {
    const car = await run(join(dir, 'good.car'))
    assert.equal(car.code, 0, car.stdout + car.stderr)
    assert.match(car.stdout, new RegExp(`CAR of page ${PAGE}`))
    assert.match(car.stdout, /every block matches its CID/)
    assert.match(car.stdout, /verified 2 comments/)
    assert.match(car.stdout, new RegExp(vectors.comments[1].id))
    const json = await run(join(dir, 'good.json'))
    assert.equal(json.code, 0, json.stdout + json.stderr)
    assert.match(json.stdout, /not checked/)
    assert.match(json.stdout, /verified 3 comments/)
    assert.match(json.stdout, /Mallory\ufffd\[2J: clears your screen\ufffd\[2J/, 'a comment never sends control characters to the terminal')
    assert.doesNotMatch(json.stdout, /\u001b/)
  })

  it('exits 1 and names what was dropped', async () => {
    const edited = await run(join(dir, 'edited.json'))
    assert.equal(edited.code, 1)
    assert.match(edited.stdout, /verified 1 comment\n/)
    assert.match(edited.stdout, /dropped 1:\n {2}b\w+: id-mismatch/)
  })

  it('exits 100 on wrong usage and 111 when the file cannot be read', async () => {
    assert.equal((await run()).code, 100)
    assert.equal((await run(join(dir, 'missing.car'))).code, 111)
  })
})
