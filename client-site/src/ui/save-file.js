/**
 * Saves bytes or text as a file the browser downloads (a link with `download`, clicked).
 *
 * @param {string} name
 * @param {BlobPart} content
 * @param {string} type
 */
import { h } from './dom.js'

export function saveFile (name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = h('a', { href: url, download: name, hidden: true })
  document.body.append(a)
  a.click()
  a.remove()
  // The download has started by now; give slow browsers time before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
