/**
 * The text format of comments (issue 22, point 6; docs/adr/015-text-format.md): a small Markdown
 * subset parsed into a tree of plain objects, which comment-text.js turns into DOM nodes. No HTML
 * string is made or parsed anywhere, so a comment cannot inject markup: `<script>` is text.
 *
 * Written here rather than taken from a library: none is in the repository, and the maintained
 * ones (markdown-it, marked, micromark) render to HTML strings, which would then need an HTML
 * sanitizer; a strict subset with a tree out is smaller than either.
 *
 * The subset (every other character is text, shown as written):
 * - blocks: paragraphs (a blank line separates them; a single newline is a line break), block
 *   quotes (`>` at the start of a line, an optional space after it; nested up to MAX_QUOTE_DEPTH,
 *   deeper `>` are text; a line without `>` ends the quote), fenced code (a line starting with
 *   three or more backticks, to a line of at least as many, or to the end of its quote or of the
 *   comment). No indented code, headings, lists, images or raw HTML.
 * - inline, within one line: `code` (a run of backticks to the next run of the same length),
 *   *em* / _em_ and **strong** / __strong__ (runs of one or two; a run that opens must be followed
 *   and one that closes preceded by a non-space; `_` never inside a word, so snake_case stays),
 *   [text](https://…) for http(s) targets only, and bare http(s) URLs as splitLinks finds them.
 *   Emphasis nests at most MAX_INLINE_DEPTH deep; deeper pairs stay text.
 *
 * Markup, the only characters not shown as text: the delimiters of the constructs above (`*`, `_`,
 * backticks, `>` and the space after it, `[`, `](`, `)`), a link's target (it is the href), a
 * fence's info string, newlines (line breaks and block boundaries) and blank lines (spaces, tabs
 * and carriage returns only).
 *
 * Linear time (a comment is at most 5,000 code points, and a page draws 1,000 at once): each line
 * is scanned once; every "where is the next …" is answered from a table built in one pass (next
 * backtick run of the same length, next `]`, next `[`, end of a link target); emphasis is paired
 * with one stack per delimiter kind, each delimiter pushed and popped at most once; quotes are
 * re-scanned at most MAX_QUOTE_DEPTH times. Nothing recurses deeper than those bounds.
 */
import { safeHref, splitLinks } from './links.js'

export const MAX_QUOTE_DEPTH = 4
export const MAX_INLINE_DEPTH = 4

/**
 * @typedef {{ type: 'text', text: string }
 *   | { type: 'br' }
 *   | { type: 'code', text: string }
 *   | { type: 'pre', text: string, info: string }
 *   | { type: 'a', href: string, target?: string, children: MdNode[] }
 *   | { type: 'p' | 'blockquote' | 'em' | 'strong', children: MdNode[] }} MdNode
 * `a.target` is the written target of a [text](target) link (absent for a bare URL).
 */

/**
 * @param {string} text
 * @returns {MdNode[]} the blocks
 */
export function parseMarkdown (text) {
  return blocks(text.split('\n'), 0)
}

/** The text a reader sees: the textContent of the rendered nodes (tests compare with it). */
export function visibleText (nodes) {
  let out = ''
  const walk = list => {
    for (const n of list) {
      if (n.type === 'text' || n.type === 'code' || n.type === 'pre') out += n.text
      else if (n.children) walk(n.children)
    }
  }
  walk(nodes)
  return out
}

function blocks (lines, depth) {
  const out = []
  let para = null
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    const fence = openingFence(line)
    if (fence != null) {
      const code = []
      for (i++; i < lines.length && !closesFence(lines[i], fence.length); i++) code.push(lines[i])
      if (i < lines.length) i++ // the closing fence
      out.push({ type: 'pre', info: fence.info, text: code.join('\n') })
      para = null
    } else if (depth < MAX_QUOTE_DEPTH && line.startsWith('>')) {
      const inner = []
      for (; i < lines.length && lines[i].startsWith('>'); i++) inner.push(lines[i].slice(lines[i].startsWith('> ') ? 2 : 1))
      out.push({ type: 'blockquote', children: blocks(inner, depth + 1) })
      para = null
    } else if (isBlank(line)) {
      para = null
      i++
    } else {
      if (para == null) out.push(para = { type: 'p', children: [] })
      else para.children.push({ type: 'br' })
      inline(line, para.children, 0, true)
      i++
    }
  }
  return out
}

