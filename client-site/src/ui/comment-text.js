/**
 * A comment's text as nodes: the text format of markdown.js (docs/adr/015-text-format.md) built
 * with h(), so every character of the comment ends in a text node or an attribute value, never in
 * HTML. Only the elements below are made, and links only to http(s).
 */
import { h } from './dom.js'
import { parseMarkdown } from './markdown.js'

export function commentText (text) {
  const fragment = document.createDocumentFragment()
  for (const block of parseMarkdown(text)) fragment.append(toNode(block))
  return fragment
}

function toNode (n) {
  switch (n.type) {
    case 'text': return document.createTextNode(n.text)
    case 'br': return h('br')
    case 'code': return h('code', {}, n.text)
    // focusable: a wide block scrolls sideways, and a keyboard must be able to scroll it
    case 'pre': return h('pre', { tabindex: 0 }, h('code', {}, n.text))
    case 'a': return h('a', { href: n.href, rel: 'nofollow noopener ugc', target: '_blank', referrerpolicy: 'no-referrer' }, n.children.map(toNode))
    // each paragraph and quote takes the direction of its own first letter: a comment may mix Arabic and English
    case 'p': case 'blockquote': return h(n.type, { dir: 'auto' }, n.children.map(toNode))
    case 'em': case 'strong': return h(n.type, {}, n.children.map(toNode))
    default: throw new Error(`no element for ${n.type}`) // the parser makes no other node: an allow-list, not a pass-through
  }
}
