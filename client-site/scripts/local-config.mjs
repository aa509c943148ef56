#!/usr/bin/env node
// Writes the client's config.json for a local loopback network (stdout, or --out file).
// Each --server IP names a local server by its loopback address; its kubo's PeerID is
// asked from its RPC port (POST /api/v0/id), and the standard ports of docs/deploy.md are used:
// WebSockets :4002/ws (bootstrap), gateway :8080 (trustless gateway + delegated routing).
// No server API URL goes into the config: the page finds the servers through the DHT.
//
//   node scripts/local-config.mjs --server 127.0.0.2 --server 127.0.0.3 [--out file]
//   node scripts/local-config.mjs --bootstrap /ip4/127.0.0.2/tcp/4002/ws/p2p/<id> --gateway http://127.0.0.2:8080
//
// Options: --rpc-port 5001 --ws-port 4002 --gateway-port 8080, --network-id <hex>.
// Exit codes: 0 ok, 100 wrong usage, 111 a daemon did not answer.
import { writeFile } from 'node:fs/promises'

const opts = { server: [], bootstrap: [], gateway: [] }
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i]?.replace(/^--/, '')
  const value = argv[i + 1]
  if (value == null) usage()
  if (Array.isArray(opts[key])) opts[key].push(value)
  else if (['out', 'rpc-port', 'ws-port', 'gateway-port', 'network-id'].includes(key)) opts[key] = value
  else usage()
}
if (opts.server.length === 0 && opts.bootstrap.length === 0) usage()

const bootstrap = [...opts.bootstrap]
const gateways = [...opts.gateway]
for (const ip of opts.server) {
  if (!/^127\.\d+\.\d+\.\d+$/.test(ip)) fail(100, `--server takes a loopback address, not ${ip}`)
  const rpc = `http://${ip}:${opts['rpc-port'] ?? 5001}/api/v0/id`
  let id
  try {
    const response = await fetch(rpc, { method: 'POST', signal: AbortSignal.timeout(5000) })
    id = (await response.json()).ID
  } catch (err) {
    fail(111, `the kubo daemon at ${rpc} did not answer: ${err.message}`)
  }
  bootstrap.push(`/ip4/${ip}/tcp/${opts['ws-port'] ?? 4002}/ws/p2p/${id}`)
  gateways.push(`http://${ip}:${opts['gateway-port'] ?? 8080}`)
}

const config = {
  $comment: 'A local loopback network (written by scripts/local-config.mjs). Servers are found through the LAN DHT of these bootstrap daemons; the gateways are the fallback for routing and the source of CARs.',
  bootstrap,
  dhtProtocol: '/ipfs/lan/kad/1.0.0',
  gateways,
  routers: gateways,
  allowLoopback: true,
  ...(opts['network-id'] ? { networkId: opts['network-id'] } : {})
}
const text = JSON.stringify(config, null, 2) + '\n'
if (opts.out) await writeFile(opts.out, text)
else process.stdout.write(text)

function usage () {
  fail(100, 'usage: node scripts/local-config.mjs --server 127.0.0.2 [--server …] [--bootstrap MA …] [--gateway URL …] [--out file]')
}

function fail (code, message) {
  console.error(`error: ${message}`)
  process.exit(code)
}
