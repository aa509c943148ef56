#!/usr/bin/env node
/**
 * Builds the unpacked extension: bundles each entry (service worker, popup, panel,
 * options) with esbuild, together with the modules of the protocol package
 * (`@comments/protocol`: url-hash.js, config and discovery) it imports, and writes the
 * manifest, pages, style and icons.
 *
 *   node scripts/build.mjs [--settings prod|dev] [--out dir]
 *
 * prod (default) → dist/, the public client as default; dev → dist-dev/, the local
 * client of ./dev up as default. Exit codes: 0 built, 100 wrong usage, 1 build failed.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { ICON_SIZES, iconPng } from './icons.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const ENTRIES = {
  background: 'src/background/service-worker.js',
  popup: 'src/popup/popup.js',
  panel: 'src/panel/panel.js',
  options: 'src/options/options.js'
}
const PAGES = ['src/popup/popup.html', 'src/panel/panel.html', 'src/options/options.html', 'src/ui/style.css']

/**
 * @param {{ settings?: 'prod' | 'dev', outDir?: string, grantBadgeHosts?: boolean }} [options]
 *   grantBadgeHosts: tests only — the badge's optional host permissions are granted at
 *   install (a headless browser cannot answer Chrome's permission question)
 * @returns {Promise<{ outDir: string, manifest: any }>}
 */
export async function build (options = {}) {
  const settingsName = options.settings ?? 'prod'
  if (!['prod', 'dev'].includes(settingsName)) throw new Error(`unknown settings "${settingsName}" (prod or dev)`)
  const outDir = resolve(options.outDir ?? join(ROOT, settingsName === 'prod' ? 'dist' : 'dist-dev'))
  const settingsFile = join(ROOT, 'settings', `chrome-${settingsName}.json`)
  const settings = JSON.parse(await readFile(settingsFile, 'utf8'))
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))

  await rm(outDir, { recursive: true, force: true })
  await mkdir(join(outDir, 'icons'), { recursive: true })

  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'chrome116',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [buildSettings(settingsFile)]
  })

  for (const page of PAGES) await copyFile(join(ROOT, page), join(outDir, page.split('/').pop()))
  for (const size of ICON_SIZES) await writeFile(join(outDir, 'icons', `icon-${size}.png`), iconPng(size))

  const manifest = JSON.parse(await readFile(join(ROOT, 'src/manifest.json'), 'utf8'))
  manifest.name = settings.name
  manifest.version = pkg.version
  if (options.grantBadgeHosts === true) manifest.host_permissions = [...manifest.optional_host_permissions]
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  return { outDir, manifest }
}

/** Points the import of settings/chrome-prod.json at this build's settings file. */
function buildSettings (file) {
  return {
    name: 'build-settings',
    setup (b) {
      b.onResolve({ filter: /settings\/chrome-prod\.json$/ }, () => ({ path: file }))
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const options = {}
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--settings' && args[i + 1]) options.settings = args[i + 1]
    else if (args[i] === '--out' && args[i + 1]) options.outDir = args[i + 1]
    else {
      console.error('usage: node scripts/build.mjs [--settings prod|dev] [--out dir]')
      process.exit(100)
    }
  }
  try {
    const { outDir, manifest } = await build(options)
    console.log(`built ${manifest.name} ${manifest.version} in ${outDir}`)
  } catch (err) {
    console.error(`error: ${err.message}`)
    process.exit(1)
  }
}
