/**
 * Relative times ("3 minutes ago") with the exact time for hovering, in the reader's
 * language. `ts` is the author's clock, so a time in the future reads "just now".
 */

const UNITS = [
  ['year', 365 * 24 * 3600e3], ['month', 30 * 24 * 3600e3], ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3], ['hour', 3600e3], ['minute', 60e3]
]

/**
 * @param {number} ts Unix ms
 * @param {number} now Unix ms
 * @param {string} [locale]
 */
export function relativeTime (ts, now, locale) {
  const elapsed = now - ts
  if (elapsed < 45e3) return 'just now'
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit)
  }
  return format.format(-1, 'minute')
}

/** The exact time, e.g. "Monday, 24 November 2026 at 14:05:12". */
export function exactTime (ts, locale) {
  return new Date(ts).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'medium' })
}
