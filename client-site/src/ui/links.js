/**
 * Splits comment text into plain text and web links. Only http(s) URLs become links;
 * everything else stays text. The page turns the parts into text nodes and anchors
 * with rel="nofollow noopener ugc" (never HTML).
 */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi
const TRAILING = /[.,;:!?)\]}'"*_~]+$/

/**
 * @param {string} text
 * @returns {Array<{ text: string, href?: string }>}
 */
export function splitLinks (text) {
  const parts = []
  let last = 0
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let candidate = match[0]
    // Leave closing punctuation to the sentence, but keep a ")" that closes a "(" in the URL.
    const trailing = candidate.match(TRAILING)?.[0] ?? ''
    candidate = candidate.slice(0, candidate.length - trailing.length)
    if (trailing.startsWith(')') && count(candidate, '(') > count(candidate, ')')) candidate += ')'
    const href = safeHref(candidate)
    if (href == null) continue
    if (match.index > last) parts.push({ text: text.slice(last, match.index) })
    parts.push({ text: candidate, href })
    last = match.index + candidate.length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}

function safeHref (candidate) {
  try {
    const url = new URL(candidate)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function count (s, c) {
  return s.split(c).length - 1
}
