/**
 * The page's entry: the comments of `#<urlHash>` (optionally `?url=…&title=…` naming the page),
 * or the box to paste a URL when the page is opened without one. config.json is read from next
 * to the page.
 */
import './style.css'
import { checkPageLink, loadConfig, parsePageFragment } from '@comments/protocol'
import { reportHeight } from './embed/report-height.js'
import { embedRefusal, embedderOrigin, framedByAStranger, refusalView } from './frame-guard.js'
import { startLanguage, t } from './i18n/index.js'
import { CommentsPage } from './page.js'
import { h } from './ui/dom.js'
import { languageSelect } from './ui/language-select.js'
import { UrlBox } from './ui/url-box.js'
import { Drafts } from './write/drafts.js'
import { Identities } from './write/identity.js'
import { IndexedDbStore } from './write/indexeddb-store.js'

const app = document.getElementById('app')
const storage = safeStorage(() => window.localStorage)

// Before anything is drawn: every view takes its strings in this language, and <html lang dir> says it.
startLanguage({ languages: navigator.languages ?? [navigator.language], storage, root: document.documentElement })

window.addEventListener('hashchange', () => window.location.reload())

start().catch(showFatal)

async function start () {
  // `#<urlHash>`, or `#<urlHash>?url=…&title=…` (the page link, @comments/protocol page-link.js)
  const link = parsePageFragment(window.location.hash)
  if (framedByAStranger()) {
    // Before anything else: no identity is loaded, no server is asked. Only a site showing one
    // of its own pages goes on (frame-guard.js); config.json (our own origin) is read only then.
    const embedder = embedderOrigin()
    const checked = embedder == null || link == null ? null : await checkPageLink(link)
    let refusal = embedRefusal(embedder, checked)
    const config = refusal == null ? await loadConfig(configUrl()) : null
    refusal ??= embedRefusal(embedder, checked, config)
    if (refusal != null) return app.replaceChildren(refusalView(window.location.href, refusal))
    await openPage(checked, config, embedder)
  } else if (link != null) {
    await openPage(await checkPageLink(link), await loadConfig(configUrl()), null)
  } else {
    const box = new UrlBox({
      onOpen: ({ fragment }) => { window.location.hash = fragment }
    })
    app.replaceChildren(languageSelect(storage), box.element)
    box.focus()
  }
}

/**
 * @param {Awaited<ReturnType<typeof checkPageLink>>} link
 * @param {ReturnType<import('@comments/protocol').mergeConfig>} config
 * @param {string | null} embedder the site around the page, when embedded
 */
async function openPage (link, config, embedder) {
  const page = new CommentsPage({
    urlHash: link.urlHash,
    normalizedUrl: link.url,
    title: link.title,
    linkMismatch: link.mismatch,
    config,
    identities: new Identities(new IndexedDbStore()),
    drafts: new Drafts(storage),
    storage,
    // Loaded on demand: the page is drawn before the IPFS node's code arrives.
    createNode: () => import('./network/create-node.js').then(m => m.createNode(config))
  })
  app.replaceChildren(languageSelect(storage), page.element)
  if (embedder != null) reportHeight(embedder)
  window.commentsPage = page // for tests and curious readers
  await page.start()
}

function configUrl () {
  return new URL('config.json', document.baseURI)
}

function showFatal (err) {
  console.error(err)
  app.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'fatal-error' }, t('fatal.error', { error: err.message })))
}

function safeStorage (get) {
  try {
    return get()
  } catch {
    return null
  }
}
