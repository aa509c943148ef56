/**
 * Where a tab's comments are: its URL normalized and hashed by the client's shared
 * module (docs/protocol.md §1), and the client page `<client>#<urlHash>`. Only the hash goes into
 * that address; the tab's URL stays in the browser. Tabs that cannot have comments are
 * refused with a sentence that says why.
 */
import { pageKey, UrlRefusedError } from './protocol.js'
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
 * The client page that shows a page's comments: the client URL with the urlHash as its
 * fragment, and nothing else added.
 *
 * @param {string} clientUrl a validated client URL (settings.js)
 * @param {string} urlHash
 */
export function clientPageUrl (clientUrl, urlHash) {
  const url = new URL(clientUrl)
  url.hash = urlHash
  return url.href
}

/**
 * A tab's comments page, or a RefusedPageError.
 *
 * @param {string | undefined | null} tabUrl
 * @param {string} clientUrl
 * @returns {Promise<{ urlHash: string, url: string }>}
 */
export async function commentsPageFor (tabUrl, clientUrl) {
  const { urlHash } = await pageKeyOfTab(tabUrl)
  return { urlHash, url: clientPageUrl(clientUrl, urlHash) }
}
