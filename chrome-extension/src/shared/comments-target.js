/**
 * Where a tab's comments are: its URL normalized and hashed by the client's shared
 * module (docs/protocol.md §1), and the client page `<client>#<urlHash>?url=…&title=…` (the
 * page link, client-site/README.md), so that the client names the page. All of it is in the
 * fragment, which the browser sends to no server: the client's host and the comment servers
 * learn no more than the hash from it, and the client checks the URL against the hash. Tabs that
 * cannot have comments are refused with a sentence that says why.
 */
import { pageFragment, pageKey, UrlRefusedError } from './protocol.js'
import { RefusedPageError } from './errors.js'

const ONLY_WEB = 'Only web pages (addresses that start with https:// or http://) can have comments.'

/**
 * The plain-language reason a tab's address cannot have comments.
 *
 * @param {string | undefined | null} tabUrl
 * @returns {string}
 */
export function refusalMessage (tabUrl) {
  if (tabUrl == null || tabUrl === '') {
    // Chrome hides the address of its own pages (chrome://, about:, data:, the Web Store) from extensions.
    return `This is one of the browser's own pages (such as chrome:// or about: pages), whose address the browser keeps from extensions. These pages cannot have comments. ${ONLY_WEB}`
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(tabUrl)?.[1]?.toLowerCase()
  switch (scheme) {
    case 'chrome': case 'edge': case 'brave': case 'opera': case 'vivaldi':
      return `This is one of the browser's own pages (${scheme}://). These pages cannot have comments. ${ONLY_WEB}`
    case 'chrome-extension': case 'moz-extension':
      return `This page belongs to a browser extension. These pages cannot have comments. ${ONLY_WEB}`
    case 'file':
      return `This is a file on your computer (file://). Files cannot have comments: their address is private to this computer. ${ONLY_WEB}`
    case 'about':
      return `This is a blank or built-in page (${tabUrl.slice(0, 40)}). These pages cannot have comments. ${ONLY_WEB}`
    case 'data': case 'blob': case 'javascript':
      return `This page has no address of its own (${scheme}:). These pages cannot have comments. ${ONLY_WEB}`
    case undefined:
      return `This tab's address cannot be read as a web address. ${ONLY_WEB}`
    default:
      return `Pages with ${scheme}: addresses cannot have comments. ${ONLY_WEB}`
  }
}

/**
 * The tab's urlHash, or a RefusedPageError for a page that cannot have comments.
 *
 * @param {string | undefined | null} tabUrl
 * @returns {Promise<{ urlHash: string, normalized: string }>}
 */
export async function pageKeyOfTab (tabUrl) {
  if (tabUrl == null || tabUrl === '') throw new RefusedPageError(refusalMessage(tabUrl))
  try {
    return await pageKey(tabUrl)
  } catch (err) {
    if (err instanceof UrlRefusedError) throw new RefusedPageError(refusalMessage(tabUrl), { cause: err })
    throw err
  }
}

/**
 * The client page that shows a page's comments: the client URL with the page link as its
 * fragment (the urlHash, then the normalized URL and the title when given), and nothing else added.
 *
 * @param {string} clientUrl a validated client URL (settings.js)
 * @param {string} urlHash
 * @param {{ url?: string | null, title?: string | null }} [name] the normalized URL and the tab's title
 */
export function clientPageUrl (clientUrl, urlHash, name = {}) {
  const url = new URL(clientUrl)
  url.hash = pageFragment(urlHash, name)
  return url.href
}

/**
 * A tab's comments page, or a RefusedPageError.
 *
 * @param {string | undefined | null} tabUrl
 * @param {string} clientUrl
 * @param {string | null} [title] the tab's title, shown by the client as the page's name
 * @returns {Promise<{ urlHash: string, url: string }>}
 */
export async function commentsPageFor (tabUrl, clientUrl, title = null) {
  const { urlHash, normalized } = await pageKeyOfTab(tabUrl)
  return { urlHash, url: clientPageUrl(clientUrl, urlHash, { url: normalized, title }) }
}
