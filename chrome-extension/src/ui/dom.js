/** A small element builder for the extension's pages: text is always set as text, never as HTML. */

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | ((e: Event) => void)> | null} [attrs] `on…` keys add listeners
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h (tag, attrs, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value)
    else if (value === true) el.setAttribute(key, '')
    else if (value !== false && value != null) el.setAttribute(key, value)
  }
  for (const child of children) if (child != null && child !== false) el.append(child)
  return el
}
