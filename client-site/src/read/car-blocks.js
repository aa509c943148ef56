/**
 * Reads a CAR (CARv1, as trustless gateways and `ipfs dag export` write it) and checks
 * every block against its CID before anything uses it: a block that does not hash to
 * its CID, or is hashed with anything but sha2-256, refuses the whole CAR.
 */
import { CarBlockIterator } from '@ipld/car/iterator'
import { sha256 } from 'multiformats/hashes/sha2'

/**
 * @param {Uint8Array | AsyncIterable<Uint8Array>} bytes the whole CAR, or its chunks as they
 *   arrive (a download read within its limit: blocks are checked while the rest comes in)
 * @param {string} source who sent it, for the messages ("http://…:8080 sent", "the file has")
 * @returns {Promise<{ roots: import('multiformats/cid').CID[], blocks: Array<{ cid: import('multiformats/cid').CID, bytes: Uint8Array }> }>}
 */
export async function readCarBlocks (bytes, source) {
  const iterator = bytes instanceof Uint8Array ? await CarBlockIterator.fromBytes(bytes) : await CarBlockIterator.fromIterable(bytes)
  const roots = await iterator.getRoots()
  const blocks = []
  for await (const { cid, bytes: block } of iterator) {
    if (cid.multihash.code !== sha256.code) throw new Error(`${source} a block hashed with 0x${cid.multihash.code.toString(16)}, not sha2-256`)
    const digest = await sha256.digest(block)
    if (!equal(digest.digest, cid.multihash.digest)) throw new Error(`${source} a block that does not match its CID ${cid}`)
    blocks.push({ cid, bytes: block })
  }
  return { roots, blocks }
}

function equal (a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
