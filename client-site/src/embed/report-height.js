/**
 * In the client, when a site embeds it (frame-guard.js allowed that site): tells embed.js on the
 * site its content height whenever it changes, so the frame grows and shrinks with the thread.
 * Posted to the embedder's exact origin, never "*": nothing else can read it.
 */
import { heightMessage } from './height-message.js'

/**
 * @param {string} embedder the embedder's origin (frame-guard.js, embedderOrigin)
 * @param {Window} [win]
 */
export function reportHeight (embedder, win = window) {
  const root = win.document.documentElement
  let last = -1
  const send = () => {
    // The root element's own box: its content, not the frame's viewport (scrollHeight is never less than that).
    const height = Math.ceil(root.getBoundingClientRect().height)
    if (height === last) return
    last = height
    win.parent.postMessage(heightMessage(height), embedder)
  }
  new win.ResizeObserver(send).observe(root)
  send()
}
