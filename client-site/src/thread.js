/**
 * Builds the thread from `parent` links: replies under their parent, oldest first;
 * comments whose parent is not here ("orphans") at the top level, marked as such.
 * The top level is oldest first, newest first, or "most appreciated" (the number of keys that
 * reacted, docs/protocol.md §3.10, then oldest first) when asked; replies always read down in
 * the order they were written. Records are not comments: the caller passes comments only
 * (applyRecords of @comments/protocol).
 *
 * Nesting stops at MAX_DEPTH: the replies below a comment at that depth are shown flat under
 * it, oldest first, each marked with the comment it answers (`replyTo`). A hostile chain of
 * 20,000 replies thus draws as a list, not 20,000 nested boxes, and nothing here or in the
 * view recurses deeper than MAX_DEPTH. Every walk is iterative; the cost is linear in the
 * comments (and n log n for the sorting).
 */

export const MAX_DEPTH = 6

/**
 * @template {{ id: string, comment: { parent: string | null, ts: number } }} T
 * @typedef {{ item: T, id: string, orphan: boolean, replyTo: string | null, replies: ThreadNode<T>[] }} ThreadNode
 *   replyTo: the parent's id when the node is shown flat under an ancestor (below MAX_DEPTH)
 */

/** The orders of the top level. */
export const ORDERS = Object.freeze(['oldest', 'newest', 'appreciated'])

/**
 * @template {{ id: string, comment: { parent: string | null, ts: number }, appreciation?: number }} T
 * @param {Iterable<T>} items verified comments (with their id; `appreciation` for the "appreciated" order, 0 when absent)
 * @param {{ order?: 'oldest' | 'newest' | 'appreciated', maxDepth?: number }} [options]
 * @returns {ThreadNode<T>[]}
 */
export function buildThread (items, options = {}) {
  const maxDepth = options.maxDepth ?? MAX_DEPTH
  const nodes = new Map()
  for (const item of items) {
    if (!nodes.has(item.id)) nodes.set(item.id, { item, id: item.id, orphan: false, replyTo: null, replies: [] })
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
  roots.forEach(root => eachBelow(root, node => reached.add(node.id)))
  for (const node of nodes.values()) {
    if (!reached.has(node.id)) {
      const parent = nodes.get(node.item.comment.parent)
      parent.replies = parent.replies.filter(r => r !== node)
      node.orphan = true
      roots.push(node)
      eachBelow(node, n => reached.add(n.id))
    }
  }
  flattenBelow(roots, maxDepth)
  roots.forEach(root => eachBelow(root, node => node.replies.sort(oldestFirst)))
  roots.sort(options.order === 'newest'
    ? (a, b) => oldestFirst(b, a)
    : options.order === 'appreciated' ? (a, b) => (b.item.appreciation ?? 0) - (a.item.appreciation ?? 0) || oldestFirst(a, b) : oldestFirst)
  return roots
}

/** How many comments a thread holds, replies included. */
export function countThread (roots) {
  let n = 0
  roots.forEach(root => eachBelow(root, () => n++))
  return n
}

/** Calls fn on a node and everything below it, without recursion. */
function eachBelow (top, fn) {
  const stack = [top]
  while (stack.length > 0) {
    const node = stack.pop()
    fn(node)
    for (const reply of node.replies) stack.push(reply)
  }
}

// A node at the deepest level takes every node below it as its own replies, flat.
function flattenBelow (roots, maxDepth) {
  const level = roots.map(node => ({ node, depth: 1 }))
  while (level.length > 0) {
    const { node, depth } = level.pop()
    if (depth < maxDepth) {
      for (const reply of node.replies) level.push({ node: reply, depth: depth + 1 })
      continue
    }
    const below = []
    for (const reply of node.replies) eachBelow(reply, n => below.push(n))
    for (const n of below) {
      if (n.item.comment.parent !== node.id) n.replyTo = n.item.comment.parent
      n.replies = []
    }
    node.replies = below
  }
}

// By the author's time, then by id, so that every reader sees the same order.
function oldestFirst (a, b) {
  return a.item.comment.ts - b.item.comment.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
