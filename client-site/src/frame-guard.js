/**
 * The page runs only as the top window or framed by its own origin. GitHub Pages sends no
 * headers of ours, and a CSP in a <meta> cannot set `frame-ancestors`, so the page checks for
 * itself: framed by another site, it could be made to post in the reader's name through clicks
 * the reader does not see (clickjacking), so it does not start at all (no key used, nothing posted).
 *
 * This is the one place that decides. Allowed: the Chrome extension's side panel, which
 * frames the client from its own `chrome-extension://` page (chrome-extension/src/panel/panel.js);
 * an extension the reader installed could act on the page anyway. And a site that embeds the
 * client (embed.js) for one of its own pages only: the page link must name a URL that hashes to
 * the page's urlHash and is on the framing origin, and config.json's `embedders` must allow that
 * origin (`embedRefusal`; decision: docs/adr/014-embedding.md). Anything else framed does not start.
 */
import { t } from './i18n/index.js'
import { h } from './ui/dom.js'

/**
 * True when this window is framed by a page of another origin. Reading a cross-origin
 * window's location throws, which is how another origin shows itself; an opaque origin (a
 * sandboxed frame) also throws or differs, and counts as another origin.
 *
 * @param {Window} win
 */
export function framedByAStranger (win = window) {
  if (win.top === win.self) return false
  // Chromium names every ancestor's origin, even across origins; all must be ours or allowed.
  const ancestors = win.location.ancestorOrigins
  if (ancestors != null && ancestors.length > 0 && [...ancestors].every(o => o === win.location.origin || allowedEmbedder(o))) {
    return win.location.origin === 'null'
  }
  try {
    return win.top.location.origin !== win.location.origin || win.location.origin === 'null'
  } catch {
    return true
  }
}

/** An origin that may frame the client. */
function allowedEmbedder (origin) {
  return origin.startsWith('chrome-extension://')
}

/**
 * The one web origin framing this window, when a site frames it: every ancestor is that origin
 * (a site framed in turn by another could be overlaid by that other). Null when it cannot be told.
 * Chromium and Safari name every ancestor (`location.ancestorOrigins`, set by the browser);
 * Firefox names none, so there only a frame right under the top window counts, and its embedder
 * is the origin of the referrer, which embed.js always sends (`referrerpolicy="strict-origin"`).
 *
 * @param {Window} win
 * @returns {string | null}
 */
export function embedderOrigin (win = window) {
  if (win.top === win.self || win.location.origin === 'null') return null
  const ancestors = win.location.ancestorOrigins
  if (ancestors != null) {
    const [origin, ...others] = [...ancestors]
    return isWebOrigin(origin) && origin !== win.location.origin && others.every(o => o === origin) ? origin : null
  }
  if (win.parent !== win.top) return null
  try {
    const origin = new URL(win.document.referrer).origin
    return isWebOrigin(origin) && origin !== win.location.origin ? origin : null
  } catch {
    return null
  }
}

/**
 * Why an embedder may not show this page, or null when it may: the page link's URL must have
 * been given and checked against the urlHash (page-link.js, `checkPageLink`), be on the
 * embedder's own origin, and config.json's `embedders` must be `["*"]` or name that origin.
 * Run without a config first (it is loaded only for an embedder that passed the rest).
 *
 * @param {string | null} embedder embedderOrigin()
 * @param {{ url: string | null } | null} link the checked page link
 * @param {{ embedders: readonly string[] } | null} [config]
 * @returns {string | null}
 */
export function embedRefusal (embedder, link, config = null) {
  if (embedder == null) return t('framed.noEmbedder')
  if (link?.url == null) return t('framed.noAddress')
  if (new URL(link.url).origin !== embedder) return t('framed.otherSite', { embedder, origin: new URL(link.url).origin })
  if (config != null && !(config.embedders.includes('*') || config.embedders.includes(embedder))) {
    return t('framed.notOffered', { embedder })
  }
  return null
}

function isWebOrigin (origin) {
  return typeof origin === 'string' && /^https?:\/\/[^/]+$/.test(origin)
}

/** What the page shows instead of itself when framed: why, and a link to open it on its own. */
export function refusalView (href, reason = null) {
  return h('div', { class: 'page framed', role: 'alert', 'data-testid': 'framed' },
    h('h1', {}, t('framed.title')),
    h('p', {}, t('framed.why')),
    reason != null && h('p', { 'data-testid': 'framed-reason' }, reason),
    h('p', {}, h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'open-alone' }, t('framed.open'))))
}
