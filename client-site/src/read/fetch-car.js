/**
 * Fetches a whole DAG (a page's comment folder and its files) from a trustless gateway
 * in one CAR response (`/ipfs/<cid>?format=car`), and checks every block against its
 * CID before anything uses it.
 */
import { readCarBlocks } from './car-blocks.js'

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
  const { blocks } = await readCarBlocks(bytes, `${gatewayUrl} sent`)
  if (!blocks.some(b => b.cid.equals(root))) throw new Error(`${gatewayUrl} sent a CAR without ${root}`)
  return blocks
}
