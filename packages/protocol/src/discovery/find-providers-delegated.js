/**
 * Finds providers through a Delegated Routing V1 endpoint (`/routing/v1/providers/<cid>`,
 * which every server's kubo gateway serves), and a provider's addresses through
 * `/routing/v1/peers/<id>` when the first answer carries none.
 */
import { readJsonLimited } from '../api/read-limited.js'

/**
 * The most read of one routing answer: a provider record is a few hundred bytes, so this holds
 * thousands of servers; a longer answer is aborted at this limit.
 */
const MAX_ROUTING_ANSWER_BYTES = 1024 * 1024

/**
 * @param {string} routerUrl e.g. http://127.0.0.2:8080
 * @param {string} cid
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<Array<{ id: string, addrs: string[] }>>}
 */
export async function findProvidersDelegated (routerUrl, cid, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const answer = await getJson(doFetch, `${routerUrl}/routing/v1/providers/${cid}`, options.signal)
  const peers = (answer?.Providers ?? []).filter(p => p?.Schema === 'peer' && typeof p.ID === 'string')
  return Promise.all(peers.map(async p => {
    let addrs = strings(p.Addrs)
    if (addrs.length === 0) {
      const record = await getJson(doFetch, `${routerUrl}/routing/v1/peers/${p.ID}`, options.signal).catch(() => null)
      addrs = (record?.Peers ?? []).flatMap(r => strings(r?.Addrs))
    }
    return { id: p.ID, addrs }
  }))
}

async function getJson (doFetch, url, signal) {
  const response = await doFetch(url, { headers: { Accept: 'application/json' }, signal })
  if (response.status === 404) return null // kubo: no record
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`)
  return readJsonLimited(response, MAX_ROUTING_ANSWER_BYTES, url)
}

function strings (list) {
  return Array.isArray(list) ? list.filter(a => typeof a === 'string') : []
}
