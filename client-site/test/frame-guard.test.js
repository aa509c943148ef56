// Which frames the page starts in (src/frame-guard.js; docs/adr/012-reader-key.md §5), on
// stand-in windows; the real thing, a page of another origin framing the built site, is in
// test/browser/reader-key.test.js.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { framedByAStranger } from '../src/frame-guard.js'

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
