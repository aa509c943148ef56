/**
 * `GET /{urlHash}` on a comment server (docs/protocol.md §5) for the number of comments. Only the
 * hash is sent: no cookies, no referrer.
 */
import { CountUnavailableError } from '../shared/errors.js'

/**
 * @param {string} serverUrl e.g. http://127.0.0.2:8000
 * @param {string} urlHash
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<number>}
 */
export async function fetchCount (serverUrl, urlHash, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/${urlHash}`, {
    headers: { Accept: 'application/json' },
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: options.signal
  })
  if (!response.ok) throw new CountUnavailableError(`${serverUrl} answered HTTP ${response.status}`)
  let answer
  try {
    answer = await response.json()
  } catch {
    throw new CountUnavailableError(`${serverUrl} did not answer JSON`)
  }
  if (!Number.isInteger(answer?.count) || answer.count < 0) throw new CountUnavailableError(`${serverUrl} answered without a comment count`)
  return answer.count
}
