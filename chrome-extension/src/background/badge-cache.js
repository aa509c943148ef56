/**
 * Comment counts by urlHash, for the badge. A count younger than `freshMs` is shown
 * without asking a server again; an older one is shown while a new one is fetched.
 * Bounded: the least recently used hashes are forgotten first. Saved to and restored
 * from `chrome.storage.session` as plain JSON, so that a service worker that went to
 * sleep does not ask again.
 */

export class BadgeCache {
  /**
   * @param {{ now?: () => number }} [components]
   * @param {{ freshMs?: number, maxEntries?: number }} [init]
   */
  constructor (components = {}, init = {}) {
    this.now = components.now ?? Date.now
    this.freshMs = init.freshMs ?? 120_000
    this.maxEntries = init.maxEntries ?? 500
    /** @type {Map<string, { count: number, at: number }>} oldest use first */
    this.entries = new Map()
  }

  /**
   * @param {string} urlHash
   * @returns {{ count: number, at: number, fresh: boolean } | null}
   */
  get (urlHash) {
    const entry = this.entries.get(urlHash)
    if (entry == null) return null
    this.entries.delete(urlHash)
    this.entries.set(urlHash, entry)
    return { ...entry, fresh: this.now() - entry.at < this.freshMs }
  }

  /**
   * @param {string} urlHash
   * @param {number} count
   */
  set (urlHash, count) {
    this.entries.delete(urlHash)
    this.entries.set(urlHash, { count, at: this.now() })
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value)
  }

  clear () {
    this.entries.clear()
  }

  /** @returns {Array<[string, { count: number, at: number }]>} */
  toJSON () {
    return [...this.entries]
  }

  /** Adds saved entries (toJSON's form) under the ones already here; ignores anything malformed. */
  restore (saved) {
    if (!Array.isArray(saved)) return
    const current = [...this.entries]
    this.entries.clear()
    for (const item of saved) {
      const [hash, entry] = Array.isArray(item) ? item : []
      if (typeof hash === 'string' && Number.isInteger(entry?.count) && entry.count >= 0 && Number.isFinite(entry?.at)) {
        this.entries.set(hash, { count: entry.count, at: entry.at })
      }
    }
    for (const [hash, entry] of current) {
      this.entries.delete(hash)
      this.entries.set(hash, entry)
    }
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value)
  }
}
