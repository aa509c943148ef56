#!/usr/bin/env node
// Serves the built site (dist/) on loopback, with config.json taken from --config when
// given, so a test or ./dev can point the same build at any network.
//
//   node scripts/serve.mjs [--dir dist] [--host 127.0.0.1] [--port 4173] [--config file.json]
//
// Prints "serving <url>" once listening. Exit codes: 0 on SIGTERM/SIGINT, 100 wrong usage,
// 111 cannot listen or read the config.
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm'
}

const args = parseArgs(process.argv.slice(2))
const root = resolve(args.dir ?? fileURLToPath(new URL('../dist', import.meta.url)))
const host = args.host ?? '127.0.0.1'
const port = Number(args.port ?? 4173)
let configText = null
try {
  if (args.config != null) {
    configText = await readFile(resolve(args.config), 'utf8')
    JSON.parse(configText)
  }
  await stat(join(root, 'index.html'))
} catch (err) {
  console.error(`error: ${err.message}`)
  process.exit(111)
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
  if (path === '/config.json' && configText != null) {
    send(res, req, 200, '.json', configText, 'no-cache')
    return
  }
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path))
  if (file !== root && !file.startsWith(root + sep)) {
    send(res, req, 403, '.txt', 'forbidden\n')
    return
  }
  try {
    const body = await readFile(file)
    send(res, req, 200, extname(file), body, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
  } catch {
    send(res, req, 404, '.txt', 'not found\n')
  }
})

server.on('error', err => {
  console.error(`error: cannot listen on ${host}:${port}: ${err.message}`)
  process.exit(111)
})
server.listen(port, host, () => console.log(`serving http://${host}:${server.address().port}/ from ${root}${configText != null ? ` with config ${resolve(args.config)}` : ''}`))
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)))

function send (res, req, status, ext, body, cache = 'no-cache') {
  res.writeHead(status, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff'
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

function parseArgs (argv) {
  const out = {}
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '')
    if (!['dir', 'host', 'port', 'config'].includes(key) || argv[i + 1] == null) {
      console.error('usage: node scripts/serve.mjs [--dir dist] [--host 127.0.0.1] [--port 4173] [--config file.json]')
      process.exit(100)
    }
    out[key] = argv[i + 1]
  }
  return out
}
