/**
 * The comment page for one urlHash: wires discovery, reading, posting and the views
 * together, and keeps the state they share (servers, verified and pending comments).
 */
import { CID } from 'multiformats/cid'
import {
  InvalidCommentError, NoServerError, PostError, ServerList, WITHDRAWN, applyRecords, discoverServers, findProvidersDelegated, getFolder,
  postComment, rawCidOf, signComment, stampBits, stampMinBitsOf
} from '@comments/protocol'
import { findProvidersDht } from './discovery/find-providers-dht.js'
import { formatList, locale, t } from './i18n/index.js'
import { Moderation } from './moderation/moderation.js'
import { RepliesStore, RepliesToYou } from './moderation/replies.js'
import { CommentReader } from './read/comment-reader.js'
import { unionOfReads } from './read/union.js'
import { buildThread, countThread } from './thread.js'
import { Composer } from './ui/composer.js'
import { h } from './ui/dom.js'
import { HiddenComments } from './ui/hidden-comments.js'
import { IdentityPanel } from './ui/identity-panel.js'
import { ModerationPanel } from './ui/moderation-panel.js'
import { NameField } from './ui/name-field.js'
import { RepliesNotice } from './ui/replies-notice.js'
import { pageNameView } from './ui/page-name.js'
import { saveFile } from './ui/save-file.js'
import { StatusLine } from './ui/status-line.js'
import { ThreadFiles } from './ui/thread-files.js'
import { ThreadView } from './ui/thread-view.js'
import { StampCancelled, stampInWorkers } from './write/stamper.js'

// The order of the top level. The key and its values 'true' (newest first) and 'false' (oldest
// first) predate the third order, stored as 'appreciated': a visit with an older page reads that
// as oldest first, and this page still reads what an older one stored.
const ORDER_KEY = 'comments.newestFirst'
const STORED_ORDER = { oldest: 'false', newest: 'true', appreciated: 'appreciated' }

