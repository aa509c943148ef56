/**
 * The service worker: wiring only. Listeners are registered synchronously at the top,
 * as Chrome requires for a worker it wakes up for an event.
 */
import { createChromeApi } from '../chrome-api.js'
import { reportUnexpected } from '../shared/errors.js'
import { badgeStatus, errorAnswer, isRequest } from '../shared/messages.js'
import { SettingsStore } from '../shared/settings-store.js'
import { ActionClick } from './action-click.js'
import { applyActionMode } from './action-mode.js'
import { Badge, BADGE_COLOR } from './badge.js'
import { BadgeCache } from './badge-cache.js'
import { CommentCounter } from './comment-count.js'
import { RememberedStorage } from './remembered-storage.js'

const CACHE_KEY = 'badgeCache'

const api = createChromeApi()
const settings = new SettingsStore(api)
const cache = new BadgeCache()
const counter = new CommentCounter({ storage: new RememberedStorage(api) })
const badge = new Badge({ api, cache, counter, settings: () => settings.load() })
const click = new ActionClick({ api, settings: () => settings.load(), knownSettings: () => settings.known })

const restored = api.getSessionValue(CACHE_KEY).then(saved => cache.restore(saved), () => {})
const saveCache = () => api.setSessionValue(CACHE_KEY, cache.toJSON()).catch(() => {})
const refresh = tabId => restored.then(() => badge.refreshTab(tabId)).then(saveCache)
let previous = null

api.onActionClicked(tab => { click.handle(tab) })

api.onStartup(() => {
  settings.load().then(s => applyActionMode(api, s)).catch(err => reportUnexpected('setting up the button', err))
  api.setBadgeColor(BADGE_COLOR).catch(() => {})
})

settings.onChange(async s => {
  try {
    await applyActionMode(api, s)
    if (previous != null && (previous.clientUrl !== s.clientUrl || previous.badge !== s.badge)) {
      if (previous.clientUrl !== s.clientUrl) cache.clear()
      await badge.clearAll()
      if (s.badge) await restored.then(() => badge.refreshActive()).then(saveCache)
    }
    previous = s
  } catch (err) {
    reportUnexpected('applying the settings', err)
  }
})
settings.load().then(s => { previous ??= s; return applyActionMode(api, s) }).catch(err => reportUnexpected('reading the settings', err))

api.onPermissionsChanged(() => {
  badge.clearAll().then(() => badge.refreshActive()).then(saveCache).catch(err => reportUnexpected('applying permissions', err))
})
api.onTabActivated(tabId => { refresh(tabId) })
api.onTabUpdated((tabId, change, tab) => {
  if (tab?.active && (change.url != null || change.status === 'complete')) refresh(tabId)
})
api.onTabRemoved(tabId => badge.forget(tabId))
api.onWindowFocused(async windowId => {
  const tabs = await api.activeTabs()
  for (const tab of tabs) if (tab.windowId === windowId) refresh(tab.id)
})

api.onMessage(async message => {
  if (!isRequest(message)) return errorAnswer('unknown message')
  return badgeStatus({ enabled: await badge.enabled(), ...counter.last })
})
