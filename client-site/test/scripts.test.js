import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeConfig } from '@comments/protocol'

const script = name => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url))

describe('scripts/local-config.mjs', () => {
  it('writes a loopback config the page accepts, with no server list in it', () => {
    const out = execFileSync(process.execPath, [script('local-config.mjs'),
      '--bootstrap', '/ip4/127.0.0.2/tcp/4002/ws/p2p/12D3KooWSULcuD1AsGjmrfhxBihBcJkoS6o6XyuVv3Q4o2BaUbUJ',
      '--gateway', 'http://127.0.0.2:8080'], { encoding: 'utf8' })
    const config = mergeConfig(JSON.parse(out))
    assert.equal(config.dhtProtocol, '/ipfs/lan/kad/1.0.0')
    assert.equal(config.allowLoopback, true)
    assert.deepEqual(config.routers, ['http://127.0.0.2:8080'])
    assert.deepEqual(config.servers, [])
  })

  it('exits 100 on wrong usage', () => {
    assert.throws(() => execFileSync(process.execPath, [script('local-config.mjs')], { stdio: 'pipe' }), err => err.status === 100)
  })
})

describe('scripts/serve.mjs', () => {
  let child
  let base
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'client-serve-'))
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(dir, 'dist', 'config.json'), '{"built":true}')
    writeFileSync(join(dir, 'dist', 'assets', 'a.js'), 'export {}')
    writeFileSync(join(dir, 'secret.txt'), 'secret')
    writeFileSync(join(dir, 'local.json'), '{"allowLoopback":true}')
    child = spawn(process.execPath, [script('serve.mjs'), '--dir', join(dir, 'dist'), '--port', '0', '--config', join(dir, 'local.json')])
    base = await new Promise((resolve, reject) => {
      child.stdout.on('data', d => { const m = /serving (http:\S+)/.exec(String(d)); if (m) resolve(m[1]) })
      child.on('exit', code => reject(new Error(`serve.mjs exited ${code}`)))
    })
  })
  after(() => child.kill('SIGTERM'))

  it('serves the site on loopback', async () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/)
    const index = await fetch(base)
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal((await fetch(`${base}assets/a.js`)).headers.get('content-type'), 'text/javascript; charset=utf-8')
  })

  it('serves the --config file as config.json instead of the built one', async () => {
    assert.deepEqual(await (await fetch(`${base}config.json`)).json(), { allowLoopback: true })
  })

  it('serves nothing outside the site folder', async () => {
    assert.equal((await fetch(`${base}..%2Fsecret.txt`)).status, 403)
    assert.equal((await fetch(`${base}nope.js`)).status, 404)
  })
})
