/**
 * The settings in `chrome.storage.sync`: read once and kept until they change, checked
 * on the way in (settingsFromStorage) and on the way out (validateSettings).
 */
import { settingsFromStorage, validateSettings } from './settings.js'

export class SettingsStore {
  /**
   * @param {Pick<ReturnType<typeof import('../chrome-api.js').createChromeApi>, 'getSyncStorage' | 'setSyncStorage' | 'onSyncStorageChanged'>} api
   */
  constructor (api) {
    this.api = api
    /** The settings once read, for code that must not wait (a click's user gesture). */
    this.known = null
    this.reading = null
    this.listeners = []
    api.onSyncStorageChanged(() => {
      this.reading = null
      this.load().then(settings => { for (const listener of this.listeners) listener(settings) })
    })
  }

  /** @returns {Promise<import('./settings.js').DEFAULT_SETTINGS>} */
  load () {
    this.reading ??= this.api.getSyncStorage().then(stored => {
      this.known = settingsFromStorage(stored ?? {})
      return this.known
    })
    return this.reading
  }

  /**
   * Validates and stores; throws InvalidSettingError and stores nothing when a value is wrong.
   *
   * @param {Partial<import('./settings.js').DEFAULT_SETTINGS>} changes
   */
  async save (changes) {
    const settings = validateSettings({ ...await this.load(), ...changes })
    await this.api.setSyncStorage(settings)
    this.known = settings
    this.reading = Promise.resolve(settings)
    return settings
  }

  /** Calls listener(settings) after every change, from this or another page. */
  onChange (listener) {
    this.listeners.push(listener)
  }
}
