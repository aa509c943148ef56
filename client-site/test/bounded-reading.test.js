// Reading a folder is bounded whatever the servers send (issue 21, "bounded work"): a CAR is
// read within its limit as it arrives and a gateway that sends too much or never stops is cut
// off, a folder is read up to MAX_FOLDER_ENTRIES and the rest counted, a folder's listing and
// what is fetched through the IPFS node are bounded, and nothing deeper than the folder's own
// entries is followed.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import * as dagPb from '@ipld/dag-pb'
import { CarWriter } from '@ipld/car/writer'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import { BodyTooLargeError } from '@comments/protocol'
import { fakeFetch } from '@comments/protocol/testing/fake-network.js'
import { CommentReader, MAX_FOLDER_ENTRIES } from '../src/read/comment-reader.js'
import { fetchCar, MAX_CAR_BYTES } from '../src/read/fetch-car.js'
import { BudgetExceededError, LayeredBlockstore } from '../src/read/layered-blockstore.js'
import { vectors } from './fixtures/vectors.js'
import { makeFolder, networkBlockstore } from './fixtures/folder.js'

const PAGE = vectors.comments[0].comment.url
const HOSTILE = 'http://127.0.0.66:8080'
const HONEST = 'http://127.0.0.2:8080'
const DEADLINE = { timeout: 60_000 } // a deadline, not a timing: without the limits these hang
const utf8 = s => new TextEncoder().encode(s)

const twoComments = () => makeFolder({
  [`${vectors.comments[0].id}.json`]: vectors.comments[0].fileText,
  [`${vectors.comments[1].id}.json`]: vectors.comments[1].fileText
})

/** A CAR body that never ends: a header naming `root`, then the same valid block forever. */
async function endlessCar (root) {
  const { writer, out } = CarWriter.create([root])
  const parts = []
  const collected = (async () => { for await (const p of out) parts.push(p) })()
  const block = utf8('x'.repeat(1000))
  await writer.put({ cid: CID.createV1(raw.code, await sha256.digest(block)), bytes: block })
  await writer.close()
  await collected
  const [header, ...blockParts] = parts
  const blockBytes = Buffer.concat(blockParts)
  const state = { pulled: 0, cancelled: false }
  let first = true
  const body = new ReadableStream({
    pull (controller) {
      const chunk = first ? header : blockBytes
      first = false
      state.pulled += chunk.length
      controller.enqueue(new Uint8Array(chunk))
    },
    cancel () { state.cancelled = true }
  }, { highWaterMark: 0 })
  return { state, response: new Response(body, { headers: { 'Content-Type': 'application/vnd.ipld.car' } }) }
}

describe('a CAR read within its limit', DEADLINE, () => {
  it('cuts off a gateway that never stops sending at the limit, and reads from the next one', async () => {
    const folder = await twoComments()
    const endless = await endlessCar(folder.root)
    const honest = carFetch(folder, await folder.car())
    const limit = 256 * 1024
    await assert.rejects(fetchCar(HOSTILE, folder.root, { fetch: async () => endless.response, maxBytes: limit }), err =>
      err instanceof BodyTooLargeError && err.message.includes(HOSTILE) && err.message.includes('256 KiB'))
    assert.ok(endless.state.cancelled, 'the download was aborted')
    assert.ok(endless.state.pulled < limit + 4096, `read about the limit: ${endless.state.pulled} bytes`)

    const second = await endlessCar(folder.root)
    const reader = new CommentReader({ gateways: [HOSTILE, HONEST], fetch: async (url, init) => url.startsWith(HOSTILE) ? second.response : honest(url, init), maxBytes: limit })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.equal(read.via, 'car')
    assert.equal(read.comments.length, 2, 'the thread read from the honest gateway')
    assert.ok(second.state.cancelled)
    assert.ok(second.state.pulled <= limit + 4096)
  })

  it('refuses a CAR that declares more than the limit before reading it', async () => {
    const folder = await twoComments()
    const car = await folder.car()
    const fetch = fakeFetch({ [`${HOSTILE}/ipfs/${folder.root}?format=car&dag-scope=all`]: { body: car, headers: { 'Content-Length': String(MAX_CAR_BYTES + 1) } } })
    await assert.rejects(fetchCar(HOSTILE, folder.root, { fetch }), /sent more than 64 MiB/)
  })

  it('stops the download of a CAR at its first bad block, well before the limit', async () => {
    const folder = await twoComments()
    const header = await firstBytes(await endlessCar(folder.root), 1)
    const state = { pulled: 0, cancelled: false }
    let first = true
    const body = new ReadableStream({
      pull (controller) {
        const chunk = first ? header : utf8('garbage that is no block, '.repeat(40))
        first = false
        state.pulled += chunk.length
        controller.enqueue(chunk)
      },
      cancel () { state.cancelled = true }
    }, { highWaterMark: 0 })
    await assert.rejects(fetchCar(HOSTILE, folder.root, { fetch: async () => new Response(body), maxBytes: 1e6 }))
    assert.ok(state.cancelled, 'the download was aborted')
    assert.ok(state.pulled < 100_000, `at the first bad block: ${state.pulled} bytes`)
  })
})

