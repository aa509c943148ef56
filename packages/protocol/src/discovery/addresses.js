/**
 * Which peer addresses the page may use. Browsers are given secure WebSockets (`wss`) to
 * public hosts; a local development network also needs plain `ws://` and `http://` to
 * loopback addresses, which `allowLoopback` permits, and nothing wider: no private LAN
 * address is ever dialled. Multiaddrs are read in their string form.
 */

/** True for 127.0.0.0/8, ::1 and the name localhost. */
export function isLoopbackHost (host) {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' ||
    h === 'localhost' || h.endsWith('.localhost')
}

/** True for addresses that are not on the public internet (loopback included). */
export function isPrivateHost (host) {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  if (isLoopbackHost(h)) return true
  const v4 = h.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/)
  if (v4 != null) {
    const [a, b] = [Number(v4[1]), Number(v4[2])]
    return a === 0 || a === 10 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
  }
  if (h.includes(':')) {
    return h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:')
  }
  return h.endsWith('.local') || h.endsWith('.internal') || !h.includes('.')
}

/**
 * Splits a multiaddr string into host, port and the protocols after the port.
 *
 * @param {string} ma
 * @returns {{ family: string, host: string, port: number, rest: string[], peer: string | null } | null}
 */
export function parseAddress (ma) {
  const parts = String(ma).split('/')
  if (parts[0] !== '' || parts.length < 5) return null
  const [, family, host, transport, portText, ...tail] = parts
  if (!['ip4', 'ip6', 'dns', 'dns4', 'dns6'].includes(family) || transport !== 'tcp') return null
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535 || host === '') return null
  const p2p = tail.indexOf('p2p')
  const rest = p2p === -1 ? tail : tail.slice(0, p2p)
  const peer = p2p === -1 ? null : (tail[p2p + 1] ?? null)
  if (p2p !== -1 && tail.length !== p2p + 2) return null // nothing after /p2p/<id> (no circuits)
  return { family, host, port, rest, peer }
}

/**
 * May the page open a libp2p connection to this address?
 *
 * @param {string} ma
 * @param {{ allowLoopback: boolean }} options
 */
export function dialAllowed (ma, { allowLoopback }) {
  const a = parseAddress(ma)
  if (a == null) return false
  const stack = a.rest.join('/')
  const secure = stack === 'wss' || stack === 'tls/ws' || /^tls\/sni\/[^/]+\/ws$/.test(stack)
  if (!secure && stack !== 'ws') return false
  if (isLoopbackHost(a.host)) return allowLoopback
  if (isPrivateHost(a.host)) return false
  return secure
}

/**
 * The HTTP base URL a server announces as `/ip4/<ip>/tcp/<port>/http` or
 * `/dns4/<name>/tcp/443/tls/http` (docs/protocol.md §2), or null when it announces none the page
 * may use (plain http only to loopback with allowLoopback; never a private address).
 *
 * @param {string} ma
 * @param {{ allowLoopback: boolean }} options
 * @returns {string | null}
 */
export function apiUrlOf (ma, { allowLoopback }) {
  const a = parseAddress(ma)
  if (a == null) return null
  const stack = a.rest.join('/')
  const secure = stack === 'https' || stack === 'tls/http'
  if (!secure && stack !== 'http') return null
  if (isLoopbackHost(a.host)) {
    if (!allowLoopback) return null
  } else if (isPrivateHost(a.host) || !secure) {
    return null
  }
  const host = a.family === 'ip6' ? `[${a.host}]` : a.host
  const scheme = secure ? 'https' : 'http'
  const port = (secure && a.port === 443) || (!secure && a.port === 80) ? '' : `:${a.port}`
  try {
    return new URL(`${scheme}://${host}${port}`).origin
  } catch {
    return null
  }
}

/** The API URLs among a peer's addresses, without duplicates. */
export function apiUrlsOf (addrs, options) {
  return [...new Set(addrs.map(ma => apiUrlOf(String(ma), options)).filter(u => u != null))]
}
