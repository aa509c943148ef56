import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Badge, badgeText } from '../../src/background/badge.js'
import { BadgeCache } from '../../src/background/badge-cache.js'
import { pageKey } from '../../src/shared/protocol.js'
import { CountUnavailableError } from '../../src/shared/errors.js'
import { SettingsStore } from '../../src/shared/settings-store.js'
import { FakeChromeApi } from '../fixtures/fake-chrome-api.js'

const PAGE = 'https://news.example/story?utm_medium=m'
const CLIENT = 'https://comments.example/'

/** A counter that answers from a table and records what it was asked. */
function spyCounter (counts) {
  const asked = []
  return {
    asked,
    async count (clientUrl, urlHash) {
      asked.push([clientUrl, urlHash])
      const value = counts[urlHash]
      if (value instanceof Error) throw value
      if (typeof value === 'function') return value()
      return value
    }
  }
}

async function setup ({ badge = true, granted = true, tabs = [{ id: 1, url: PAGE }], counts = {}, now } = {}) {
  const api = new FakeChromeApi({ granted, tabs })
  api.sync = { clientUrl: CLIENT, openIn: 'panel', badge }
  const store = new SettingsStore(api)
  const cache = new BadgeCache({ now }, { freshMs: 60_000 })
  const counter = spyCounter(counts)
  const log = { error: () => {} }
  const badgeController = new Badge({ api, cache, counter, settings: () => store.load(), log })
  return { api, cache, counter, badge: badgeController }
}

describe('badgeText', () => {
  test('nothing for none, the number up to 999, then thousands', () => {
    assert.deepEqual([0, 1, 42, 999, 1000, 4321, 10_000, -1, 1.5].map(badgeText), ['', '1', '42', '999', '1k+', '4k+', '9k+', '', ''])
  })
})

describe('the badge', () => {
  test('shows the count of the active tab, handing the counter the urlHash only (it sends a prefix of it, fetch-count.js)', async () => {
    const { urlHash } = await pageKey(PAGE)
    const { api, counter, badge } = await setup({ counts: { [urlHash]: 12 } })
    await badge.refreshTab(1)
    assert.equal(api.badges.get(1), '12')
    assert.deepEqual(counter.asked, [[CLIENT, urlHash]])
  })

  test('off by default: no count is asked', async () => {
    const { api, counter, badge } = await setup({ badge: false })
    await badge.refreshTab(1)
    assert.deepEqual(counter.asked, [])
    assert.deepEqual(api.callsOf('setBadgeText'), [])
  })

  test('on, but the permissions were taken back: nothing is asked', async () => {
    const { counter, badge } = await setup({ granted: false })
    await badge.refreshTab(1)
    assert.deepEqual(counter.asked, [])
  })

  test('a fresh count is shown again without asking; a stale one is shown, then replaced', async () => {
    const time = { t: 0 }
    const { urlHash } = await pageKey(PAGE)
    let answer = 3
    const { api, counter, badge } = await setup({ counts: { [urlHash]: () => answer }, now: () => time.t })
    await badge.refreshTab(1)
    await badge.refreshTab(1)
    assert.equal(counter.asked.length, 1)
    time.t += 60_000
    answer = 4
    await badge.refreshTab(1)
    assert.equal(counter.asked.length, 2)
    assert.deepEqual(api.callsOf('setBadgeText').map(c => c[1]), ['', '3', '3', '3', '4'])
  })

  test('several tabs of one page share one request', async () => {
    const { urlHash } = await pageKey(PAGE)
    const { api, counter, badge } = await setup({
      tabs: [{ id: 1, url: PAGE, windowId: 1 }, { id: 2, url: PAGE, windowId: 2 }],
      counts: { [urlHash]: 5 }
    })
    await badge.refreshActive()
    assert.equal(counter.asked.length, 1)
    assert.equal(api.badges.get(1), '5')
    assert.equal(api.badges.get(2), '5')
  })

  test('a page that cannot have comments gets an empty badge and no request', async () => {
    const { api, counter, badge } = await setup({ tabs: [{ id: 1, url: 'chrome://newtab/' }] })
    await badge.refreshTab(1)
    assert.equal(api.badges.get(1), '')
    assert.deepEqual(counter.asked, [])
  })

  test('no server: the badge stays empty and nothing throws', async () => {
    const { urlHash } = await pageKey(PAGE)
    const { api, badge } = await setup({ counts: { [urlHash]: new CountUnavailableError('no comment server was found') } })
    await badge.refreshTab(1)
    assert.equal(api.badges.get(1), '')
  })

  test('a count that arrives after the tab moved on is not shown on it', async () => {
    const { urlHash } = await pageKey(PAGE)
    const other = 'https://news.example/other'
    const { urlHash: otherHash } = await pageKey(other)
    let release, asked
    const askedOnce = new Promise(resolve => { asked = resolve })
    const slowCount = () => { asked(); return new Promise(resolve => { release = resolve }) }
    const { api, badge } = await setup({ counts: { [urlHash]: slowCount, [otherHash]: 1 } })
    const slow = badge.refreshTab(1)
    await askedOnce
    api.tabs.get(1).url = other
    await badge.refreshTab(1)
    release(99)
    await slow
    assert.equal(api.badges.get(1), '1')
  })

  test('clearAll empties every tab', async () => {
    const { urlHash } = await pageKey(PAGE)
    const { api, badge } = await setup({ tabs: [{ id: 1, url: PAGE }, { id: 2, url: PAGE, active: false }], counts: { [urlHash]: 2 } })
    await badge.refreshTab(1)
    await badge.clearAll()
    assert.equal(api.badges.get(1), '')
    assert.equal(api.badges.get(2), '')
  })
})
