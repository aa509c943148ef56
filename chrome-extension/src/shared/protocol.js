/**
 * Everything the extension takes from the client site, in one place. These are the
 * client's own modules, imported (never copied) from `../client-site/src/`: the build
 * bundles them into the extension, and the tests run them as they are. Only modules
 * without dependencies are taken, so the extension needs nothing from the client's
 * node_modules.
 */

// DESIGN §4.1: the one normalization and urlHash, shared with the client.
export { pageKey, normalizeUrl, isUrlHash, UrlRefusedError } from '../../../client-site/src/url-hash.js'

// Address rules: which hosts count as loopback (http is allowed only there).
export { isLoopbackHost } from '../../../client-site/src/discovery/addresses.js'

// The client's server discovery, for the badge: providers of the network id through
// Delegated Routing V1, each provider's /http address, ranked by GET /health.
export { discoverServers } from '../../../client-site/src/discovery/discover.js'
export { findProvidersDelegated } from '../../../client-site/src/discovery/find-providers-delegated.js'
export { ServerList, NoServerError } from '../../../client-site/src/discovery/server-list.js'

// The client's configuration (read from `<client>/config.json`) and the network id's DHT key.
export { DEFAULT_CONFIG } from '../../../client-site/src/config/defaults.js'
export { mergeConfig, ConfigError } from '../../../client-site/src/config/load-config.js'
export { rawCidOf } from '../../../client-site/src/cid.js'
