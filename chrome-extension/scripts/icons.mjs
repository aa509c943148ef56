/**
 * Draws the extension's icon (a white speech bubble on a blue rounded square) at any
 * size and encodes it as PNG with node:zlib, so the build needs no image tool.
 * 4×4 samples per pixel smooth the edges.
 */
import { deflateSync } from 'node:zlib'
import { crc32 } from './crc32.mjs'

export const ICON_SIZES = Object.freeze([16, 32, 48, 128])

const BLUE = [59, 91, 219]
const WHITE = [255, 255, 255]

/** Coverage test in a 0..1 square: 0 outside, 1 background, 2 bubble. */
function shapeAt (x, y) {
  if (!inRoundedRect(x, y, 0, 0, 1, 1, 0.22)) return 0
  const bubble = inRoundedRect(x, y, 0.18, 0.2, 0.82, 0.66, 0.12) ||
    inTriangle(x, y, [0.3, 0.6], [0.5, 0.6], [0.28, 0.82])
  return bubble ? 2 : 1
}

function inRoundedRect (x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function inTriangle (x, y, a, b, c) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
  const d1 = side(a, b); const d2 = side(b, c); const d3 = side(c, a)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

/** RGBA pixels of the icon at size×size. */
export function drawIcon (size) {
  const n = 4
  const pixels = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0; let fg = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const s = shapeAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
          if (s === 1) bg++
          else if (s === 2) fg++
        }
      }
      const covered = bg + fg
      const o = (py * size + px) * 4
      if (covered === 0) continue
      for (let i = 0; i < 3; i++) pixels[o + i] = Math.round((BLUE[i] * bg + WHITE[i] * fg) / covered)
      pixels[o + 3] = Math.round(255 * covered / (n * n))
    }
  }
  return pixels
}

/** A PNG file (8-bit RGBA, no interlace) of these pixels. */
export function encodePng (width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk (type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** The icon at this size as PNG bytes. */
export function iconPng (size) {
  return encodePng(size, size, drawIcon(size))
}
