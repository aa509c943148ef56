/**
 * Fetches a whole DAG (a page's comment folder and its files) from a trustless gateway
 * in one CAR response (`/ipfs/<cid>?format=car`), and checks every block against its
 * CID before anything uses it. The CAR is read as it arrives, within MAX_CAR_BYTES: a
 * gateway that sends more, or never stops sending, is cut off at the limit (its request
 * aborted) and the reader goes on to the next gateway.
 */
import { readLimited } from '@comments/protocol'
import { readCarBlocks } from './car-blocks.js'

/**
 * The most read of one CAR. A folder of 10,000 comments of typical length is about 5 MB; the
 * reader takes at most MAX_FOLDER_ENTRIES (20,000) entries, but at the 16 KiB file limit those
 * could weigh 320 MiB, more than a tab should hold, so bytes are bounded on their own. A folder
 * past this is read block by block through the IPFS node, within the same number of bytes
 * (layered-blockstore.js).
 */
export const MAX_CAR_BYTES = 64 * 1024 * 1024

/**
 * @param {string} gatewayUrl
 * @param {import('multiformats/cid').CID} root
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal, maxBytes?: number }} [options]
 * @returns {Promise<Array<{ cid: import('multiformats/cid').CID, bytes: Uint8Array }>>}
 */
export async function fetchCar (gatewayUrl, root, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const url = `${gatewayUrl}/ipfs/${root}?format=car&dag-scope=all`
  const response = await doFetch(url, { headers: { Accept: 'application/vnd.ipld.car' }, signal: options.signal })
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    throw new Error(`${gatewayUrl} answered HTTP ${response.status} for ${root}`)
  }
  // the parser pulls chunks as it needs them; its error or the limit cancels the download
  const chunks = readLimited(response, options.maxBytes ?? MAX_CAR_BYTES, `${gatewayUrl} (the CAR of ${root})`)
  let blocks
  try {
    ({ blocks } = await readCarBlocks(chunks, `${gatewayUrl} sent`))
  } finally {
    await chunks.return() // a refused CAR stops its download at once (no-op once read to the end)
  }
  if (!blocks.some(b => b.cid.equals(root))) throw new Error(`${gatewayUrl} sent a CAR without ${root}`)
  return blocks
}
