/**
 * A read-only blockstore for the exporter: blocks already fetched and checked (from a
 * CAR) first, then the IPFS node (Bitswap, trustless gateways), if there is one.
 */

export class LayeredBlockstore {
  /**
   * @param {{ get(cid: any, options?: any): AsyncIterable<Uint8Array> } | null} network Helia's blockstore, or null
   */
  constructor (network) {
    this.network = network
    /** @type {Map<string, Uint8Array>} */
    this.local = new Map()
  }

  /** Adds blocks whose bytes were already checked against their CIDs. */
  addVerified (blocks) {
    for (const { cid, bytes } of blocks) this.local.set(cid.toString(), bytes)
  }

  async * get (cid, options = {}) {
    const local = this.local.get(cid.toString())
    if (local !== undefined) {
      yield local
      return
    }
    if (this.network == null) throw Object.assign(new Error(`block ${cid} is not here and there is no IPFS node to fetch it`), { name: 'NotFoundError' })
    yield * this.network.get(cid, options)
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
