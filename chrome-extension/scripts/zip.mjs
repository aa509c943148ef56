/**
 * Writes a ZIP archive (deflate, no extras) of a folder's files, as the Chrome Web Store
 * takes it: manifest.json at the top level. Entries are sorted and dated 1980-01-01, so
 * the same files give the same bytes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { crc32 } from './crc32.mjs'

const DOS_DATE = (0 << 9) | (1 << 5) | 1 // 1980-01-01
const DOS_TIME = 0

async function filesUnder (dir) {
  const out = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath ?? entry.path, entry.name))
  }
  return out.sort()
}

/**
 * @param {string} dir the folder whose contents go in (not the folder itself)
 * @param {string} zipPath
 * @returns {Promise<string[]>} the entry names
 */
export async function zipFolder (dir, zipPath) {
  const locals = []
  const centrals = []
  const names = []
  let offset = 0
  for (const file of await filesUnder(dir)) {
    const name = relative(dir, file).split(sep).join('/')
    const data = await readFile(file)
    const packed = deflateRawSync(data, { level: 9 })
    const crc = crc32(data)
    const nameBytes = Buffer.from(name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(0x0314, 4) // made by: Unix, 2.0
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38) // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + packed.length
    names.push(name)
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(names.length, 8)
  end.writeUInt16LE(names.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  await writeFile(zipPath, Buffer.concat([...locals, ...centrals, end]))
  return names
}
