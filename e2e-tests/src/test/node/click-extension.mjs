// Presses the extension's toolbar button for real (DevTools Extensions.triggerAction, through
// puppeteer-core, which Selenium cannot do) on a page, and reports what opened.
//
//   node click-extension.mjs <extension dir> <client url> <page url> <screenshot.png>
//
// Prints one JSON line: {"opened": url, "state": status data-state, "servers": n, "empty": bool,
// "named": the page's title as shown, "address": the page's URL as shown}.
// Reuses the extension's own Chromium launcher (chrome-extension/test/browser/browser.js).
import { launchWithExtension, waitForUrl, DEADLINE_MS } from 'comments-chrome-extension/test/browser/browser.js'

const [dir, clientUrl, pageUrl, shot] = process.argv.slice(2)
const chromium = await launchWithExtension(dir)
try {
  const worker = await chromium.worker()
  await worker.evaluate(settings => chrome.storage.sync.set(settings), { clientUrl, openIn: 'tab', badge: false })
  // The service worker gives the button its popup (tab mode) once it sees the new settings.
  const deadline = Date.now() + DEADLINE_MS
  while ((await worker.evaluate(() => chrome.action.getPopup({}))) === '') {
    if (Date.now() > deadline) throw new Error('the button did not switch to tab mode')
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  const page = await chromium.browser.newPage()
  await page.goto(pageUrl, { waitUntil: 'load' })
  await page.bringToFront()
  await page.triggerExtensionAction(chromium.extension)
  const opened = await (await waitForUrl(chromium.browser, u => u.startsWith(clientUrl + '#'))).asPage()
  await opened.waitForFunction(() => document.querySelector("[data-testid='status']")?.dataset.state === 'ready',
    { timeout: 120_000, polling: 250 })
  const report = await opened.evaluate(() => ({
    state: document.querySelector("[data-testid='status']").dataset.state,
    servers: Number(document.querySelector("[data-testid='status-servers']").dataset.count),
    empty: document.querySelector("[data-testid='thread-empty']") != null,
    named: document.querySelector("[data-testid='page-title']")?.textContent ?? null,
    address: document.querySelector("[data-testid='page-url']")?.textContent ?? null
  }))
  await opened.screenshot({ path: shot })
  console.log(JSON.stringify({ opened: opened.url(), ...report }))
} finally {
  await chromium.close()
}
