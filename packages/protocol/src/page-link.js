/**
 * The client's address for one page's comments (client-site/README.md, "The page's address";
 * docs/protocol.md §6.3): `<client>#<urlHash>`, optionally followed by the page's URL and title,
 * `<client>#<urlHash>?url=<URL>&title=<title>` (each value percent-encoded as by
 * encodeURIComponent). Everything is in the fragment, which browsers never send to any server:
 * the client site's host sees no more than before, and the comment servers still only the hash.
 *
 * The extension, the embed script and the paste box write it; the client reads it. What it
 * reads is hostile (anyone can make a link): the given URL counts only once it normalizes
 * (§1) to a URL that hashes to the urlHash (`checkPageLink`), and the title is bounded text.
 */
import { isUrlHash, pageKey, urlHashOf, normalizeUrl } from './url-hash.js'

/** A title is cut to this many code points (Unicode characters). */
export const MAX_TITLE = 200
/** A given URL longer than this (UTF-16 code units, as written in the fragment) is not read. */
export const MAX_LINK_URL = 8192
/** A fragment longer than this is read for its urlHash only. */
const MAX_FRAGMENT = 32768

/**
 * The fragment (without `#`) for a page's comments.
 *
 * @param {string} urlHash
 * @param {{ url?: string | null, title?: string | null }} [name] the normalized URL, and the title
 *   (cut to MAX_TITLE code points); a URL longer than MAX_LINK_URL is left out, and so is a title without a URL
 */
export function pageFragment (urlHash, { url, title } = {}) {
  if (!isUrlHash(urlHash)) throw new TypeError('not a urlHash')
  if (url == null || url === '' || url.length > MAX_LINK_URL) return urlHash
  const params = [`url=${encodeURIComponent(url)}`]
  const t = clipTitle(title)
  if (t != null) params.push(`title=${encodeURIComponent(t)}`)
  return `${urlHash}?${params.join('&')}`
}

/**
 * Normalizes and hashes a page's URL and makes its fragment in one step.
 *
 * @param {string} input the page's URL
 * @param {string | null} [title]
 * @returns {Promise<{ urlHash: string, normalized: string, fragment: string }>}
 * @throws {import('./errors.js').UrlRefusedError}
 */
export async function pageLinkOf (input, title = null) {
  const { normalized, urlHash } = await pageKey(input)
  return { urlHash, normalized, fragment: pageFragment(urlHash, { url: normalized, title }) }
}

/**
 * What a fragment says, not yet checked: null when it does not start with a urlHash.
 *
 * @param {string} fragment with or without its leading `#`
 * @returns {{ urlHash: string, url: string | null, title: string | null } | null}
 */
export function parsePageFragment (fragment) {
  const text = String(fragment ?? '').replace(/^#/, '')
  const urlHash = text.slice(0, 64)
  if (!isUrlHash(urlHash)) return null
  const rest = text.slice(64)
  if (rest === '') return { urlHash, url: null, title: null }
  // Only `?` may follow: anything else is not this format.
  if (rest[0] !== '?') return null
  if (text.length > MAX_FRAGMENT) return { urlHash, url: null, title: null }
  const params = new URLSearchParams(rest.slice(1)) // never throws: a bad %-escape stays as written
  const url = params.get('url')
  return {
    urlHash,
    url: url == null || url === '' || url.length > MAX_LINK_URL ? null : url,
    title: url == null ? null : clipTitle(params.get('title'))
  }
}

/**
 * A parsed fragment checked: the URL is shown only when it normalizes to a URL whose hash is the
 * urlHash; otherwise `mismatch` says an address was given and did not match (and its title goes
 * with it: a title names the address it came with).
 *
 * @param {{ urlHash: string, url: string | null, title: string | null }} link
 * @returns {Promise<{ urlHash: string, url: string | null, title: string | null, mismatch: boolean }>}
 */
export async function checkPageLink ({ urlHash, url, title }) {
  if (url == null) return { urlHash, url: null, title: null, mismatch: false }
  let normalized
  try {
    normalized = normalizeUrl(url)
  } catch {
    return { urlHash, url: null, title: null, mismatch: true }
  }
  if (await urlHashOf(normalized) !== urlHash) return { urlHash, url: null, title: null, mismatch: true }
  return { urlHash, url: normalized, title, mismatch: false }
}

/** The title cut to MAX_TITLE code points (an ellipsis marks the cut), or null when blank. */
function clipTitle (title) {
  if (title == null) return null
  const chars = [...String(title).trim()]
  if (chars.length === 0) return null
  return chars.length <= MAX_TITLE ? chars.join('') : `${chars.slice(0, MAX_TITLE - 1).join('')}…`
}
