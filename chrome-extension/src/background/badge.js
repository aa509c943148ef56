/**
 * The opt-in badge: the comment count of the active tab's page on the toolbar button.
 * Refreshed when a tab becomes active, loads a new page or its window gets the focus.
 * A count younger than the cache's fresh time is shown at once without asking again.
 * Nothing here waits on the network before returning to Chrome's event, and only a
 * short prefix of the urlHash leaves the browser (fetch-count.js): servers answer the
 * counts of every page in that bucket, so none learns which page a tab shows. Reading tabs' addresses needs the optional host
 * permissions, which the options page asks for when the badge is turned on.
 */
import { pageKeyOfTab } from '../shared/comments-target.js'
import { BADGE_ORIGINS } from '../shared/badge-permission.js'
import { reportUnexpected } from '../shared/errors.js'

export const BADGE_COLOR = '#3b5bdb'

/**
 * What the badge shows for a count: nothing for none, the number up to 999, then "1k+".
 *
 * @param {number} count
 */
export function badgeText (count) {
  if (!Number.isInteger(count) || count <= 0) return ''
  if (count < 1000) return String(count)
  return count < 10_000 ? `${Math.floor(count / 1000)}k+` : '9k+'
}

export class Badge {
  /**
   * @param {object} components
   * @param {ReturnType<typeof import('../chrome-api.js').createChromeApi>} components.api
   * @param {import('./badge-cache.js').BadgeCache} components.cache
   * @param {{ count: (clientUrl: string, urlHash: string) => Promise<number> }} components.counter
   * @param {() => Promise<{ clientUrl: string, badge: boolean }>} components.settings
   * @param {{ error: Function }} [components.log]
   */
  constructor (components) {
    this.api = components.api
    this.cache = components.cache
    this.counter = components.counter
    this.settings = components.settings
    this.log = components.log ?? console
    /** tabId → the urlHash whose count the tab's badge should show */
    this.showing = new Map()
    /** urlHash → a count being fetched */
    this.inflight = new Map()
  }

  /** True when the user turned the badge on and Chrome still grants its permissions. */
  async enabled () {
    const { badge } = await this.settings()
    return badge && await this.api.hasHostPermission([...BADGE_ORIGINS])
  }

  /**
   * Brings one tab's badge up to date. Resolves when the badge shows the final value
   * (tests wait for it; Chrome's listeners do not).
   *
   * @param {number} tabId
   */
  async refreshTab (tabId) {
    try {
      if (!await this.enabled()) return
      const tab = await this.api.getTab(tabId)
      if (tab == null || !tab.active) return
      let urlHash
      try {
        ({ urlHash } = await pageKeyOfTab(tab.url))
      } catch {
        this.showing.delete(tabId)
        await this.api.setBadgeText(tabId, '')
        return
      }
      this.showing.set(tabId, urlHash)
      const cached = this.cache.get(urlHash)
      if (cached != null) await this.api.setBadgeText(tabId, badgeText(cached.count))
      if (cached?.fresh) return
      if (cached == null) await this.api.setBadgeText(tabId, '')
      const count = await this.countOf(urlHash)
      if (this.showing.get(tabId) === urlHash && count != null) await this.api.setBadgeText(tabId, badgeText(count))
    } catch (err) {
      reportUnexpected('updating the badge', err, this.log)
    }
  }

  /** Refreshes the active tab of every window. */
  async refreshActive () {
    const tabs = await this.api.activeTabs()
    await Promise.all(tabs.map(t => this.refreshTab(t.id)))
  }

  /** Removes the count from every tab (the badge was turned off or the client changed). */
  async clearAll () {
    this.showing.clear()
    const ids = await this.api.allTabIds()
    await Promise.all(ids.map(id => this.api.setBadgeText(id, '').catch(() => {})))
  }

  /** Forgets a closed tab. */
  forget (tabId) {
    this.showing.delete(tabId)
  }

  /** The count of a hash, fetched once however many tabs ask; null when no server could tell. */
  countOf (urlHash) {
    let pending = this.inflight.get(urlHash)
    if (pending == null) {
      pending = (async () => {
        const { clientUrl } = await this.settings()
        try {
          const count = await this.counter.count(clientUrl, urlHash)
          this.cache.set(urlHash, count)
          return count
        } catch (err) {
          reportUnexpected('counting comments', err, this.log)
          return null
        }
      })().finally(() => this.inflight.delete(urlHash))
      this.inflight.set(urlHash, pending)
    }
    return pending
  }
}
