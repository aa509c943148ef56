/**
 * Relative times ("3 minutes ago") with the exact time for hovering, in the reader's
 * language. `ts` is the author's clock, so a time in the future reads "just now".
 */
import { locale, t } from '../i18n/index.js'

const UNITS = [
  ['year', 365 * 24 * 3600e3], ['month', 30 * 24 * 3600e3], ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3], ['hour', 3600e3], ['minute', 60e3]
]

/**
 * @param {number} ts Unix ms
 * @param {number} now Unix ms
 * @param {string} [loc] the page's locale when not given
 */
export function relativeTime (ts, now, loc = locale()) {
  const elapsed = now - ts
  if (elapsed < 45e3) return t('time.justNow', {}, { language: new Intl.Locale(loc).language, locale: loc })
  const format = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' })
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit)
  }
  return format.format(-1, 'minute')
}

/** The exact time, e.g. "Monday, 24 November 2026 at 14:05:12". */
export function exactTime (ts, loc = locale()) {
  return new Date(ts).toLocaleString(loc, { dateStyle: 'full', timeStyle: 'medium' })
}
