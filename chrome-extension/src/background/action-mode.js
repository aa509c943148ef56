/**
 * What a click on the toolbar button does, set on the button itself so that Chrome
 * knows it before the service worker wakes:
 * - tab mode: the button has a popup (popup.html), which opens the comments in a new
 *   tab or says why the page cannot have any;
 * - panel mode: no popup, so the click reaches the service worker's onClicked listener,
 *   which must open the side panel at once, while Chrome still counts the click as a
 *   user gesture (it stops counting after the first await; see action-click.js).
 * Panel mode falls back to tab mode in a browser without a side panel.
 */
import { POPUP_PAGE } from '../shared/pages.js'

/**
 * @param {{ openIn: string }} settings
 * @param {{ hasSidePanel: boolean }} api
 * @returns {'panel' | 'tab'}
 */
export function effectiveOpenIn (settings, api) {
  return settings.openIn === 'panel' && api.hasSidePanel ? 'panel' : 'tab'
}

/**
 * @param {ReturnType<typeof import('../chrome-api.js').createChromeApi>} api
 * @param {{ openIn: string }} settings
 */
export async function applyActionMode (api, settings) {
  await api.setActionPopup(effectiveOpenIn(settings, api) === 'tab' ? POPUP_PAGE : '')
}
