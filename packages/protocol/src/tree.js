/**
 * The shape of the published tree (docs/protocol.md §4), as the Java `dev.comments.core.tree`
 * reads it: a root folder whose entries are named by urlHashes and link to page folders
 * (dag-pb), and page folders whose entries are named `<id>.json` and link to exactly the raw
 * block `<id>`. Anything else is foreign: not ours to read, and not an error.
 */
import { CODEC, digestOfRawCid, parseCid } from './cid.js'
import { isUrlHash } from './url-hash.js'

// A comment file's name: the comment id (a raw CIDv1 in base32) and `.json`.
const COMMENT_FILE_NAME = /^(b[a-z2-7]{58})\.json$/

/**
 * What an entry of a page folder is.
 *
 * @param {string} name the entry's name
 * @param {string | { toString(): string }} cid what it links to (a CID or its text)
 * @returns {'comment' | 'foreign' | 'id-mismatch'}
 *   comment: `<id>.json` linking to `<id>`; id-mismatch: named like a comment but linking
 *   to something else (a file that is not what its name says); foreign: any other name
 */
export function classifyPageEntry (name, cid) {
  const id = commentIdOfName(name)
  if (id == null) return 'foreign'
  return String(cid) === id ? 'comment' : 'id-mismatch'
}

/**
 * What an entry of the root folder is.
 *
 * @param {string} name the entry's name
 * @param {string | { toString(): string }} cid what it links to (a CID or its text)
 * @returns {'page' | 'foreign'} page: named by a urlHash and linking to a folder (dag-pb)
 */
export function classifyRootEntry (name, cid) {
  return isUrlHash(name) && parseCid(String(cid))?.codec === CODEC.DAG_PB ? 'page' : 'foreign'
}

// The comment id a page folder's entry is named by, or null when the name is not `<id>.json`.
function commentIdOfName (name) {
  const id = COMMENT_FILE_NAME.exec(name)?.[1]
  return id !== undefined && digestOfRawCid(id) != null ? id : null
}
