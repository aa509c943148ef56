/**
 * The button's popup in tab mode: opens the active tab's comments in a new tab next to
 * it and closes, or stays open to say why this page cannot have comments.
 */
import { createChromeApi } from '../chrome-api.js'
import { commentsPageFor } from '../shared/comments-target.js'
import { isExpected, reportUnexpected, RefusedPageError } from '../shared/errors.js'
import { SettingsStore } from '../shared/settings-store.js'
import { errorView, refusalView } from '../ui/refusal-view.js'

const api = createChromeApi()
const app = document.getElementById('app')

async function run () {
  const tab = await api.currentTab()
  const { clientUrl } = await new SettingsStore(api).load()
  const { url } = await commentsPageFor(tab?.url, clientUrl, tab?.title)
  await api.createTab({ url, nextTo: tab })
  window.close()
}

run().catch(err => {
  if (err instanceof RefusedPageError) {
    app.replaceChildren(refusalView(err.message, { onOptions: () => api.openOptionsPage() }))
  } else {
    reportUnexpected('opening the comments', err)
    app.replaceChildren(errorView(isExpected(err) ? err.message : `The comments could not be opened: ${err.message}`))
  }
})
