/**
 * The start screen when the page is opened without a page hash: paste any URL, and it is
 * normalized and hashed exactly as the extension does it (url-hash.js), and opened as the page
 * link `#<urlHash>?url=…` (page-link.js).
 */
import { pageLinkOf, UrlRefusedError } from '@comments/protocol'
import { h, setText } from './dom.js'

export class UrlBox {
  /** @param {{ onOpen: (link: { normalized: string, urlHash: string, fragment: string }) => void }} init the page link to open (the URL in its fragment, so a reload or bookmark keeps the page's name) */
  constructor ({ onOpen }) {
    this.input = h('input', {
      id: 'page-url', type: 'url', inputmode: 'url', autocomplete: 'url', required: true, spellcheck: 'false',
      placeholder: 'https://example.com/article', 'data-testid': 'url-input', 'aria-describedby': 'page-url-help page-url-error'
    })
    this.error = h('p', { id: 'page-url-error', class: 'error', 'data-testid': 'url-error', 'aria-live': 'assertive' })
    this.element = h('section', { class: 'url-box', 'data-testid': 'url-box', 'aria-labelledby': 'url-box-heading' },
      h('h1', { id: 'url-box-heading' }, 'Comments on any web page'),
      h('form', {
        onsubmit: async e => {
          e.preventDefault()
          try {
            onOpen(await pageLinkOf(this.input.value.trim()))
          } catch (err) {
            setText(this.error, err instanceof UrlRefusedError ? err.message : `That did not work: ${err.message}`)
            this.input.setAttribute('aria-invalid', 'true')
            this.input.focus()
          }
        }
      },
      h('label', { for: 'page-url' }, 'Address of the page'),
      h('div', { class: 'url-row' }, this.input, h('button', { type: 'submit', class: 'primary', 'data-testid': 'url-open' }, 'Show comments')),
      h('p', { id: 'page-url-help', class: 'help' },
        'Only a hash of the address is sent to comment servers, never the address itself.'),
      this.error))
  }

  focus () {
    this.input.focus()
  }
}
