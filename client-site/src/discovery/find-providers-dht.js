/**
 * Finds providers of a CID through the libp2p Kad-DHT (seed step 2: `ipfs dht findprovs`),
 * and each provider's peer record when the provider record came without addresses
 * (`ipfs dht findpeer`).
 */

/**
 * @param {import('@libp2p/interface').Libp2p} libp2p
 * @param {import('multiformats/cid').CID} cid
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {AsyncGenerator<{ id: string, addrs: string[] }>}
 */
export async function * findProvidersDht (libp2p, cid, options = {}) {
  const seen = new Set()
  for await (const provider of libp2p.contentRouting.findProviders(cid, options)) {
    const id = provider.id.toString()
    if (seen.has(id)) continue
    seen.add(id)
    let addrs = provider.multiaddrs.map(String)
    if (!addrs.some(a => a.includes('/http'))) addrs = addrs.concat(await peerAddresses(libp2p, provider.id, options))
    yield { id, addrs }
  }
}

async function peerAddresses (libp2p, peerId, options) {
  try {
    const known = await libp2p.peerStore.get(peerId)
    const addrs = known.addresses.map(a => String(a.multiaddr))
    if (addrs.some(a => a.includes('/http'))) return addrs
  } catch {
    // not in the peer store yet
  }
  try {
    return (await libp2p.peerRouting.findPeer(peerId, options)).multiaddrs.map(String)
  } catch {
    return []
  }
}
