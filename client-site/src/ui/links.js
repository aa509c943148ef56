/**
 * Splits comment text into plain text and web links. Only http(s) URLs become links;
 * everything else stays text. The page turns the parts into text nodes and anchors
 * with rel="nofollow noopener ugc" (never HTML).
 *
 * Linear in the text's length (issue 21, "bounded work": every comment of a folder is drawn
 * with this): the URL pattern has no nested or adjacent repeats, so each match is found in
 * one pass and the next search starts after it; trailing punctuation is trimmed by one
 * backward scan. (It was a regex `[...]+$`, which restarts at every character of a long run
 * of punctuation that is not at the end: quadratic, ~40 ms for one 5,000-character comment.)
 */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi
/** Closing punctuation that ends a sentence rather than a URL. */
const TRAILING = new Set('.,;:!?)]}\'"*_~')

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
    const end = trimmedEnd(candidate)
    const trailing = candidate.slice(end)
    candidate = candidate.slice(0, end)
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

export function safeHref (candidate) {
  try {
    const url = new URL(candidate)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

// Where the trailing run of TRAILING characters starts: one backward scan.
function trimmedEnd (s) {
  let end = s.length
  while (end > 0 && TRAILING.has(s[end - 1])) end--
  return end
}

function count (s, c) {
  let n = 0
  for (let i = s.indexOf(c); i !== -1; i = s.indexOf(c, i + 1)) n++
  return n
}
