#!/usr/bin/env node
// Checks a thread downloaded from the client (comments-<urlHash>.car or .json) offline,
// with the page's own verification code: for a CAR every block against its CID and the
// folder read from it; for either, every comment's id, signature, limits and page.
//
//   node scripts/verify-thread.mjs <file.car|file.json> [--quiet]
//
// Prints what verified (id, time, author, first line) and what was dropped and why.
// Exit codes: 0 every comment verified, 1 something was dropped or the file was refused,
// 100 wrong usage, 111 the file cannot be read.
import { readFile } from 'node:fs/promises'
import { ArchiveRefusedError, verifyArchive } from '../src/archive/verify-archive.js'

const args = process.argv.slice(2)
const quiet = args.includes('--quiet')
const files = args.filter(a => a !== '--quiet')
if (files.length !== 1 || files[0].startsWith('-')) {
  console.error('usage: node scripts/verify-thread.mjs <file.car|file.json> [--quiet]')
  process.exit(100)
}

let bytes
try {
  bytes = new Uint8Array(await readFile(files[0]))
} catch (err) {
  console.error(`error: cannot read ${files[0]}: ${err.message}`)
  process.exit(111)
}

let check
try {
  check = await verifyArchive(bytes)
} catch (err) {
  if (!(err instanceof ArchiveRefusedError)) throw err
  console.log(`refused: ${files[0]}: ${printable(err.message)}`)
  process.exit(1)
}

const page = check.urlHash ?? '(no comment names a page)'
console.log(`${files[0]}: ${check.kind === 'car' ? 'CAR' : 'JSON'} of page ${page}${check.url == null ? '' : ` (${printable(check.url)})`}`)
console.log(check.folderChecked
  ? `folder ${check.folder}: every block matches its CID`
  : `folder ${printable(check.folder)}: not checked (a JSON download carries the comments, not the folder; the CAR proves it)`)
console.log(`verified ${check.comments.length} comment${check.comments.length === 1 ? '' : 's'}`)
if (!quiet) {
  const sorted = [...check.comments].sort((a, b) => a.comment.ts - b.comment.ts)
  for (const { id, comment } of sorted) {
    const line = comment.text.split('\n')[0]
    console.log(`  ${id}  ${new Date(comment.ts).toISOString()}  ${printable(comment.author)}: ${printable(line.length > 72 ? `${line.slice(0, 71)}…` : line)}`)
  }
}
if (check.dropped.length > 0) {
  console.log(`dropped ${check.dropped.length}:`)
  for (const d of check.dropped) console.log(`  ${printable(d.name)}: ${d.code}${d.message ? ` (${printable(d.message)})` : ''}`)
}
process.exit(check.dropped.length === 0 ? 0 : 1)

// Comments are anyone's text: never let one send control sequences to the terminal.
function printable (text) {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd')
}
