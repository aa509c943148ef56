#!/usr/bin/env node
// Times stamping one comment (docs/protocol.md §3.9) in Debian's headless Chromium, for bench/run
// (not a test).
//
//   <Node 24> stamp-time.mjs '<json args>' <out.json>
//
// args: { chromium, url, worker, bits, reps, timeoutMs }: `url` is the client site (its origin
// and CSP), `worker` the path of its built stamp worker (assets/stamp-worker-*.js). Each rep
// stamps a fresh comment at `bits` with as many workers as the client starts (one per core the
// browser reports, at most four: client-site/src/write/stamper.js), and, as the reference, signs
// one at 0 bits through one worker (one signature and one hash). Writes
// { stamp: [ms...], sign: [ms...], tries: [...], workers } to out.json.
// The driver is puppeteer-core, resolved upward to the root's node_modules (see page-open.mjs).
import puppeteer from 'puppeteer-core'
import { writeFile } from 'node:fs/promises'

const args = JSON.parse(process.argv[2])
const outFile = process.argv[3]
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run']

// Runs in the page: the client's worker pool, as stamper.js runs it, around the same worker script.
async function stampAll ({ worker, bits, reps }) {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
  const publicKey = btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const count = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1))
  const pool = (fields, minBits, n) => new Promise((resolve, reject) => {
    const workers = []
    const tries = new Array(n).fill(0)
    const end = () => workers.forEach(w => w.terminate())
    for (let i = 0; i < n; i++) {
      const w = new Worker(worker, { type: 'module' })
      workers.push(w)
      w.onmessage = ({ data }) => {
        if (data.type === 'progress') tries[i] = data.tries
        else if (data.type === 'done') { end(); resolve({ tries: tries.reduce((a, b) => a + b, 0), nonce: data.comment.nonce }) } else { end(); reject(new Error(data.message)) }
      }
      w.postMessage({ fields, privateKey: pair.privateKey, publicKey, minBits, first: i, stride: n })
    }
  })
  const out = { stamp: [], sign: [], tries: [], workers: count }
  for (let rep = 0; rep < reps; rep++) {
    const fields = { url: 'a'.repeat(64), parent: null, author: 'Bench', text: `a comment of some length, number ${rep} `.repeat(8), ts: Date.now() }
    let t = performance.now()
    await pool(fields, 0, 1)
    out.sign.push(performance.now() - t)
    t = performance.now()
    const { tries } = await pool(fields, bits, count)
    out.stamp.push(performance.now() - t)
    out.tries.push(tries)
  }
  return out
}

const browser = await puppeteer.launch({ executablePath: args.chromium, headless: true, args: FLAGS, pipe: true })
try {
  const page = await browser.newPage()
  await page.goto(args.url, { waitUntil: 'domcontentloaded', timeout: args.timeoutMs })
  page.setDefaultTimeout(args.timeoutMs)
  const result = await page.evaluate(stampAll, { worker: args.worker, bits: args.bits, reps: args.reps })
  await writeFile(outFile, JSON.stringify(result))
} finally {
  await browser.close()
}
