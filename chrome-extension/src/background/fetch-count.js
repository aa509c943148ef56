/**
 * A page's comment count from a comment server without telling it the page: `GET
 * /counts/{prefix}` (docs/protocol.md §5.8) answers the counts of every page whose urlHash
 * starts with a short prefix, and the count of ours is picked out of that answer here. Only
 * the prefix is sent (no cookies, no referrer), never the urlHash itself.
 *
 * Decision (docs/adr/011-private-badge-counts.md): the first ask is 3 hex characters (4,096
 * buckets; a server of 100,000 pages answers ~24 counts, ~1.7 KB). A server that finds the
 * bucket over-full (more than 1,000 pages) answers `complete: false`, and the ask is repeated
 * with one more character, up to 6; past that there is no count rather than a page lookup.
 */
import { BodyTooLargeError, isUrlHash, readJsonLimited } from '../shared/protocol.js'
import { CountUnavailableError } from '../shared/errors.js'

/** The first ask's length in hex characters, and the longest the protocol allows (§5.8). */
export const PREFIX_LENGTH = 3
export const MAX_PREFIX_LENGTH = 6
/**
 * The most of a bucket's answer read, as it arrives: 1,000 counts (the server's cap) of about 75
 * bytes are 75 KB; a server that sends more, or never stops, is cut off there.
 */
export const MAX_BUCKET_ANSWER_BYTES = 128 * 1024

/**
 * @param {string} serverUrl e.g. http://127.0.0.2:8000
 * @param {string} urlHash
 * @param {{ fetch?: typeof fetch, signal?: AbortSignal }} [options]
 * @returns {Promise<number>}
 */
export async function fetchCount (serverUrl, urlHash, options = {}) {
  // a malformed hash would make a malformed prefix; and nothing of the hash goes out unchecked
  if (!isUrlHash(urlHash)) throw new CountUnavailableError('the page has no urlHash to count comments for')
  for (let length = PREFIX_LENGTH; length <= MAX_PREFIX_LENGTH; length++) {
    const prefix = urlHash.slice(0, length)
    const bucket = await fetchBucket(serverUrl, prefix, options)
    if (bucket.complete) return countIn(bucket.counts, urlHash, serverUrl)
  }
  throw new CountUnavailableError(`${serverUrl} has too many pages in this page's bucket to answer a count`)
}

/** `GET /counts/{prefix}`: `{ complete, counts }`, checked to be the bucket asked for. */
async function fetchBucket (serverUrl, prefix, options) {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(`${serverUrl}/counts/${prefix}`, {
    headers: { Accept: 'application/json' },
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: options.signal
  })
  if (!response.ok) throw new CountUnavailableError(`${serverUrl} answered HTTP ${response.status}`)
  let answer
  try {
    answer = await readJsonLimited(response, MAX_BUCKET_ANSWER_BYTES, `${serverUrl}/counts/${prefix}`)
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new CountUnavailableError(err.message)
    throw new CountUnavailableError(`${serverUrl} did not answer JSON`)
  }
  const complete = answer?.complete === true
  const counts = answer?.counts
  if (answer?.prefix !== prefix || (answer?.complete !== false && !complete) ||
      (complete && (counts == null || typeof counts !== 'object' || Array.isArray(counts)))) {
    throw new CountUnavailableError(`${serverUrl} answered without the counts of bucket ${prefix}`)
  }
  return { complete, counts }
}

/** A page the bucket does not list has no comments. */
function countIn (counts, urlHash, serverUrl) {
  if (!Object.hasOwn(counts, urlHash)) return 0
  const count = counts[urlHash]
  if (!Number.isInteger(count) || count < 0) throw new CountUnavailableError(`${serverUrl} answered without a comment count`)
  return count
}