describe('a folder read up to its limits', DEADLINE, () => {
  it(`reads at most MAX_FOLDER_ENTRIES (${MAX_FOLDER_ENTRIES}) entries, and counts the rest as left out`, async () => {
    const files = {}
    for (const c of vectors.comments.slice(0, 2)) files[`${c.id}.json`] = c.fileText
    for (let i = 0; i < 8; i++) files[`note-${i}.txt`] = `foreign ${i}`
    const folder = await makeFolder(files)
    const reader = new CommentReader({ gateways: [HONEST], fetch: carFetch(folder, await folder.car()), maxEntries: 4 })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.equal(read.comments.length + read.dropped.length + read.foreign.length, 4, 'four entries read')
    assert.deepEqual(read.leftOut, { count: 6, atLeast: false, why: 'the folder holds 10 entries; a reader here reads at most 4' })
  })

  it('reads a folder of exactly its limit whole', async () => {
    const folder = await twoComments()
    const read = await new CommentReader({ gateways: [HONEST], fetch: carFetch(folder, await folder.car()), maxEntries: 2 }).read(PAGE, folder.root.toString())
    assert.equal(read.comments.length, 2)
    assert.equal(read.leftOut, null)
  })

  it('stops listing a HAMT whose shards link the same shard over and over (256^4 entries from 5 blocks)', async () => {
    const { root, blocks } = await endlessHamt(4)
    const network = networkBlockstore(blocks)
    const reader = new CommentReader({ gateways: [], blockstore: network, maxEntries: 50 })
    const read = await reader.read(PAGE, root.toString())
    assert.ok(read.foreign.length > 0 && read.foreign.length <= 50, `at most the entries it may keep: ${read.foreign.length}`)
    assert.equal(read.leftOut.atLeast, true)
    assert.match(read.leftOut.why, /listing was stopped after \d+ entries/)
    assert.ok(read.blocks.reads <= 51 + 50, `reads bounded: ${read.blocks.reads}`)
  })

  it('never follows anything deeper than the folder\'s own entries', async () => {
    const sub = await makeFolder({ [`${vectors.comments[1].id}.json`]: vectors.comments[1].fileText })
    const subBlock = sub.blocks.get(sub.root.toString())
    // a page folder linking a sub-folder by a plain name and by a comment's name (id-mismatch)
    const links = [
      { Name: `${vectors.comments[0].id}.json`, Hash: sub.root, Tsize: subBlock.bytes.length },
      { Name: 'deeper', Hash: sub.root, Tsize: subBlock.bytes.length }
    ]
    const node = { Data: new Uint8Array([0x08, 0x01]), Links: links } // UnixFS Data { Type: Directory }
    const bytes = dagPb.encode(dagPb.prepare(node))
    const root = CID.createV1(dagPb.code, await sha256.digest(bytes))
    const all = new Map([...sub.blocks, [root.toString(), { cid: root, bytes }]])
    const network = networkBlockstore(all)
    const read = await new CommentReader({ gateways: [], blockstore: network }).read(PAGE, root.toString())
    assert.deepEqual(read.dropped.map(d => d.code), ['id-mismatch'])
    assert.deepEqual(read.foreign.map(f => f.name), ['deeper'])
    assert.deepEqual(network.asked, [root.toString()], 'only the folder\'s own block was fetched')
  })

  it('bounds the bytes fetched through the IPFS node', async () => {
    const folder = await twoComments()
    const store = new LayeredBlockstore(networkBlockstore(folder.blocks), { maxNetworkBytes: 10 })
    await store.getBytes(folder.root) // the first read passes the limit …
    await assert.rejects(store.getBytes(folder.root), BudgetExceededError) // … and nothing is fetched after
  })

  it('drops comments past the bytes it may fetch through the node as unreadable, and shows the rest', async () => {
    const folder = await twoComments()
    const comment = folder.blocks.get(vectors.comments[0].id)
    const rootBytes = folder.blocks.get(folder.root.toString()).bytes.length
    const network = networkBlockstore(folder.blocks)
    // one comment is already here (a CAR sent it); the other would have to come through the node
    const reader = new CommentReader({ gateways: [], blockstore: network, maxBytes: rootBytes })
    reader.known.set(comment.cid.toString(), { id: comment.cid.toString(), comment: vectors.comments[0].comment })
    const read = await reader.read(PAGE, folder.root.toString())
    assert.deepEqual(read.comments.map(c => c.id), [vectors.comments[0].id], 'what it has is shown')
    assert.deepEqual(read.dropped.map(d => [d.name, d.code]), [[`${vectors.comments[1].id}.json`, 'unreadable']])
    assert.match(read.dropped[0].message, /the most it may take/)
    assert.deepEqual(network.asked, [folder.root.toString()], 'nothing fetched past the bytes')
  })
})

