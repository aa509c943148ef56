/**
 * A click on the toolbar button in panel mode (the button has no popup then; see
 * action-mode.js). The side panel is opened synchronously, before any await, because
 * Chrome refuses `sidePanel.open()` once the click's user gesture is gone. The panel
 * page itself reads the tab, hashes its URL and shows the comments or the refusal.
 * If the panel cannot open, the comments open in a new tab instead.
 */
import { commentsPageFor } from '../shared/comments-target.js'
import { panelPath } from '../shared/pages.js'
import { isExpected, reportUnexpected } from '../shared/errors.js'

export class ActionClick {
  /**
   * @param {object} components
   * @param {ReturnType<typeof import('../chrome-api.js').createChromeApi>} components.api
   * @param {() => Promise<{ clientUrl: string, openIn: string }>} components.settings current settings
   * @param {() => ({ openIn: string } | null)} components.knownSettings settings if already loaded, without waiting
   * @param {{ error: Function, warn: Function }} [components.log]
   * @param {{ now?: () => number }} [init]
   */
  constructor (components, init = {}) {
    this.api = components.api
    this.settings = components.settings
    this.knownSettings = components.knownSettings
    this.log = components.log ?? console
    this.now = init.now ?? Date.now
    this.clicks = 0
  }

  /**
   * The onClicked listener. Returns a promise for tests; Chrome ignores it.
   *
   * @param {{ id: number, index: number, windowId: number, url?: string, title?: string }} tab
   */
  handle (tab) {
    const known = this.knownSettings()
    if (known?.openIn === 'tab' || !this.api.hasSidePanel) return this.openInTab(tab)
    const path = panelPath(tab.id, `${this.now()}-${++this.clicks}`)
    return this.api.openSidePanel(tab.id, path).catch(err => {
      this.log.warn('comments extension: the side panel did not open, using a tab', err)
      return this.openInTab(tab)
    })
  }

  async openInTab (tab) {
    try {
      const { clientUrl } = await this.settings()
      const { url } = await commentsPageFor(tab.url, clientUrl, tab.title)
      await this.api.createTab({ url, nextTo: tab })
    } catch (err) {
      // A refused page opens nothing; in tab mode the popup is what says so.
      if (!isExpected(err)) reportUnexpected('opening the comments', err, this.log)
    }
  }
}
