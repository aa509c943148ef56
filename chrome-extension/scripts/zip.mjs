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
// The fields a local file header and its central directory record share, in the same order
// (APPNOTE.TXT 4.3.7 and 4.3.12): written once for both.
function writeEntryFields (buf, at, { crc, packed, size, nameLength }) {
  buf.writeUInt16LE(20, at) // version needed
  buf.writeUInt16LE(0x0800, at + 2) // UTF-8 names
  buf.writeUInt16LE(8, at + 4) // deflate
  buf.writeUInt16LE(DOS_TIME, at + 6)
  buf.writeUInt16LE(DOS_DATE, at + 8)
  buf.writeUInt32LE(crc, at + 10)
  buf.writeUInt32LE(packed, at + 14)
  buf.writeUInt32LE(size, at + 18)
  buf.writeUInt16LE(nameLength, at + 22)
}

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
    const entry = { crc, packed: packed.length, size: data.length, nameLength: nameBytes.length }
    local.writeUInt32LE(0x04034b50, 0)
    writeEntryFields(local, 4, entry)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(0x0314, 4) // made by: Unix, 2.0
    writeEntryFields(central, 6, entry)
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
