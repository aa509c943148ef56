/** The extension's own pages, as paths inside the extension. */

/** Tab mode: the popup opens the comments in a new tab, or says why this page has none. */
export const POPUP_PAGE = 'popup.html'

/** Panel mode: the side panel page for one tab. */
export const PANEL_PAGE = 'panel.html'

/**
 * The side panel's path for a tab. `n` differs on every click, so that a click on a
 * panel that is already open makes it read its tab again.
 *
 * @param {number} tabId
 * @param {number} n
 */
export function panelPath (tabId, n) {
  return `${PANEL_PAGE}?tab=${tabId}&n=${n}`
}

/** The tab id in a panel page's query, or null. */
export function tabIdOfPanel (search) {
  const id = Number(new URLSearchParams(search).get('tab'))
  return Number.isInteger(id) && id >= 0 ? id : null
}
