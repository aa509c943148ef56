/**
 * Saving the options form. Turning the badge on asks Chrome for the badge's host
 * permissions; Chrome shows that question only while it handles the user's click, so
 * the request is made before anything is awaited. Turning the badge off gives the
 * permissions back.
 */
import { BADGE_ORIGINS } from '../shared/badge-permission.js'
import { PermissionDeniedError } from '../shared/errors.js'
import { validateSettings } from '../shared/settings.js'

/**
 * @param {object} components
 * @param {Pick<ReturnType<typeof import('../chrome-api.js').createChromeApi>, 'requestHostPermission' | 'removeHostPermission'>} components.api
 * @param {import('../shared/settings-store.js').SettingsStore} components.store
 * @param {{ warn: Function }} [components.log]
 * @param {{ clientUrl: string, openIn: string, badge: boolean }} values the form's values
 * @returns {Promise<import('../shared/settings.js').DEFAULT_SETTINGS>} what was saved
 * @throws {import('../shared/errors.js').InvalidSettingError} nothing saved
 * @throws {PermissionDeniedError} saved with the badge off
 */
export function saveOptions ({ api, store, log = console }, values) {
  let settings
  try {
    settings = validateSettings(values)
  } catch (err) {
    return Promise.reject(err)
  }
  const granted = settings.badge ? api.requestHostPermission([...BADGE_ORIGINS]) : Promise.resolve(true)
  return granted.then(async ok => {
    if (!ok) {
      await store.save({ ...settings, badge: false })
      throw new PermissionDeniedError('The comment count stays off: Chrome did not get your permission to read tab addresses.')
    }
    const saved = await store.save(settings)
    if (!saved.badge) {
      // The badge is off either way; a browser that keeps the permissions (policy, a test build) is no failure.
      await api.removeHostPermission([...BADGE_ORIGINS]).catch(err => log.warn('comments extension: the host permissions were not given back', err))
    }
    return saved
  })
}