export class CommentsPage {
  /**
   * @param {object} init
   * @param {string} init.urlHash
   * @param {string | null} init.normalizedUrl when known (given by the page link, and checked against the urlHash)
   * @param {string | null} [init.title] the page's title, given with the URL (untrusted text)
   * @param {boolean} [init.linkMismatch] the page link gave a URL that does not hash to urlHash
   * @param {ReturnType<import('@comments/protocol').mergeConfig>} init.config
   * @param {import('./write/identity.js').Identities} init.identities
   * @param {import('./write/drafts.js').Drafts} init.drafts
   * @param {Storage | null} init.storage
   * @param {() => Promise<any>} init.createNode starts the IPFS node
   */
  constructor (init) {
    Object.assign(this, init)
    this.timeoutMs = this.config.requestTimeoutSeconds * 1000
    /** @type {Map<string, number>} server URL → the stamp it asks for (GET /health) */
    this.stampsAsked = new Map()
    this.servers = new ServerList({ storage: this.storage, timeoutMs: this.timeoutMs, pinned: this.config.servers })
    this.reader = new CommentReader({ gateways: this.config.gateways, timeoutMs: this.timeoutMs })
    this.verified = []
    /** id → { id, comment, state: 'sending' | 'posted' } */
    this.pending = new Map()
    this.replyBoxes = new Map()
    /** comment id → its open editor (Composer) */
    this.editBoxes = new Map()
    const stored = this.storage?.getItem(ORDER_KEY)
    this.order = Object.keys(STORED_ORDER).find(order => STORED_ORDER[order] === stored) ?? 'oldest'
    this.ownKey = null
    this.lastRefresh = 0
    /** server URL → the last folder read and verified from it: read again only when it names another CID. */
    this.lastReads = new Map()
    this.mustRevalidate = false

    this.status = new StatusLine()
    this.nameField = new NameField(this.drafts)
    this.composer = this.newComposer(null)
    // The reader's moderation and replies to them (docs/adr/018-reader-moderation.md).
    const redraw = () => { if (this.lastRefresh > 0) this.render() }
    this.moderation = new Moderation({ storage: this.storage, config: this.config })
    this.moderation.onChange(redraw)
    this.hidden = new HiddenComments({ moderation: this.moderation, ownKey: () => this.ownKey, redraw })
    this.repliesStore = new RepliesStore(this.storage)
    this.repliesToYou = new RepliesToYou(this.repliesStore, this.urlHash)
    this.repliesNotice = new RepliesNotice({ urlHash: this.urlHash })
    this.thread = new ThreadView({
      onReply: (id, author) => this.openReply(id, author),
      onOrder: order => this.setOrder(order),
      onReact: (id, name) => this.post(id, name, {}, 'reaction'),
      onEdit: (id, text) => this.openEdit(id, text),
      onWithdraw: id => this.post(id, WITHDRAWN, {}, 'withdrawal'),
      ownKey: () => this.ownKey,
      actions: (id, comment, who) => this.hidden.actions(id, comment, who),
      decorate: (view, node) => { this.hidden.decorate(view, node); this.repliesNotice.decorate(view, node) }
    })
    this.thread.list.before(this.hidden.element)
    this.thread.setOrder(this.order)
    this.identityPanel = new IdentityPanel({ identities: this.identities, onChange: () => this.identityChanged() })
    this.threadFiles = new ThreadFiles({ onDownload: kind => this.download(kind), onCheck: bytes => this.checkFile(bytes) })
    this.moderationPanel = new ModerationPanel({
      moderation: this.moderation,
      identities: this.identities,
      author: () => this.nameField.value(),
      authorProblem: () => this.nameField.problem(),
      identityChanged: () => this.identityChanged()
    })
    this.element = h('div', { class: 'page' },
      h('header', { class: 'page-head' },
        h('p', { class: 'brand' }, h('a', { href: './', 'data-testid': 'home-link' }, t('page.brand'))),
        pageNameView({ urlHash: this.urlHash, url: this.normalizedUrl, title: this.title, mismatch: this.linkMismatch }),
        this.status.element),
      this.repliesNotice.element,
      h('section', { class: 'write', 'aria-label': t('page.write') }, this.nameField.element, this.composer.element, this.identityPanel.element),
      this.thread.element,
      this.threadFiles.element,
      this.moderationPanel.element)
  }

  async start () {
    this.identityChanged()
    this.moderation.refreshLists() // once per visit, in the background; the kept versions apply meanwhile
    this.status.setState('starting', t('page.starting'))
    this.node = this.createNode().then(node => {
      this.reader.network = node.blockstore
      return node
    }, err => {
      console.warn('the IPFS node did not start', err)
      return null
    })
    const remembered = this.servers.remembered(this.config.rememberServersHours * 3600e3)
    if (remembered.length > 0 || this.config.servers.length > 0) {
      this.servers.use(remembered, remembered.length > 0 ? 'remembered' : 'config')
      this.status.setServers(this.servers.urls.length, this.servers.source)
      this.discovery = this.discover() // refreshes the list in the background
      await this.refresh()
    } else {
      this.discovery = this.discover()
      await this.discovery
      await this.refresh()
    }
    this.startPolling()
  }

  async discover () {
    try {
      return await this.lookForServers()
    } catch (err) {
      console.error('discovery failed', err)
      if (this.servers.urls.length === 0) this.status.setState('error', t('page.discoveryFailed', { error: err.message }))
      return { urls: [], source: null, providers: 0 }
    }
  }

