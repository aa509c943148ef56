/**
 * What several servers' folders of one page add up to: every comment that verified in any of
 * them (a comment is its bytes: the same id is the same comment, whoever serves it), the drops,
 * and, for each server, how many of those comments it does not serve while another one does.
 * Linear in the comments read.
 */

/**
 * @param {Array<{ url: string, read: import('./comment-reader.js').FolderRead }>} reads
 * @returns {{ comments: import('./comment-reader.js').VerifiedComment[], dropped: import('./comment-reader.js').Dropped[],
 *   omissions: Array<{ url: string, missing: number, servedBy: string[] }>, lackedBy: Map<string, string[]>,
 *   leftOut: import('./comment-reader.js').LeftOut | null }}
 *   lackedBy: id → the servers read that do not serve it (only ids some server lacks)
 *   leftOut: the most entries any one folder had past the reader's limits (null: none)
 */
export function unionOfReads (reads) {
  const comments = new Map()
  /** id → the servers that serve it */
  const servers = new Map()
  const dropped = new Map()
  let leftOut = null
  for (const { url, read } of reads) {
    if (read.leftOut != null && (leftOut == null || read.leftOut.count > leftOut.count)) leftOut = read.leftOut
    for (const c of read.comments) {
      if (!comments.has(c.id)) comments.set(c.id, c)
      servers.set(c.id, [...(servers.get(c.id) ?? []), url])
    }
    for (const d of read.dropped) dropped.set(`${d.name} ${d.code}`, d)
  }
  const omissions = []
  const lackedBy = new Map()
  for (const [id, by] of servers) {
    if (by.length < reads.length) lackedBy.set(id, reads.map(r => r.url).filter(u => !by.includes(u)))
  }
  for (const { url } of reads) {
    let missing = 0
    const servedBy = new Set()
    for (const [id, by] of servers) {
      if (by.includes(url)) continue
      missing++
      by.forEach(u => servedBy.add(u))
    }
    if (missing > 0) omissions.push({ url, missing, servedBy: [...servedBy] })
  }
  return { comments: [...comments.values()], dropped: [...dropped.values()], omissions, lackedBy, leftOut }
}
