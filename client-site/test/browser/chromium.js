/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by puppeteer-core over a pipe, for the
 * client's tests in a browser: each browser gets a fresh profile, removed on close.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer from 'puppeteer-core'

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'
/** Screenshots of the states these tests reach, for people to look at. */
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../target/screenshots')
/**
 * How long any one thing may take before a test fails (no test sleeps for a time). Generous:
 * in `./dev test` these tests share two cores with `mvn verify`.
 */
export const DEADLINE_MS = 60_000

const AXE = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'))

/**
 * A headless Chromium with a profile of its own.
 *
 * @param {{ args?: string[] }} [options] more command-line switches, e.g. `--accept-lang=de`
 *   (what `navigator.languages` says; headless Chromium ignores `--lang`)
 */
export async function openChromium ({ args = [] } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'comments-client-profile-'))
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    pipe: true,
    headless: true,
    defaultViewport: { width: 1000, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, ...args
    ]
  })
  return {
    browser,
    /** A new tab whose page errors and failed console lines are collected in `errors`. */
    async newPage () {
      const page = await browser.newPage()
      page.setDefaultTimeout(DEADLINE_MS)
      page.errors = []
      page.on('pageerror', err => page.errors.push(err.message))
      return page
    },
    async close () {
      await browser.close().catch(() => {})
      await rm(profile, { recursive: true, force: true })
    }
  }
}

/** A screenshot of this state under target/screenshots/. */
export async function screenshot (page, name) {
  await mkdir(SCREENSHOTS, { recursive: true })
  // The whole page only when it is taller than the window: Chromium's full-page capture of a short
  // right-to-left page draws it shifted by the width of the content box (the page itself is not).
  const taller = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: taller })
}

/** axe-core on the page as shown (as the end-to-end suite runs it): no serious or critical violation. */
export async function assertAccessible (page) {
  // axe is loaded once per document: a second load on the same page would be a second copy
  if (!await page.evaluate(() => typeof axe !== 'undefined')) await page.evaluate(await readFile(AXE, 'utf8'))
  const violations = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] })
    .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => `${v.id}: ${v.help} (${v.nodes.length})`)))
  assert.deepEqual(violations, [])
}

/**
 * Posts a comment as a reader does (name, text, Post) and waits until the page shows it in one of
 * `states` (the server took it: 'posted'; read back from the folder: 'verified').
 */
export async function postInPage (page, author, text, states = ['posted', 'verified']) {
  await page.$eval('[data-testid="author-input"]', input => { input.value = '' })
  await page.type('[data-testid="author-input"]', author)
  await page.type('[data-testid="composer"] [data-testid="text-input"]', text)
  await page.click('[data-testid="composer"] [data-testid="post-button"]')
  await page.waitForFunction((t, states) => [...document.querySelectorAll('[data-testid="comment"]')]
    .some(c => c.textContent.includes(t) && states.includes(c.dataset.state)), { timeout: DEADLINE_MS }, text, states)
}

/** Waits until the page's status line says the thread is read ("ready"). */
export function awaitReady (page) {
  return page.waitForSelector('[data-testid="status"][data-state="ready"]')
}
