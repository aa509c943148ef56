/**
 * Finds the comment servers (seed steps 2–3): providers of the network-id CID through
 * the DHT first, then through the Delegated Routing V1 endpoints if the DHT gave none;
 * each provider's `/http` address is its API. The servers that answer are returned
 * fastest first.
 */
import { apiUrlsOf } from './addresses.js'

/** Once the DHT has given a first server, wait this long for others, then stop looking. */
export const DHT_GRACE_MS = 1500

/**
 * @param {object} input
 * @param {{ routers: string[], allowLoopback: boolean, dhtTimeoutSeconds: number, requestTimeoutSeconds: number }} input.config
 * @param {((signal: AbortSignal) => AsyncIterable<{ id: string, addrs: string[] }>) | null} input.findDht
 * @param {(routerUrl: string, signal: AbortSignal) => Promise<Array<{ id: string, addrs: string[] }>>} input.findDelegated
 * @param {import('./server-list.js').ServerList} input.servers
 * @param {(event: { step: string, detail?: string }) => void} [input.onProgress]
 * @returns {Promise<{ urls: string[], source: 'dht' | 'delegated' | null, providers: number }>}
 */
export async function discoverServers ({ config, findDht, findDelegated, servers, onProgress = () => {} }) {
  const options = { allowLoopback: config.allowLoopback }
  if (findDht != null) {
    onProgress({ step: 'dht' })
    const found = await fromDht(findDht, config.dhtTimeoutSeconds * 1000, options)
    const ranked = await servers.rank(found.urls)
    if (ranked.length > 0) return { urls: ranked.map(r => r.url), source: 'dht', providers: found.providers }
    onProgress({ step: 'dht-empty', detail: found.error?.message })
  }
  if (config.routers.length === 0) return { urls: [], source: null, providers: 0 }
  onProgress({ step: 'delegated' })
  const answers = await Promise.allSettled(config.routers.map(router =>
    findDelegated(router, AbortSignal.timeout(config.requestTimeoutSeconds * 1000))))
  const providers = new Map()
  for (const answer of answers) {
    if (answer.status === 'fulfilled') for (const p of answer.value) providers.set(p.id, p)
  }
  const urls = [...providers.values()].flatMap(p => apiUrlsOf(p.addrs, options))
  const ranked = await servers.rank(urls)
  return { urls: ranked.map(r => r.url), source: ranked.length > 0 ? 'delegated' : null, providers: providers.size }
}

async function fromDht (findDht, timeoutMs, options) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new Error('the DHT lookup timed out')), timeoutMs)
  let grace
  const urls = []
  let providers = 0
  let error
  try {
    for await (const provider of findDht(controller.signal)) {
      providers++
      const mine = apiUrlsOf(provider.addrs, options)
      urls.push(...mine)
      if (mine.length > 0 && grace === undefined) {
        grace = setTimeout(() => controller.abort(new Error('enough servers found')), DHT_GRACE_MS)
      }
    }
  } catch (err) {
    if (!controller.signal.aborted) error = err
  } finally {
    clearTimeout(timer)
    clearTimeout(grace)
  }
  return { urls: [...new Set(urls)], providers, error }
}
