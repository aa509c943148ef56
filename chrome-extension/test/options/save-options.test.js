import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { saveOptions } from '../../src/options/save-options.js'
import { BADGE_ORIGINS } from '../../src/shared/badge-permission.js'
import { InvalidSettingError, PermissionDeniedError } from '../../src/shared/errors.js'
import { SettingsStore } from '../../src/shared/settings-store.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

const VALUES = { clientUrl: 'https://comments.example/', openIn: 'tab', badge: false }

function setup () {
  const api = new FakeChromeApi()
  return { api, store: new SettingsStore(api) }
}

describe('saveOptions', () => {
  test('saves valid values', async () => {
    const { api, store } = setup()
    assert.deepEqual(await saveOptions({ api, store }, VALUES), VALUES)
    assert.deepEqual(api.sync, VALUES)
    assert.deepEqual(api.callsOf('requestHostPermission'), [])
  })

  test('a wrong value: an error for its field, no permission asked, nothing saved', async () => {
    const { api, store } = setup()
    await assert.rejects(saveOptions({ api, store }, { ...VALUES, clientUrl: 'http://example.com/', badge: true }),
      err => err instanceof InvalidSettingError && err.field === 'clientUrl')
    assert.deepEqual(api.sync, {})
    assert.deepEqual(api.callsOf('requestHostPermission'), [])
  })

  test('turning the badge on asks for the host permissions during the click itself, then saves', async () => {
    const { api, store } = setup()
    const saving = saveOptions({ api, store }, { ...VALUES, badge: true })
    // Asked synchronously: Chrome shows the question only while it handles the click.
    assert.deepEqual(api.callsOf('requestHostPermission'), [[[...BADGE_ORIGINS]]])
    assert.equal((await saving).badge, true)
    assert.equal(api.sync.badge, true)
  })

  test('a refused permission saves the rest with the badge off and says so', async () => {
    const { api, store } = setup()
    api.grantOnRequest = false
    await assert.rejects(saveOptions({ api, store }, { ...VALUES, badge: true }), PermissionDeniedError)
    assert.deepEqual(api.sync, VALUES)
  })

  test('turning the badge off gives the permissions back', async () => {
    const { api, store } = setup()
    await saveOptions({ api, store }, { ...VALUES, badge: true })
    await saveOptions({ api, store }, VALUES)
    assert.deepEqual(api.callsOf('removeHostPermission'), [[[...BADGE_ORIGINS]]])
    assert.equal(api.granted, false)
  })

  test('permissions the browser will not give back do not undo the save', async () => {
    const { api, store } = setup()
    api.removeHostPermission = async () => { throw new Error('You cannot remove required permissions.') }
    const warnings = []
    const saved = await saveOptions({ api, store, log: { warn: (...a) => warnings.push(a) } }, VALUES)
    assert.equal(saved.badge, false)
    assert.equal(api.sync.badge, false)
    assert.equal(warnings.length, 1)
  })

  test('the badge asks only for http and https hosts', () => {
    assert.deepEqual(BADGE_ORIGINS, ['http://*/*', 'https://*/*'])
  })
})
