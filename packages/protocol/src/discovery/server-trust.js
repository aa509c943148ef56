/**
 * What this browser has seen of each comment server, remembered in localStorage: how often a
 * server's answer checked out against the others and against a read-back, and when it was caught
 * in a provable lie. A lie is only what the reader can prove: a 201 for a comment the server's
 * own folder then does not hold, or an id that is not the comment's. A folder that lacks comments
 * another server serves is not a lie (sync takes a while; an operator may withhold, docs/protocol.md
 * §5.7): the page says so, and that server earns no trust from the read.
 *
 * Cost: one small record per server ever seen, at most MAX_SERVERS (the least recently seen go
 * first), read once per page view and written when a record changes.
 */
const STORAGE_KEY = 'comments.serverTrust'
/** A server caught lying is left out this long (then it gets another chance, and is watched as any other). */
export const FORGET_MS = 7 * 24 * 3600e3
const MAX_SERVERS = 256

export class ServerTrust {
  /** @param {{ storage?: Storage | null, now?: () => number }} [deps] */
  constructor (deps = {}) {
    this.storage = deps.storage ?? null
    this.now = deps.now ?? Date.now
    /** @type {Record<string, { truthful: number, liedAt: number | null, readAt: number, seenAt: number }>} */
    this.records = load(this.storage)
  }

  /** True while a server's last provable lie is recent. */
  forgotten (url) {
    const liedAt = this.records[url]?.liedAt
    return liedAt != null && this.now() - liedAt < FORGET_MS
  }

  /** How many of its answers checked out. */
  truthful (url) {
    return this.records[url]?.truthful ?? 0
  }

  /** When this browser last read a folder from it (0: never). */
  readAt (url) {
    return this.records[url]?.readAt ?? 0
  }

  /** @param {string} url @param {'truthful' | 'lied' | 'read'} what */
  record (url, what) {
    const now = this.now()
    const r = this.records[url] ?? { truthful: 0, liedAt: null, readAt: 0, seenAt: now }
    r.seenAt = now
    if (what === 'truthful') r.truthful++
    else if (what === 'lied') { r.liedAt = now; r.truthful = 0 } else r.readAt = now
    this.records[url] = r
    this.save()
  }

  save () {
    const urls = Object.keys(this.records)
    if (urls.length > MAX_SERVERS) {
      urls.sort((a, b) => this.records[a].seenAt - this.records[b].seenAt)
      for (const url of urls.slice(0, urls.length - MAX_SERVERS)) delete this.records[url]
    }
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.records))
    } catch {
      // storage full or disabled: trust lasts this page view
    }
  }
}

function load (storage) {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null')
    if (saved == null || typeof saved !== 'object' || Array.isArray(saved)) return {}
    const records = {}
    for (const [url, r] of Object.entries(saved)) {
      if (typeof url === 'string' && r != null && Number.isInteger(r.truthful) && Number.isFinite(r.seenAt)) {
        records[url] = { truthful: r.truthful, liedAt: Number.isFinite(r.liedAt) ? r.liedAt : null, readAt: Number.isFinite(r.readAt) ? r.readAt : 0, seenAt: r.seenAt }
      }
    }
    return records
  } catch {
    return {}
  }
}
