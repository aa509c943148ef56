/**
 * A page's thread as a CAR file: every block of the comment folder the server named
 * (the folder's own block or blocks, then each file), with the folder's CID as the one
 * root. It is the same DAG `backup-tool export --page` writes, so anyone can check it
 * offline (`scripts/verify-thread.mjs`) or import it into a server (`backup-tool import`).
 */
import { CarWriter } from '@ipld/car/writer'
import * as dagPb from '@ipld/dag-pb'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'

/**
 * @param {string} folderCid
 * @param {{ getBytes(cid: CID, options?: { signal?: AbortSignal }): Promise<Uint8Array> }} blocks
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<Uint8Array>}
 */
export async function threadCar (folderCid, blocks, options = {}) {
  const root = CID.parse(folderCid)
  const { writer, out } = CarWriter.create([root])
  const written = collect(out)
  const seen = new Set()
  const queue = [root]
  while (queue.length > 0) {
    const cid = queue.shift()
    if (seen.has(cid.toString())) continue
    seen.add(cid.toString())
    const bytes = await blocks.getBytes(cid, options)
    await writer.put({ cid, bytes })
    if (cid.code === dagPb.code) {
      for (const link of dagPb.decode(bytes).Links) queue.push(link.Hash)
    } else if (cid.code !== raw.code) {
      throw new Error(`the folder holds a block of codec 0x${cid.code.toString(16)}, which a comment folder never has`)
    }
  }
  await writer.close()
  return written
}

async function collect (chunks) {
  const parts = []
  for await (const part of chunks) parts.push(part)
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    all.set(p, offset)
    offset += p.length
  }
  return all
}
