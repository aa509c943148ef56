// The text format of comments (issue 22, point 6; docs/adr/015-text-format.md): what each
// construct becomes, that hostile text stays text, and properties over any string. The DOM it
// becomes is checked in Chromium (browser/text-format.test.js); its time is in the bench (part `text`).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { MAX_INLINE_DEPTH, MAX_QUOTE_DEPTH, parseMarkdown, visibleText } from '../src/ui/markdown.js'
import { splitLinks } from '../src/ui/links.js'

const text = t => ({ type: 'text', text: t })
const p = (...children) => ({ type: 'p', children })
const em = (...children) => ({ type: 'em', children })
const strong = (...children) => ({ type: 'strong', children })
const br = { type: 'br' }
const quote = (...children) => ({ type: 'blockquote', children })
const bare = url => ({ type: 'a', href: new URL(url).href, children: [text(url)] })

describe('text format', () => {
  it('makes paragraphs at blank lines and line breaks at single newlines', () => {
    assert.deepEqual(parseMarkdown('one\ntwo\n\n \t\nthree'), [p(text('one'), br, text('two')), p(text('three'))])
  })

  it('makes emphasis and strong of * and _, and leaves unpaired or spaced ones as text', () => {
    assert.deepEqual(parseMarkdown('*a* _b_ **c** __d__'), [p(em(text('a')), text(' '), em(text('b')), text(' '), strong(text('c')), text(' '), strong(text('d')))])
    assert.deepEqual(parseMarkdown('**a *b* c**'), [p(strong(text('a '), em(text('b')), text(' c')))])
    for (const plain of ['2 * 3 * 4', 'snake_case_name', '*open', 'close*', '***three***', '** x**', 'a_b_']) {
      assert.deepEqual(parseMarkdown(plain), [p(text(plain))], plain)
    }
  })

  it('keeps everything inside `code` and fenced blocks as written', () => {
    assert.deepEqual(parseMarkdown('a `*b* [c](https://e.com)` d'), [p(text('a '), { type: 'code', text: '*b* [c](https://e.com)' }, text(' d'))])
    assert.deepEqual(parseMarkdown('``a ` b``'), [p({ type: 'code', text: 'a ` b' })])
    assert.deepEqual(parseMarkdown('x\n```js\n<b>*y*</b>\n\n  z\n```\nw'),
      [p(text('x')), { type: 'pre', info: 'js', text: '<b>*y*</b>\n\n  z' }, p(text('w'))])
    assert.deepEqual(parseMarkdown('```\nnever closed\n\n> x'), [{ type: 'pre', info: '', text: 'never closed\n\n> x' }], 'to the end, as CommonMark')
    assert.deepEqual(parseMarkdown('    indented'), [p(text('    indented'))], 'no indented code blocks')
  })

  it('makes block quotes of > lines, nested up to MAX_QUOTE_DEPTH', () => {
    assert.deepEqual(parseMarkdown('> a\n>b\n> > c\nd'), [quote(p(text('a'), br, text('b')), quote(p(text('c')))), p(text('d'))])
    assert.deepEqual(parseMarkdown('> ```\n> *x*\n> ```'), [quote({ type: 'pre', info: '', text: '*x*' })])
    let deep = parseMarkdown('>'.repeat(MAX_QUOTE_DEPTH + 3) + ' x')
    for (let d = 0; d < MAX_QUOTE_DEPTH; d++) deep = deep[0].children
    assert.deepEqual(deep, [p(text('>>> x'))], 'deeper > are text')
  })

  it('links [text](http(s)://…) and bare http(s) URLs, nothing else', () => {
    assert.deepEqual(parseMarkdown('[the *page*](https://e.com/a?b=1) and https://x.org/y.'), [p(
      { type: 'a', href: 'https://e.com/a?b=1', target: 'https://e.com/a?b=1', children: [text('the '), em(text('page'))] },
      text(' and '), bare('https://x.org/y'), text('.'))])
    for (const hostile of ['[x](javascript:alert(1))', '[x](data:text/html,<script>alert(1)</script>)', '[x](/relative)', '[x](//e.com)',
      '[x](ftp://e.com)', '[x](JaVaScRiPt:alert(1))', '[](https://e.com)', '[x] (https://e.com)']) {
      const links = [...anchors(parseMarkdown(hostile))]
      assert.ok(links.every(a => /^https?:$/.test(new URL(a.href).protocol)), hostile)
      assert.ok(links.every(a => a.target === undefined), `${hostile}: no [text](target) link`)
      assert.equal(visibleText(parseMarkdown(hostile)), hostile, `${hostile}: shown as written`)
    }
  })

  it('shows raw HTML and headings as the text they are, and an image as a link to it (nothing is loaded)', () => {
    assert.deepEqual(parseMarkdown('![alt](https://e.com/i.png)'), [p(text('!'), { type: 'a', href: 'https://e.com/i.png', target: 'https://e.com/i.png', children: [text('alt')] })])
    for (const t of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '# Title', '## Sub', '&lt;b&gt;']) {
      assert.deepEqual(parseMarkdown(t).flatMap(b => b.children).filter(n => n.type !== 'text' && n.type !== 'a'), [], t)
      assert.equal(visibleText(parseMarkdown(t)), t)
    }
  })

  it('nests emphasis at most MAX_INLINE_DEPTH deep', () => {
    const nested = '*a '.repeat(50) + 'x' + '*'.repeat(50)
    assert.ok(depth(parseMarkdown(nested)) <= 1 + MAX_INLINE_DEPTH)
  })

  // Issue 21, "bounded work": inputs built to make a naive parser quadratic or deep. Only what
  // comes out is checked here; their time is in the bench (part `text`).
  it('renders pathological 5,000-character texts as text, shallow', () => {
    for (const t of ['*'.repeat(5000), '_'.repeat(5000), '['.repeat(5000), '`'.repeat(5000), '` ``'.repeat(1250), '>'.repeat(2500) + 'x',
      '> '.repeat(2500), '>\n'.repeat(2500), '*a '.repeat(1666), '**a _b '.repeat(714), '[a](https://e.com/'.repeat(277), '[a]('.repeat(1000),
      '```\n'.repeat(1250), 'https://e.com/' + '*_'.repeat(2490)]) {
      const blocks = parseMarkdown(t)
      assert.ok(depth(blocks) <= MAX_QUOTE_DEPTH + 3 + MAX_INLINE_DEPTH, t.slice(0, 10))
      assertNothingLost(t, blocks)
    }
  })

  it('finds bare links exactly as splitLinks in text without other markup (property)', () => {
    const unit = fc.constantFrom('https://', 'http://', 'e.com', '/', '.', ',', '!', '"', "'", '~', '}', ' ', 'a', '<', 'HTTPS://', 'x', '(', ')')
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), t => {
      fc.pre(!isBlankText(t))
      const expected = splitLinks(t).map(part => part.href === undefined ? text(part.text) : { type: 'a', href: part.href, children: [text(part.text)] })
      assert.deepEqual(parseMarkdown(t), [p(...merged(expected))])
    }), { numRuns: 1000 })
  })

  // Every string, not only rule-valid comments: whatever a server or the composer hands over.
  const markupHeavy = fc.string({
    unit: fc.constantFrom('*', '**', '_', '__', '`', '```', '>', '> ', '[', ']', '(', ')', '](', '[a](https://e.com/x)', 'https://e.com/',
      'http://a.b', 'javascript:alert(1)', 'data:x', '\n', '\n\n', ' ', '\t', '\r', 'a', 'b', 'é', '😀', '\ud800', '<', '&', '#', '\\', '!'),
    maxLength: 120
  })
  const anyText = fc.oneof(markupHeavy, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }))

  it('renders any string: only allowed nodes, http(s) links, bounded depth, nothing but markup lost (property)', () => {
    fc.assert(fc.property(anyText, t => {
      const blocks = parseMarkdown(t)
      assertAllowed(blocks)
      assert.ok(depth(blocks) <= MAX_QUOTE_DEPTH + 3 + MAX_INLINE_DEPTH)
      assertNothingLost(t, blocks)
    }), { numRuns: 3000 })
  })
})

