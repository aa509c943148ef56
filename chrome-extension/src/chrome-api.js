/**
 * The one seam between the extension's code and `chrome.*`. Every other module gets
 * this object (or a test's fake with the same methods) and never touches `chrome`
 * itself. Methods are named for what the extension does with them.
 *
 * @param {any} [chrome] the extension API object (globalThis.chrome in the extension)
 */
export function createChromeApi (chrome = globalThis.chrome) {
  return {
    /** Chrome's side panel API exists (Chrome 116+; missing in some Chromium browsers). */
    hasSidePanel: typeof chrome.sidePanel?.open === 'function',

    // settings and caches
    getSyncStorage: () => chrome.storage.sync.get(null),
    setSyncStorage: values => chrome.storage.sync.set(values),
    onSyncStorageChanged: listener => chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync') listener(changes)
    }),
    getSessionValue: async key => (await chrome.storage.session.get(key))[key],
    setSessionValue: (key, value) => chrome.storage.session.set({ [key]: value }),
    getLocalValue: async key => (await chrome.storage.local.get(key))[key],
    setLocalValue: (key, value) => chrome.storage.local.set({ [key]: value }),

    // the toolbar button
    onActionClicked: listener => chrome.action.onClicked.addListener(listener),
    /** The popup for every tab ('' for none: then a click reaches onActionClicked). */
    setActionPopup: popup => chrome.action.setPopup({ popup }),
    setBadgeText: (tabId, text) => chrome.action.setBadgeText({ tabId, text }),
    setBadgeColor: color => Promise.all([
      chrome.action.setBadgeBackgroundColor({ color }),
      chrome.action.setBadgeTextColor?.({ color: '#ffffff' })
    ]),

    // side panel
    /**
     * Shows an extension page in the tab's side panel. Chrome allows `open` only while
     * it is handling a user gesture, so both calls are made at once, with no await
     * before them: call this synchronously from the click listener.
     */
    openSidePanel: (tabId, path) => {
      const configured = chrome.sidePanel.setOptions({ tabId, path, enabled: true })
      const opened = chrome.sidePanel.open({ tabId })
      return Promise.all([configured, opened]).then(() => undefined)
    },

    // tabs
    getTab: tabId => chrome.tabs.get(tabId).catch(() => null),
    /** The active tab of the window this page is in (popup, panel). */
    currentTab: async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0] ?? null,
    /** The active tab of every window. */
    activeTabs: () => chrome.tabs.query({ active: true }),
    allTabIds: async () => (await chrome.tabs.query({})).map(t => t.id),
    createTab: ({ url, nextTo }) => chrome.tabs.create({
      url,
      ...(nextTo == null ? {} : { index: nextTo.index + 1, openerTabId: nextTo.id, windowId: nextTo.windowId })
    }),
    onTabActivated: listener => chrome.tabs.onActivated.addListener(({ tabId }) => listener(tabId)),
    onTabUpdated: listener => chrome.tabs.onUpdated.addListener(listener),
    onTabRemoved: listener => chrome.tabs.onRemoved.addListener(listener),
    onWindowFocused: listener => chrome.windows.onFocusChanged.addListener(windowId => {
      if (windowId !== chrome.windows.WINDOW_ID_NONE) listener(windowId)
    }),

    // permissions (the badge's optional host permissions)
    hasHostPermission: origins => chrome.permissions.contains({ origins }),
    /** Must be called while handling the user's click (no await before it). */
    requestHostPermission: origins => chrome.permissions.request({ origins }),
    removeHostPermission: origins => chrome.permissions.remove({ origins }),
    onPermissionsChanged: listener => {
      chrome.permissions.onAdded.addListener(listener)
      chrome.permissions.onRemoved.addListener(listener)
    },

    // runtime
    onStartup: listener => {
      chrome.runtime.onStartup.addListener(listener)
      chrome.runtime.onInstalled.addListener(listener)
    },
    onMessage: listener => chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
      Promise.resolve(listener(message, sender)).then(sendResponse, err => sendResponse({ type: 'error', message: String(err?.message ?? err) }))
      return true // answered asynchronously
    }),
    sendMessage: message => chrome.runtime.sendMessage(message),
    openOptionsPage: () => chrome.runtime.openOptionsPage()
  }
}
