// Draws the tray icons (one per sync state; 16 and 32 px; macOS template images) and the app icon
// as PNG files in assets/. Deterministic; run `node scripts/make-icons.mjs` after changing a design.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = new URL('../assets/', import.meta.url).pathname;

const COLORS = {
  idle: [46, 125, 50],
  syncing: [21, 101, 192],
  attention: [230, 145, 0],
  error: [198, 40, 40],
  paused: [97, 97, 97],
  disconnected: [120, 120, 120],
};

// Glyphs as "is this point ink?" tests on [-1, 1]^2 (y down).
const seg = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w;
};
const any =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const ring = (r, w, gapFrom, gapTo) => (x, y) => {
  const d = Math.abs(Math.hypot(x, y) - r) <= w;
  const a = Math.atan2(y, x);
  return d && !(a > gapFrom && a < gapTo);
};
const GLYPHS = {
  idle: any(seg(-0.45, 0.02, -0.12, 0.35, 0.13), seg(-0.12, 0.35, 0.48, -0.3, 0.13)),
  syncing: any(ring(0.45, 0.12, -0.6, 0.2), ring(0.45, 0.12, 2.55, 3.3), seg(0.45, 0.05, 0.2, -0.2, 0.1), seg(0.45, 0.05, 0.65, -0.2, 0.1)),
  attention: any(seg(0, -0.5, 0, 0.12, 0.14), (x, y) => Math.hypot(x, y - 0.42) <= 0.14),
  error: any(seg(-0.38, -0.38, 0.38, 0.38, 0.14), seg(-0.38, 0.38, 0.38, -0.38, 0.14)),
  paused: any(seg(-0.22, -0.4, -0.22, 0.4, 0.13), seg(0.22, -0.4, 0.22, 0.4, 0.13)),
  disconnected: any(seg(-0.5, 0.5, 0.5, -0.5, 0.11), ring(0.42, 0.1, -10, -10)),
};

function render(size, state, template) {
  const px = new Uint8Array(size * size * 4);
  const ss = 4; // supersampling for smooth edges
  const [r, g, b] = template ? [0, 0, 0] : COLORS[state];
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let disc = 0,
        ink = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const x = ((i + (si + 0.5) / ss) / size) * 2 - 1;
          const y = ((j + (sj + 0.5) / ss) / size) * 2 - 1;
          if (Math.hypot(x, y) <= 0.94) {
            disc++;
            if (GLYPHS[state](x / 0.94, y / 0.94)) ink++;
          }
        }
      }
      const n = ss * ss,
        o = (j * size + i) * 4;
      if (template) {
        // Template: black ring-shaped disc with the glyph cut out, alpha only (macOS recolours it).
        const a = Math.round((255 * (disc - ink)) / n);
        px.set([0, 0, 0, a], o);
      } else {
        const a = disc / n,
          k = ink / Math.max(disc, 1);
        px.set([Math.round(r + (255 - r) * k), Math.round(g + (255 - g) * k), Math.round(b + (255 - b) * k), Math.round(255 * a)], o);
      }
    }
  }
  return png(size, size, px);
}

function png(w, h, rgba) {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * w * 4, w * 4).copy(raw, y * (w * 4 + 1) + 1);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c;
}

mkdirSync(join(OUT, 'tray'), { recursive: true });
for (const state of Object.keys(COLORS)) {
  writeFileSync(join(OUT, 'tray', `tray-${state}.png`), render(16, state, false));
  writeFileSync(join(OUT, 'tray', `tray-${state}@2x.png`), render(32, state, false));
  writeFileSync(join(OUT, 'tray', `tray-${state}Template.png`), render(16, state, true));
  writeFileSync(join(OUT, 'tray', `tray-${state}Template@2x.png`), render(32, state, true));
}
writeFileSync(join(OUT, 'icon.png'), render(512, 'idle', false));
console.log('icons written to', OUT);
