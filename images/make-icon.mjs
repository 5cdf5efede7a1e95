// Usage: node images/make-icon.mjs images/icon.png
// Draws the 128x128 extension icon (a city skyline over a plan grid) and writes it as PNG with zlib.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const N = 128, S = 4, W = N * S;
const px = new Float64Array(W * W * 4); // premultiplied RGBA, supersampled
const hex = h => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
function fill(inside, colour, alpha = 1) {
    const [r, g, b] = hex(colour);
    for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) {
        if (!inside((x + 0.5) / S, (y + 0.5) / S)) continue;
        const i = (y * W + x) * 4, a = alpha;
        px[i] = r * a + px[i] * (1 - a); px[i + 1] = g * a + px[i + 1] * (1 - a); px[i + 2] = b * a + px[i + 2] * (1 - a); px[i + 3] = a + px[i + 3] * (1 - a);
    }
}
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const bg = roundRect(4, 4, 124, 124, 22);
// background: deep blue, with a lighter diagonal band
fill(bg, '#1f4e86');
fill((x, y) => bg(x, y) && x + y > 150, '#2563a6');
// the plan grid (thin lines) in the lower part
for (let gx = 16; gx <= 112; gx += 16) fill((x, y) => bg(x, y) && y > 96 && Math.abs(x - gx) < 0.6, '#8cb4e8', 0.45);
for (let gy = 100; gy <= 120; gy += 8) fill((x, y) => bg(x, y) && y > 96 && Math.abs(y - gy) < 0.6, '#8cb4e8', 0.45);
// the sun (a quick win)
fill(circle(94, 34, 11), '#f2b134');
// skyline: buildings of different heights
const buildings = [[18, 62, 34], [36, 44, 52], [54, 28, 70], [72, 52, 86], [88, 66, 110]];
const tones = ['#d9e6f5', '#ffffff', '#e9f0f9', '#c7d9ee', '#dfe9f5'];
buildings.forEach(([x0, top, x1], i) => fill(rect(x0, top, x1, 96), tones[i]));
// the tower's antenna
fill(rect(61, 16, 63, 28), '#ffffff');
// windows
for (const [x0, top, x1] of buildings) {
    for (let y = top + 6; y < 90; y += 9) for (let x = x0 + 4; x + 4 <= x1 - 3; x += 7) fill(rect(x, y, x + 3.5, y + 4), '#1f4e86', 0.75);
}
// ground line
fill(rect(12, 95, 116, 98), '#f2b134');
// downsample
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
    raw[y * (N * 4 + 1)] = 0;
    for (let x = 0; x < N; x++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let dy = 0; dy < S; dy++) for (let dx = 0; dx < S; dx++) {
            const i = ((y * S + dy) * W + x * S + dx) * 4;
            r += px[i]; g += px[i + 1]; b += px[i + 2]; a += px[i + 3];
        }
        const o = y * (N * 4 + 1) + 1 + x * 4, k = S * S;
        const al = a / k;
        raw[o] = al ? Math.round(r / k / al) : 0; raw[o + 1] = al ? Math.round(g / k / al) : 0; raw[o + 2] = al ? Math.round(b / k / al) : 0; raw[o + 3] = Math.round(al * 255);
    }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = buf => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
writeFileSync(process.argv[2], Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
