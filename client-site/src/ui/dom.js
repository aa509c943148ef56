/**
 * Builds DOM elements. Children that are strings become text nodes, so user data is
 * never parsed as HTML; nothing in the page uses innerHTML.
 */

/**
 * @param {string} tag
 * @param {Record<string, any>} [props] attributes; `on*` functions become listeners;
 *   `class`, `text`, `hidden`, `disabled`, `value`, `checked` set the matching property
 * @param {...(Node | string | number | null | undefined | false | Array<any>)} children
 * @returns {HTMLElement}
 */
export function h (tag, props = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value)
    else if (key === 'class') el.className = value
    else if (key === 'text') el.textContent = value
    else if (['hidden', 'disabled', 'value', 'checked', 'required'].includes(key)) el[key] = value
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  append(el, children)
  return el
}

function append (el, children) {
  for (const child of children) {
    if (child == null || child === false) continue
    if (Array.isArray(child)) append(el, child)
    else el.append(child instanceof Node ? child : String(child))
  }
}

/** Sets an element's text, or its attribute when the value changed (avoids needless DOM work). */
export function setText (el, text) {
  if (el.textContent !== text) el.textContent = text
}

export function setAttr (el, name, value) {
  if (value == null || value === false) {
    if (el.hasAttribute(name)) el.removeAttribute(name)
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, String(value))
  }
}
