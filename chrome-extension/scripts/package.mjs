#!/usr/bin/env node
/**
 * Builds the production extension into dist/ (the folder to load unpacked) and zips it
 * for the Chrome Web Store into target/comments-chrome-extension-<version>.zip.
 *
 *   node scripts/package.mjs
 *
 * Prints the two paths. Exit codes: 0 done, 1 failed.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from './build.mjs'
import { zipFolder } from './zip.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** @returns {Promise<{ outDir: string, zipPath: string, entries: string[] }>} */
export async function packageExtension ({ outDir = join(ROOT, 'dist'), zipDir = join(ROOT, 'target') } = {}) {
  const { manifest } = await build({ settings: 'prod', outDir })
  await mkdir(zipDir, { recursive: true })
  const zipPath = join(zipDir, `comments-chrome-extension-${manifest.version}.zip`)
  const entries = await zipFolder(outDir, zipPath)
  return { outDir, zipPath, entries }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { outDir, zipPath, entries } = await packageExtension()
    console.log(`unpacked extension: ${outDir}`)
    console.log(`Chrome Web Store zip: ${zipPath} (${entries.length} files)`)
  } catch (err) {
    console.error(`error: ${err.message}`)
    process.exit(1)
  }
}
