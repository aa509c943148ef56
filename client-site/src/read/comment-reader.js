/**
 * Reads a page's comments (seed steps 3 and 5): the folder a server named, fetched in one
 * CAR from a trustless gateway where one answers and through the IPFS node otherwise;
 * every file verified exactly as the servers verify it. What fails is dropped and
 * counted, never shown.
 */
import { exporter } from 'ipfs-unixfs-exporter'
import { CID } from 'multiformats/cid'
import { InvalidCommentError, classifyPageEntry, verifyFile } from '@comments/protocol'
import { MAX_CAR_BYTES, fetchCar } from './fetch-car.js'
import { BudgetExceededError, LayeredBlockstore } from './layered-blockstore.js'

const CONCURRENCY = 8

/**
 * The most entries of one page folder the reader reads (issue 21, "bounded work"); the rest are
 * counted as left out, and the status line says how many. The protocol sets no number of
 * comments per page; the largest page the servers are built and measured for is 10,000
 * comments (docs/scale.md: `ServerScaleIT`, the bench's page of 10,000), so twice that leaves
 * every real page whole while a hostile folder of millions of entries costs the tab no more
 * than 20,000 verifications and drawings. Bytes are bounded apart (MAX_CAR_BYTES).
 */
export const MAX_FOLDER_ENTRIES = 20_000

/**
 * @typedef {{ id: string, comment: import('@comments/protocol').Comment }} VerifiedComment
 * @typedef {{ name: string, code: string, message: string }} Dropped
 * @typedef {{ count: number, atLeast: boolean, why: string }} LeftOut
 * @typedef {{ urlHash: string, folder: string, comments: VerifiedComment[], dropped: Dropped[], foreign: Array<{ name: string, cid: string }>, leftOut: LeftOut | null, via: 'car' | 'ipfs', blocks: LayeredBlockstore }} FolderRead
 *   foreign: entries not named `<id>.json`, not ours to read: ignored, neither shown nor
 *   counted as dropped (docs/protocol.md §4, §6.3)
 *   leftOut: entries past the reader's limits, not read (null when the whole folder was read);
 *   atLeast when the listing itself was stopped, so that more may be there
 *   blocks: where the folder's blocks were read from (for a download of the thread)
 */

export class CommentReader {
  /**
   * @param {{ blockstore?: object | null, gateways?: string[], fetch?: typeof fetch, timeoutMs?: number, maxEntries?: number, maxBytes?: number }} deps
   *   blockstore: the IPFS node's (Helia's `blockstore`), or null to read through gateways only
   *   maxEntries: MAX_FOLDER_ENTRIES; maxBytes: the most bytes read for one folder, as a CAR or
   *   through the node, MAX_CAR_BYTES (both lower only in tests)
   */
  constructor (deps = {}) {
    this.network = deps.blockstore ?? null
    this.maxEntries = deps.maxEntries ?? MAX_FOLDER_ENTRIES
    this.maxBytes = deps.maxBytes ?? MAX_CAR_BYTES
    this.gateways = deps.gateways ?? []
    this.fetch = deps.fetch ?? globalThis.fetch.bind(globalThis)
    this.timeoutMs = deps.timeoutMs ?? 10_000
    /** id → verified comment, kept across folders: a comment never changes. */
    this.known = new Map()
    /** @type {FolderRead | null} */
    this.last = null
  }