function isBlank (line) {
  for (let i = 0; i < line.length; i++) if (line[i] !== ' ' && line[i] !== '\t' && line[i] !== '\r') return false
  return true
}

function backtickRun (s, at) {
  let end = at
  while (s[end] === '`') end++
  return end - at
}

// ``` (or more) and an info string without backticks, as CommonMark: a line like ```a`b``` is a code span.
function openingFence (line) {
  if (!line.startsWith('```')) return null
  const length = backtickRun(line, 0)
  const info = line.slice(length)
  return info.includes('`') ? null : { length, info }
}

function closesFence (line, length) {
  const run = backtickRun(line, 0)
  return run >= length && isBlank(line.slice(run))
}

/**
 * Inline constructs of one line, appended to `out`.
 * @param {string} s
 * @param {MdNode[]} out
 * @param {number} depth emphasis levels already open around s
 * @param {boolean} links whether links may start here (not inside a link's text)
 */
function inline (s, out, depth, links) {
  const urls = links ? urlSpans(s) : []
  const runs = backtickRuns(s)
  const brackets = links && s.includes('[') ? bracketTables(s) : null
  /** @type {Token[]} */
  const tokens = []
  let u = 0
  let r = 0
  let textFrom = 0
  const flush = to => { if (to > textFrom) tokens.push(new Token(s.slice(textFrom, to), null, '', 0)) }
  let i = 0
  while (i < s.length) {
    while (u < urls.length && urls[u].start < i) u++ // begun inside a construct already taken
    if (u < urls.length && urls[u].start === i) {
      const { end, href } = urls[u++]
      flush(i)
      tokens.push(new Token(null, { type: 'a', href, children: [{ type: 'text', text: s.slice(i, end) }] }, '', 0))
      i = textFrom = end
      continue
    }
    const c = s[i]
    if (c === '`') {
      while (runs.start[r] < i) r++
      const length = runs.length[r]
      const close = runs.next[r]
      if (close !== -1) {
        flush(i)
        tokens.push(new Token(null, { type: 'code', text: s.slice(i + length, runs.start[close]) }, '', 0))
        i = textFrom = runs.start[close] + length
      } else {
        i += length // no run of this length later: these backticks are text
      }
      continue
    }
    if (c === '[' && brackets != null) {
      const link = linkAt(s, i, brackets)
      if (link != null) {
        flush(i)
        const children = []
        inline(s.slice(i + 1, link.textEnd), children, depth, false)
        tokens.push(new Token(null, { type: 'a', href: link.href, target: link.target, children }, '', 0))
        i = textFrom = link.end
        continue
      }
    }
    if (c === '*' || c === '_') {
      let end = i
      while (s[end] === c) end++
      const n = end - i
      if (n <= 2) {
        flush(i)
        const before = i === 0 ? ' ' : s[i - 1]
        const after = end === s.length ? ' ' : s[end]
        const d = new Token(null, null, c, n)
        d.canOpen = !isSpace(after) && (c === '*' || !isWordChar(before))
        d.canClose = !isSpace(before) && (c === '*' || !isWordChar(after))
        tokens.push(d)
        textFrom = end
      }
      i = end
      continue
    }
    i++
  }
  flush(s.length)
  pairDelimiters(tokens)
  build(tokens, out, depth)
}

// Bare URLs exactly as the plain-text renderer found them (splitLinks: its rules, its trimming).
function urlSpans (s) {
  const spans = []
  let at = 0
  for (const part of splitLinks(s)) {
    if (part.href !== undefined) spans.push({ start: at, end: at + part.text.length, href: part.href })
    at += part.text.length
  }
  return spans
}

// Every maximal run of backticks, and for each the next run of the same length (-1 if none):
// one pass forward, one backward.
function backtickRuns (s) {
  const start = []
  const length = []
  for (let i = s.indexOf('`'); i !== -1; i = s.indexOf('`', i)) {
    const n = backtickRun(s, i)
    start.push(i)
    length.push(n)
    i += n
  }
  const next = new Array(start.length).fill(-1)
  const seen = new Map()
  for (let k = start.length - 1; k >= 0; k--) {
    next[k] = seen.get(length[k]) ?? -1
    seen.set(length[k], k)
  }
  start.push(Infinity) // a sentinel for the caller's pointer
  return { start, length, next }
}

