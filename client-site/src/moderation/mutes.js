/**
 * The reader's own moderation, kept in this browser only (docs/adr/018-reader-moderation.md):
 * the keys they mute, and the mute lists (docs/protocol.md §3.11) they follow with the last
 * version of each that verified. Nothing of it is sent anywhere.
 *
 * Muting is by key, never by name: anyone can take a name, nobody another's key.
 */
import { MAX_AUTHOR, MAX_MUTES, MAX_TS, decodeBase64Url } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { JsonStorage, arrayOf, isString } from './json-storage.js'

/**
 * The keys a reader mutes, at most. Cost in localStorage: one entry is the key (43 characters),
 * the name it was muted under (at most 64 code points, ≤ 128 UTF-16 units) and a time, about 90
 * to 220 characters of JSON: 5,000 take at most ~1.1 M characters, a fifth of the ~5 M a browser
 * gives an origin. As many as one mute list holds (§3.11), so a reader can publish theirs whole.
 */
export const MAX_MUTED = MAX_MUTES
/**
 * Mute lists followed, at most. Cost: each caches its last verified keys (≤ 5,000 × 44
 * characters, ~220 K characters) and a few small fields: 5 lists ≤ ~1.1 M characters. Each is
 * read again once per visit.
 */
export const MAX_FOLLOWED = 5
/** How long a followed list's address may be: an https URL or a CID. */
export const MAX_SOURCE = 2000

export const isKey = k => typeof k === 'string' && k.length === 43 && decodeBase64Url(k)?.length === 32
const isName = n => isString(n, 4 * MAX_AUTHOR) && n.length > 0
const isTime = t => Number.isSafeInteger(t) && t >= 0 && t <= MAX_TS

/** The keys this reader mutes, each with the name it wrote under when muted (for the list; never matched on). */
export class MuteStore {
  /** @param {Storage | null} storage */
  constructor (storage) {
    this.stored = new JsonStorage(storage, 'comments.mutes')
  }

  /** @returns {Array<{ key: string, name: string, at: number }>} oldest first */
  list () {
    return this.stored.read(v => arrayOf(v, e => isKey(e?.key) && isName(e.name) && isTime(e.at), MAX_MUTED))
  }

  has (key) {
    return this.list().some(e => e.key === key)
  }

  /**
   * @returns {{ ok: true } | { ok: false, message: string }}
   */
  mute (key, name, now = Date.now()) {
    if (!isKey(key)) return { ok: false, message: t('moderation.notAKey') }
    const all = this.list()
    if (all.some(e => e.key === key)) return { ok: true }
    if (all.length >= MAX_MUTED) return { ok: false, message: t('moderation.tooManyMuted', { max: MAX_MUTED }) }
    all.push({ key, name: [...String(name)].slice(0, MAX_AUTHOR).join('') || '?', at: now })
    return this.stored.write(all) ? { ok: true } : { ok: false, message: t('moderation.storageRefused') }
  }

  unmute (key) {
    this.stored.write(this.list().filter(e => e.key !== key))
  }
}

/**
 * @typedef {{ author: string, key: string, ts: number, mutes: string[] }} VerifiedList
 * @typedef {{ source: string, list: VerifiedList | null, error: { code: string, message: string } | null, checkedAt: number }} FollowedList
 *   list: the last version that verified (null if none did yet); error: why the last read failed
 */

/** The mute lists this reader follows, each with its last verified version. */
export class FollowedLists {
  /** @param {Storage | null} storage */
  constructor (storage) {
    this.stored = new JsonStorage(storage, 'comments.muteLists')
  }

  /** @returns {FollowedList[]} in the order followed */
  list () {
    return this.stored.read(v => arrayOf(v, e => isString(e?.source, MAX_SOURCE), MAX_FOLLOWED).map(e => ({
      source: e.source,
      list: cachedList(e.list),
      error: isString(e.error?.code, 40) && isString(e.error.message, 1000) ? { code: e.error.code, message: e.error.message } : null,
      checkedAt: isTime(e.checkedAt) ? e.checkedAt : 0
    })))
  }

  /**
   * Adds or replaces the entry of a source; a new one is refused past MAX_FOLLOWED.
   *
   * @param {FollowedList} entry
   * @returns {boolean} whether it is followed (and, storage permitting, kept)
   */
  put (entry) {
    const all = this.list()
    const at = all.findIndex(e => e.source === entry.source)
    if (at === -1 && all.length >= MAX_FOLLOWED) return false
    if (at === -1) all.push(entry)
    else all[at] = entry
    this.save(all)
    return true
  }

  remove (source) {
    this.save(this.list().filter(e => e.source !== source))
  }

  // The keys are stored joined, as in the list's own file. A full storage loses the change by the next visit (the page keeps it until then).
  save (all) {
    this.stored.write(all.map(e => ({ ...e, list: e.list == null ? null : { ...e.list, mutes: e.list.mutes.join('\n') } })))
  }
}

// A cached list, as stored by `put`: verified when it was read, checked here only for its shape.
function cachedList (l) {
  if (l == null || !isKey(l.key) || !isName(l.author) || !isTime(l.ts) || typeof l.mutes !== 'string') return null
  const mutes = l.mutes === '' ? [] : l.mutes.split('\n').slice(0, MAX_MUTES).filter(isKey)
  return { author: l.author, key: l.key, ts: l.ts, mutes }
}
