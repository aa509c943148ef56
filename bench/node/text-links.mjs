#!/usr/bin/env node
// Times the client's text processing on the draw path (client-site/src/ui/links.js, splitLinks)
// over 1,000 comments of 5,000 characters with links, pathological and ordinary, against the
// same number of comments of 5,000 characters without links, in one run, for bench/run (not a
// test; issue 21, "bounded work": the split must be linear in the text, so the ratio stays small).
// The same for the text format's parser (client-site/src/ui/markdown.js, parseMarkdown; issue 22,
// point 6): 1,000 comments of pathological markup (runs of *, [, backticks, >, deep nesting)
// against 1,000 of ordinary formatted text and the plain set, all 5,000 characters.
//
//   node text-links.mjs '<json args>' <out.json>
//
// args: { reps }. Each rep splits (parses) every comment of each set once. Writes
// { plain, ordinary, pathological, markdownPlain, markdownOrdinary, markdownPathological: [ms...],
//   comments, chars } to out.json.
import { writeFile } from 'node:fs/promises'
import { splitLinks } from '../../client-site/src/ui/links.js'
import { parseMarkdown } from '../../client-site/src/ui/markdown.js'

const args = JSON.parse(process.argv[2] ?? '{}')
const outFile = process.argv[3]
const COMMENTS = 1000
const CHARS = 5000

const fit = s => s.slice(0, CHARS).padEnd(CHARS, ' ')
// The same length and the same kind of characters (letters, spaces, punctuation), no link.
const plain = i => fit(`comment ${i}: a sentence of words, with commas; and stops. `.repeat(90))
// What readers write: a few links among words.
const ordinary = i => fit(`see https://example.org/page/${i}?q=1 and (https://en.wikipedia.org/wiki/Foo_(bar)), then words. `.repeat(60))
// What quadratic code chokes on: long runs of punctuation inside and after URLs, and many links.
const pathological = [
  i => fit(`https://e.com/${i}${'.'.repeat(CHARS - 30)}a`),
  i => fit(`see https://e.com/${i}${')'.repeat(CHARS - 30)}`),
  i => fit(`(https://e.com/(${i}${')).,;:!?)]}*_~'.repeat(350)}`),
  i => fit(`https://a.b/?q=${i}). `.repeat(250))
]
// What readers write in the format, and what a parser with a naive search or no depth bound chokes on.
const formatted = i => fit(`**Point ${i}**: see *this* and \`code()\`, [a link](https://example.org/${i}) or https://e.com/x.\n> a quote with _emphasis_\n\n`.repeat(40))
const markupAttacks = [
  () => '*'.repeat(CHARS), () => '['.repeat(CHARS), () => '` ``'.repeat(CHARS / 4), () => '>'.repeat(CHARS), () => '>\n'.repeat(CHARS / 2),
  () => fit('*a '.repeat(CHARS / 3)), () => '[a]('.repeat(CHARS / 4), () => fit('**a _b '.repeat(CHARS / 7)),
  () => fit('[a](https://e.com/'.repeat(CHARS / 18)), () => fit('https://e.com/' + '*_'.repeat(CHARS / 2)), () => '```\n'.repeat(CHARS / 4)
]
const sets = {
  plain: Array.from({ length: COMMENTS }, (_, i) => plain(i)),
  ordinary: Array.from({ length: COMMENTS }, (_, i) => ordinary(i)),
  pathological: Array.from({ length: COMMENTS }, (_, i) => pathological[i % pathological.length](i)),
  formatted: Array.from({ length: COMMENTS }, (_, i) => formatted(i)),
  markupAttacks: Array.from({ length: COMMENTS }, (_, i) => markupAttacks[i % markupAttacks.length]())
}

const out = { plain: [], ordinary: [], pathological: [], markdownPlain: [], markdownOrdinary: [], markdownPathological: [], comments: COMMENTS, chars: CHARS }
const runs = [
  ['plain', 'plain', splitLinks], ['ordinary', 'ordinary', splitLinks], ['pathological', 'pathological', splitLinks],
  ['markdownPlain', 'plain', parseMarkdown], ['markdownOrdinary', 'formatted', parseMarkdown], ['markdownPathological', 'markupAttacks', parseMarkdown]
]
let parts = 0
for (const [, set, fn] of runs) for (const t of sets[set]) parts += fn(t).length // warm up
for (let rep = 0; rep < (args.reps ?? 3); rep++) {
  for (const [name, set, fn] of runs) {
    const t = performance.now()
    for (const text of sets[set]) parts += fn(text).length
    out[name].push(performance.now() - t)
  }
}
out.parts = parts
const json = JSON.stringify(out)
if (outFile) await writeFile(outFile, json)
else console.log(json)
