/**
 * The number of comments a server has for a urlHash, with the servers found the way the
 * client finds them: the client's config.json, its ServerList (pinned servers first,
 * then those remembered from an earlier look, ranked by GET /health) and its discovery
 * (providers of the network id through Delegated Routing V1, each provider's /http
 * address). The in-page DHT of the client (a Helia node) is not run here: a service
 * worker that Chrome stops after 30 s idle is no place for a libp2p node, so the badge
 * uses the delegated routers that the client falls back to. Nothing of the page but a
 * short prefix of its urlHash is ever sent (fetch-count.js, docs/adr/011-private-badge-counts.md).
 */
import { discoverServers, findProvidersDelegated, NoServerError, rawCidOf, ServerList } from '../shared/protocol.js'
import { CountUnavailableError } from '../shared/errors.js'
import { loadClientConfig } from './client-config.js'
import { fetchCount } from './fetch-count.js'

export class CommentCounter {
  /**
   * @param {object} components
   * @param {typeof fetch} [components.fetch]
   * @param {{ getItem: Function, setItem: Function, load?: () => Promise<void> } | null} [components.storage] where the server list is remembered
   * @param {() => number} [components.now]
   * @param {{ configMaxAgeMs?: number }} [init]
   */
  constructor (components = {}, init = {}) {
    this.fetch = components.fetch ?? globalThis.fetch.bind(globalThis)
    this.storage = components.storage ?? null
    this.now = components.now ?? Date.now
    this.configMaxAgeMs = init.configMaxAgeMs ?? 3_600_000
    /** @type {{ clientUrl: string, at: number, config: any, servers: ServerList, discoveredAt: number } | null} */
    this.state = null
    this.discovering = null
    /** The server that gave the last count, or the last reason there was none: for the options page. */
    this.last = { server: null, error: null, at: null }
  }

  /**
   * @param {string} clientUrl
   * @param {string} urlHash
   * @returns {Promise<number>}
   * @throws {CountUnavailableError}
   */
  async count (clientUrl, urlHash) {
    try {
      const state = await this.prepare(clientUrl)
      const timeoutMs = state.config.requestTimeoutSeconds * 1000
      const { url, value } = await state.servers.tryEach(server =>
        fetchCount(server, urlHash, { fetch: this.fetch, signal: AbortSignal.timeout(timeoutMs) }))
      this.last = { server: url, error: null, at: this.now() }
      return value
    } catch (err) {
      if (err instanceof NoServerError && this.state != null) this.state.discoveredAt = -Infinity // look again next time
      const reason = err instanceof CountUnavailableError ? err : new CountUnavailableError(err.message, { cause: err })
      this.last = { server: null, error: reason.message, at: this.now() }
      throw reason
    }
  }

  async prepare (clientUrl) {
    await this.storage?.load?.()
    if (this.state?.clientUrl !== clientUrl || this.now() - this.state.at > this.configMaxAgeMs) {
      const config = await loadClientConfig(clientUrl, { fetch: this.fetch, signal: AbortSignal.timeout(10_000) })
      const servers = new ServerList({
        storage: this.storage,
        fetch: this.fetch,
        now: this.now,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        pinned: config.servers ?? []
      })
      this.state = { clientUrl, at: this.now(), config, servers, discoveredAt: -Infinity }
      const remembered = servers.remembered(config.rememberServersHours * 3_600_000)
      if (remembered.length > 0) {
        servers.use(remembered, 'remembered')
        this.state.discoveredAt = this.now()
      }
    }
    const state = this.state
    const stale = this.now() - state.discoveredAt > state.config.rememberServersHours * 3_600_000
    if (state.servers.urls.length === 0 || stale) await this.discover(state)
    if (state.servers.urls.length === 0) throw new CountUnavailableError('no comment server was found')
    return state
  }

  /** One discovery at a time; concurrent counts share it. */
  discover (state) {
    this.discovering ??= (async () => {
      const dhtKey = await rawCidOf(hexBytes(state.config.networkId))
      const result = await discoverServers({
        config: state.config,
        findDht: null,
        findDelegated: (router, signal) => findProvidersDelegated(router, dhtKey, { fetch: this.fetch, signal }),
        servers: state.servers
      })
      if (result.urls.length > 0) state.servers.use(result.urls, result.source)
      else if ((state.config.servers ?? []).length > 0) state.servers.use([], null) // the pinned ones alone
      state.discoveredAt = this.now()
    })().finally(() => { this.discovering = null })
    return this.discovering
  }
}

function hexBytes (hex) {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}
