/**
 * "Replies to you" (docs/adr/018-reader-moderation.md): the comments this browser's key wrote, per
 * page, and the replies to them already seen, so that a visit can say which replies are new since
 * the last one. Kept in localStorage, bounded, never sent anywhere.
 *
 * Comments are remembered by the last 16 characters of their id (80 bits of a SHA-256: no two
 * share one by chance), which is all a match needs and keeps the store small. Cost in
 * localStorage (key `comments.replies`): at most MAX_OWN own comments, each the page's urlHash
 * (64), the id's tail and a time, ~120 characters of JSON: ≤ 60 K characters; and at most
 * MAX_SEEN replies seen, each an id's tail, ~19 characters: ≤ 95 K characters; together under 160 K.
 */
import { MAX_TS, isUrlHash } from '@comments/protocol'
import { JsonStorage, arrayOf, isString } from './json-storage.js'

/** Own comments remembered, at most (the latest). */
export const MAX_OWN = 500
/** Replies remembered as seen, at most (the latest). */
export const MAX_SEEN = 5000
const TAIL = 16

const tailOf = id => String(id).slice(-TAIL)
const isTail = s => isString(s, TAIL) && /^[a-z2-7]{16}$/.test(s)
/** A comment that can be replied to: a version 1 or 2 comment, or a version 3 record of kind `comment` (§3.10). */
const isComment = c => c.kind === undefined || c.kind === 'comment'

export class RepliesStore {
  /** @param {Storage | null} storage */
  constructor (storage) {
    this.stored = new JsonStorage(storage, 'comments.replies')
  }

  /** @returns {{ mine: Array<{ page: string, id: string, at: number }>, seen: string[] }} ids as their tails */
  read () {
    return this.stored.read(v => ({
      mine: arrayOf(v?.mine, e => isUrlHash(e?.page) && isTail(e.id) && Number.isSafeInteger(e.at) && e.at >= 0 && e.at <= MAX_TS, MAX_OWN),
      seen: arrayOf(v?.seen, isTail, MAX_SEEN)
    }))
  }

  /** The own comments of a page, by the tails of their ids. */
  mine (urlHash) {
    return this.read().mine.filter(e => e.page === urlHash).map(e => e.id)
  }

  /** The other pages with own comments, the latest first. */
  otherPages (urlHash) {
    const pages = []
    for (const { page } of this.read().mine.reverse()) if (page !== urlHash && !pages.includes(page)) pages.push(page)
    return pages
  }

  /** Remembers own comments of a page (the oldest remembered go past MAX_OWN). */
  remember (urlHash, ids, now = Date.now()) {
    const state = this.read()
    const known = new Set(state.mine.map(e => e.id))
    const add = [...new Set(ids.map(tailOf))].filter(id => !known.has(id))
    if (add.length === 0) return
    state.mine.push(...add.map(id => ({ page: urlHash, id, at: now })))
    state.mine = state.mine.slice(-MAX_OWN)
    this.stored.write(state)
  }

  /** @returns {Set<string>} the replies seen, by the tail of their id */
  seen () {
    return new Set(this.read().seen)
  }

  markSeen (ids) {
    const state = this.read()
    const seen = new Set(state.seen)
    const add = ids.map(tailOf).filter(t => !seen.has(t))
    if (add.length === 0) return
    state.seen = [...state.seen, ...add].slice(-MAX_SEEN)
    this.stored.write(state)
  }
}

/** One page's replies to you, compared with what was seen before this visit. */
export class RepliesToYou {
  /**
   * @param {RepliesStore} store
   * @param {string} urlHash
   */
  constructor (store, urlHash) {
    this.store = store
    this.urlHash = urlHash
    /** What was seen before this visit: a reply not in it is new for the whole visit. */
    this.seenBefore = store.seen()
  }

  /**
   * Remembers the own comments the folder holds (signed with `ownKey`, wherever they were posted
   * from), and finds the replies to any own comment of this page by another key. Replies whose
   * author is hidden (muted) do not count. Linear in the comments.
   *
   * @param {Array<{ id: string, comment: { parent: string | null, key: string, kind?: string } }>} verified
   * @param {{ ownKey: string | null, hidden: (comment: any) => boolean }} options
   * @returns {{ own: number, replies: Array<{ id: string, comment: any }>, fresh: Array<{ id: string, comment: any }> }}
   */
  update (verified, { ownKey, hidden }) {
    if (ownKey != null) {
      this.store.remember(this.urlHash, verified.filter(c => c.comment.key === ownKey && isComment(c.comment)).map(c => c.id))
    }
    const own = new Set(this.store.mine(this.urlHash))
    const keyOf = new Map(verified.filter(c => own.has(tailOf(c.id))).map(c => [tailOf(c.id), c.comment.key]))
    const replies = verified.filter(({ comment: c }) => isComment(c) && c.parent != null && keyOf.has(tailOf(c.parent)) &&
      c.key !== keyOf.get(tailOf(c.parent)) && c.key !== ownKey && !hidden(c))
    this.store.markSeen(replies.map(r => r.id))
    return { own: own.size, replies, fresh: replies.filter(r => !this.seenBefore.has(tailOf(r.id))) }
  }
}
