/**
 * The user's settings (options page, `chrome.storage.sync`): each with its one default,
 * and the rules a value must pass. Which client is the default comes from the build's
 * settings file (`settings/chrome-prod.json`; a dev build swaps in `chrome-dev.json`).
 */
import build from '../../settings/chrome-prod.json' with { type: 'json' }
import { isLoopbackHost } from './protocol.js'
import { InvalidSettingError } from './errors.js'

/** The public client site. A placeholder until the site is deployed under its real address. */
export const PUBLIC_CLIENT_URL = 'https://comments-on-ipfs.github.io/'

/** The client that `./dev up` serves on this computer. */
export const LOCAL_CLIENT_URL = 'http://127.0.0.1:4173/'

export const OPEN_IN = Object.freeze(['panel', 'tab'])

export const DEFAULT_SETTINGS = Object.freeze({
  /** The client site; the comments of a page open at `<clientUrl>#<urlHash>?url=…&title=…` (comments-target.js). */
  clientUrl: build.defaultClient === 'local' ? LOCAL_CLIENT_URL : PUBLIC_CLIENT_URL,
  /** 'panel': Chrome's side panel where the browser has one; 'tab': a new tab. */
  openIn: 'panel',
  /** Show the comment count on the toolbar button (asks for host permissions when turned on). */
  badge: false
})

/**
 * The client URL in the form the extension uses, or an InvalidSettingError: https, or
 * http to a loopback host only; no user name or password; the fragment dropped (the
 * extension writes its own); a trailing slash added to a folder path so that the
 * client's files (config.json) resolve next to it.
 *
 * @param {unknown} input
 * @returns {string}
 */
export function validateClientUrl (input) {
  const text = typeof input === 'string' ? input.trim() : ''
  if (text === '') throw new InvalidSettingError('clientUrl', 'Enter the address of the comments site, e.g. https://comments-on-ipfs.github.io/')
  let url
  try {
    url = new URL(text)
  } catch {
    throw new InvalidSettingError('clientUrl', `"${text}" is not a web address: it should start with https://`)
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new InvalidSettingError('clientUrl', 'Use an https:// address. Plain http:// is allowed only for a site on this computer (127.0.0.1, localhost or [::1]).')
    }
  } else if (url.protocol !== 'https:') {
    throw new InvalidSettingError('clientUrl', `The comments site must be an https:// address, not ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidSettingError('clientUrl', 'The address must not contain a user name or password.')
  }
  url.hash = ''
  const last = url.pathname.split('/').pop()
  if (last !== '' && !last.includes('.')) url.pathname += '/'
  return url.href
}

/**
 * Checks a whole settings object (as the options form or storage gives it) and returns
 * it complete, or throws the first InvalidSettingError.
 *
 * @param {Partial<typeof DEFAULT_SETTINGS>} input
 * @returns {typeof DEFAULT_SETTINGS}
 */
export function validateSettings (input) {
  const clientUrl = validateClientUrl(input.clientUrl)
  if (!OPEN_IN.includes(input.openIn)) throw new InvalidSettingError('openIn', 'Choose the side panel or a new tab.')
  if (typeof input.badge !== 'boolean') throw new InvalidSettingError('badge', 'The badge is either on or off.')
  return { clientUrl, openIn: input.openIn, badge: input.badge }
}

/**
 * Settings as stored, each invalid or missing value replaced by its default (storage can
 * hold anything: an older version's values, a hand edit through sync).
 *
 * @param {Record<string, unknown>} stored
 * @returns {typeof DEFAULT_SETTINGS}
 */
export function settingsFromStorage (stored) {
  const settings = { ...DEFAULT_SETTINGS }
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    if (!(key in stored)) continue
    try {
      settings[key] = validateSettings({ ...DEFAULT_SETTINGS, [key]: stored[key] })[key]
    } catch {
      // keep the default
    }
  }
  return settings
}
