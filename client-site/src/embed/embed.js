/**
 * embed.js, for site owners (client-site/README.md, "Embed the comments in your site"):
 *
 *   <script src="https://<client site>/embed.js" async></script>
 *
 * puts the comments of the page it is on in a frame of the client, right after the tag. The
 * page is named by `data-url` if given, else its `<link rel="canonical">` when that is on the
 * page's own origin, else its address; its title by `data-title`, else `document.title`. Both go
 * into the frame's fragment only (@comments/protocol page-link.js): the client's host never sees
 * them, the comment servers get the hash. The client runs framed only for a page of the framing
 * site's own origin (frame-guard.js). The frame takes the height the client reports, from that
 * frame and the client's origin only (height-message.js).
 *
 * Built on its own by vite.embed.config.js as one classic script (no modules, so no CORS
 * needed from the client's host), with the protocol's URL normalization bundled in.
 */
import { pageLinkOf } from '@comments/protocol'
import { MIN_HEIGHT, heightFrom } from './height-message.js'

const script = document.currentScript
if (script instanceof HTMLScriptElement) {
  embed(script).catch(err => console.error('comments embed.js: no comments here:', err.message))
}

async function embed (script) {
  const client = new URL('./', script.src) // the site embed.js was loaded from
  const { fragment } = await pageLinkOf(script.dataset.url || canonicalUrl() || window.location.href, script.dataset.title ?? document.title)
  const frame = document.createElement('iframe')
  frame.src = new URL(`#${fragment}`, client).href
  frame.title = script.dataset.frameTitle || 'Comments on this page'
  frame.loading = 'lazy'
  // The client tells its embedder from the referrer where the browser names no ancestors (Firefox).
  frame.referrerPolicy = 'strict-origin'
  frame.className = 'comments-embed'
  frame.style.cssText = `display:block;width:100%;border:0;height:${MIN_HEIGHT * 3}px`
  window.addEventListener('message', event => {
    const height = heightFrom(event, frame, client.origin)
    if (height != null) frame.style.height = `${height}px`
  })
  script.after(frame)
}

/** The page's canonical URL when it is on this page's origin (another origin's would be refused by the client). */
function canonicalUrl () {
  const href = document.querySelector('link[rel~="canonical" i][href]')?.href
  try {
    return href != null && new URL(href).origin === window.location.origin ? href : null
  } catch {
    return null
  }
}
