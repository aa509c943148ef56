// The one message embed.js takes from the frame (src/embed/height-message.js): only from that
// frame's window and the client's origin, only a height, clamped.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_HEIGHT, MIN_HEIGHT, heightFrom, heightMessage } from '../src/embed/height-message.js'

const CLIENT = 'https://comments.example'
const frameWindow = { name: 'the frame' }
const frame = { contentWindow: frameWindow }
const from = (data, source = frameWindow, origin = CLIENT) => heightFrom({ data, source, origin }, frame, CLIENT)

describe('the embed\'s height messages', () => {
  it('takes the client\'s height message from its frame', () => {
    assert.equal(from(heightMessage(640.2)), 641)
    assert.deepEqual(heightMessage(640.2), { type: 'comments:height', height: 641 })
  })

  it('clamps the height', () => {
    assert.equal(from({ type: 'comments:height', height: 0 }), MIN_HEIGHT)
    assert.equal(from({ type: 'comments:height', height: -5 }), MIN_HEIGHT)
    assert.equal(from({ type: 'comments:height', height: 1e12 }), MAX_HEIGHT)
  })

  it('ignores another window, another origin, and a frame not (yet) loaded', () => {
    assert.equal(from(heightMessage(500), { name: 'another frame' }), null)
    assert.equal(from(heightMessage(500), null), null)
    assert.equal(from(heightMessage(500), frameWindow, 'https://evil.example'), null)
    assert.equal(from(heightMessage(500), frameWindow, 'null'), null)
    assert.equal(heightFrom({ data: heightMessage(500), source: null, origin: CLIENT }, { contentWindow: null }, CLIENT), null)
  })

  it('ignores anything but a height message with a finite number', () => {
    for (const data of [null, undefined, 'comments:height', 500, [], ['comments:height', 500], { type: 'comments:height' },
      { type: 'comments:height', height: '500' }, { type: 'comments:height', height: NaN }, { type: 'comments:height', height: Infinity },
      { type: 'other', height: 500 }, { type: 'COMMENTS:HEIGHT', height: 500 }]) {
      assert.equal(from(data), null, JSON.stringify(data))
    }
  })
})
