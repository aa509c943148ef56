/**
 * Builds the thread from `parent` links: replies under their parent, oldest first;
 * comments whose parent is not here ("orphans") at the top level, marked as such.
 * The top level is oldest first, or newest first when asked; replies always read down
 * in the order they were written.
 */

/**
 * @template {{ id: string, comment: { parent: string | null, ts: number } }} T
 * @typedef {{ item: T, id: string, orphan: boolean, replies: ThreadNode<T>[] }} ThreadNode
 */

/**
 * @template {{ id: string, comment: { parent: string | null, ts: number } }} T
 * @param {Iterable<T>} items verified comments (with their id)
 * @param {{ newestFirst?: boolean }} [options]
 * @returns {ThreadNode<T>[]}
 */
export function buildThread (items, options = {}) {
  const nodes = new Map()
  for (const item of items) {
    if (!nodes.has(item.id)) nodes.set(item.id, { item, id: item.id, orphan: false, replies: [] })
  }
  const roots = []
  for (const node of nodes.values()) {
    const parentId = node.item.comment.parent
    const parent = parentId == null ? undefined : nodes.get(parentId)
    if (parent === undefined) {
      node.orphan = parentId != null
      roots.push(node)
    } else {
      parent.replies.push(node)
    }
  }
  // Ids are hashes of bytes that contain the parent, so parent links cannot form a
  // cycle; if they ever did, its members would be unreachable: show them at the top.
  const reached = new Set()
  const walk = node => { reached.add(node.id); node.replies.forEach(walk) }
  roots.forEach(walk)
  for (const node of nodes.values()) {
    if (!reached.has(node.id)) {
      const parent = nodes.get(node.item.comment.parent)
      parent.replies = parent.replies.filter(r => r !== node)
      node.orphan = true
      roots.push(node)
      walk(node)
    }
  }
  const sortReplies = node => { node.replies.sort(oldestFirst); node.replies.forEach(sortReplies) }
  roots.forEach(sortReplies)
  roots.sort(options.newestFirst ? (a, b) => oldestFirst(b, a) : oldestFirst)
  return roots
}

/** How many comments a thread holds, replies included. */
export function countThread (roots) {
  let n = 0
  const walk = node => { n++; node.replies.forEach(walk) }
  roots.forEach(walk)
  return n
}

// By the author's time, then by id, so that every reader sees the same order.
function oldestFirst (a, b) {
  return a.item.comment.ts - b.item.comment.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
