/**
 * The page's entry: the comments of `#<urlHash>`, or the box to paste a URL when the
 * page is opened without one. config.json is read from next to the page.
 */
import './style.css'
import { isUrlHash, loadConfig } from '@comments/protocol'
import { framedByAStranger, refusalView } from './frame-guard.js'
import { CommentsPage } from './page.js'
import { h } from './ui/dom.js'
import { UrlBox } from './ui/url-box.js'
import { Drafts } from './write/drafts.js'
import { Identities } from './write/identity.js'
import { IndexedDbStore } from './write/indexeddb-store.js'

const app = document.getElementById('app')
const storage = safeStorage(() => window.localStorage)
const session = safeStorage(() => window.sessionStorage)

window.addEventListener('hashchange', () => window.location.reload())

const urlHash = window.location.hash.slice(1)
if (framedByAStranger()) {
  // Before anything else: no identity is loaded, no server is asked.
  app.replaceChildren(refusalView(window.location.href))
} else if (isUrlHash(urlHash)) {
  openPage(urlHash).catch(showFatal)
} else {
  const box = new UrlBox({
    onOpen: ({ normalized, urlHash }) => {
      session?.setItem(`comments.url.${urlHash}`, normalized)
      window.location.hash = urlHash
    }
  })
  app.replaceChildren(box.element)
  box.focus()
}

async function openPage (urlHash) {
  const config = await loadConfig(new URL('config.json', document.baseURI))
  const page = new CommentsPage({
    urlHash,
    normalizedUrl: session?.getItem(`comments.url.${urlHash}`) ?? null,
    config,
    identities: new Identities(new IndexedDbStore()),
    drafts: new Drafts(storage),
    storage,
    // Loaded on demand: the page is drawn before the IPFS node's code arrives.
    createNode: () => import('./network/create-node.js').then(m => m.createNode(config))
  })
  app.replaceChildren(page.element)
  window.commentsPage = page // for tests and curious readers
  await page.start()
}

function showFatal (err) {
  console.error(err)
  app.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'fatal-error' }, `The page could not start: ${err.message}`))
}

function safeStorage (get) {
  try {
    return get()
  } catch {
    return null
  }
}