const TARGET_STOP = new Set(['(', ')', '[', ']', '<', '>', '"', "'", '`', ' ', '\t', '\r', '\f', '\v'])

// For each index: where the next `]`, the next `[` and the next character that cannot be in a
// link target are (s.length if none), each table built in one backward pass.
function bracketTables (s) {
  const n = s.length
  const close = new Int32Array(n + 1)
  const open = new Int32Array(n + 1)
  const stop = new Int32Array(n + 1)
  close[n] = open[n] = stop[n] = n
  for (let i = n - 1; i >= 0; i--) {
    close[i] = s[i] === ']' ? i : close[i + 1]
    open[i] = s[i] === '[' ? i : open[i + 1]
    stop[i] = TARGET_STOP.has(s[i]) || isSpace(s[i]) ? i : stop[i + 1]
  }
  return { close, open, stop }
}

// [text](http(s)://target): text without brackets and not blank, target without spaces,
// brackets, parentheses or quotes. Anything else is not a link, and stays text.
function linkAt (s, at, { close, open, stop }) {
  const textEnd = close[at + 1]
  if (textEnd >= s.length || open[at + 1] < textEnd || s[textEnd + 1] !== '(') return null
  if (isBlank(s.slice(at + 1, textEnd))) return null
  const from = textEnd + 2
  const to = stop[from]
  if (s[to] !== ')') return null
  const target = s.slice(from, to)
  if (!/^https?:\/\//i.test(target)) return null
  const href = safeHref(target)
  return href == null ? null : { textEnd, target, href, end: to + 1 }
}

// One shape for every token (text, node or delimiter run), which keeps the loops below monomorphic.
class Token {
  constructor (text, node, delim, n) {
    this.text = text
    this.node = node
    this.delim = delim
    this.n = n
    this.canOpen = false
    this.canClose = false
    this.pair = -1
    this.dead = false
    this.flat = false
  }
}

function isSpace (c) {
  if (c > ' ' && c < '\x7f') return false // printable ASCII: the common case, without a regex
  return c === ' ' || /\s/.test(c)
}

function isWordChar (c) {
  if (c < '\x80') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
  return /[\p{L}\p{N}]/u.test(c)
}

// Pairs each closing delimiter with the nearest open one of the same kind (`*`, `**`, `_`, `__`);
// the ones opened in between can no longer close (pairs nest, never cross). Each delimiter is
// pushed and popped once.
function pairDelimiters (tokens) {
  const open = [] // indices of open delimiters, all kinds
  const byKind = [[], [], [], []] // *, **, _, __
  for (let t = 0; t < tokens.length; t++) {
    const d = tokens[t]
    if (d.delim === '') continue
    const same = byKind[(d.delim === '*' ? 0 : 2) + d.n - 1]
    if (d.canClose) {
      while (same.length > 0 && tokens[same.at(-1)].dead) same.pop()
      if (same.length > 0) {
        const o = same.pop()
        while (open.at(-1) !== o) tokens[open.pop()].dead = true
        open.pop()
        tokens[o].pair = t
        d.pair = o
        continue
      }
    }
    if (d.canOpen) {
      open.push(t)
      same.push(t)
    }
  }
}

// Tokens to nodes: paired delimiters become em/strong (up to MAX_INLINE_DEPTH), the rest text.
// Pairs nest, so each closer closes the innermost open element.
function build (tokens, out, depth) {
  const frames = [out]
  const push = node => {
    const list = frames.at(-1)
    const last = list.at(-1)
    if (node.type === 'text' && last?.type === 'text') last.text += node.text
    else list.push(node)
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.text !== null) push({ type: 'text', text: t.text })
    else if (t.node !== null) push(t.node)
    else if (t.pair === -1 || t.flat) push({ type: 'text', text: t.delim.repeat(t.n) })
    else if (t.pair > k) {
      if (depth + frames.length - 1 >= MAX_INLINE_DEPTH) {
        t.flat = tokens[t.pair].flat = true // too deep: both delimiters stay text
        push({ type: 'text', text: t.delim.repeat(t.n) })
      } else {
        const element = { type: t.n === 2 ? 'strong' : 'em', children: [] }
        push(element)
        frames.push(element.children)
      }
    } else {
      frames.pop()
    }
  }
}
