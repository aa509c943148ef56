/**
 * The start screen when the page is opened without a page hash: paste any URL, and it is
 * normalized and hashed exactly as the extension does it (url-hash.js), and opened as the page
 * link `#<urlHash>?url=…` (page-link.js).
 */
import { pageLinkOf, UrlRefusedError } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { h, setText } from './dom.js'

export class UrlBox {
  /** @param {{ onOpen: (link: { normalized: string, urlHash: string, fragment: string }) => void }} init the page link to open (the URL in its fragment, so a reload or bookmark keeps the page's name) */
  constructor ({ onOpen }) {
    this.input = h('input', {
      id: 'page-url', type: 'url', inputmode: 'url', autocomplete: 'url', required: true, spellcheck: 'false',
      placeholder: 'https://example.com/article', dir: 'ltr', 'data-testid': 'url-input', 'aria-describedby': 'page-url-help page-url-error'
    })
    this.error = h('p', { id: 'page-url-error', class: 'error', 'data-testid': 'url-error', 'aria-live': 'assertive' })
    this.element = h('section', { class: 'url-box', 'data-testid': 'url-box', 'aria-labelledby': 'url-box-heading' },
      h('h1', { id: 'url-box-heading' }, t('url.heading')),
      h('form', {
        onsubmit: async e => {
          e.preventDefault()
          try {
            onOpen(await pageLinkOf(this.input.value.trim()))
          } catch (err) {
            setText(this.error, err instanceof UrlRefusedError ? t('url.refused', { reason: err.message }) : t('url.failed', { error: err.message }))
            this.input.setAttribute('aria-invalid', 'true')
            this.input.focus()
          }
        }
      },
      h('label', { for: 'page-url' }, t('url.label')),
      h('div', { class: 'url-row' }, this.input, h('button', { type: 'submit', class: 'primary', 'data-testid': 'url-open' }, t('url.open'))),
      h('p', { id: 'page-url-help', class: 'help' }, t('url.help')),
      this.error))
  }

  focus () {
    this.input.focus()
  }
}
