/** A comment's text as nodes: text nodes and safe links only. */
import { h } from './dom.js'
import { splitLinks } from './links.js'

export function commentText (text) {
  const fragment = document.createDocumentFragment()
  for (const part of splitLinks(text)) {
    fragment.append(part.href === undefined
      ? document.createTextNode(part.text)
      : h('a', { href: part.href, rel: 'nofollow noopener ugc', target: '_blank', referrerpolicy: 'no-referrer' }, part.text))
  }
  return fragment
}
