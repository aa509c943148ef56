/**
 * A page's thread as one JSON file for people and scripts (`jq '.comments[].comment.text'`):
 * each verified comment with its id, exactly the fields of its file, oldest first. Every
 * comment in it can be checked offline on its own: its canonical JSON hashes to its id
 * and its signature verifies (`scripts/verify-thread.mjs`). The folder CID is recorded
 * but only the CAR download carries what proves it.
 */

export const FORMAT = 'comments-thread'
export const FORMAT_VERSION = 1

/**
 * @param {{ urlHash: string, url?: string | null, folder: string, comments: Array<{ id: string, comment: object }>, now?: Date }} thread
 * @returns {string}
 */
export function threadJson ({ urlHash, url = null, folder, comments, now = new Date() }) {
  const sorted = [...comments].sort((a, b) => a.comment.ts - b.comment.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const archive = {
    format: FORMAT,
    v: FORMAT_VERSION,
    urlHash,
    ...(url == null ? {} : { url }),
    folder,
    downloaded: now.toISOString(),
    comments: sorted.map(({ id, comment }) => ({ id, comment }))
  }
  return JSON.stringify(archive, null, 2) + '\n'
}
