/**
 * Fetches a whole DAG (a page's comment folder and its files) from a trustless gateway
 * in one CAR response (`/ipfs/<cid>?format=car`), and checks every block against its
 * CID before anything uses it.
 */
import { CarBlockIterator } from '@ipld/car/iterator'
import { sha256 } from 'multiformats/hashes/sha2'

/** A folder of 10,000 comments is about 5 MB; refuse answers far beyond that. */
export const MAX_CAR_BYTES = 64 * 1024 * 1024

/**
 * @param {string} gatewayUrl
 * @param {import('multiformats/cid').CID} root
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<Array<{ cid: import('multiformats/cid').CID, bytes: Uint8Array }>>}
 */
export async function fetchCar (gatewayUrl, root, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const url = `${gatewayUrl}/ipfs/${root}?format=car&dag-scope=all`
  const response = await doFetch(url, { headers: { Accept: 'application/vnd.ipld.car' }, signal: options.signal })
  if (!response.ok) throw new Error(`${gatewayUrl} answered HTTP ${response.status} for ${root}`)
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes.length > MAX_CAR_BYTES) throw new Error(`${gatewayUrl} sent ${bytes.length} bytes for ${root}`)
  const iterator = await CarBlockIterator.fromBytes(bytes)
  const blocks = []
  for await (const { cid, bytes: block } of iterator) {
    if (cid.multihash.code !== sha256.code) throw new Error(`${gatewayUrl} sent a block hashed with 0x${cid.multihash.code.toString(16)}, not sha2-256`)
    const digest = await sha256.digest(block)
    if (!equal(digest.digest, cid.multihash.digest)) throw new Error(`${gatewayUrl} sent a block that does not match its CID ${cid}`)
    blocks.push({ cid, bytes: block })
  }
  if (!blocks.some(b => b.cid.equals(root))) throw new Error(`${gatewayUrl} sent a CAR without ${root}`)
  return blocks
}

function equal (a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
