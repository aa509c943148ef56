/**
 * Everything the extension takes from the protocol package (`@comments/protocol`, the
 * modules the client site uses too), in one place. The build bundles them into the
 * extension and the tests run them as they are. The package needs nothing but what a
 * service worker has (`URL`, `fetch`, `crypto.subtle`), so it brings no dependency along.
 */

// docs/protocol.md §1: the one normalization and urlHash, shared with the client.
export { pageKey, normalizeUrl, isUrlHash, UrlRefusedError } from '@comments/protocol'

// The client's page link, `#<urlHash>?url=…&title=…`: the page named in the fragment, which no server sees.
export { pageFragment } from '@comments/protocol'

// Address rules: which hosts count as loopback (http is allowed only there).
export { isLoopbackHost } from '@comments/protocol'

// The client's server discovery, for the badge: providers of the network id through
// Delegated Routing V1, each provider's /http address, ranked by GET /health.
export { discoverServers, findProvidersDelegated, ServerList, NoServerError } from '@comments/protocol'

// Answers read within a limit as their bytes arrive: a hostile server cannot make the worker read forever.
export { BodyTooLargeError, readJsonLimited } from '@comments/protocol'

// The client's configuration (read from `<client>/config.json`) and the network id's DHT key.
export { DEFAULT_CONFIG, mergeConfig, ConfigError, rawCidOf } from '@comments/protocol'
