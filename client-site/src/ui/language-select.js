/**
 * The reader's choice of language, over the browser's: a small select at the top of the page.
 * The choice is kept in localStorage and the page reloads in it (every view is built with its
 * strings; drafts and the name are in storage, so nothing typed is lost). See docs/adr/016-languages.md.
 */
import { LANGUAGES, STORAGE_KEY, language, t } from '../i18n/index.js'
import { h } from './dom.js'

/** @param {Storage | null} storage */
export function languageSelect (storage, reload = () => window.location.reload()) {
  const select = h('select', {
    id: 'language-select',
    'data-testid': 'language-select',
    onchange: () => {
      try {
        storage?.setItem(STORAGE_KEY, select.value)
      } catch {} // storage refused (private mode): the choice holds for this load only
      reload()
    }
  },
  // Each language in its own name and script, so a reader finds theirs whatever is shown now.
  Object.entries(LANGUAGES).map(([code, { name, dir }]) =>
    h('option', { value: code, lang: code, dir, selected: code === language() }, name)))
  return h('div', { class: 'language-bar' },
    h('label', { for: 'language-select' }, t('language.label')), select)
}
