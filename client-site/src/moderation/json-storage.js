/**
 * One JSON value under one localStorage key, for the reader's moderation and replies. Whatever is
 * stored is read as hostile too (another tab, an older version, a script of the same origin may
 * have written it): `read` hands the parsed value to a check that keeps only what it recognises.
 * Storage that is full or disabled loses the change, never the page.
 */
export class JsonStorage {
  /**
   * @param {Storage | null} storage
   * @param {string} key
   */
  constructor (storage, key) {
    this.storage = storage
    this.key = key
  }

  /**
   * @template T
   * @param {(value: unknown) => T} check turns whatever was stored into a value of the right shape
   * @returns {T}
   */
  read (check) {
    let value = null
    try {
      const text = this.storage?.getItem(this.key)
      if (text != null) value = JSON.parse(text)
    } catch {
      value = null
    }
    return check(value)
  }

  /** @returns {boolean} whether it was stored */
  write (value) {
    try {
      this.storage?.setItem(this.key, JSON.stringify(value))
      return this.storage != null
    } catch {
      return false
    }
  }
}

/** An array of what `keep` accepts, at most `max` (the last ones). */
export function arrayOf (value, keep, max) {
  if (!Array.isArray(value)) return []
  return value.filter(keep).slice(-max)
}

export const isString = (v, max = 1000) => typeof v === 'string' && v.length <= max
