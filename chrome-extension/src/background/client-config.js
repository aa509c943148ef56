/**
 * The client site's config.json (next to the client page), read as the client reads
 * it, so that the badge finds servers the way the client does: same network id, same
 * delegated routers, same loopback rule. Keys this version of the client code does not
 * know are left out rather than refused, so that a newer deployed client does not turn
 * the badge off.
 */
import { DEFAULT_CONFIG, mergeConfig } from '../shared/protocol.js'
import { CountUnavailableError } from '../shared/errors.js'

/**
 * @param {string} clientUrl a validated client URL (ends with / for a folder)
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<typeof DEFAULT_CONFIG>}
 */
export async function loadClientConfig (clientUrl, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const url = new URL('config.json', clientUrl).href
  let response
  try {
    response = await doFetch(url, { cache: 'no-cache', credentials: 'omit', referrerPolicy: 'no-referrer', signal: options.signal })
  } catch (err) {
    throw new CountUnavailableError(`the comments site's config (${url}) could not be read: ${err.message}`)
  }
  if (response.status === 404) return { ...DEFAULT_CONFIG }
  if (!response.ok) throw new CountUnavailableError(`the comments site's config (${url}) answered HTTP ${response.status}`)
  let json
  try {
    json = await response.json()
  } catch {
    throw new CountUnavailableError(`the comments site's config (${url}) is not JSON`)
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CountUnavailableError(`the comments site's config (${url}) is not a JSON object`)
  const known = Object.fromEntries(Object.entries(json).filter(([key]) => Object.hasOwn(DEFAULT_CONFIG, key)))
  try {
    return mergeConfig(known)
  } catch (err) {
    throw new CountUnavailableError(`the comments site's config (${url}) is invalid: ${err.message}`)
  }
}
