/**
 * Checks a downloaded thread offline, with nothing but the file: a CAR (every block
 * against its CID, then the folder read and every comment verified exactly as the page
 * does) or the JSON download (every comment's canonical JSON against its id, its
 * signature, its page). What fails is dropped and named, as on the page; a file that is
 * not a thread download at all is refused with ArchiveRefusedError.
 */
import {
  InvalidCommentError, canonicalBytes, classifyRootEntry, isUrlHash, normalizeUrl, parseComment, urlHashOf, verifyFile
} from '@comments/protocol'
import { readCarBlocks } from '../read/car-blocks.js'
import { CommentReader } from '../read/comment-reader.js'
import { MAX_CAR_BYTES } from '../read/fetch-car.js'
import { FORMAT, FORMAT_VERSION } from './thread-json.js'

/** The file is not a thread download, or contradicts itself: nothing in it is shown. */
export class ArchiveRefusedError extends Error {
  constructor (message) {
    super(message)
    this.name = 'ArchiveRefusedError'
  }
}

/**
 * @typedef {{ kind: 'car' | 'json', urlHash: string | null, url: string | null, folder: string, folderChecked: boolean,
 *   comments: Array<{ id: string, comment: import('../comment.js').Comment }>,
 *   dropped: Array<{ name: string, code: string, message: string }> }} ArchiveCheck
 *   urlHash: null only for a CAR of an empty folder, which names no page
 */

/**
 * @param {Uint8Array} bytes the downloaded file
 * @returns {Promise<ArchiveCheck>}
 * @throws {ArchiveRefusedError}
 */
export async function verifyArchive (bytes) {
  if (bytes.length > MAX_CAR_BYTES) throw new ArchiveRefusedError(`the file has ${bytes.length} bytes; a thread download is at most ${MAX_CAR_BYTES}`)
  const first = bytes.find(b => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)
  return first === 0x7b /* { */ ? verifyJson(bytes) : verifyCar(bytes)
}

async function verifyCar (bytes) {
  let car
  try {
    car = await readCarBlocks(bytes, 'the file has')
  } catch (err) {
    throw new ArchiveRefusedError(`not a valid CAR file: ${err.message}`)
  }
  if (car.roots.length !== 1) throw new ArchiveRefusedError(`the CAR has ${car.roots.length} roots; a thread has exactly one, its folder`)
  const root = car.roots[0]
  const blocks = new Map(car.blocks.map(b => [b.cid.toString(), b.bytes]))
  if (!blocks.has(root.toString())) throw new ArchiveRefusedError(`the CAR lacks its root block ${root}`)
  const urlHash = pageOf(car.blocks)
  const reader = new CommentReader({ blockstore: memoryBlockstore(blocks) })
  let read
  try {
    read = await reader.read(urlHash ?? '', root.toString())
  } catch (err) {
    throw new ArchiveRefusedError(`the CAR's root is not a comment folder: ${err.message}`)
  }
  // A whole store's root holds page folders, which a page folder's reader ignores as foreign.
  if (read.comments.length === 0 && read.foreign.length > 0 && read.foreign.every(e => classifyRootEntry(e.name, e.cid) === 'page')) {
    throw new ArchiveRefusedError('it holds one folder per page: a whole-store backup (backup-tool export), not one page\'s thread; check it with backup-tool import')
  }
  return { kind: 'car', urlHash, url: null, folder: root.toString(), folderChecked: true, comments: read.comments, dropped: read.dropped }
}

/** The page most raw blocks name: the folder's page (a comment of another page is then dropped as such). */
function pageOf (blocks) {
  const votes = new Map()
  for (const { cid, bytes } of blocks) {
    if (cid.code !== 0x55) continue
    try {
      const url = parseComment(bytes).url
      if (isUrlHash(url)) votes.set(url, (votes.get(url) ?? 0) + 1)
    } catch {
      // not a comment: the folder read names it
    }
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

function memoryBlockstore (blocks) {
  return {
    async * get (cid) {
      const bytes = blocks.get(cid.toString())
      if (bytes === undefined) throw Object.assign(new Error(`the file lacks block ${cid}`), { name: 'NotFoundError' })
      yield bytes
    }
  }
}

async function verifyJson (bytes) {
  let archive
  try {
    archive = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (err) {
    throw new ArchiveRefusedError(`not valid JSON: ${err.message}`)
  }
  if (archive?.format !== FORMAT || archive.v !== FORMAT_VERSION) {
    throw new ArchiveRefusedError(`not a thread download (expected "format": "${FORMAT}", "v": ${FORMAT_VERSION})`)
  }
  const { urlHash } = archive
  if (!isUrlHash(urlHash)) throw new ArchiveRefusedError('its urlHash is not 64 lowercase hex digits')
  const url = typeof archive.url === 'string' ? archive.url : null
  if (url != null && await hashOfUrl(url) !== urlHash) {
    throw new ArchiveRefusedError(`its url ${url.slice(0, 200)} does not hash to its urlHash ${urlHash}`)
  }
  if (typeof archive.folder !== 'string' || !Array.isArray(archive.comments)) {
    throw new ArchiveRefusedError('a thread download has a "folder" and a list of "comments"')
  }
  const comments = []
  const dropped = []
  const seen = new Set()
  for (const [i, entry] of archive.comments.entries()) {
    const name = typeof entry?.id === 'string' ? entry.id : `comments[${i}]`
    if (typeof entry?.id !== 'string' || entry.comment === null || typeof entry.comment !== 'object') {
      dropped.push({ name, code: 'not-a-comment', message: 'an entry is {"id": …, "comment": {…}}' })
      continue
    }
    if (seen.has(entry.id)) {
      dropped.push({ name, code: 'duplicate', message: 'the same comment appears twice' })
      continue
    }
    seen.add(entry.id)
    let file
    try {
      file = canonicalBytes(entry.comment)
    } catch (err) {
      dropped.push({ name, code: 'wrong-type', message: err.message })
      continue
    }
    try {
      const { comment } = await verifyFile(file, entry.id, urlHash)
      comments.push({ id: entry.id, comment })
    } catch (err) {
      if (!(err instanceof InvalidCommentError)) throw err
      dropped.push({ name, code: err.code, message: err.message })
    }
  }
  return { kind: 'json', urlHash, url, folder: archive.folder, folderChecked: false, comments, dropped }
}

async function hashOfUrl (url) {
  try {
    return await urlHashOf(normalizeUrl(url))
  } catch {
    return null
  }
}
