// The packaging step: the unpacked extension it builds (manifest, permissions, CSP,
// icons, the client's shared module bundled in) and the Web Store zip of it.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { inflateRawSync } from 'node:zlib'
import { build } from '../../scripts/build.mjs'
import { packageExtension } from '../../scripts/package.mjs'
import { BADGE_ORIGINS } from '../../src/shared/badge-permission.js'

let work, packaged, manifest

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'comments-ext-package-'))
  packaged = await packageExtension({ outDir: join(work, 'dist'), zipDir: join(work, 'zip') })
  manifest = JSON.parse(await readFile(join(packaged.outDir, 'manifest.json'), 'utf8'))
})

after(() => rm(work, { recursive: true, force: true }))

/** name → bytes, read from a zip's central directory. */
function unzip (zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = zip.readUInt16LE(end + 10)
  let p = zip.readUInt32LE(end + 16)
  const files = new Map()
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50)
    const method = zip.readUInt16LE(p + 10)
    const size = zip.readUInt32LE(p + 20)
    const nameLength = zip.readUInt16LE(p + 28)
    const local = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8')
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(dataStart, dataStart + size)
    files.set(name, method === 8 ? inflateRawSync(data) : data)
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32)
  }
  return files
}

function pngSize (bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

describe('the packaged extension', () => {
  test('is Manifest V3 with only activeTab, storage and sidePanel; host permissions only optional, for the badge', () => {
    assert.equal(manifest.manifest_version, 3)
    assert.deepEqual(manifest.permissions, ['activeTab', 'storage', 'sidePanel'])
    assert.equal(manifest.host_permissions, undefined)
    assert.equal(manifest.content_scripts, undefined)
    assert.equal(manifest.web_accessible_resources, undefined)
    assert.deepEqual(manifest.optional_host_permissions, [...BADGE_ORIGINS])
    assert.equal(manifest.name, 'Comments on any page')
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/)
  })

  test('has a strict content security policy', () => {
    const csp = manifest.content_security_policy.extension_pages
    for (const directive of ["default-src 'self'", "script-src 'self';", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), directive)
    }
    assert.ok(!/unsafe|wasm|\*/.test(csp))
  })

  test('has a keyboard shortcut for the button, an options page and a module service worker', () => {
    assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+C')
    assert.deepEqual(manifest.background, { service_worker: 'background.js', type: 'module' })
    assert.equal(manifest.options_ui.page, 'options.html')
    assert.equal(manifest.action.default_popup, undefined, 'the service worker sets the popup for tab mode')
  })

  test('has every file it names, and icons of the sizes it says', async () => {
    for (const [size, path] of Object.entries(manifest.icons)) {
      assert.deepEqual(pngSize(await readFile(join(packaged.outDir, path))), [Number(size), Number(size)])
    }
    assert.deepEqual(Object.keys(manifest.icons), ['16', '32', '48', '128'])
    assert.deepEqual(manifest.action.default_icon, manifest.icons)
    for (const page of ['popup.html', 'panel.html', 'options.html']) {
      const html = await readFile(join(packaged.outDir, page), 'utf8')
      for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g)) await readFile(join(packaged.outDir, src))
      assert.ok(!/<script>|on\w+=/.test(html), `${page} has inline script`)
    }
    await readFile(join(packaged.outDir, manifest.background.service_worker))
  })

  test("bundles the protocol package's url-hash.js (imported, not copied)", async () => {
    for (const file of ['background.js', 'popup.js', 'panel.js']) {
      const code = await readFile(join(packaged.outDir, file), 'utf8')
      assert.ok(code.includes('// ../packages/protocol/src/url-hash.js'), file)
    }
  })

  test('zips exactly the unpacked files, manifest.json at the top', async () => {
    const zip = unzip(await readFile(packaged.zipPath))
    const files = (await readdir(packaged.outDir, { recursive: true, withFileTypes: true }))
      .filter(e => e.isFile()).map(e => join(e.parentPath, e.name).slice(packaged.outDir.length + 1)).sort()
    assert.deepEqual([...zip.keys()], files)
    for (const name of files) assert.deepEqual(zip.get(name), await readFile(join(packaged.outDir, name)), name)
    assert.match(packaged.zipPath, /comments-chrome-extension-\d+\.\d+\.\d+\.zip$/)
  })

  test('the dev build defaults to the local client of ./dev up', async () => {
    const { outDir, manifest: dev } = await build({ settings: 'dev', outDir: join(work, 'dist-dev') })
    assert.equal(dev.name, 'Comments on any page (dev)')
    const code = await readFile(join(outDir, 'background.js'), 'utf8')
    assert.match(code, /defaultClient: "local"/)
    assert.match(await readFile(join(packaged.outDir, 'background.js'), 'utf8'), /defaultClient: "public"/)
  })
})
