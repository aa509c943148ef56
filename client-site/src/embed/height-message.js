/**
 * The one message between an embedded client and embed.js on the site around it: the client's
 * content height, so that the frame shows the whole thread without a scroll bar of its own.
 * Shared by both sides; the embedder's side trusts nothing it did not check here.
 */

export const HEIGHT_MESSAGE = 'comments:height'
/** The frame is never made smaller or taller than this, whatever a message says (CSS pixels). */
export const MIN_HEIGHT = 120
export const MAX_HEIGHT = 50_000

/** The message the client posts. */
export function heightMessage (height) {
  return { type: HEIGHT_MESSAGE, height: Math.ceil(height) }
}

/**
 * The height a `message` event asks the frame to take, or null when the event is not the
 * client's: it must come from this frame's window (not another frame or window of any origin)
 * AND from the client's origin (not a page the frame was navigated to), and be exactly a
 * height message with a finite number, which is then clamped.
 *
 * @param {{ source: unknown, origin: string, data: unknown }} event
 * @param {{ contentWindow: unknown }} frame
 * @param {string} clientOrigin
 * @returns {number | null}
 */
export function heightFrom (event, frame, clientOrigin) {
  if (frame.contentWindow == null || event.source !== frame.contentWindow || event.origin !== clientOrigin) return null
  const data = event.data
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data.type !== HEIGHT_MESSAGE) return null
  const height = data.height
  if (typeof height !== 'number' || !Number.isFinite(height)) return null
  return Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(height)))
}
