/** The options page: fills the form from the settings, validates and saves it. */
import { createChromeApi } from '../chrome-api.js'
import { InvalidSettingError, isExpected, reportUnexpected } from '../shared/errors.js'
import { getBadgeStatus } from '../shared/messages.js'
import { DEFAULT_SETTINGS, LOCAL_CLIENT_URL, PUBLIC_CLIENT_URL } from '../shared/settings.js'
import { SettingsStore } from '../shared/settings-store.js'
import { saveOptions } from './save-options.js'

const FILL = { public: PUBLIC_CLIENT_URL, local: LOCAL_CLIENT_URL }

const api = createChromeApi()
const store = new SettingsStore(api)
const form = document.getElementById('form')
const saved = document.getElementById('saved')
const field = name => form.elements.namedItem(name)

function fill (settings) {
  field('clientUrl').value = settings.clientUrl
  document.getElementById(`openIn-${settings.openIn}`).checked = true
  field('badge').checked = settings.badge
}

function values () {
  return {
    clientUrl: field('clientUrl').value,
    openIn: form.querySelector('input[name=openIn]:checked')?.value ?? DEFAULT_SETTINGS.openIn,
    badge: field('badge').checked
  }
}

function showFieldError (name, message) {
  const input = field(name)
  if (input instanceof HTMLInputElement) input.setAttribute('aria-invalid', message ? 'true' : 'false')
  const box = document.getElementById(`${name}-error`)
  if (box != null) box.textContent = message ?? ''
}

async function showBadgeStatus () {
  const box = document.getElementById('badge-status')
  try {
    const status = await api.sendMessage(getBadgeStatus())
    if (status?.type !== 'badge-status' || !status.enabled) box.textContent = ''
    else if (status.error != null) box.textContent = `Last try: ${status.error}.`
    else if (status.server != null) box.textContent = `Counts come from ${status.server}.`
    else box.textContent = 'No count asked yet.'
  } catch {
    box.textContent = ''
  }
}

form.addEventListener('submit', event => {
  event.preventDefault()
  showFieldError('clientUrl', null)
  saved.textContent = ''
  // No await before saveOptions: it may ask Chrome for a permission, which needs this click.
  saveOptions({ api, store }, values()).then(settings => {
    fill(settings)
    saved.textContent = 'Saved.'
    showBadgeStatus()
  }, err => {
    if (err instanceof InvalidSettingError) showFieldError(err.field, err.message)
    else if (isExpected(err)) { field('badge').checked = false; saved.textContent = err.message } else {
      reportUnexpected('saving the options', err)
      saved.textContent = `Not saved: ${err.message}`
    }
  })
})

for (const button of form.querySelectorAll('[data-fill]')) {
  button.addEventListener('click', () => { field('clientUrl').value = FILL[button.dataset.fill] })
}

if (!api.hasSidePanel) {
  document.getElementById('openIn-panel').disabled = true
  document.getElementById('openIn-hint').textContent = 'This browser has no side panel for extensions, so the comments open in a new tab.'
}

store.load().then(settings => { fill(settings); showBadgeStatus() }, err => reportUnexpected('reading the settings', err))
store.onChange(fill)
