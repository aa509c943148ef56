/**
 * The interface's languages (decision: docs/adr/016-languages.md). One catalog per language
 * (en.js, de.js, ar.js, es.js): flat keys to messages with named placeholders, `{name}`. A
 * message that depends on a number is an object of Intl.PluralRules categories (`one`,
 * `other`, and for Arabic also `zero`, `two`, `few`, `many`), chosen by `params.count`.
 *
 * The language is picked once, before anything is drawn: the reader's own choice (the select in
 * the page, kept in localStorage) if any, else the first of `navigator.languages` whose language
 * subtag has a catalog, else English. A key missing from a catalog falls back to English, so a
 * string added later in English only still shows. Changing language reloads the page (every
 * view is built with its strings; drafts are kept in storage).
 *
 * No i18n library: none is in the repository, and what is needed here (lookup, placeholders,
 * Intl's plural rules and number format) is a few lines on top of Intl.
 */
import ar from './ar.js'
import de from './de.js'
import en from './en.js'
import es from './es.js'

/** Each language: its catalog, its own name (for the select) and its direction. */
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr', messages: en },
  de: { name: 'Deutsch', dir: 'ltr', messages: de },
  es: { name: 'Español', dir: 'ltr', messages: es },
  ar: { name: 'العربية', dir: 'rtl', messages: ar }
}
export const FALLBACK = 'en'
export const STORAGE_KEY = 'comments.language'

// First-strong isolate … pop directional isolate: a URL or a name put into a right-to-left
// sentence keeps its own order and does not reorder the words around it.
const FSI = '\u2068'
const PDI = '\u2069'

let current = { language: FALLBACK, locale: FALLBACK }
const pluralRules = new Map()
const numberFormats = new Map()

/**
 * The language to show and the locale for Intl (a browser tag such as `de-CH` when it is of
 * the chosen language, so dates follow the reader's region).
 *
 * @param {readonly string[]} preferred the browser's languages, most preferred first
 * @param {string | null} [chosen] the reader's own choice, if any
 * @returns {{ language: string, locale: string }}
 */
export function pickLanguage (preferred, chosen = null) {
  const tags = (preferred ?? []).map(canonical).filter(tag => tag != null)
  const ownChoice = chosen != null && Object.hasOwn(LANGUAGES, chosen) ? chosen : null
  const language = ownChoice ?? tags.map(primary).find(l => Object.hasOwn(LANGUAGES, l)) ?? FALLBACK
  return { language, locale: tags.find(tag => primary(tag) === language) ?? language }
}

/**
 * Picks the language for this page and marks the document with it (`<html lang dir>`).
 *
 * @param {{ languages?: readonly string[], storage?: Storage | null, root?: HTMLElement }} [from]
 */
export function startLanguage ({ languages, storage, root } = {}) {
  let chosen = null
  try { chosen = storage?.getItem(STORAGE_KEY) ?? null } catch {}
  setLanguage(pickLanguage(languages ?? [], chosen))
  if (root != null) {
    root.lang = current.locale
    root.dir = direction()
  }
  return current
}

/** @param {{ language: string, locale: string }} picked */
export function setLanguage (picked) {
  current = Object.hasOwn(LANGUAGES, picked.language) ? picked : { language: FALLBACK, locale: FALLBACK }
}

/** The language shown (a catalog's code: `en`, `de`…). */
export function language () {
  return current.language
}

/** The locale for Intl's formats. */
export function locale () {
  return current.locale
}

/** `ltr` or `rtl`. */
export function direction (lang = current.language) {
  return LANGUAGES[lang]?.dir ?? 'ltr'
}

/**
 * The message `key` in the current language (or English), placeholders filled: numbers in the
 * locale's digits and grouping, a plural message by `params.count`.
 *
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @param {{ language: string, locale: string }} [lang] another language than the page's
 */
export function t (key, params = {}, lang = current) {
  const own = LANGUAGES[lang.language]?.messages[key]
  const message = own ?? en[key]
  if (message === undefined) return key // a typo shows itself rather than a blank
  const { language, locale } = own === undefined ? { language: FALLBACK, locale: lang.locale } : lang
  const text = typeof message === 'string' ? message : pluralForm(message, params.count, locale)
  const rtl = direction(language) === 'rtl'
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(params, name)) return whole
    const value = params[name]
    if (typeof value === 'number') return formatNumber(value, locale)
    return rtl ? `${FSI}${value}${PDI}` : String(value)
  })
}

/**
 * A message with an element in place of `{name}` ("Shown beside your comments as {fingerprint}…"):
 * the sentence is translated whole, as word order differs between languages, and comes back as
 * the text before, the node, and the text after, for h().
 *
 * @param {string} key
 * @param {Record<string, string | number>} params
 * @param {string} name
 * @param {Node} node
 */
export function tAround (key, params, name, node) {
  const text = t(key, { ...params, [name]: SLOT })
  const at = text.indexOf(SLOT)
  return at === -1 ? [text, node] : [text.slice(0, at), node, text.slice(at + SLOT.length)]
}
const SLOT = '\u0000'

/** A number in the locale's digits and grouping. */
export function formatNumber (n, loc = current.locale) {
  let format = numberFormats.get(loc)
  if (format === undefined) numberFormats.set(loc, format = new Intl.NumberFormat(loc))
  return format.format(n)
}

/** Items joined as the language joins them ("a and b", "a und b", "a و b"). */
export function formatList (items, loc = current.locale) {
  return new Intl.ListFormat(loc, { type: 'conjunction' }).format(items.map(String))
}

/** The `{…}` names a message uses, in all its plural forms. */
export function placeholders (message) {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  return new Set(texts.flatMap(text => [...text.matchAll(/\{(\w+)\}/g)].map(m => m[1])))
}

function pluralForm (forms, count, loc) {
  let rules = pluralRules.get(loc)
  if (rules === undefined) pluralRules.set(loc, rules = new Intl.PluralRules(loc))
  return forms[rules.select(count ?? 0)] ?? forms.other
}

function canonical (tag) {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null
  } catch {
    return null // not a language tag
  }
}

function primary (tag) {
  return tag.split('-')[0].toLowerCase()
}
