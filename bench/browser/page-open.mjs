#!/usr/bin/env node
// Times "page open → thread shown" in Debian's headless Chromium, for bench/run (not a test).
//
//   node page-open.mjs '<json args>' <out.json>
//
// args: { chromium, profiles, reps, count, timeoutMs, targets: [{ name, url, selector }] }
// For each run and each target: a fresh profile (cold: nothing cached, no remembered servers),
// open the URL, then close the tab and open it again in the same profile (warm). The time is
// taken inside the page: performance.now() (from navigation start) at the first animation
// frame after `count` elements match `selector`. Writes
// { <name>: { cold: [ms...], warm: [ms...] }, failures: [...] } to out.json.
import { chromium } from 'playwright-core'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const args = JSON.parse(process.argv[2])
const outFile = process.argv[3]
// The flags STACK-NOTES gives for a quiet Chromium on a closed network (--headless and
// --no-sandbox come from headless: true and chromiumSandbox: false).
const FLAGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run']

const result = { failures: [] }
for (const t of args.targets) result[t.name] = { cold: [], warm: [] }

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

async function open (context, target) {
  const page = await context.newPage()
  page.on('console', m => { if (m.type() === 'error') console.log(`[${target.name}] console: ${m.text()}`) })
  page.on('pageerror', e => console.log(`[${target.name}] page error: ${e.message}`))
  try {
    await page.goto(target.url, { waitUntil: 'commit', timeout: args.timeoutMs })
    await page.waitForFunction(() => window.__benchShownAt != null, null, { timeout: args.timeoutMs, polling: 50 })
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
    await page.close()
  }
}

await mkdir(args.profiles, { recursive: true })
for (let rep = 1; rep <= args.reps; rep++) {
  for (const target of args.targets) {
    const profile = join(args.profiles, `${target.name}-${rep}`)
    await rm(profile, { recursive: true, force: true })
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: args.chromium, headless: true, chromiumSandbox: false, args: FLAGS
    })
    await context.addInitScript(recordShown, { selector: target.selector, count: args.count })
    // The persistent context opens with one blank tab; it stays, so the browser lives between opens.
    for (const mode of ['cold', 'warm']) {
      try {
        const t = await open(context, target)
        result[target.name][mode].push(t.shown)
        console.log(`${target.name} ${mode} run ${rep}: shown at ${t.shown.toFixed(0)} ms (DOM ${t.dom.toFixed(0)} ms)`)
      } catch (err) {
        result.failures.push({ target: target.name, mode, rep, error: err.message, state: err.state ?? null })
        console.log(`${target.name} ${mode} run ${rep}: FAILED ${err.message} ${JSON.stringify(err.state ?? null)}`)
      }
    }
    await context.close()
  }
}
await writeFile(outFile, JSON.stringify(result, null, 2) + '\n')