function carFetch (folder, car) {
  return fakeFetch({ [`${HONEST}/ipfs/${folder.root}?format=car&dag-scope=all`]: { body: car, headers: { 'Content-Type': 'application/vnd.ipld.car' } } })
}

/**
 * A hostile HAMT: `depth` shard nodes, each linking the next one from all 256 of its slots, and
 * the last holding one entry. Five blocks that list as 256^depth entries.
 */
async function endlessHamt (depth) {
  // UnixFS Data { Type: HAMTShard (5), hashType: murmur3-x64-64 (0x22), fanout: 256 }
  const data = new Uint8Array([0x08, 0x05, 0x30, 0x22, 0x38, 0x80, 0x02])
  const leafTarget = utf8('not a comment')
  const leafCid = CID.createV1(raw.code, await sha256.digest(leafTarget))
  const blocks = new Map([[leafCid.toString(), { cid: leafCid, bytes: leafTarget }]])
  let child = { Data: data, Links: [{ Name: '00note.txt', Hash: leafCid, Tsize: leafTarget.length }] }
  let cid
  for (let level = 0; level <= depth; level++) {
    const bytes = dagPb.encode(dagPb.prepare(child))
    cid = CID.createV1(dagPb.code, await sha256.digest(bytes))
    blocks.set(cid.toString(), { cid, bytes })
    const next = cid
    child = { Data: data, Links: Array.from({ length: 256 }, (_, i) => ({ Name: i.toString(16).toUpperCase().padStart(2, '0'), Hash: next, Tsize: bytes.length })) }
  }
  return { root: cid, blocks }
}

async function firstBytes ({ response }, chunks) {
  const reader = response.body.getReader()
  const parts = []
  for (let i = 0; i < chunks; i++) parts.push((await reader.read()).value)
  reader.cancel()
  return concat(...parts)
}

function concat (...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) { out.set(p, offset); offset += p.length }
  return out
}
