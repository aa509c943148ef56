/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension installed, driven
 * by puppeteer-core over a pipe. The toolbar button is pressed for real through DevTools
 * (Extensions.triggerAction). Each browser gets a fresh profile, removed on close.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer from 'puppeteer-core'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST = join(ROOT, 'dist')
export const SCREENSHOTS = join(ROOT, 'target')
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'

/**
 * How long any one thing may take before a test fails (no test sleeps for a time). 60 s: in
 * `./dev test` these tests run beside `mvn verify` on two cores, where a side panel's frame once
 * took longer than 20 s to show its page; a passing test waits no longer for a longer deadline.
 */
export const DEADLINE_MS = 60_000

export async function launchWithExtension (dir = DIST) {
  const profile = await mkdtemp(join(tmpdir(), 'comments-ext-profile-'))
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    pipe: true,
    enableExtensions: true,
    headless: true,
    defaultViewport: { width: 1000, height: 700 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      `--user-data-dir=${profile}`,
      // The side panel (chrome-extension://) frames the client (http://): with site isolation the
      // frame moves to a process of its own, and puppeteer-core sometimes attaches it to the
      // panel's session, where it never answers (a 60 s timeout, seen in a clean-clone run; the
      // same in client-site's embed.test.js). In one process the frame reads the same.
      '--disable-site-isolation-trials'
    ]
  })
  const id = await browser.installExtension(dir)
  const extension = (await browser.extensions()).get(id)
  const workerTarget = await browser.waitForTarget(t => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`), { timeout: DEADLINE_MS })
  return {
    browser,
    id,
    extension,
    origin: `chrome-extension://${id}`,
    worker: () => workerTarget.worker(),
    async close () {
      await browser.close()
      await rm(profile, { recursive: true, force: true })
    }
  }
}

/** The first target (existing or new) whose URL passes the test. */
export function waitForUrl (browser, test) {
  return browser.waitForTarget(t => test(t.url()), { timeout: DEADLINE_MS })
}

/** A screenshot of this scenario under target/. */
export async function screenshot (page, name) {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}
