/**
 * `GET /{urlHash}` on a comment server: the CID of the page's comment folder and how
 * many comments it holds (docs/protocol.md §5).
 *
 * The answer carries the folder CID as its ETag and a short Cache-Control, so the
 * browser's HTTP cache answers repeated reads, and revalidates with If-None-Match (a
 * 304 of no body) once they are stale. `cache: 'no-cache'` revalidates at once: the
 * client asks for it right after posting, to see its own comment.
 */
import { parseCid } from '../cid.js'
import { MAX_JSON_ANSWER_BYTES, readJsonLimited } from './read-limited.js'

/**
 * @param {string} serverUrl
 * @param {string} urlHash
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal, cache?: RequestCache }} [options]
 * @returns {Promise<{ cid: string, count: number }>}
 */
export async function getFolder (serverUrl, urlHash, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/${urlHash}`, {
    headers: { Accept: 'application/json' }, signal: options.signal, cache: options.cache ?? 'default'
  })
  if (!response.ok) throw new Error(`${serverUrl} answered HTTP ${response.status}${await errorDetail(response, `${serverUrl}/${urlHash}`)}`)
  const answer = await readJsonLimited(response, MAX_JSON_ANSWER_BYTES, `${serverUrl}/${urlHash}`)
  if (typeof answer?.cid !== 'string') throw new Error(`${serverUrl} answered without a folder CID`)
  if (parseCid(answer.cid) == null) {
    throw new Error(`${serverUrl} answered a folder CID that is not a CID: ${answer.cid.slice(0, 80)}`)
  }
  return { cid: answer.cid, count: Number.isInteger(answer.count) ? answer.count : -1 }
}

async function errorDetail (response, source) {
  try {
    const body = await readJsonLimited(response, MAX_JSON_ANSWER_BYTES, source)
    return body?.detail ? `: ${body.detail}` : body?.error ? `: ${body.error}` : ''
  } catch {
    return ''
  }
}