  async lookForServers () {
    if (this.servers.urls.length === 0) this.status.setState('discovering', t('page.lookingForServers'))
    const dhtKey = await rawCidOf(hexBytes(this.config.networkId))
    const node = this.config.bootstrap.length > 0 ? await this.node : null
    const result = await discoverServers({
      config: this.config,
      findDht: node == null ? null : signal => findProvidersDht(node.libp2p, CID.parse(dhtKey), { signal }),
      findDelegated: (router, signal) => findProvidersDelegated(router, dhtKey, { signal }),
      servers: this.servers,
      onProgress: ({ step }) => {
        if (this.servers.urls.length === 0 && step === 'delegated') this.status.setState('discovering', t('page.askingDelegated'))
      }
    })
    if (result.urls.length > 0) {
      this.servers.use(result.urls, result.source)
      this.status.setServers(this.servers.urls.length, result.source)
    } else if (this.servers.urls.length === 0) {
      this.status.setServers(0, null)
      this.status.setState('error', t('page.noServerAnswered'))
    }
    return result
  }

  /** Reads the page's folder and shows what verifies; several calls at once share one read. */
  refresh () {
    this.refreshing ??= this.load().finally(() => { this.refreshing = null })
    return this.refreshing
  }

  async load () {
    if (this.servers.urls.length === 0) {
      if (this.discovery == null || await this.discovery.then(r => r.urls.length === 0, () => true)) this.discovery = this.discover()
      await this.discovery
      if (this.servers.urls.length === 0) return
    }
    if (this.lastRefresh === 0) this.status.setState('loading', t('page.loading'))
    try {
      // right after our own post, ask the servers (a 304 if nothing changed); otherwise the
      // browser's HTTP cache may answer, as the servers' Cache-Control allows
      const cache = this.mustRevalidate ? 'no-cache' : 'default'
      this.mustRevalidate = false
      const reads = await this.readFolders(cache)
      const union = unionOfReads(reads)
      if (reads.length > 1) {
        for (const { url } of reads) if (!union.omissions.some(o => o.url === url)) this.servers.vouch(url)
      }
      this.verified = union.comments
      this.lackedBy = union.lackedBy
      for (const c of union.comments) this.pending.delete(c.id)
      this.lastRefresh = Date.now()
      this.status.setComments(union.comments.length, union.dropped, union.leftOut)
      this.status.setOmissions(union.omissions)
      this.status.setState('ready', t('page.updated', { time: new Date(this.lastRefresh).toLocaleTimeString(locale()) }))
      this.threadFiles.setReady(true)
      this.render()
    } catch (err) {
      this.status.setState('error', t('page.loadFailed', { error: err.message }))
      if (this.lastRefresh === 0) this.render()
    }
  }

  /**
   * Reads the page's folder from `readServers` servers at once (the best one and those this
   * browser read least recently, ServerList.readOrder), going on down the list past any that
   * fail. Rejects only when every server failed.
   *
   * @param {RequestCache} cache
   * @returns {Promise<Array<{ url: string, read: import('./read/comment-reader.js').FolderRead }>>}
   */
  async readFolders (cache) {
    const order = this.servers.readOrder()
    const want = Math.min(this.config.readServers, order.length)
    const reads = []
    const errors = []
    let next = 0
    while (reads.length < want && next < order.length) {
      const batch = order.slice(next, next + want - reads.length)
      next += batch.length
      const results = await Promise.all(batch.map(url => this.readFolder(url, cache).then(read => ({ url, read }), err => {
        this.servers.demote(url)
        errors.push(`${url}: ${err.message}`)
        return null
      })))
      reads.push(...results.filter(r => r != null))
    }
    if (reads.length === 0) throw new NoServerError(t('page.everyServerFailed', { errors: errors.join(t('page.listSeparator')) }))
    for (const { url } of reads) this.servers.markRead(url)
    return reads
  }

  /** One server's folder of the page, read and verified; the same CID is not read again (unless some of it could not be read). */
  async readFolder (url, cache) {
    const folder = await getFolder(url, this.urlHash, { signal: AbortSignal.timeout(this.timeoutMs), cache })
    const last = this.lastReads.get(url)
    if (last?.folder === folder.cid && last.dropped.length === 0) return last
    const read = await this.reader.read(this.urlHash, folder.cid)
    this.lastReads.set(url, read)
    return read
  }

