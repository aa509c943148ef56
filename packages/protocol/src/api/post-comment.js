/**
 * `POST /{urlHash}` of a signed comment (docs/protocol.md §5): 201 (or 200 if the server had it)
 * with its id. A 400 or 413 means the comment itself is refused, which every server
 * would say again (`final`); anything else (429, 451, 503, 507, no answer) is worth trying on
 * another server: 451 is one operator's takedown, and 400 `weak-stamp` one server's minimum
 * (docs/protocol.md §3.9), not the network's rule.
 */
import { PostError } from '../errors.js'
import { MAX_JSON_ANSWER_BYTES, readJsonLimited } from './read-limited.js'

/**
 * @param {string} serverUrl
 * @param {string} urlHash
 * @param {Uint8Array} bytes the comment's canonical file bytes
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<{ id: string, created: boolean }>}
 */
export async function postComment (serverUrl, urlHash, bytes, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  let response
  try {
    response = await doFetch(`${serverUrl}/${urlHash}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bytes, signal: options.signal
    })
  } catch (err) {
    throw new PostError(`${serverUrl} could not be reached (${err.message})`)
  }
  let body = null
  try {
    body = await readJsonLimited(response, MAX_JSON_ANSWER_BYTES, `${serverUrl}/${urlHash}`)
  } catch {
    // no JSON body (or one past the limit, its request aborted): described by the status alone
  }
  if (response.status === 201 || response.status === 200) {
    if (typeof body?.id !== 'string') throw new PostError(`${serverUrl} accepted the comment but did not say its id`, { status: response.status })
    return { id: body.id, created: response.status === 201 }
  }
  const retryAfter = Number(response.headers.get('Retry-After'))
  const info = {
    status: response.status,
    code: typeof body?.error === 'string' ? body.error : null,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    final: (response.status === 400 && body?.error !== 'weak-stamp') || response.status === 413
  }
  const detail = typeof body?.detail === 'string' ? body.detail : (info.code ?? `HTTP ${response.status}`)
  const why = response.status === 429
    ? `too many comments from here for now${info.retryAfterSeconds ? `; try again in ${info.retryAfterSeconds} s` : ''}`
    : response.status === 503 ? `busy or unavailable (${detail})`
      : response.status === 507 ? 'it is out of disk space for now'
        : response.status === 451 ? `its operator withholds it (${detail})`
          : info.code === 'weak-stamp' ? `it asks for a stronger stamp against spam (${detail})` : detail
  throw new PostError(`${serverUrl} refused the comment: ${why}`, info)
}
