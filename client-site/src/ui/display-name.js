/**
 * An author's name as shown: free text (docs/protocol.md §3.1: 1 to 64 code points, anything
 * but nothing more), so it must not be able to reorder the text around it or pass for another.
 *
 * - It is isolated: the element is a <bdi> (and `unicode-bidi: isolate`), so right-to-left
 *   letters in a name lay out inside it and nothing leaks to the header beside it.
 * - Characters that are invisible or change direction are shown as their code, ⟨U+202E⟩, not
 *   removed: removing would make "Ad⁠min" look exactly like "Admin", while the code shows the
 *   reader that something is hidden there. These are the controls (Cc: line breaks, tabs…),
 *   format characters (Cf: bidi overrides, embeddings and isolates, marks, zero-width space and
 *   joiners, word joiner, BOM, tags…), line and paragraph separators, lone surrogates, and the
 *   characters that are blank though they are letters or marks (Hangul fillers U+115F, U+1160,
 *   U+3164, U+FFA0, the braille blank U+2800, the grapheme joiner U+034F, Khmer U+17B4-5,
 *   Mongolian and other variation selectors).
 * - Kept: the zero-width joiner between two emoji and a variation selector after an emoji or a
 *   keycap base, which draw visible emoji (👨‍👩‍👧, ❤️) and hide nothing.
 * - Every other space becomes an ordinary one, runs of them one, and the ends are trimmed: a
 *   name of spaces only shows as ⟨blank⟩.
 *
 * The name is never what tells authors apart: the key's fingerprint beside it is (fingerprint.js).
 */
import { t } from '../i18n/index.js'
import { h } from './dom.js'

const HIDDEN = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]$/u
const SPACE = /^\p{Zs}$/u
const EMOJI = /^\p{Extended_Pictographic}$/u
const EMOJI_TAIL = /^[\uFE0F\u{1F3FB}-\u{1F3FF}]$/u // after an emoji, before a joiner: its presentation or skin tone
const KEYCAP_BASE = /^[#*0-9]$/

/**
 * The name in parts: text, and `{ hidden: 'U+202E' }` for each character shown as its code.
 *
 * @param {string} author
 * @returns {Array<string | { hidden: string }>}
 */
export function nameParts (author) {
  const chars = [...String(author)]
  const parts = []
  let text = ''
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    if (HIDDEN.test(c) && !drawsEmoji(chars, i)) {
      if (text !== '') parts.push(text)
      text = ''
      parts.push({ hidden: codeOf(c) })
    } else {
      text += SPACE.test(c) ? ' ' : c
    }
  }
  if (text !== '') parts.push(text)
  const out = []
  for (const [j, part] of parts.entries()) {
    if (typeof part !== 'string') {
      out.push(part)
      continue
    }
    // One space between words, none at either end of the name.
    let words = part.replace(/ {2,}/g, ' ') // not `t`: that is the translation function here
    if (out.length === 0) words = words.trimStart()
    if (j === parts.length - 1) words = words.trimEnd()
    if (words !== '') out.push(words)
  }
  return out.length === 0 ? [{ hidden: 'blank' }] : out
}

/** The name as one line of text (for labels): hidden characters as ⟨U+XXXX⟩. */
export function displayName (author) {
  return nameParts(author).map(p => typeof p === 'string' ? p : `⟨${hiddenText(p)}⟩`).join('')
}

/**
 * The name's element: an isolated <bdi>, hidden characters drawn as marked codes.
 *
 * @param {string} author
 * @param {Record<string, any>} [props]
 */
export function nameElement (author, props = {}) {
  return h('bdi', { dir: 'auto', ...props, class: `author${props.class ? ` ${props.class}` : ''}` },
    nameParts(author).map(p => typeof p === 'string'
      ? p
      : h('span', { class: 'hidden-char', title: p.hidden === 'blank' ? t('name.blankTitle') : t('name.hiddenTitle', { code: p.hidden }) }, `⟨${hiddenText(p)}⟩`)))
}

// A code (U+202E) is the same in every language; the word for a blank name is not.
function hiddenText (part) {
  return part.hidden === 'blank' ? t('name.blank') : part.hidden
}

function drawsEmoji (chars, i) {
  const c = chars[i]
  const before = chars[i - 1]
  if (c === '\u200D') {
    const base = before != null && EMOJI_TAIL.test(before) ? chars[i - 2] : before
    return base != null && EMOJI.test(base) && chars[i + 1] != null && EMOJI.test(chars[i + 1])
  }
  if (c === '\uFE0E' || c === '\uFE0F') return before != null && (EMOJI.test(before) || KEYCAP_BASE.test(before))
  return false
}

function codeOf (c) {
  return `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}
