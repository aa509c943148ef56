/**
 * What a reader shows of a folder of version 3 records (docs/protocol.md §3.10), decided from the
 * folder alone so that every reader shows the same: one entry per comment with its current text,
 * whether it was edited or withdrawn by its author, its history and its reactions. Records never
 * show as comments. Every record is untrusted input: one about a missing comment or about
 * another record waits (it changes nothing), a revision or withdrawal by another key is ignored.
 *
 * Cost: one pass to index the comments, one over the records (Map look-ups), and one sort of each
 * comment's own revisions: O(n log n) in the folder's files, so a folder of 20,000 records (a
 * reaction flood from many keys, a chain of revisions) costs no more than its size says.
 */
import { REACTIONS } from './constants.js'

/** The names a reaction counts under (`none` takes a reaction back and is never counted). */
const COUNTED = REACTIONS.filter(name => name !== 'none')

/**
 * @typedef {{ id: string, ts: number, text: string }} Version one text of a comment, as signed
 * @typedef {{ text: string | null, edited: boolean, editedTs: number | null, withdrawn: boolean, withdrawnTs: number | null,
 *   history: Version[], reactions: Record<string, number>, reactedBy: Map<string, string>, appreciation: number }} Current
 *   text: the latest version's, null when withdrawn; edited: the latest version is a revision (editedTs its ts);
 *   withdrawn: the author withdrew it (withdrawnTs: the first withdrawal's ts); history: the comment and its author's
 *   revisions, oldest first (ts, then id), the last one the latest; reactions: the count of each name (every name, 0
 *   when none); reactedBy: key → its current reaction (never `none`); appreciation: how many keys reacted
 */

/**
 * @template {{ id: string, comment: { v: number, kind?: string, parent: string | null, key: string, text: string, ts: number } }} T
 * @param {Iterable<T>} items verified comments and records of one page (the same id twice counts once)
 * @returns {{ comments: Array<T & Current>, ignored: string[], waiting: string[] }}
 *   comments: each comment item (version 1 or 2, or kind `comment`) with what to show of it, in the order given;
 *   ignored: ids of revisions and withdrawals signed by another key than the comment's;
 *   waiting: ids of records about a record or about a comment this folder does not hold
 */
export function applyRecords (items) {
  /** id → { item, revisions, withdrawal, reactions: key → latest reaction record } */
  const comments = new Map()
  const records = []
  const seen = new Set()
  for (const item of items) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    const kind = item.comment.kind ?? 'comment'
    if (kind === 'comment') comments.set(item.id, { item, revisions: [], withdrawal: null, reactions: new Map() })
    else records.push(item)
  }

  const ignored = []
  const waiting = []
  for (const record of records) {
    const { kind, parent, key, text } = record.comment
    const target = parent == null ? undefined : comments.get(parent)
    if (target === undefined) {
      waiting.push(record.id) // about a record, or about a comment not (yet) here
      continue
    }
    if (kind === 'reaction') {
      if (!REACTIONS.includes(text)) { ignored.push(record.id); continue }
      const before = target.reactions.get(key)
      if (before === undefined || later(record, before)) target.reactions.set(key, record)
    } else if ((kind === 'revision' || kind === 'withdrawal') && key === target.item.comment.key) {
      if (kind === 'revision') target.revisions.push(record)
      else if (target.withdrawal == null || later(target.withdrawal, record)) target.withdrawal = record // the first one
    } else {
      ignored.push(record.id) // another key's revision or withdrawal (or a kind this reader does not know)
    }
  }

  const shown = []
  for (const { item, revisions, withdrawal, reactions } of comments.values()) {
    const history = [item, ...revisions].sort((a, b) => later(a, b) ? 1 : later(b, a) ? -1 : 0)
      .map(v => ({ id: v.id, ts: v.comment.ts, text: v.comment.text }))
    const latest = history[history.length - 1]
    const edited = latest.id !== item.id
    const counts = Object.fromEntries(COUNTED.map(name => [name, 0]))
    const reactedBy = new Map()
    for (const [key, reaction] of reactions) {
      const name = reaction.comment.text
      if (name === 'none') continue
      counts[name]++
      reactedBy.set(key, name)
    }
    shown.push({
      ...item,
      text: withdrawal == null ? latest.text : null,
      edited,
      editedTs: edited ? latest.ts : null,
      withdrawn: withdrawal != null,
      withdrawnTs: withdrawal?.comment.ts ?? null,
      history,
      reactions: counts,
      reactedBy,
      appreciation: reactedBy.size
    })
  }
  return { comments: shown, ignored, waiting }
}

/** Whether record a comes after b: the greater ts, then the greater id (the same order on every reader). */
function later (a, b) {
  return a.comment.ts > b.comment.ts || (a.comment.ts === b.comment.ts && a.id > b.id)
}
