/**
 * "Moderation": the keys you mute (with Unmute), the mute lists you follow (docs/protocol.md
 * §3.11: each with its moderator's name and key fingerprint, how many keys, when signed, Unfollow,
 * and why it was refused or could not be read), following one by address or CID, and publishing
 * your own list as a signed file. Decision: docs/adr/018-reader-moderation.md.
 */
import { rawCidOf, signMuteList } from '@comments/protocol'
import { t, tAround } from '../i18n/index.js'
import { displayName, nameElement } from './display-name.js'
import { h, setText } from './dom.js'
import { fingerprintElement, fingerprintOf } from './fingerprint.js'
import { saveFile } from './save-file.js'
import { exactTime } from './times.js'

export const LIST_FILE_NAME = 'mute-list.json'

export class ModerationPanel {
  /**
   * @param {{ moderation: import('../moderation/moderation.js').Moderation, identities: import('../write/identity.js').Identities,
   *   author: () => string, authorProblem: () => string | null, identityChanged: () => void }} init
   */
  constructor ({ moderation, identities, author, authorProblem, identityChanged }) {
    this.identityChanged = identityChanged
    this.moderation = moderation
    this.identities = identities
    this.author = author
    this.authorProblem = authorProblem
    this.muted = h('ul', { class: 'muted-keys', 'data-testid': 'muted-list' })
    this.noneMuted = h('p', { 'data-testid': 'muted-none' }, t('moderation.noneMuted'))
    this.lists = h('ul', { class: 'followed-lists', 'data-testid': 'followed-lists' })
    this.source = h('input', { type: 'text', id: 'mute-list-source', spellcheck: 'false', autocomplete: 'off', 'data-testid': 'mute-list-source' })
    this.followButton = h('button', { type: 'submit', 'data-testid': 'mute-list-follow' }, t('moderation.follow'))
    this.message = h('p', { class: 'moderation-message', 'aria-live': 'polite', 'data-testid': 'moderation-message' })
    this.publishButton = h('button', { type: 'button', 'data-testid': 'mute-list-publish', onclick: () => this.publish() }, t('moderation.publish'))
    this.element = h('details', { class: 'moderation', 'data-testid': 'moderation' },
      h('summary', {}, t('moderation.summary')),
      h('p', {}, t('moderation.about')),
      h('h3', {}, t('moderation.mutedByYou')), this.noneMuted, this.muted,
      h('h3', {}, t('moderation.followedLists')), this.lists,
      h('form', { class: 'follow-form', onsubmit: event => { event.preventDefault(); this.follow() } },
        h('label', { for: 'mute-list-source' }, t('moderation.followLabel')),
        h('div', { class: 'follow-row' }, this.source, this.followButton)),
      h('h3', {}, t('moderation.yourList')),
      h('p', {}, t('moderation.yourListAbout')),
      this.publishButton, this.message)
    moderation.onChange(() => this.refresh())
    this.refresh()
  }

  refresh () {
    const muted = [...this.moderation.muted].reverse() // the latest first
    this.noneMuted.hidden = muted.length > 0
    this.muted.replaceChildren(...muted.map(({ key, name }) => h('li', { 'data-key': key },
      nameElement(name), ' ', fingerprintElement(key, { 'data-testid': 'muted-fingerprint' }), ' ',
      h('button', { type: 'button', class: 'link-button', 'aria-label': t('hidden.unmuteLabel', { name: displayName(name) }), 'data-testid': 'unmute', onclick: () => this.moderation.unmute(key) }, t('hidden.unmute')))))
    this.lists.replaceChildren(...this.moderation.followed.map(entry => this.listItem(entry)))
  }

  listItem ({ source, list, error }) {
    const unfollow = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'unfollow',
      'aria-label': t('moderation.unfollowLabel', { name: list == null ? source : t('moderation.listOf', { name: displayName(list.author) }) }),
      onclick: () => this.moderation.unfollow(source)
    }, t('moderation.unfollow'))
    const about = list == null
      ? [h('span', {}, t('moderation.notApplied'))]
      : [tAround('moderation.listHead', {}, 'name', nameElement(list.author, { 'data-testid': 'list-author' })), fingerprintElement(list.key, { 'data-testid': 'list-fingerprint' }),
          h('span', { 'data-testid': 'list-count' }, t('moderation.keyCount', { count: list.mutes.length })),
          tAround('moderation.signed', {}, 'time', h('time', { datetime: new Date(list.ts).toISOString() }, exactTime(list.ts)))]
    const problem = error == null
      ? null
      : h('p', { class: 'list-error', 'data-testid': 'list-error', 'data-code': error.code },
        list == null
          ? t('moderation.refused', { code: error.code, error: error.message })
          : t('moderation.notRetaken', { code: error.code, error: error.message, time: exactTime(list.ts) }))
    return h('li', { 'data-source': source, 'data-testid': 'followed-list' },
      h('p', { class: 'list-head' }, ...about, ' ', unfollow),
      h('p', { class: 'list-source' }, tAround('moderation.from', {}, 'source', h('code', {}, source))),
      problem)
  }

  async follow () {
    const text = this.source.value
    if (text.trim() === '') return
    this.followButton.disabled = true
    setText(this.message, t('moderation.reading'))
    try {
      const entry = await this.moderation.follow(text)
      this.source.value = ''
      setText(this.message, entry?.list != null && entry.error == null
        ? t('moderation.following', { name: displayName(entry.list.author), count: entry.list.mutes.length })
        : t('moderation.followedNotApplied'))
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.followButton.disabled = false
    }
  }

  async publish () {
    const problem = this.authorProblem()
    if (problem != null) {
      setText(this.message, t('moderation.signedUnderName', { problem }))
      return
    }
    this.publishButton.disabled = true
    try {
      const me = await this.identities.loadOrCreate()
      this.identityChanged() // a moderator without a key has one now
      const keys = this.moderation.muted.map(e => e.key)
      const bytes = await signMuteList({ author: this.author(), ts: Date.now(), mutes: keys }, me)
      saveFile(LIST_FILE_NAME, bytes, 'application/json')
      setText(this.message, t('moderation.saved', { file: LIST_FILE_NAME, count: keys.length, fingerprint: await fingerprintOf(me.publicKey), cid: await rawCidOf(bytes) }))
    } catch (err) {
      setText(this.message, t('moderation.makeFailed', { error: err.message }))
    } finally {
      this.publishButton.disabled = false
    }
  }
}
