/**
 * Reads a page's comments (seed steps 3 and 5): the folder a server named, fetched in one
 * CAR from a trustless gateway where one answers and through the IPFS node otherwise;
 * every file verified exactly as the servers verify it. What fails is dropped and
 * counted, never shown.
 */
import { exporter } from 'ipfs-unixfs-exporter'
import { CID } from 'multiformats/cid'
import { InvalidCommentError, classifyPageEntry, verifyFile } from '@comments/protocol'
import { fetchCar } from './fetch-car.js'
import { LayeredBlockstore } from './layered-blockstore.js'

const CONCURRENCY = 8

/**
 * @typedef {{ id: string, comment: import('@comments/protocol').Comment }} VerifiedComment
 * @typedef {{ name: string, code: string, message: string }} Dropped
 * @typedef {{ urlHash: string, folder: string, comments: VerifiedComment[], dropped: Dropped[], foreign: Array<{ name: string, cid: string }>, via: 'car' | 'ipfs', blocks: LayeredBlockstore }} FolderRead
 *   foreign: entries not named `<id>.json`, not ours to read: ignored, neither shown nor
 *   counted as dropped (docs/protocol.md §4, §6.3)
 *   blocks: where the folder's blocks were read from (for a download of the thread)
 */

export class CommentReader {
  /**
   * @param {{ blockstore?: object | null, gateways?: string[], fetch?: typeof fetch, timeoutMs?: number }} deps
   *   blockstore: the IPFS node's (Helia's `blockstore`), or null to read through gateways only
   */
  constructor (deps = {}) {
    this.network = deps.blockstore ?? null
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
    const store = new LayeredBlockstore(this.network)
    const via = await this.fetchWhole(root, store)
    const signal = AbortSignal.timeout(this.timeoutMs)
    const dir = await exporter(root, store, { signal })
    if (dir.type !== 'directory') throw new Error(`${folderCid} is not a folder`)
    const entries = []
    for await (const entry of dir.entries({ signal })) entries.push(entry)
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
    this.last = { urlHash, folder: folderCid, comments, dropped, foreign, via, blocks: store }
    return this.last
  }

  // One CAR with every block, from the first gateway that sends a good one.
  async fetchWhole (root, store) {
    for (const gateway of this.gateways) {
      try {
        store.addVerified(await fetchCar(gateway, root, { fetch: this.fetch, signal: AbortSignal.timeout(this.timeoutMs) }))
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

function drop (name, code, message) {
  return { name, code, message }
}

async function eachLimited (items, limit, fn) {
  let next = 0
  const worker = async () => { while (next < items.length) await fn(items[next++]) }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