// Markup (markdown.js's header): the only characters of the input a reader may not see as text.
const MARKUP = new Set(['*', '_', '`', '>', '[', ']', '(', ')', ' ', '\t', '\r', '\n'])

/**
 * The shown text, with each link's written target and each fence's info string in their places,
 * is the input with some markup characters left out: nothing else is lost, nothing added or moved.
 */
function assertNothingLost (input, blocks) {
  let stream = ''
  const walk = list => {
    for (const n of list) {
      if (n.type === 'text' || n.type === 'code') stream += n.text
      else if (n.type === 'pre') stream += n.info + n.text
      else if (n.children) {
        walk(n.children)
        if (n.type === 'a' && n.target !== undefined) stream += n.target
      }
    }
  }
  walk(blocks)
  let j = 0
  for (const c of stream) {
    while (j < input.length && !input.startsWith(c, j)) {
      assert.ok(MARKUP.has(input[j]), `"${input[j]}" at ${j} of ${JSON.stringify(input.slice(0, 200))} is lost`)
      j++
    }
    assert.ok(j < input.length, `"${c}" was added: ${JSON.stringify(stream.slice(0, 200))} from ${JSON.stringify(input.slice(0, 200))}`)
    j += c.length
  }
  for (; j < input.length; j++) assert.ok(MARKUP.has(input[j]), `"${input[j]}" at ${j} of ${JSON.stringify(input.slice(0, 200))} is lost`)
}

const ALLOWED = new Set(['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'a', 'text'])
function assertAllowed (list) {
  for (const n of list) {
    assert.ok(ALLOWED.has(n.type), n.type)
    if (n.type === 'a') assert.match(n.href, /^https?:\/\//)
    if (n.children) assertAllowed(n.children)
  }
}

function * anchors (list) {
  for (const n of list) {
    if (n.type === 'a') yield n
    if (n.children) yield * anchors(n.children)
  }
}

function depth (list) {
  let max = 0
  for (const n of list) max = Math.max(max, 1 + (n.children ? depth(n.children) : 0))
  return max
}

function merged (nodes) {
  const out = []
  for (const n of nodes) {
    if (n.type === 'text' && out.at(-1)?.type === 'text') out.at(-1).text += n.text
    else out.push(n)
  }
  return out
}

function isBlankText (t) {
  return /^[ \t\r]*$/.test(t)
}
