import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/*
 * Draws the PX360 app icon — a white "360" ring around a heart on a teal
 * rounded square — straight into PNG files, so the icons can be regenerated
 * without an image editor or the network: `npx tsx scripts/make-icons.ts`.
 * electron-builder derives the Windows .ico from resources/icon.png and the
 * Linux icon set from resources/icons/.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
const SUPERSAMPLE = 4;

type Rgba = readonly [number, number, number, number];

/** Colour of the icon at (x, y) in [-1, 1]², y down. */
function shade(x: number, y: number): Rgba {
  const corner = 0.22;
  const qx = Math.max(Math.abs(x) - (0.94 - corner), 0);
  const qy = Math.max(Math.abs(y) - (0.94 - corner), 0);
  if (Math.hypot(qx, qy) > corner) return [0, 0, 0, 0];

  const r = Math.hypot(x, y);
  // The ring stops short at the top right, like a circular arrow: a full cycle of care.
  const angle = Math.atan2(y, x);
  const inGap = angle > -Math.PI / 2 && angle < -Math.PI / 2 + 0.55;
  if (r > 0.56 && r < 0.7 && !inGap) return [255, 255, 255, 255];
  // arrow head where the ring ends at the top, pointing clockwise into the gap
  const along = x + 0.02;
  const across = Math.abs(y + 0.63);
  if (along >= 0 && along < 0.2 && across < 0.16 * (1 - along / 0.2)) return [255, 255, 255, 255];

  // heart: (u² + v² − 1)³ − u² v³ ≤ 0, scaled into the ring
  const u = x / 0.3;
  const v = -(y + 0.03) / 0.3;
  const heart = (u * u + v * v - 1) ** 3 - u * u * v ** 3;
  if (heart <= 0) return [255, 255, 255, 255];

  // teal at the top to deep blue at the bottom
  const t = (y + 1) / 2;
  return [Math.round(13 + t * (12 - 13)), Math.round(148 + t * (74 - 148)), Math.round(136 + t * (110 - 136)), 255];
}

function render(size: number): Buffer {
  const stride = size * 4 + 1;
  const raw = Buffer.alloc(stride * size);
  for (let py = 0; py < size; py++) {
    raw[py * stride] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = ((px + (sx + 0.5) / SUPERSAMPLE) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SUPERSAMPLE) / size) * 2 - 1;
          const [cr, cg, cb, ca] = shade(x, y);
          // premultiply so transparent samples do not darken the edge
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const offset = py * stride + 1 + px * 4;
      raw[offset] = a === 0 ? 0 : Math.round(r / a);
      raw[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      raw[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      raw[offset + 3] = Math.round(a / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
  return encodePng(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width: number, height: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  header[10] = 0;
  header[11] = 0;
  header[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const iconsDir = path.join(root, 'resources', 'icons');
mkdirSync(iconsDir, { recursive: true });
for (const size of SIZES) {
  const png = render(size);
  writeFileSync(path.join(iconsDir, `${size}x${size}.png`), png);
  if (size === 512) writeFileSync(path.join(root, 'resources', 'icon.png'), png);
}
console.log(`wrote resources/icon.png and resources/icons/{${SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
