/**
 * Reads a response body with a limit checked as the bytes arrive (issue 21, "bounded work"):
 * whatever a server sends, a reader holds at most `maxBytes` of it, and a body past the limit,
 * or one that never ends, aborts its request at once instead of filling the tab's memory or
 * hanging. Every body the client reads from a server goes through here: the JSON answers of
 * the API (`GET /{urlHash}`, `POST`, `/health`, Delegated Routing) and the CAR of a folder.
 *
 * Cost: one pass over the bytes read, never more than `maxBytes` (+ one network chunk) held.
 * Cancelling the body's stream aborts the fetch (Fetch standard, "cancel" of a response body),
 * so the connection is closed and the server stops being read.
 */

/** A body longer than its limit: the request was aborted when the limit was passed. */
export class BodyTooLargeError extends Error {
  constructor (source, maxBytes) {
    super(`${source} sent more than ${bytesText(maxBytes)}, the most read from it; the rest was not read`)
    this.name = 'BodyTooLargeError'
    this.maxBytes = maxBytes
  }
}

/**
 * The body's chunks, as they arrive, until the end or the limit. Stopping early (a `break`, a
 * parser's error, the limit) cancels the body, which aborts the request.
 *
 * @param {Response} response
 * @param {number} maxBytes the most bytes read
 * @param {string} source who sends it, for the error ("http://127.0.0.2:8000/health")
 * @returns {AsyncGenerator<Uint8Array>}
 */
export async function * readLimited (response, maxBytes, source) {
  if (response.body == null) return
  const declared = Number(response.headers.get('Content-Length') ?? NaN)
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => {})
    throw new BodyTooLargeError(source, maxBytes)
  }
  const reader = response.body.getReader()
  let done = false
  try {
    let total = 0
    for (;;) {
      const next = await reader.read()
      if (next.done) { done = true; return }
      total += next.value.byteLength
      if (total > maxBytes) throw new BodyTooLargeError(source, maxBytes)
      yield next.value
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {})
  }
}

/**
 * The whole body as bytes, at most `maxBytes` of them.
 *
 * @returns {Promise<Uint8Array>}
 */
export async function readBytesLimited (response, maxBytes, source) {
  const chunks = []
  let length = 0
  for await (const chunk of readLimited(response, maxBytes, source)) {
    chunks.push(chunk)
    length += chunk.byteLength
  }
  if (chunks.length === 1) return chunks[0]
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.byteLength }
  return bytes
}

/** The whole body as text (UTF-8), read within `maxBytes`. */
export async function readTextLimited (response, maxBytes, source) {
  return new TextDecoder().decode(await readBytesLimited(response, maxBytes, source))
}

/**
 * The body parsed as JSON, read within `maxBytes`; a body that is not JSON throws a SyntaxError.
 */
export async function readJsonLimited (response, maxBytes, source) {
  return JSON.parse(await readTextLimited(response, maxBytes, source))
}

/** The limit of the small JSON answers of the API: far more than any honest answer (a `{"cid","count"}` is under 100 bytes). */
export const MAX_JSON_ANSWER_BYTES = 16 * 1024

function bytesText (n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}
