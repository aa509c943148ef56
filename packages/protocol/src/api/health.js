/**
 * `GET /health` on a comment server (docs/protocol.md §5): does it answer? Only the status counts;
 * the small body is read to the end so that the connection is reused.
 */

/**
 * @param {string} serverUrl
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<boolean>} true for a 2xx answer; a network error is thrown
 */
export async function checkHealth (serverUrl, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/health`, { signal: options.signal })
  await response.arrayBuffer()
  return response.ok
}
