/**
 * `GET /health` on a comment server (docs/protocol.md §5.5): does it answer, and what stamp does
 * it ask of a comment (§3.9)? The small body is read to the end so that the connection is reused.
 */

import { readBytesLimited, readTextLimited } from './read-limited.js'

/** More than any health answer needs: a longer one is not read (its request is aborted at this many bytes). */
const MAX_BODY_BYTES = 4096

/**
 * @param {string} serverUrl
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<boolean>} true for a 2xx answer; a network error or a body past the limit is thrown
 */
export async function checkHealth (serverUrl, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/health`, { signal: options.signal })
  await readBytesLimited(response, MAX_BODY_BYTES, `${serverUrl}/health`) // past the limit: aborted and thrown
  return response.ok
}

/**
 * The stamp a server asks for (`stampMinBits` of its health answer): a whole number from 0 to
 * 256, or 0 when it names none (a server of protocol version 1) or says something else.
 *
 * @param {string} serverUrl
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<number>} a network error or a non-2xx answer is thrown
 */
export async function stampMinBitsOf (serverUrl, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/health`, { signal: options.signal })
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    throw new Error(`${serverUrl}/health answered HTTP ${response.status}`)
  }
  let bits
  try {
    bits = JSON.parse(await readTextLimited(response, MAX_BODY_BYTES, `${serverUrl}/health`))?.stampMinBits
  } catch {
    bits = undefined
  }
  return Number.isInteger(bits) && bits >= 0 && bits <= 256 ? bits : 0
}
