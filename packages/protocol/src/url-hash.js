/**
 * The page key (docs/protocol.md §1): normalize a page's URL and hash it to a urlHash, the
 * lowercase hex SHA-256 of the normalized URL's UTF-8 bytes.
 *
 * This one module is shared by the client site and the Chrome extension (both import
 * `@comments/protocol`), so both hash a URL identically. It needs nothing but `URL`,
 * `TextEncoder` and `crypto.subtle`, which browsers, extension service workers and
 * Node (≥ 20) all have.
 */
import { UrlRefusedError } from './errors.js'

/** Query parameter names (compared lowercased) that are dropped: the shared vectors' list. */
export const TRACKING_PARAMS = Object.freeze([
  'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  'fbclid', 'gclid', 'mc_cid', 'mc_eid'
])

const TRACKING = new Set(TRACKING_PARAMS)
const URL_HASH = /^[0-9a-f]{64}$/

/**
 * The normalized form of a page URL: WHATWG parsing (host lowercased, default port and
 * IDN handled by the parser), only http: and https:, no fragment, no user name or
 * password, tracking query pairs dropped, the other pairs kept in order byte for byte,
 * and no `?` when nothing is left.
 *
 * @param {string} input
 * @returns {string}
 * @throws {UrlRefusedError}
 */
export function normalizeUrl (input) {
  let url
  try {
    url = new URL(String(input))
  } catch {
    throw new UrlRefusedError(`"${clip(input)}" is not a web address (it should start with https:// or http://)`, input)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRefusedError(`only http and https pages can have comments, not ${url.protocol.slice(0, -1)}: addresses`, input)
  }
  url.hash = ''
  url.username = ''
  url.password = ''
  const kept = url.search === ''
    ? []
    : url.search.slice(1).split('&').filter(pair => !TRACKING.has(queryName(pair).toLowerCase()))
  url.search = ''
  return kept.length === 0 ? url.href : `${url.href}?${kept.join('&')}`
}

/**
 * The urlHash of an already normalized URL.
 *
 * @param {string} normalized
 * @returns {Promise<string>} 64 lowercase hex characters
 */
export async function urlHashOf (normalized) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalized))
  return toHex(new Uint8Array(digest))
}

/**
 * Normalizes and hashes a page URL in one step.
 *
 * @param {string} input
 * @returns {Promise<{ normalized: string, urlHash: string }>}
 * @throws {UrlRefusedError}
 */
export async function pageKey (input) {
  const normalized = normalizeUrl(input)
  return { normalized, urlHash: await urlHashOf(normalized) }
}

/** True for exactly what servers accept as a urlHash: 64 lowercase hex characters. */
export function isUrlHash (s) {
  return typeof s === 'string' && URL_HASH.test(s)
}

// The name of one `name=value` pair as written (still percent-encoded).
function queryName (pair) {
  const eq = pair.indexOf('=')
  return eq === -1 ? pair : pair.slice(0, eq)
}

function toHex (bytes) {
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex
}

function clip (s) {
  const text = String(s)
  return text.length <= 80 ? text : `${text.slice(0, 77)}...`
}
