/**
 * Draws the extension's icon (client/images/icon.png, 128×128): a white shield with a check mark
 * on a dark blue rounded square. Drawn in code so it can be changed and redrawn without an image
 * editor:   node --import tsx client/scripts/make-icon.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliased edges

type Rgb = [number, number, number];
const BACKGROUND: Rgb = [0x17, 0x3a, 0x5e];
const SHIELD: Rgb = [0xf4, 0xf7, 0xfa];
const CHECK: Rgb = [0x1f, 0xa8, 0x8a];

/** Coordinates are fractions of the icon's side. */
function insideRoundedSquare(x: number, y: number): boolean {
  const radius = 0.18;
  const dx = Math.max(radius - x, x - (1 - radius), 0);
  const dy = Math.max(radius - y, y - (1 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** A shield: flat top with rounded corners, straight sides, then two curves meeting at the point. */
function insideShield(x: number, y: number): boolean {
  const top = 0.17;
  const shoulder = 0.52;
  const tip = 0.88;
  const halfWidth = 0.3;
  const dx = Math.abs(x - 0.5);
  if (y < top || y > tip) return false;
  if (y <= shoulder) {
    const corner = 0.06;
    if (y < top + corner && dx > halfWidth - corner) {
      const cx = dx - (halfWidth - corner);
      const cy = top + corner - y;
      return cx * cx + cy * cy <= corner * corner;
    }
    return dx <= halfWidth;
  }
  // Below the shoulders the half width shrinks along a quarter ellipse to 0 at the tip.
  const t = (y - shoulder) / (tip - shoulder);
  return dx <= halfWidth * Math.sqrt(1 - t * t);
}

function distanceToSegment(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const lx = bx - ax;
  const ly = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * lx + (y - ay) * ly) / (lx * lx + ly * ly)));
  return Math.hypot(x - (ax + t * lx), y - (ay + t * ly));
}

function onCheck(x: number, y: number): boolean {
  const points = [
    [0.36, 0.5],
    [0.46, 0.61],
    [0.65, 0.38],
  ];
  const thickness = 0.045;
  return distanceToSegment(x, y, points[0], points[1]) <= thickness || distanceToSegment(x, y, points[1], points[2]) <= thickness;
}

function colourAt(x: number, y: number): [number, number, number, number] {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  if (onCheck(x, y)) return [...CHECK, 255];
  if (insideShield(x, y)) return [...SHIELD, 255];
  return [...BACKGROUND, 255];
}

function render(): Buffer {
  const rowLength = 1 + SIZE * 4;
  const raw = Buffer.alloc(rowLength * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * rowLength] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = colourAt((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          // Premultiplied, so transparent samples do not darken the edge.
          sum[0] += (r * a) / 255;
          sum[1] += (g * a) / 255;
          sum[2] += (b * a) / 255;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / (SAMPLES * SAMPLES);
      const offset = py * rowLength + 1 + px * 4;
      for (let channel = 0; channel < 3; channel++) raw[offset + channel] = alpha === 0 ? 0 : Math.round((sum[channel] * 255) / sum[3]);
      raw[offset + 3] = Math.round(alpha);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
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

function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const target = join(resolve(__dirname, '..'), 'images', 'icon.png');
mkdirSync(dirname(target), { recursive: true });
const image = png();
writeFileSync(target, image);
console.log(`wrote ${target} (${image.length} bytes)`);
