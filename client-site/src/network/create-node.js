/**
 * The IPFS node in the page: Helia 7 with a lean libp2p 3 (WebSockets, Noise, Yamux,
 * identify, ping, Kad-DHT in client mode), Bitswap, and the trustless-gateway block
 * broker over the configured gateways. No public routers, AutoTLS, UPnP or mDNS: it
 * talks only to what config.json names and to the peers the DHT leads to, through
 * the dial rules of addresses.js.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { withBitswap } from '@helia/bitswap'
import { fallbackRouter } from '@helia/fallback-router'
import { withLibp2pLight } from '@helia/libp2p'
import { trustlessGatewayBlockBroker } from '@helia/trustless-gateway-client'
import { bootstrap } from '@libp2p/bootstrap'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper, removePrivateAddressesMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { webSockets } from '@libp2p/websockets'
import { createHeliaLight } from 'helia'
import { dialAllowed } from '@comments/protocol'

/**
 * Creates and starts the node. A new random libp2p identity each time: the page
 * serves nothing, so nothing needs a stable PeerID.
 *
 * @param {{ bootstrap: string[], dhtProtocol: string, gateways: string[], allowLoopback: boolean }} config
 */
export async function createNode (config) {
  const rules = { allowLoopback: config.allowLoopback }
  const helia = withBitswap(withLibp2pLight(createHeliaLight({
    blockBrokers: [trustlessGatewayBlockBroker({ allowInsecure: config.allowLoopback, allowLocal: config.allowLoopback })],
    routers: config.gateways.length > 0 ? [fallbackRouter({ gateways: config.gateways, shuffle: false })] : []
  }), {
    privateKey: await generateKeyPair('Ed25519'),
    addresses: { listen: [] },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {
      denyDialMultiaddr: ma => !dialAllowed(ma.toString(), rules)
    },
    peerDiscovery: config.bootstrap.length > 0 ? [bootstrap({ list: config.bootstrap })] : [],
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadDHT({
        protocol: config.dhtProtocol,
        clientMode: true,
        // On a loopback network every address is private; elsewhere keep only public ones.
        peerInfoMapper: config.allowLoopback ? passthroughMapper : removePrivateAddressesMapper,
        initialQuerySelfInterval: 0
      })
    }
  }))
  await helia.start()
  return helia
}
