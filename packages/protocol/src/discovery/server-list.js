/**
 * The servers the page talks to, best first: pinned ones (config "servers"), then those whose
 * answers checked out before (ServerTrust), then by measured latency (`GET /health`); a server
 * that errors goes to the back, one caught lying is left out. The list is remembered in
 * localStorage so that the next visit starts with it while discovery refreshes it in the
 * background. No server is read alone when there are others: `readOrder` puts next to the best
 * the one this browser read least recently, so that every server is compared with the others
 * over a few visits.
 */
import { checkHealth } from '../api/health.js'
import { NoServerError } from '../errors.js'
import { ServerTrust } from './server-trust.js'

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
    this.trust = new ServerTrust({ storage: this.storage, now: this.now })
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
    this.urls = this.ordered([...new Set([...this.pinned, ...urls])])
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

  /**
   * Pinned first, then those that answered truthfully before, each group in the order given
   * (latency); servers caught lying are left out, unless no other is left.
   */
  ordered (urls) {
    const kept = urls.filter(u => !this.trust.forgotten(u))
    const usable = kept.length > 0 ? kept : urls
    const rank = u => this.pinned.includes(u) ? 0 : this.trust.truthful(u) > 0 ? 1 : 2
    return usable.map((u, i) => ({ u, i })).sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i).map(x => x.u)
  }

  /**
   * Every server in the order to read a folder from: the best one, then the others from the one
   * this browser read least recently; the page reads the first few that answer and compares them.
   */
  readOrder () {
    const [best, ...rest] = this.urls
    if (best === undefined) return []
    return [best, ...rest.map((u, i) => ({ u, i })).sort((a, b) => this.trust.readAt(a.u) - this.trust.readAt(b.u) || a.i - b.i).map(x => x.u)]
  }

  /** A folder was read from this server. */
  markRead (url) {
    this.trust.record(url, 'read')
  }

  /** Its answer checked out (its folder held all that the others served; a 201 read back). */
  vouch (url) {
    this.trust.record(url, 'truthful')
    this.urls = this.ordered(this.urls)
  }

  /** Caught in a provable lie: left out from now on (ServerTrust.FORGET_MS), unless it is the only one. */
  forget (url) {
    this.trust.record(url, 'lied')
    this.urls = this.ordered(this.urls)
  }

  /** Moves a server that just failed to the back of the list. */
  demote (url) {
    if (this.urls.includes(url)) this.urls = [...this.urls.filter(u => u !== url), url]
  }

  /**
   * Runs fn against each server in order until one succeeds; a server that fails is
   * demoted. Errors marked `final` (the request itself is wrong) stop at once, unless the
   * caller knows better (`stopWhen`: a page that checked a comment against every rule itself
   * takes a refusal as that server's own, and stops only when its reader stops).
   *
   * @template T
   * @param {(url: string) => Promise<T>} fn
   * @param {{ stopWhen?: (err: any) => boolean }} [options]
   * @returns {Promise<{ url: string, value: T }>}
   */
  async tryEach (fn, options = {}) {
    const errors = []
    for (const url of [...this.urls]) {
      try {
        return { url, value: await fn(url) }
      } catch (err) {
        if ((options.stopWhen ?? isFinal)(err)) throw err
        errors.push(err)
        this.demote(url)
      }
    }
    if (errors.length === 0) throw new NoServerError('no comment server is known yet')
    throw new NoServerError(`every server failed: ${errors.map(e => e.message).join('; ')}`, errors)
  }
}

function isFinal (err) {
  return err?.final === true
}
