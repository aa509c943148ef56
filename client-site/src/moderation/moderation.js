/**
 * What the reader hides, and why (docs/protocol.md §6.3 step 7; docs/adr/018-reader-moderation.md):
 * the keys they mute, and the keys on the mute lists they follow. Everything stays in this browser.
 *
 * Each followed list is read again at most once per visit; until then, and whenever a read fails,
 * the last version that verified stays applied (a list is only ever applied whole). Of two
 * versions by one key the later is current (§3.11), so a source that serves an older one than the
 * one kept is not taken.
 */
import { MuteListError } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { FollowedLists, MAX_FOLLOWED, MuteStore } from './mutes.js'
import { SourceError, parseSource, readMuteList } from './mute-lists.js'

/**
 * @typedef {{ by: 'you' } | { by: 'list', author: string, key: string, source: string }} HideReason
 */

export class Moderation {
  /**
   * @param {{ storage: Storage | null, config: { gateways: string[], allowLoopback: boolean, requestTimeoutSeconds: number }, fetch?: typeof fetch, now?: () => number }} init
   */
  constructor ({ storage, config, fetch, now }) {
    this.mutes = new MuteStore(storage)
    this.lists = new FollowedLists(storage)
    this.options = { gateways: config.gateways, allowLoopback: config.allowLoopback, timeoutMs: config.requestTimeoutSeconds * 1000, fetch }
    this.now = now ?? Date.now
    // Held in memory for the visit; every change is written through to storage.
    this.muted = this.mutes.list()
    this.followed = this.lists.list()
    this.listeners = new Set()
    this.refreshed = null
    this.index()
  }

  /** Calls fn after every change of what is hidden or followed. */
  onChange (fn) {
    this.listeners.add(fn)
  }

  /**
   * Why comments of this key are hidden, or null. Your own mute wins over a list's; of several
   * lists, the first followed.
   *
   * @returns {HideReason | null}
   */
  reasonFor (key) {
    return this.reasons.get(key) ?? null
  }

  /** @returns {{ ok: true } | { ok: false, message: string }} */
  mute (key, name) {
    const result = this.mutes.mute(key, name, this.now())
    if (result.ok) this.muted = this.mutes.list()
    this.changed()
    return result
  }

  unmute (key) {
    this.mutes.unmute(key)
    this.muted = this.muted.filter(e => e.key !== key)
    this.changed()
  }

  /**
   * Follows the list at what the reader typed and reads it now. A list that does not verify is
   * still followed (and shown with its error, to be read again next visit), but nothing of it is
   * applied. Throws a SourceError (a message for people) when it cannot be followed at all.
   */
  async follow (text) {
    const source = parseSource(text, this.options)
    if (this.followed.some(e => e.source === source.source)) throw new SourceError(t('moderation.alreadyFollow'))
    if (this.followed.length >= MAX_FOLLOWED) throw new SourceError(t('moderation.tooManyLists', { max: MAX_FOLLOWED }))
    const entry = { source: source.source, list: null, error: null, checkedAt: 0 }
    this.followed.push(entry)
    this.lists.put(entry)
    await this.read(entry)
    return this.followed.find(e => e.source === source.source)
  }

  unfollow (source) {
    this.followed = this.followed.filter(e => e.source !== source)
    this.lists.remove(source)
    this.changed()
  }

  /** Reads every followed list again, once per visit (later calls share the first). */
  refreshLists () {
    this.refreshed ??= Promise.all(this.followed.map(entry => this.read(entry)))
    return this.refreshed
  }

  async read (entry) {
    let next
    try {
      const list = await readMuteList(parseSource(entry.source, this.options), this.options)
      const kept = entry.list
      if (kept != null && kept.key === list.key && list.ts < kept.ts) {
        next = { ...entry, error: { code: 'older', message: t('moderation.olderVersion', { time: new Date(list.ts).toISOString() }) }, checkedAt: this.now() }
      } else {
        next = { source: entry.source, list: { author: list.author, key: list.key, ts: list.ts, mutes: list.mutes }, error: null, checkedAt: this.now() }
      }
    } catch (err) {
      const code = err instanceof MuteListError ? err.code : 'unreadable'
      next = { ...entry, error: { code, message: String(err?.message ?? err).slice(0, 500) }, checkedAt: this.now() }
    }
    const at = this.followed.findIndex(e => e.source === entry.source)
    if (at === -1) return // unfollowed meanwhile
    this.followed[at] = next
    this.lists.put(next)
    this.changed()
  }

  changed () {
    this.index()
    for (const fn of this.listeners) fn()
  }

  // key → reason, for one lookup per comment drawn. Cost: one entry per key muted here or on a
  // list kept, at most 5,000 + 5 × 5,000.
  index () {
    this.reasons = new Map()
    for (const { source, list } of this.followed) {
      if (list == null) continue
      const reason = { by: 'list', author: list.author, key: list.key, source }
      for (const key of list.mutes) if (!this.reasons.has(key)) this.reasons.set(key, reason)
    }
    const you = { by: 'you' }
    for (const { key } of this.muted) this.reasons.set(key, you)
  }
}
