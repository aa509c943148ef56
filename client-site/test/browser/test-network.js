/**
 * What a browser test of the client talks to, all on loopback: the built site (dist/, served by
 * scripts/serve.mjs with a config.json of the test's) and comment servers played by this
 * process. A TestServer answers the server API of docs/protocol.md §5 and, like every real
 * server's kubo, the trustless gateway for the folders it publishes; a test makes one hostile by
 * giving it a `hostile` route that answers instead (omits, fakes, refuses, floods).
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isUrlHash, signComment, verifyPost } from '@comments/protocol'
import { makeFolder } from '../fixtures/folder.js'
import { newIdentity } from '../fixtures/keys.js'
import { openChromium } from './chromium.js'

const SERVE = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url))

/**
 * The built site with this config.json (client-site/README.md, "Configuration").
 *
 * @param {object} config keys of config.json; `allowLoopback` is on
 * @returns {Promise<{ url: string, page: (urlHash: string) => string, close: () => Promise<void> }>}
 */
export async function serveSite (config) {
  const dir = await mkdtemp(join(tmpdir(), 'comments-site-'))
  const file = join(dir, 'config.json')
  await writeFile(file, JSON.stringify({ allowLoopback: true, pollSeconds: 3600, ...config }))
  const child = spawn(process.execPath, [SERVE, '--host', '127.0.0.1', '--port', '0', '--config', file], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', chunk => {
      out += chunk
      const m = /serving (http:\/\/\S+\/)/.exec(out)
      if (m) resolve(m[1])
    })
    child.on('exit', code => reject(new Error(`serve.mjs exited with ${code}: ${out}`)))
  })
  return {
    url,
    page: urlHash => `${url}#${urlHash}`,
    async close () {
      if (child.exitCode == null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/**
 * A comment server played by the test. Honest by default: it stores what is posted (after
 * checking it is a comment of that page), answers each page's folder, and serves that folder's
 * blocks as a CAR. `hostile(req, res, url)` sees every request first and answers those it wants
 * to (returns true).
 */
export class TestServer {
  /** @param {{ stampMinBits?: number, hostile?: (req: any, res: any, url: URL) => boolean | Promise<boolean> }} [options] */
  constructor (options = {}) {
    this.stampMinBits = options.stampMinBits ?? 0
    this.hostile = options.hostile ?? (() => false)
    /** urlHash → (id → file bytes) */
    this.pages = new Map()
    /** Every request, in order: `GET /health`, `POST /<urlHash>`… */
    this.requests = []
    /** cid → folder (makeFolder's), for the gateway */
    this.folders = new Map()
    this.http = createServer((req, res) => this.handle(req, res).catch(err => {
      res.writeHead(500, cors({ 'Content-Type': 'application/json' })).end(JSON.stringify({ error: 'internal', detail: err.message }))
    }))
  }

  async start () {
    await new Promise((resolve, reject) => this.http.once('error', reject).listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${this.http.address().port}`
    return this
  }

  close () {
    this.http.closeAllConnections()
    return new Promise(resolve => this.http.close(() => resolve()))
  }

  /** Stores a comment as if it had been posted here. */
  add (urlHash, signed) {
    if (!this.pages.has(urlHash)) this.pages.set(urlHash, new Map())
    this.pages.get(urlHash).set(signed.id, signed.bytes)
  }

  /** The ids this server holds for a page. */
  ids (urlHash) {
    return [...(this.pages.get(urlHash)?.keys() ?? [])]
  }

  /** The page's folder as this server publishes it (and can serve through its gateway). */
  async folder (urlHash) {
    const files = {}
    for (const [id, bytes] of this.pages.get(urlHash) ?? []) files[`${id}.json`] = bytes
    const folder = await makeFolder(files)
    this.folders.set(folder.root.toString(), folder)
    return folder
  }

  async handle (req, res) {
    const url = new URL(req.url, this.url)
    this.requests.push(`${req.method} ${url.pathname}`)
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type' })).end()
    if (await this.hostile(req, res, url)) return
    const path = url.pathname.slice(1)
    if (req.method === 'GET' && path === 'health') return json(res, 200, { status: 'ok', stampMinBits: this.stampMinBits })
    if (req.method === 'GET' && path.startsWith('ipfs/')) return this.serveCar(res, path.slice('ipfs/'.length))
    if (!isUrlHash(path)) return json(res, 404, { error: 'not-found' })
    if (req.method === 'GET') {
      const folder = await this.folder(path)
      return json(res, 200, { cid: folder.root.toString(), count: this.ids(path).length })
    }
    if (req.method === 'POST') return this.post(path, await body(req), res)
    return json(res, 405, { error: 'method-not-allowed' })
  }

  async post (urlHash, bytes, res) {
    let id
    try {
      ({ id } = await verifyPost(bytes, urlHash))
    } catch (err) {
      return json(res, 400, { error: err.code ?? 'bad-json', detail: err.message })
    }
    const had = this.ids(urlHash).includes(id)
    this.add(urlHash, { id, bytes })
    return json(res, had ? 200 : 201, { id })
  }

  async serveCar (res, cid) {
    const folder = this.folders.get(cid)
    if (folder === undefined) return json(res, 404, { error: 'not-found' })
    const car = await folder.car()
    res.writeHead(200, cors({ 'Content-Type': 'application/vnd.ipld.car', 'Content-Length': car.length })).end(car)
  }
}

/** A signed comment of a page, by a fresh identity unless one is given. */
export async function comment (urlHash, fields = {}, identity = null) {
  const who = identity ?? await newIdentity()
  return signComment({ url: urlHash, parent: null, author: 'A reader', text: 'A comment', ts: Date.now(), ...fields }, who)
}

/** Starts n honest servers (or with these options each). */
/** The site reading one test server (its API and its gateway): the network most browser tests need. */
export function siteOf (server) {
  return serveSite({ servers: [server.url], gateways: [server.url] })
}

/**
 * For a test file's before() and after(): a TestServer (`options` as TestServer takes them), the
 * site reading it and a Chromium; `close()` ends what was started, the browser first.
 */
export async function oneServerWithChromium (options = {}) {
  const started = []
  const close = async () => { for (const part of started.reverse()) await part.close() }
  try {
    const server = await new TestServer(options).start()
    started.push(server)
    const site = await siteOf(server)
    started.push(site)
    const chromium = await openChromium()
    started.push(chromium)
    return { server, site, chromium, close }
  } catch (err) {
    await close()
    throw err
  }
}

export function startServers (n, options = {}) {
  return Promise.all(Array.from({ length: n }, () => new TestServer(options).start()))
}

export function json (res, status, value, headers = {}) {
  res.writeHead(status, cors({ 'Content-Type': 'application/json', ...headers })).end(JSON.stringify(value))
}

export function cors (headers = {}) {
  return { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store', ...headers }
}

export async function body (req) {
  const parts = []
  for await (const part of req) parts.push(part)
  return new Uint8Array(Buffer.concat(parts))
}
