/**
 * Loads `config.json` from next to the page and checks it against the defaults' types.
 * An unknown key or a wrong type is an error: a deployment should know at once that a
 * setting it wrote is not used.
 */
import { DEFAULT_CONFIG } from './constants.js'
import { ConfigError } from './errors.js'

/** Stamps in bits (docs/protocol.md §3.9); a server's own minimum goes no higher (its stamp.min.bits). */
const STAMP_KEYS = new Set(['minStampBits', 'maxStampBits'])
const MAX_STAMP_BITS = 32
/** Servers a folder is read from at once: each is one more GET and folder download per read. */
const MAX_READ_SERVERS = 8

/**
 * @param {URL | string} url where config.json is
 * @param {{ fetch?: typeof fetch }} [deps]
 */
export async function loadConfig (url, deps = {}) {
  const doFetch = deps.fetch ?? globalThis.fetch
  let response
  try {
    response = await doFetch(url, { cache: 'no-cache' })
  } catch (err) {
    throw new ConfigError(`could not load ${url}: ${err.message}`)
  }
  if (response.status === 404) return { ...DEFAULT_CONFIG }
  if (!response.ok) throw new ConfigError(`could not load ${url}: HTTP ${response.status}`)
  let json
  try {
    json = await response.json()
  } catch (err) {
    throw new ConfigError(`${url} is not valid JSON: ${err.message}`)
  }
  return mergeConfig(json)
}

/** Defaults overlaid with a config object, each value checked against its default's type. */
export function mergeConfig (json) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError('the config must be one JSON object')
  const config = { ...DEFAULT_CONFIG }
  for (const [key, value] of Object.entries(json)) {
    if (key.startsWith('$') || key.startsWith('_')) continue // comments such as "$comment"
    if (!Object.hasOwn(DEFAULT_CONFIG, key)) throw new ConfigError(`unknown config key "${key}"`)
    const def = DEFAULT_CONFIG[key]
    if (Array.isArray(def)) {
      if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) throw new ConfigError(`config "${key}" must be a list of strings`)
      config[key] = key === 'bootstrap' ? [...value] : value.map(v => v.replace(/\/+$/, '')) // URLs: no trailing slash
    } else if (STAMP_KEYS.has(key)) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_STAMP_BITS) throw new ConfigError(`config "${key}" must be a whole number of bits from 0 to ${MAX_STAMP_BITS}`)
      config[key] = value
    } else if (key === 'readServers') {
      if (!Number.isInteger(value) || value < 1 || value > MAX_READ_SERVERS) throw new ConfigError(`config "readServers" must be a whole number from 1 to ${MAX_READ_SERVERS}`)
      config[key] = value
    } else if (typeof value !== typeof def || (typeof def === 'number' && !(value > 0))) {
      throw new ConfigError(`config "${key}" must be ${typeof def === 'number' ? 'a positive number' : `a ${typeof def}`}`)
    } else {
      config[key] = value
    }
  }
  if (config.embedders !== DEFAULT_CONFIG.embedders) checkEmbedders(config.embedders)
  if (config.minStampBits > config.maxStampBits) throw new ConfigError('config "minStampBits" must not be more than "maxStampBits"')
  if (!/^[0-9a-f]{64}$/.test(config.networkId)) throw new ConfigError('config "networkId" must be 64 lowercase hex characters')
  return config
}

/** `["*"]`, or web origins exactly as a browser writes them (scheme, host, port if not the default). */
function checkEmbedders (list) {
  if (list.includes('*')) {
    if (list.length !== 1) throw new ConfigError('config "embedders" is either ["*"] or a list of origins, not both')
    return
  }
  for (const entry of list) {
    let origin = null
    try {
      const url = new URL(entry)
      // no wildcards but the one "*": "https://*.example" would parse, and match nothing
      if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.hostname.includes('*')) origin = url.origin
    } catch {}
    if (origin !== entry) throw new ConfigError(`config "embedders": "${entry}" is not an origin such as https://blog.example${origin == null ? '' : ` (perhaps ${origin})`}`)
  }
}
