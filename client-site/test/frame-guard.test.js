// Which frames the page starts in (src/frame-guard.js; docs/adr/012-reader-key.md §5), on
// stand-in windows; the real thing, a page of another origin framing the built site, is in
// test/browser/reader-key.test.js.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { embedRefusal, embedderOrigin, framedByAStranger } from '../src/frame-guard.js'

const ORIGIN = 'https://comments.example.org'

function framed ({ top, ancestors }) {
  const win = { location: { origin: ORIGIN, ancestorOrigins: ancestors } }
  win.self = win
  win.top = top === 'self' ? win : top
  return win
}
const crossOrigin = { get location () { throw new DOMException('Blocked a frame', 'SecurityError') } }
const sameOrigin = { location: { origin: ORIGIN } }

describe('frame guard', () => {
  it('runs as the top window', () => {
    assert.equal(framedByAStranger(framed({ top: 'self' })), false)
  })

  it('runs framed by its own origin', () => {
    assert.equal(framedByAStranger(framed({ top: sameOrigin })), false)
    assert.equal(framedByAStranger(framed({ top: sameOrigin, ancestors: [ORIGIN] })), false)
  })

  it('does not run framed by another origin, whether or not the browser names the ancestors', () => {
    assert.equal(framedByAStranger(framed({ top: crossOrigin })), true)
    assert.equal(framedByAStranger(framed({ top: crossOrigin, ancestors: ['https://evil.example'] })), true)
    assert.equal(framedByAStranger(framed({ top: { location: { origin: 'https://evil.example' } } })), true)
  })

  it('runs in the extension\'s side panel, and not when a stranger frames that', () => {
    assert.equal(framedByAStranger(framed({ top: crossOrigin, ancestors: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'] })), false)
    assert.equal(framedByAStranger(framed({ top: crossOrigin, ancestors: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'https://evil.example'] })), true)
  })
})

describe('embedding (docs/adr/014-embedding.md)', () => {
  const BLOG = 'https://blog.example'
  const embedded = (ancestors, extra = {}) => ({ ...framed({ top: crossOrigin, ancestors }), ...extra })

  it('names the site that frames the page when every ancestor is that one site', () => {
    assert.equal(embedderOrigin(embedded([BLOG])), BLOG)
    assert.equal(embedderOrigin(embedded([BLOG, BLOG])), BLOG)
  })

  it('names none when another site frames the embedder, when opaque, ours or not a web origin', () => {
    assert.equal(embedderOrigin(embedded([BLOG, 'https://evil.example'])), null)
    assert.equal(embedderOrigin(embedded(['null'])), null)
    assert.equal(embedderOrigin(embedded([ORIGIN])), null)
    assert.equal(embedderOrigin(embedded(['chrome-extension://abcdefghijklmnopabcdefghijklmnop'])), null)
    assert.equal(embedderOrigin(embedded([])), null)
    assert.equal(embedderOrigin(framed({ top: 'self' })), null)
  })

  it('without ancestorOrigins (Firefox), takes the referrer\'s origin, only for a frame right under the top', () => {
    const top = crossOrigin
    const win = framed({ top })
    win.parent = top
    win.document = { referrer: `${BLOG}/` }
    assert.equal(embedderOrigin(win), BLOG)
    assert.equal(embedderOrigin({ ...win, parent: { another: 'frame' } }), null, 'nested: the top could overlay it')
    assert.equal(embedderOrigin({ ...win, document: { referrer: '' } }), null, 'no referrer: unknown')
  })

  it('lets an embedder show only a checked page of its own origin, and only if config.json allows it', () => {
    const own = { url: `${BLOG}/2026/post` }
    assert.equal(embedRefusal(BLOG, own), null)
    assert.equal(embedRefusal(BLOG, own, { embedders: ['*'] }), null)
    assert.equal(embedRefusal(BLOG, own, { embedders: ['https://a.example', BLOG] }), null)
    assert.match(embedRefusal(BLOG, own, { embedders: ['https://a.example'] }), /not offered for embedding in https:\/\/blog\.example/)
    assert.match(embedRefusal(BLOG, own, { embedders: [] }), /not offered/)
    assert.match(embedRefusal(BLOG, { url: 'https://news.example/story' }), /its own pages only; https:\/\/blog\.example asked for a page of https:\/\/news\.example/)
    assert.match(embedRefusal(BLOG, { url: 'http://blog.example/2026/post' }), /own pages only/, 'http is another origin')
    assert.match(embedRefusal(BLOG, { url: null }), /No address/, 'not given, or it did not hash to the urlHash')
    assert.match(embedRefusal(BLOG, null), /No address/)
    assert.match(embedRefusal(null, own), /did not say which site/)
  })
})
