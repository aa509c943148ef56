#!/usr/bin/env node
// Times "page open → thread shown" in Debian's headless Chromium, for bench/run (not a test).
//
//   <Node 24> page-open.mjs '<json args>' <out.json>
//
// args: { chromium, profiles, reps, count, timeoutMs, targets: [{ name, url, selector }] }
// For each run and each target: a fresh profile (cold: nothing cached, no remembered servers),
// open the URL, then close the tab and open it again in the same profile (warm). The time is
// taken inside the page: performance.now() (from navigation start) at the first animation
// frame after `count` elements match `selector`. Writes
// { <name>: { cold: [ms...], warm: [ms...] }, failures: [...] } to out.json.
//
// The driver is puppeteer-core, the JavaScript side's one browser driver (issue 19; the
// extension's tests and e2e-tests' click-extension.mjs use it too). It is not a dependency of
// its own here: this folder has no package.json, so Node resolves 'puppeteer-core' upward, to
// the repository root's node_modules, where the root's `npm ci` puts the extension's pinned
// copy (hoisted: the only package that needs it), one version and one lock for all. A workspace
// of its own would pin the same version a second time in the root's package.json and lock for
// a script that is not a package. puppeteer-core 25 needs Node >= 22.12: bench/run passes the
// extension's Node 24 (chrome-extension/scripts/install-node.sh) to the bench. It never
// downloads a browser: Debian's /usr/bin/chromium is used, over a pipe.
import puppeteer from 'puppeteer-core'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const args = JSON.parse(process.argv[2])
const outFile = process.argv[3]
// The flags STACK-NOTES gives for a quiet Chromium on a closed network, as the extension's
// launcher passes them (chrome-extension/test/browser/browser.js).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run']
// Playwright's default viewport, which the bench's figures were first taken with (puppeteer's
// own default is 800 × 600): the same layout, so the same amount of the thread is painted.
const VIEWPORT = { width: 1280, height: 720 }

const result = { failures: [] }
for (const t of args.targets) result[t.name] = { cold: [], warm: [] }

// Runs in the page before any of its scripts (page.evaluateOnNewDocument).
function recordShown ({ selector, count }) {
  const check = () => {
    if (window.__benchDomAt != null) return
    if (document.querySelectorAll(selector).length >= count) {
      window.__benchDomAt = performance.now()
      requestAnimationFrame(() => { window.__benchShownAt = performance.now() })
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state']
  })
  document.addEventListener('DOMContentLoaded', check)
}

async function open (browser, target) {
  const page = await browser.newPage()
  page.on('console', m => { if (m.type() === 'error') console.log(`[${target.name}] console: ${m.text()}`) })
  page.on('pageerror', e => console.log(`[${target.name}] page error: ${e?.message ?? e}`))
  try {
    await page.evaluateOnNewDocument(recordShown, { selector: target.selector, count: args.count })
    // Only until the document is there: the time that counts is taken inside the page.
    await page.goto(target.url, { waitUntil: 'domcontentloaded', timeout: args.timeoutMs })
    await page.waitForFunction(() => window.__benchShownAt != null, { timeout: args.timeoutMs, polling: 50 })
    return await page.evaluate(() => ({ shown: window.__benchShownAt, dom: window.__benchDomAt }))
  } catch (err) {
    let state = null
    try {
      state = await page.evaluate(() => ({
        status: document.querySelector('[data-testid="status"]')?.getAttribute('data-state') ?? null,
        activity: document.querySelector('[data-testid="status-activity"]')?.textContent ?? null,
        shown: document.querySelectorAll('[data-testid="comment"]').length
      }))
    } catch { /* the page is gone */ }
    throw Object.assign(new Error(err.message.split('\n')[0]), { state })
  } finally {
    await page.close().catch(() => {})
  }
}

await mkdir(args.profiles, { recursive: true })
for (let rep = 1; rep <= args.reps; rep++) {
  for (const target of args.targets) {
    const profile = join(args.profiles, `${target.name}-${rep}`)
    await rm(profile, { recursive: true, force: true })
    // A persistent profile of our own (userDataDir: puppeteer leaves it in place), so the warm
    // open finds the cache and localStorage the cold one left.
    const browser = await puppeteer.launch({
      executablePath: args.chromium, pipe: true, headless: true, userDataDir: profile,
      defaultViewport: VIEWPORT, args: FLAGS
    })
    try {
      // The browser opens with one blank tab; it stays, so the browser lives between opens.
      for (const mode of ['cold', 'warm']) {
        try {
          const t = await open(browser, target)
          result[target.name][mode].push(t.shown)
          console.log(`${target.name} ${mode} run ${rep}: shown at ${t.shown.toFixed(0)} ms (DOM ${t.dom.toFixed(0)} ms)`)
        } catch (err) {
          result.failures.push({ target: target.name, mode, rep, error: err.message, state: err.state ?? null })
          console.log(`${target.name} ${mode} run ${rep}: FAILED ${err.message} ${JSON.stringify(err.state ?? null)}`)
        }
      }
    } finally {
      await browser.close()
    }
  }
}
await writeFile(outFile, JSON.stringify(result, null, 2) + '\n')
