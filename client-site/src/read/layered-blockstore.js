/**
 * A read-only blockstore for the exporter: blocks already fetched and checked (from a
 * CAR) first, then the IPFS node (Bitswap, trustless gateways), if there is one.
 *
 * Bounded (issue 21, "bounded work"): a hostile folder must not make the page fetch or walk
 * without end. Every read counts against `allowReads` (a HAMT whose shards link the same shard
 * over and over is a few blocks that list forever; the reader allows the listing one read per
 * entry it may keep, then one per comment), and the bytes fetched through the node count
 * against `maxNetworkBytes`, the same bound a CAR has. Past either, a read throws
 * BudgetExceededError and fetches nothing. The bytes are checked before each fetch, so the
 * reads already under way when the bound is reached (at most the reader's 8) may pass it by
 * one block each: a comment block is at most 16 KiB, and Bitswap's blocks at most a few MiB.
 */
import { MAX_CAR_BYTES } from './fetch-car.js'

/** A read past the reader's budget of blocks or bytes: nothing was fetched for it. */
export class BudgetExceededError extends Error {
  constructor (message) {
    super(message)
    this.name = 'BudgetExceededError'
  }
}

export class LayeredBlockstore {
  /**
   * @param {{ get(cid: any, options?: any): AsyncIterable<Uint8Array> } | null} network Helia's blockstore, or null
   * @param {{ maxNetworkBytes?: number }} [limits]
   */
  constructor (network, limits = {}) {
    this.network = network
    /** @type {Map<string, Uint8Array>} */
    this.local = new Map()
    this.maxNetworkBytes = limits.maxNetworkBytes ?? MAX_CAR_BYTES
    this.networkBytes = 0
    this.reads = 0
    this.maxReads = Infinity
  }

  /** From now on, at most `n` reads in all (counted from this store's first read). */
  allowReads (n) {
    this.maxReads = n
  }

  /** Adds blocks whose bytes were already checked against their CIDs. */
  addVerified (blocks) {
    for (const { cid, bytes } of blocks) this.local.set(cid.toString(), bytes)
  }

  async * get (cid, options = {}) {
    if (this.reads >= this.maxReads) throw new BudgetExceededError(`read ${this.reads} blocks of this folder, the most it may take; ${cid} was not read`)
    this.reads++
    const local = this.local.get(cid.toString())
    if (local !== undefined) {
      yield local
      return
    }
    if (this.network == null) throw Object.assign(new Error(`block ${cid} is not here and there is no IPFS node to fetch it`), { name: 'NotFoundError' })
    if (this.networkBytes >= this.maxNetworkBytes) throw new BudgetExceededError(`fetched ${this.networkBytes} bytes for this folder through IPFS, the most it may take; ${cid} was not fetched`)
    for await (const chunk of this.network.get(cid, options)) {
      this.networkBytes += chunk.byteLength
      yield chunk
    }
  }

  async has (cid) {
    return this.local.has(cid.toString())
  }

  /** The whole block as one Uint8Array. */
  async getBytes (cid, options) {
    const chunks = []
    for await (const chunk of this.get(cid, options)) chunks.push(chunk)
    if (chunks.length === 1) return chunks[0]
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
    let offset = 0
    for (const c of chunks) { out.set(c, offset); offset += c.length }
    return out
  }
}
