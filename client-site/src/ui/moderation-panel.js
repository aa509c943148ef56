/**
 * "Moderation": the keys you mute (with Unmute), the mute lists you follow (docs/protocol.md
 * §3.11: each with its moderator's name and key fingerprint, how many keys, when signed, Unfollow,
 * and why it was refused or could not be read), following one by address or CID, and publishing
 * your own list as a signed file. Decision: docs/adr/018-reader-moderation.md.
 */
import { rawCidOf, signMuteList } from '@comments/protocol'
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
    this.noneMuted = h('p', { 'data-testid': 'muted-none' }, 'You mute nobody. "Mute" under a comment hides that key\'s comments here.')
    this.lists = h('ul', { class: 'followed-lists', 'data-testid': 'followed-lists' })
    this.source = h('input', { type: 'text', id: 'mute-list-source', spellcheck: 'false', autocomplete: 'off', 'data-testid': 'mute-list-source' })
    this.followButton = h('button', { type: 'submit', 'data-testid': 'mute-list-follow' }, 'Follow')
    this.message = h('p', { class: 'moderation-message', 'aria-live': 'polite', 'data-testid': 'moderation-message' })
    this.publishButton = h('button', { type: 'button', 'data-testid': 'mute-list-publish', onclick: () => this.publish() }, 'Publish my mute list')
    this.element = h('details', { class: 'moderation', 'data-testid': 'moderation' },
      h('summary', {}, 'Moderation'),
      h('p', {}, 'Hide the comments of keys you choose, or of the keys on a moderator\'s mute list you follow. ',
        'This is kept in this browser only: nothing is sent to any server, and your own comments are never hidden.'),
      h('h3', {}, 'Muted by you'), this.noneMuted, this.muted,
      h('h3', {}, 'Mute lists you follow'), this.lists,
      h('form', { class: 'follow-form', onsubmit: event => { event.preventDefault(); this.follow() } },
        h('label', { for: 'mute-list-source' }, 'Follow a mute list: its address (https://…) or CID'),
        h('div', { class: 'follow-row' }, this.source, this.followButton)),
      h('h3', {}, 'Your mute list'),
      h('p', {}, 'Signs the keys you mute with your key, under your name, as a file: publish it at an https address or in IPFS ',
        '(ipfs add --cid-version=1) and share that address or its CID; readers who follow it hide the same comments.'),
      this.publishButton, this.message)
    moderation.onChange(() => this.refresh())
    this.refresh()
  }

  refresh () {
    const muted = [...this.moderation.muted].reverse() // the latest first
    this.noneMuted.hidden = muted.length > 0
    this.muted.replaceChildren(...muted.map(({ key, name }) => h('li', { 'data-key': key },
      nameElement(name), ' ', fingerprintElement(key, { 'data-testid': 'muted-fingerprint' }), ' ',
      h('button', { type: 'button', class: 'link-button', 'aria-label': `Unmute ${displayName(name)}`, 'data-testid': 'unmute', onclick: () => this.moderation.unmute(key) }, 'Unmute'))))
    this.lists.replaceChildren(...this.moderation.followed.map(entry => this.listItem(entry)))
  }

  listItem ({ source, list, error }) {
    const unfollow = h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'unfollow',
      'aria-label': `Unfollow ${list == null ? source : `${displayName(list.author)}'s list`}`,
      onclick: () => this.moderation.unfollow(source)
    }, 'Unfollow')
    const about = list == null
      ? [h('span', {}, 'Not applied')]
      : [nameElement(list.author, { 'data-testid': 'list-author' }), '\'s list ', fingerprintElement(list.key, { 'data-testid': 'list-fingerprint' }),
          h('span', { 'data-testid': 'list-count' }, `: ${list.mutes.length} ${list.mutes.length === 1 ? 'key' : 'keys'}`),
          ', signed ', h('time', { datetime: new Date(list.ts).toISOString() }, exactTime(list.ts))]
    const problem = error == null
      ? null
      : h('p', { class: 'list-error', 'data-testid': 'list-error', 'data-code': error.code },
        list == null
          ? `Refused (${error.code}): ${error.message}. Nothing of it is applied.`
          : `Could not take it again (${error.code}): ${error.message}. The version signed ${exactTime(list.ts)} stays applied.`)
    return h('li', { 'data-source': source, 'data-testid': 'followed-list' },
      h('p', { class: 'list-head' }, ...about, ' ', unfollow),
      h('p', { class: 'list-source' }, 'From ', h('code', {}, source)),
      problem)
  }

  async follow () {
    const text = this.source.value
    if (text.trim() === '') return
    this.followButton.disabled = true
    setText(this.message, 'Reading the list…')
    try {
      const entry = await this.moderation.follow(text)
      this.source.value = ''
      setText(this.message, entry?.list != null && entry.error == null
        ? `Following ${displayName(entry.list.author)}'s list: ${entry.list.mutes.length} keys.`
        : 'Followed, but the list was not applied: see why above.')
    } catch (err) {
      setText(this.message, err.message)
    } finally {
      this.followButton.disabled = false
    }
  }

  async publish () {
    const problem = this.authorProblem()
    if (problem != null) {
      setText(this.message, `${problem} The list is signed under the name you post under.`)
      return
    }
    this.publishButton.disabled = true
    try {
      const me = await this.identities.loadOrCreate()
      this.identityChanged() // a moderator without a key has one now
      const keys = this.moderation.muted.map(e => e.key)
      const bytes = await signMuteList({ author: this.author(), ts: Date.now(), mutes: keys }, me)
      saveFile(LIST_FILE_NAME, bytes, 'application/json')
      setText(this.message, `Saved ${LIST_FILE_NAME}: ${keys.length} ${keys.length === 1 ? 'key' : 'keys'}, signed by your key ${await fingerprintOf(me.publicKey)}; its CID is ${await rawCidOf(bytes)}.`)
    } catch (err) {
      setText(this.message, `Could not make the list: ${err.message}`)
    } finally {
      this.publishButton.disabled = false
    }
  }
}
