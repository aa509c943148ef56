/**
 * The side panel of one tab (panel mode): the client site in a frame at
 * `<client>#<urlHash>?url=…&title=…` (comments-target.js), or the reason this page cannot have comments. It follows its
 * tab to a new page when Chrome lets it read the new address (the same site after a
 * click on the button, or any site with the badge's permissions); otherwise it says to
 * press the button again.
 */
import { createChromeApi } from '../chrome-api.js'
import { commentsPageFor } from '../shared/comments-target.js'
import { reportUnexpected, RefusedPageError } from '../shared/errors.js'
import { tabIdOfPanel } from '../shared/pages.js'
import { SettingsStore } from '../shared/settings-store.js'
import { h } from '../ui/dom.js'
import { errorView, refusalView } from '../ui/refusal-view.js'

const api = createChromeApi()
const settings = new SettingsStore(api)
const app = document.getElementById('app')
const bar = document.getElementById('bar')
const tabId = tabIdOfPanel(window.location.search)
let frame = null
let shownHash = null

async function show (tab) {
  bar.replaceChildren()
  try {
    const { clientUrl } = await settings.load()
    const { url, urlHash } = await commentsPageFor(tab?.url, clientUrl, tab?.title)
    // The same page with another title (set after the address, or changed by the page): not worth a reload.
    if (frame != null && shownHash === urlHash) return
    shownHash = urlHash
    frame = h('iframe', { src: url, title: 'Comments on this page', referrerpolicy: 'no-referrer', 'data-testid': 'client-frame' })
    app.replaceChildren(frame)
  } catch (err) {
    frame = null
    shownHash = null
    if (err instanceof RefusedPageError) {
      app.replaceChildren(refusalView(err.message, { onOptions: () => api.openOptionsPage() }))
    } else {
      reportUnexpected('showing the comments', err)
      app.replaceChildren(errorView(`The comments could not be shown: ${err.message}`))
    }
  }
}

async function showTab () {
  const tab = tabId == null ? await api.currentTab() : await api.getTab(tabId)
  await show(tab)
}

api.onTabUpdated((id, change, tab) => {
  if (id !== tabId) return
  if (tab?.url != null && (change.url != null || change.status === 'complete')) {
    show(tab)
  } else if (change.status === 'loading' && tab?.url == null && frame != null) {
    // Chrome no longer lets the extension read this tab's address: the frame would show another page's comments.
    frame = null
    shownHash = null
    app.replaceChildren(h('section', { class: 'notice', role: 'status', 'data-testid': 'moved' },
      h('h1', null, 'This tab went to another site'),
      h('p', null, 'Press the Comments button (or Alt+Shift+C) to see the comments of the page it shows now.')))
  }
})
settings.onChange(() => { frame = null; showTab() })
showTab()