  /**
   * @param {string} urlHash the page
   * @param {string} folderCid what the server answered for it
   * @returns {Promise<FolderRead>}
   */
  async read (urlHash, folderCid) {
    if (this.last?.folder === folderCid && this.last.urlHash === urlHash) return this.last
    const root = CID.parse(folderCid)
    const store = new LayeredBlockstore(this.network, { maxNetworkBytes: this.maxBytes })
    const via = await this.fetchWhole(root, store)
    const signal = AbortSignal.timeout(this.timeoutMs)
    // the folder's own node(s): the root, and a HAMT's shards; one read per entry it may keep
    store.allowReads(this.maxEntries + 1)
    const dir = await exporter(root, store, { signal })
    if (dir.type !== 'directory') throw new Error(`${folderCid} is not a folder`)
    const { entries, leftOut } = await listEntries(dir, this.maxEntries, signal)
    // then at most one read per entry kept (an `<id>.json` links one raw block: nothing
    // deeper is ever followed, docs/protocol.md §4)
    store.allowReads(store.reads + entries.length)
    const dropped = []
    const comments = []
    const foreign = []
    await eachLimited(entries, CONCURRENCY, async entry => {
      const kind = classifyPageEntry(entry.name, entry.cid)
      if (kind === 'foreign') return foreign.push({ name: entry.name, cid: entry.cid.toString() })
      const result = kind === 'id-mismatch'
        ? drop(entry.name, 'id-mismatch', `the folder links ${entry.name} to ${entry.cid}`)
        : await this.readComment(entry, urlHash, store, signal)
      if ('code' in result) dropped.push(result)
      else comments.push(result)
    })
    store.allowReads(Infinity) // a download of the thread reads each block once, within the bytes
    this.last = { urlHash, folder: folderCid, comments, dropped, foreign, leftOut, via, blocks: store }
    return this.last
  }

  // One CAR with every block, from the first gateway that sends a good one.
  async fetchWhole (root, store) {
    for (const gateway of this.gateways) {
      try {
        store.addVerified(await fetchCar(gateway, root, { fetch: this.fetch, signal: AbortSignal.timeout(this.timeoutMs), maxBytes: this.maxBytes }))
        return 'car'
      } catch {
        // the next gateway, or block by block through the node
      }
    }
    if (this.network == null) throw new Error(`no gateway sent the folder ${root}, and there is no IPFS node to fetch it`)
    return 'ipfs'
  }

  /**
   * An entry `<id>.json` that links the block `<id>`: fetched and verified as a file.
   *
   * @returns {Promise<VerifiedComment | Dropped>}
   */
  async readComment (entry, urlHash, store, signal) {
    const name = entry.name
    const id = entry.cid.toString()
    const known = this.known.get(id)
    if (known !== undefined && known.comment.url === urlHash) return known
    let bytes
    try {
      bytes = await store.getBytes(entry.cid, { signal })
    } catch (err) {
      return drop(name, 'unreadable', `could not fetch it: ${err.message}`)
    }
    try {
      const { comment } = await verifyFile(bytes, id, urlHash)
      const verified = { id, comment }
      this.known.set(id, verified)
      return verified
    } catch (err) {
      if (err instanceof InvalidCommentError) return drop(name, err.code, err.message)
      throw err
    }
  }
}

/**
 * The folder's entries (names and links, nothing fetched for them), the first `max` kept; the
 * rest only counted, as long as the listing's reads last. Cost: the folder's own blocks, each
 * read once, and one small object per entry kept.
 */
async function listEntries (dir, max, signal) {
  const entries = []
  let listed = 0
  let stopped = null
  try {
    for await (const entry of dir.entries({ signal })) {
      listed++
      if (entries.length < max) entries.push(entry)
    }
  } catch (err) {
    if (!(err instanceof BudgetExceededError)) throw err
    stopped = err.message
  }
  if (listed === entries.length && stopped == null) return { entries, leftOut: null }
  const why = stopped == null
    ? `the folder holds ${listed} entries; a reader here reads at most ${max}`
    : `the folder's listing was stopped after ${listed} entries (${stopped}); a reader here reads at most ${max}`
  return { entries, leftOut: { count: listed - entries.length, atLeast: stopped != null, why } }
}

function drop (name, code, message) {
  return { name, code, message }
}

async function eachLimited (items, limit, fn) {
  let next = 0
  const worker = async () => { while (next < items.length) await fn(items[next++]) }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
