/**
 * The status line: how many servers were found and how, how many comments verified
 * and how many were dropped, and what the page is doing. Read by screen readers as a
 * polite live region, and by tests through data-testid and data-count.
 */
import { formatList, t } from '../i18n/index.js'
import { h, setAttr, setText } from './dom.js'

const SOURCES = new Set(['dht', 'delegated', 'remembered', 'config'])

export class StatusLine {
  constructor () {
    this.servers = h('span', { 'data-testid': 'status-servers', 'data-count': 0 })
    this.verified = h('span', { 'data-testid': 'status-verified', 'data-count': 0, hidden: true })
    this.dropped = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'status-dropped', 'data-count': 0, hidden: true,
      'aria-controls': 'dropped-list', 'aria-expanded': 'false', onclick: () => this.toggleDropped()
    })
    // entries of the folder past the reader's limits (comment-reader.js): how many, and why in its title
    this.leftOut = h('span', { 'data-testid': 'status-left-out', 'data-count': 0, hidden: true })
    this.seps = [sep(), sep(), sep()]
    this.activity = h('span', { 'data-testid': 'status-activity', class: 'activity' })
    this.droppedList = h('ul', { id: 'dropped-list', class: 'dropped-list', 'data-testid': 'dropped-list', hidden: true })
    this.omissions = h('ul', { class: 'omissions', 'data-testid': 'status-omissions', 'data-count': 0, hidden: true })
    this.element = h('div', { class: 'status', 'data-testid': 'status', 'data-state': 'starting' },
      h('div', { role: 'status', 'aria-live': 'polite' },
        h('p', { class: 'status-line' }, this.servers, this.seps[0], this.verified, this.seps[1], this.dropped, this.seps[2], this.leftOut),
        h('p', { class: 'status-activity' }, this.activity),
        this.omissions),
      this.droppedList)
  }

  // A " · " between two shown parts, and nowhere else.
  separate () {
    const parts = [this.servers, this.verified, this.dropped, this.leftOut]
    this.seps.forEach((s, i) => {
      s.hidden = parts[i + 1].hidden || !parts.slice(0, i + 1).some(p => !p.hidden && p.textContent !== '')
    })
  }

  /** @param {'starting' | 'discovering' | 'loading' | 'ready' | 'error'} state */
  setState (state, activity) {
    setAttr(this.element, 'data-state', state)
    setText(this.activity, activity ?? '')
  }

  setServers (count, source) {
    setAttr(this.servers, 'data-count', count)
    setAttr(this.servers, 'data-source', source)
    const servers = t('status.servers', { count })
    setText(this.servers, count === 0 ? t('status.noServer') : t(`status.source.${SOURCES.has(source) ? source : 'other'}`, { servers }))
    this.separate()
  }

  /**
   * @param {number} verified
   * @param {Array<{ name: string, code: string, message: string }>} dropped
   * @param {{ count: number, atLeast: boolean, why: string } | null} [leftOut] entries not read
   */
  setComments (verified, dropped, leftOut = null) {
    setAttr(this.verified, 'data-count', verified)
    this.verified.hidden = false
    setText(this.verified, t('status.verified', { count: verified }))
    setAttr(this.dropped, 'data-count', dropped.length)
    this.dropped.hidden = dropped.length === 0
    setText(this.dropped, t('status.dropped', { count: dropped.length }))
    setAttr(this.dropped, 'title', t('status.droppedTitle'))
    this.droppedList.replaceChildren(...dropped.map(d =>
      h('li', {}, h('code', {}, d.name), ` — ${d.code}: ${d.message}`)))
    if (dropped.length === 0) this.showDropped(false)
    setAttr(this.leftOut, 'data-count', leftOut?.count ?? 0)
    this.leftOut.hidden = leftOut == null
    setText(this.leftOut, leftOut == null ? '' : t(leftOut.atLeast ? 'status.leftOutAtLeast' : 'status.leftOut', { count: leftOut.count }))
    setAttr(this.leftOut, 'title', leftOut == null ? null : t('status.leftOutTitle', { why: leftOut.why }))
    this.separate()
  }

  /**
   * Says which server lacks comments that another serves: no single server decides what is seen.
   * It may be sync under way or an operator's withholding (docs/protocol.md §5.7), or censorship.
   *
   * @param {Array<{ url: string, missing: number, servedBy: string[] }>} omissions
   */
  setOmissions (omissions) {
    setAttr(this.omissions, 'data-count', omissions.length)
    this.omissions.hidden = omissions.length === 0
    this.omissions.replaceChildren(...omissions.map(o => h('li', { 'data-server': o.url },
      t(o.servedBy.length === 1 ? 'status.omissionByOne' : 'status.omissionByMany', { server: o.url, count: o.missing, others: formatList(o.servedBy) }))))
  }

  toggleDropped () {
    this.showDropped(this.droppedList.hidden)
  }

  showDropped (show) {
    this.droppedList.hidden = !show
    setAttr(this.dropped, 'aria-expanded', String(show))
  }
}

function sep () {
  return h('span', { class: 'sep', 'aria-hidden': 'true', hidden: true }, ' · ')
}
