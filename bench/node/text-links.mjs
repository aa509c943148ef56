#!/usr/bin/env node
// Times the client's text processing on the draw path (client-site/src/ui/links.js, splitLinks)
// over 1,000 comments of 5,000 characters with links, pathological and ordinary, against the
// same number of comments of 5,000 characters without links, in one run, for bench/run (not a
// test; issue 21, "bounded work": the split must be linear in the text, so the ratio stays small).
//
//   node text-links.mjs '<json args>' <out.json>
//
// args: { reps }. Each rep splits every comment of each set once. Writes
// { plain: [ms...], ordinary: [ms...], pathological: [ms...], comments, chars } to out.json.
import { writeFile } from 'node:fs/promises'
import { splitLinks } from '../../client-site/src/ui/links.js'

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
const sets = {
  plain: Array.from({ length: COMMENTS }, (_, i) => plain(i)),
  ordinary: Array.from({ length: COMMENTS }, (_, i) => ordinary(i)),
  pathological: Array.from({ length: COMMENTS }, (_, i) => pathological[i % pathological.length](i))
}

const out = { plain: [], ordinary: [], pathological: [], comments: COMMENTS, chars: CHARS }
let parts = 0
for (const name of Object.keys(sets)) for (const t of sets[name]) parts += splitLinks(t).length // warm up
for (let rep = 0; rep < (args.reps ?? 3); rep++) {
  for (const name of ['plain', 'ordinary', 'pathological']) {
    const t = performance.now()
    for (const text of sets[name]) parts += splitLinks(text).length
    out[name].push(performance.now() - t)
  }
}
out.parts = parts
const json = JSON.stringify(out)
if (outFile) await writeFile(outFile, json)
else console.log(json)
