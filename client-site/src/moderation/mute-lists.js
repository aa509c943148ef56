/**
 * Reads a mute list (docs/protocol.md §3.11) from where a reader found it: an https address, or
 * its CID through the configured trustless gateways. Every source is hostile: the body is read
 * within the list's size limit as it arrives (read-limited.js; a longer or endless one is cut
 * off there), bytes fetched by CID must hash to that CID, and the list is verified whole before
 * any of it is used (verifyMuteList).
 */
import {
  BodyTooLargeError, MAX_MUTE_LIST_BYTES, MuteListError, digestOfRawCid, isLoopbackHost, rawCidOf, readBytesLimited, verifyMuteList
} from '@comments/protocol'
import { t } from '../i18n/index.js'

/** A source the reader typed that cannot be followed; `message` is for people. */
export class SourceError extends Error {
  constructor (message) {
    super(message)
    this.name = 'SourceError'
  }
}

/**
 * What the reader typed, as a source: `{ cid }` for a CID (bare or `ipfs://<cid>`), `{ url }`
 * for an https address (or http to loopback when the config allows loopback, as for a local
 * network and tests).
 *
 * @param {string} text
 * @param {{ allowLoopback: boolean }} options
 * @returns {{ cid: string, source: string } | { url: string, source: string }}
 */
export function parseSource (text, { allowLoopback }) {
  const typed = String(text).trim()
  const cid = typed.startsWith('ipfs://') ? typed.slice('ipfs://'.length).replace(/\/$/, '') : typed
  // A list is one raw block (§3.11), so its CID is one of the same kind as a comment id.
  if (digestOfRawCid(cid) != null) return { cid, source: cid }
  let url
  try {
    url = new URL(typed)
  } catch {
    throw new SourceError(t('moderation.giveSource'))
  }
  if (!allowedUrl(url, allowLoopback)) throw new SourceError(t('moderation.httpsOnly'))
  return { url: url.href, source: url.href }
}

function allowedUrl (url, allowLoopback) {
  return url.protocol === 'https:' || (url.protocol === 'http:' && allowLoopback && isLoopbackHost(url.hostname))
}

/**
 * The verified list at a source. Throws a MuteListError (with its code) when what was read is
 * not a valid list, or an Error when it could not be read.
 *
 * @param {{ cid: string } | { url: string }} source from parseSource
 * @param {{ gateways: string[], timeoutMs: number, allowLoopback: boolean, fetch?: typeof fetch }} options
 * @returns {Promise<import('@comments/protocol').MuteList & { bytes: number }>}
 */
export async function readMuteList (source, options) {
  const bytes = 'cid' in source ? await blockOf(source.cid, options) : await fileAt(source.url, options)
  return { ...await verifyMuteList(bytes), bytes: bytes.length }
}

async function fileAt (url, { timeoutMs, allowLoopback, fetch = globalThis.fetch }) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), credentials: 'omit', cache: 'no-cache' })
  // a redirect may lead anywhere: where it ends must be allowed as well
  if (response.url && !allowedUrl(new URL(response.url), allowLoopback)) {
    await response.body?.cancel().catch(() => {})
    throw new Error(`${url} redirects to ${response.url}, which is not https`)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    throw new Error(`${url} answered HTTP ${response.status}`)
  }
  return limited(response, url)
}

// The first gateway that sends the bytes the CID names; a gateway that sends others is passed over.
async function blockOf (cid, { gateways, timeoutMs, fetch = globalThis.fetch }) {
  if (gateways.length === 0) throw new Error('no gateway is configured to read a CID through')
  const failures = []
  for (const gateway of gateways) {
    const url = `${gateway}/ipfs/${cid}?format=raw`
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/vnd.ipld.raw' }, credentials: 'omit' })
      if (!response.ok) {
        await response.body?.cancel().catch(() => {})
        throw new Error(`HTTP ${response.status}`)
      }
      const bytes = await limited(response, url)
      if (await rawCidOf(bytes) !== cid) throw new Error(`sent bytes that are not ${cid}`)
      return bytes
    } catch (err) {
      failures.push(err)
    }
  }
  // Only when every gateway sent too much is the list itself too large.
  if (failures.every(err => err instanceof MuteListError)) throw failures[0]
  throw new Error(`no gateway sent ${cid}: ${failures.map((err, i) => `${gateways[i]}: ${err.message}`).join('; ')}`)
}

async function limited (response, source) {
  try {
    return await readBytesLimited(response, MAX_MUTE_LIST_BYTES, source)
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new MuteListError('too-large', err.message)
    throw err
  }
}
