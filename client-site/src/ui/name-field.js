/** The author's display name, remembered across visits; every post and reply uses it. */
import { MAX_AUTHOR, codePointLength } from '@comments/protocol'
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
      h('label', { for: 'author-name' }, 'Your name'), this.input, this.counter)
    this.changed()
  }

  value () {
    return this.input.value.trim()
  }

  changed () {
    this.drafts.setName(this.input.value)
    const n = codePointLength(this.value())
    setText(this.counter, `${n} / ${MAX_AUTHOR}`)
    setAttr(this.counter, 'data-over', n > MAX_AUTHOR ? 'true' : null)
    setAttr(this.input, 'aria-invalid', n > MAX_AUTHOR ? 'true' : null)
  }

  /** A message when the name cannot be used, or null. */
  problem () {
    const n = codePointLength(this.value())
    if (n === 0) return 'Please give a name to post under.'
    if (n > MAX_AUTHOR) return `Your name is too long: at most ${MAX_AUTHOR} characters.`
    return null
  }

  focus () {
    this.input.focus()
  }
}
