/**
 * The page runs only as the top window or framed by its own origin. GitHub Pages sends no
 * headers of ours, and a CSP in a <meta> cannot set `frame-ancestors`, so the page checks for
 * itself: framed by another site, it could be made to post in the reader's name through clicks
 * the reader does not see (clickjacking), so it does not start at all (no key used, nothing posted).
 *
 * This is the one place that decides. Allowed today: the Chrome extension's side panel, which
 * frames the client from its own `chrome-extension://` page (chrome-extension/src/panel/panel.js);
 * an extension the reader installed could act on the page anyway. A later feature embeds the
 * client on site owners' pages on purpose: their origins will be added to `allowedEmbedder`.
 */
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

/** What the page shows instead of itself when framed: why, and a link to open it on its own. */
export function refusalView (href) {
  return h('div', { class: 'page framed', role: 'alert', 'data-testid': 'framed' },
    h('h1', {}, 'This page does not run inside another site'),
    h('p', {}, 'It signs comments with your key, so it works only when opened on its own: ',
      'another page around it could make you post without knowing.'),
    h('p', {}, h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'open-alone' }, 'Open the comments on their own')))
}
