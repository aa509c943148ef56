import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { applyActionMode, effectiveOpenIn } from '../../src/background/action-mode.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

describe('the button set up for a mode', () => {
  test('panel mode: no popup, so the click reaches the service worker', async () => {
    const api = new FakeChromeApi()
    await applyActionMode(api, { openIn: 'panel' })
    assert.equal(api.popup, '')
  })

  test('tab mode: the popup, which opens the tab or says why not', async () => {
    const api = new FakeChromeApi()
    await applyActionMode(api, { openIn: 'tab' })
    assert.equal(api.popup, 'popup.html')
  })

  test('a browser without a side panel uses tabs', async () => {
    const api = new FakeChromeApi({ hasSidePanel: false })
    assert.equal(effectiveOpenIn({ openIn: 'panel' }, api), 'tab')
    await applyActionMode(api, { openIn: 'panel' })
    assert.equal(api.popup, 'popup.html')
  })
})
