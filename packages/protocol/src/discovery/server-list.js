/**
 * The servers the page talks to, best first: ordered by measured latency (`GET /health`),
 * a server that errors goes to the back, and the list is remembered in localStorage so
 * that the next visit starts with it while discovery refreshes it in the background.
 */
import { checkHealth } from '../api/health.js'
import { NoServerError } from '../errors.js'

const STORAGE_KEY = 'comments.servers'

export class ServerList {
  /**
   * @param {{ storage?: Storage | null, fetch?: typeof fetch, now?: () => number, timeoutMs?: number, pinned?: string[] }} [deps]
   *   pinned: servers that always come first (config "servers")
   */
  constructor (deps = {}) {
    this.pinned = deps.pinned ?? []
    this.storage = deps.storage ?? null
    this.fetch = deps.fetch ?? globalThis.fetch.bind(globalThis)
    this.now = deps.now ?? Date.now
    this.timeoutMs = deps.timeoutMs ?? 5000
    /** @type {string[]} */
    this.urls = []
    this.source = null
  }

  /** Servers remembered from an earlier visit no older than maxAgeMs, or []. */
  remembered (maxAgeMs) {
    try {
      const saved = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null')
      if (saved == null || !Array.isArray(saved.urls) || !(this.now() - saved.at <= maxAgeMs)) return []
      return saved.urls.filter(u => typeof u === 'string')
    } catch {
      return []
    }
  }

  /** Uses these servers from now on (best first, after the pinned ones) and remembers them. */
  use (urls, source) {
    this.urls = [...new Set([...this.pinned, ...urls])]
    this.source = source
    if (urls.length > 0 && source !== 'remembered') {
      try {
        this.storage?.setItem(STORAGE_KEY, JSON.stringify({ at: this.now(), urls: [...new Set(urls)] }))
      } catch {
        // storage full or disabled: the next visit just looks again
      }
    }
  }

  /**
   * Measures each server's latency once, in parallel, and returns those that answered,
   * fastest first.
   *
   * @param {string[]} urls
   * @returns {Promise<Array<{ url: string, ms: number }>>}
   */
  async rank (urls) {
    const results = await Promise.all([...new Set(urls)].map(async url => {
      const start = this.now()
      try {
        const ok = await checkHealth(url, { fetch: this.fetch, signal: AbortSignal.timeout(this.timeoutMs) })
        return ok ? { url, ms: this.now() - start } : null
      } catch {
        return null
      }
    }))
    return results.filter(r => r != null).sort((a, b) => a.ms - b.ms)
  }

  /** Moves a server that just failed to the back of the list. */
  demote (url) {
    if (this.urls.includes(url)) this.urls = [...this.urls.filter(u => u !== url), url]
  }

  /**
   * Runs fn against each server in order until one succeeds; a server that fails is
   * demoted. Errors marked `final` (the request itself is wrong) stop at once.
   *
   * @template T
   * @param {(url: string) => Promise<T>} fn
   * @returns {Promise<{ url: string, value: T }>}
   */
  async tryEach (fn) {
    const errors = []
    for (const url of [...this.urls]) {
      try {
        return { url, value: await fn(url) }
      } catch (err) {
        if (err?.final === true) throw err
        errors.push(err)
        this.demote(url)
      }
    }
    if (errors.length === 0) throw new NoServerError('no comment server is known yet')
    throw new NoServerError(`every server failed: ${errors.map(e => e.message).join('; ')}`, errors)
  }
}
