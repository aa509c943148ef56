/** The author's display name, remembered across visits; every post and reply uses it. */
import { MAX_AUTHOR, codePointLength } from '@comments/protocol'
import { t } from '../i18n/index.js'
import { h, setAttr, setText } from './dom.js'

export class NameField {
  /** @param {import('../write/drafts.js').Drafts} drafts */
  constructor (drafts) {
    this.drafts = drafts
    this.input = h('input', {
      id: 'author-name', type: 'text', autocomplete: 'nickname', 'data-testid': 'author-input',
      'aria-describedby': 'author-count', spellcheck: 'false', value: drafts.name(),
      oninput: () => this.changed()
    })
    this.counter = h('span', { id: 'author-count', class: 'counter' })
    this.element = h('div', { class: 'name-field' },
      h('label', { for: 'author-name' }, t('name.label')), this.input, this.counter)
    this.changed()
  }

  value () {
    return this.input.value.trim()
  }

  changed () {
    this.drafts.setName(this.input.value)
    const n = codePointLength(this.value())
    setText(this.counter, t('composer.count', { count: n, max: MAX_AUTHOR }))
    setAttr(this.counter, 'data-over', n > MAX_AUTHOR ? 'true' : null)
    setAttr(this.input, 'aria-invalid', n > MAX_AUTHOR ? 'true' : null)
  }

  /** A message when the name cannot be used, or null. */
  problem () {
    const n = codePointLength(this.value())
    if (n === 0) return t('name.missing')
    if (n > MAX_AUTHOR) return t('name.tooLong', { max: MAX_AUTHOR })
    return null
  }

  focus () {
    this.input.focus()
  }
}