  /**
   * Draws the thread. Never throws: writing and posting go on whatever the thread holds (each
   * comment is drawn on its own, ThreadView.createView; this catches what is left).
   */
  render () {
    try {
      const verifiedIds = new Set(this.verified.map(c => c.id))
      const items = [
        ...this.verified.map(c => ({ ...c, state: 'verified', lackedBy: this.lackedBy?.get(c.id) })),
        ...[...this.pending.values()].filter(p => !verifiedIds.has(p.id))
      ]
      // records (§3.10) are applied to what is shown, pending ones too: a reaction or an edit shows
      // at once, and stays once read back; the thread holds comments only
      const comments = applyRecords(items).comments
      const roots = buildThread(comments, { order: this.order })
      this.hidden.count(comments)
      // replies to you: what the folder holds (not what is pending), withdrawn replies left out
      const found = this.repliesToYou.update(comments.filter(c => c.state === 'verified' && !c.withdrawn), { ownKey: this.ownKey, hidden: c => this.hidden.isMuted(c) })
      this.repliesNotice.show(found, this.repliesStore.otherPages(this.urlHash))
      this.thread.render(roots, countThread(roots))
      this.placeReplyBoxes()
    } catch (err) {
      console.error('the thread could not be drawn', err)
      this.status.setState('error', t('page.drawFailed', { error: err.message }))
    }
  }

