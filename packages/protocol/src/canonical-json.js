/**
 * Canonical JSON (RFC 8785) for the value types a comment has: objects with string keys,
 * strings, safe integers and null. Keys are sorted by UTF-16 code units (JavaScript's
 * default string order) and strings are escaped exactly as `JSON.stringify` escapes them
 * (lone surrogates as `\udxxx`), so the output matches the Java encoder byte for byte.
 */

/**
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson (value) {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON here holds only integers within ±(2^53-1), not ${value}`)
      }
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) throw new TypeError('canonical JSON here holds no arrays')
      const keys = Object.keys(value).sort()
      return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonical JSON here holds strings, integers, null and objects, not ${typeof value}`)
  }
}

/** The UTF-8 bytes of the canonical JSON of a value. */
export function canonicalBytes (value) {
  return new TextEncoder().encode(canonicalJson(value))
}