  startPolling () {
    const every = this.config.pollSeconds * 1000
    setInterval(() => { if (document.visibilityState === 'visible') this.refresh() }, every)
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - this.lastRefresh >= every) this.refresh()
    })
    setInterval(() => this.thread.tick(), 30_000)
  }

  /**
   * Signs, stamps and posts a comment or a record (a revision, withdrawal or reaction about the
   * comment `parent`, docs/protocol.md §3.10); shows it as "sending" until a server has it, then "posted".
   * The stamp (docs/protocol.md §3.9) is what the server posted to asks for (its `GET /health`),
   * at least `minStampBits`; a server that asks for more than `maxStampBits` is passed over.
   *
   * No one server decides: the comment was checked here against every rule, so a refusal is that
   * server's own (busy, rate, its policy, or a lie) and the next server is tried, the reason kept
   * for the reader. A 201 counts only once the comment is read back from the folder that server
   * then names (through IPFS, verified); a server that answers 201 and does not serve it is caught
   * lying and forgotten (ServerList.forget). Resolves with a message for people; rejects with one,
   * and the text stays in the box.
   *
   * @param {string | null} parent
   * @param {string} text
   * @param {{ signal?: AbortSignal, onProgress?: (p: { tries: number, expected: number }) => void }} [stamping]
   * @param {'revision' | 'withdrawal' | 'reaction'} [kind] a record of this kind (version 3); none: a comment (version 2)
   * @returns {Promise<string>}
   */
  async post (parent, text, stamping = {}, kind = undefined) {
    const problem = this.nameField.problem()
    if (problem != null) {
      this.nameField.focus()
      throw new Error(problem)
    }
    if (this.servers.urls.length === 0) {
      await this.discovery?.catch(() => null)
      if (this.servers.urls.length === 0) throw new Error(t('page.noServerReachable'))
    }
    const fields = { url: this.urlHash, parent, author: this.nameField.value(), text, ts: Date.now(), ...(kind == null ? {} : { kind }) }
    let identity
    let signed
    try {
      identity = await this.identities.loadOrCreate()
      this.identityChanged()
      signed = await signComment({ ...fields, nonce: 0 }, identity) // every rule checked before any work
    } catch (err) {
      throw new Error(err instanceof InvalidCommentError ? t('page.invalidComment', { reason: err.message }) : t('page.signFailed', { error: err.message }))
    }
    let item = null
    const refusals = []
    let postedTo
    try {
      ({ url: postedTo } = await this.servers.tryEach(async url => {
        try {
          const bits = Math.max(this.config.minStampBits, await this.stampAskedBy(url))
          if (bits > this.config.maxStampBits) {
            throw new PostError(t('page.stampTooBig', { server: url, bits, max: this.config.maxStampBits }))
          }
          if (stampBits(signed.id) < bits) signed = await stampInWorkers(fields, identity, bits, stamping)
          if (item?.id !== signed.id) {
            if (item != null) this.pending.delete(item.id)
            item = { id: signed.id, comment: signed.comment, state: 'sending' }
            this.pending.set(item.id, item)
            this.render()
          }
          await this.postAndReadBack(url, signed)
        } catch (err) {
          if (!(err instanceof StampCancelled)) refusals.push(err.message)
          throw err
        }
      }, { stopWhen: err => err instanceof StampCancelled }))
    } catch (err) {
      if (item != null) this.pending.delete(item.id)
      this.render()
      if (err instanceof StampCancelled) throw new Error(t('page.textKept', { reason: err.message }))
      throw new Error(t('page.notSent', { reasons: refusals.length > 0 ? refusals.join(t('page.listSeparator')) : err.message }))
    }
    item.state = 'posted'
    this.render()
    // after any read already under way (it may predate the post), one that revalidates
    this.mustRevalidate = true
    Promise.resolve(this.refreshing).catch(() => {}).then(() => this.refresh())
    return refusals.length === 0 ? t('page.posted') : t('page.postedThrough', { server: postedTo, refusals: refusals.join(t('page.listSeparator')) })
  }

  /**
   * Posts to one server and reads the comment back from the folder it names afterwards.
   * Throws a PostError when the server refuses, answers another id, or does not serve it.
   */
  async postAndReadBack (url, signed) {
    let answer
    try {
      answer = await postComment(url, this.urlHash, signed.bytes, { signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (err) {
      if (err.code === 'weak-stamp') this.stampsAsked.delete(url) // its minimum changed: ask again next time
      throw err
    }
    if (answer.id !== signed.id) {
      this.servers.forget(url)
      throw new PostError(t('page.wrongId', { server: url, id: answer.id.slice(0, 16) }))
    }
    let read
    try {
      read = await this.readFolder(url, 'no-cache')
    } catch (err) {
      throw new PostError(t('page.notReadBack', { server: url, error: err.message }))
    }
    if (!read.comments.some(c => c.id === signed.id)) {
      this.servers.forget(url)
      throw new PostError(t('page.notInFolder', { server: url }))
    }
    this.servers.vouch(url)
  }

  /**
   * The stamp a server asks for, asked once per page view. A server whose `/health` does not
   * answer is passed over before any work (and nothing is shown as sending to it): stamping
   * for a guess would post a comment only to replace it with another stamp, another id.
   */
  async stampAskedBy (url) {
    if (!this.stampsAsked.has(url)) {
      try {
        this.stampsAsked.set(url, await stampMinBitsOf(url, { signal: AbortSignal.timeout(this.timeoutMs) }))
      } catch (err) {
        throw new PostError(t('page.unreachable', { server: url, error: err.message }))
      }
    }
    return this.stampsAsked.get(url)
  }

  /** Saves the thread as last read (the folder the server named, and its verified comments). */
  async download (kind) {
    const read = this.reader.last
    if (read == null) throw new Error(t('page.notReadYet'))
    const name = `comments-${this.urlHash}.${kind}`
    // Loaded on first use: the first paint does not carry the CAR writer.
    const { threadCar, threadJson } = await import('./archive/thread-files.js')
    if (kind === 'car') {
      const car = await threadCar(read.folder, read.blocks, { signal: AbortSignal.timeout(this.timeoutMs) })
      saveFile(name, car, 'application/vnd.ipld.car')
    } else {
      saveFile(name, threadJson({ urlHash: this.urlHash, url: this.normalizedUrl, folder: read.folder, comments: read.comments }), 'application/json')
    }
    return t('page.saved', { count: read.comments.length, file: name })
  }

  /** Checks a downloaded thread file, offline; the answer is for people. */
  async checkFile (bytes) {
    const { verifyArchive } = await import('./archive/thread-files.js')
    const check = await verifyArchive(bytes)
    const page = check.urlHash === this.urlHash
      ? t('page.checkThisPage')
      : check.urlHash == null ? t('page.checkEmptyFolder') : t('page.checkOtherPage', { urlHash: check.urlHash.slice(0, 8) })
    const dropped = check.dropped.length === 0
      ? ''
      : t('page.checkDropped', { count: check.dropped.length, codes: formatList([...new Set(check.dropped.map(d => d.code))]) })
    const folder = check.folderChecked ? t('page.checkFolder', { cid: String(check.folder) }) : ''
    return t('page.checked', { kind: check.kind === 'car' ? 'CAR' : 'JSON', page, count: check.comments.length, dropped, folder })
  }

  newComposer (parent, parentAuthor) {
    return new Composer({
      parent,
      parentAuthor,
      urlHash: this.urlHash,
      drafts: this.drafts,
      author: () => this.nameField.value(),
      onSubmit: async (text, stamping) => {
        const said = await this.post(parent, text, stamping)
        if (parent != null) this.closeReply(parent)
        return said
      },
      onCancel: parent == null ? undefined : () => this.closeReply(parent, true)
    })
  }

  openReply (id, author) {
    let box = this.replyBoxes.get(id)
    if (box === undefined) {
      box = this.newComposer(id, author)
      this.replyBoxes.set(id, box)
      this.placeReplyBoxes()
    }
    box.focus()
  }

  closeReply (id, returnFocus = false) {
    this.replyBoxes.get(id)?.element.remove()
    this.replyBoxes.delete(id)
    if (returnFocus) this.thread.views.get(id)?.reply.focus()
  }

  /** The editor of one's own comment, under it, prefilled with its current text (or the draft of an earlier edit). */
  openEdit (id, text) {
    let box = this.editBoxes.get(id)
    if (box === undefined) {
      box = new Composer({
        parent: id,
        edit: { id, text },
        urlHash: this.urlHash,
        drafts: this.drafts,
        author: () => this.nameField.value(),
        onSubmit: async (revised, stamping) => {
          const said = await this.post(id, revised, stamping, 'revision')
          this.closeEdit(id, true)
          return said
        },
        onCancel: () => this.closeEdit(id, true)
      })
      this.editBoxes.set(id, box)
      this.placeReplyBoxes()
    }
    box.focus()
  }

  closeEdit (id, returnFocus = false) {
    this.editBoxes.get(id)?.element.remove()
    this.editBoxes.delete(id)
    if (returnFocus) this.thread.views.get(id)?.records?.edit.focus()
  }

  /** Puts each open reply box and editor in the slot under its comment (the thread may have redrawn it). */
  placeReplyBoxes () {
    for (const [id, box] of [...this.replyBoxes, ...this.editBoxes]) {
      const slot = this.thread.replySlot(id)
      if (slot != null && box.element.parentElement !== slot) slot.append(box.element)
    }
  }

  setOrder (order) {
    this.order = order
    try { this.storage?.setItem(ORDER_KEY, STORED_ORDER[order]) } catch {}
    this.thread.setOrder(order)
    this.render()
  }

  identityChanged () {
    this.identities.load().then(me => {
      this.ownKey = me?.publicKey ?? null
      this.identityPanel.refresh()
      if (this.lastRefresh > 0) this.render()
    }, () => {})
  }
}

function hexBytes (hex) {
  return Uint8Array.from(hex.match(/../g), b => parseInt(b, 16))
}
