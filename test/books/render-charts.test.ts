import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { GanttChart } from '../../src/books/outline.js';
import { barChartScene, barChartSvg, chartPng, crc32, ganttChartScene, ganttChartSvg, cleanText, escapeXml, sceneToRgb, splitGantt, type ChartScene } from '../../src/books/render/charts.js';
import { budgetChart, readinessChart, roadmap, HOSTILE } from './fixtures.js';

/** Checks that tags nest properly (a DOM-less well-formedness check). */
function balanced(xml: string): boolean {
    const stack: string[] = [];
    for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
        if (m[3]) continue;
        if (m[1]) {
            if (stack.pop() !== m[2]) return false;
        } else stack.push(m[2]);
    }
    return stack.length === 0;
}

function barRects(svg: string): Array<{ x: number; width: number }> {
    return [...svg.matchAll(/<g[^>]*><rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="14"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
}

describe('bar chart SVG', () => {
    it('is well-formed and escapes every label', () => {
        const svg = barChartSvg(readinessChart, { standalone: true });
        expect(svg.startsWith('<?xml')).toBe(true);
        expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
        expect(balanced(svg)).toBe(true);
        expect(svg).not.toContain('<script');
        expect(svg).not.toContain('<img');
        expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(svg).toContain('<title>Skor kesiapan per aspek</title>');
    });

    it('draws bars proportional to their values on the given scale', () => {
        const bars = barRects(barChartSvg(readinessChart));
        expect(bars).toHaveLength(5);
        const full = bars[4].width; // value 5 of max 5
        readinessChart.bars.forEach((b, i) => expect(bars[i].width).toBeCloseTo((b.value / 5) * full, 1));
        expect(new Set(bars.map((b) => b.x)).size).toBe(1);
    });

    it('scales to the largest value when no max is given, and colours groups from the palette', () => {
        const bars = barRects(barChartSvg(budgetChart));
        expect(bars[1].width / bars[0].width).toBeCloseTo(0.5, 2);
        expect(bars[2].width / bars[0].width).toBeCloseTo(0.25, 2);
        const scene = barChartScene(readinessChart);
        const fills = scene.prims.filter((p) => p.kind === 'rect' && p.h === 14).map((p) => (p as { fill: string }).fill);
        expect(fills[1]).toBe(fills[2]); // same group, same colour
        expect(fills[0]).not.toBe(fills[1]);
    });

    it('survives empty, negative and non-finite input', () => {
        const svg = barChartSvg({ type: 'bar-chart', caption: 'x', bars: [{ label: 'a', value: -3, display: '-3' }, { label: 'b', value: Number.NaN, display: '?' }] });
        expect(balanced(svg)).toBe(true);
        expect(svg).not.toMatch(/NaN|Infinity|width="-/);
        expect(balanced(barChartSvg({ type: 'bar-chart', caption: 'empty', bars: [] }))).toBe(true);
    });

    it('is deterministic', () => {
        expect(barChartSvg(readinessChart)).toBe(barChartSvg(readinessChart));
    });
});

describe('Gantt chart SVG', () => {
    it('has a column per year, a row per task and diamonds for milestones', () => {
        const svg = ganttChartSvg(roadmap, { sources: true });
        expect(balanced(svg)).toBe(true);
        for (let y = 2020; y <= 2029; y++) expect(svg).toContain(`>${y}</text>`);
        expect(svg.match(/<polygon /g)).toHaveLength(1);
        const taskBars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="10"/g)];
        expect(taskBars).toHaveLength(4);
        expect(svg).toContain('data-name="EOffice"');
        expect(svg).not.toContain('<script');
    });

    it('places bars by year: a three-year task is three times a one-year column', () => {
        const scene = ganttChartScene(roadmap);
        const bars = scene.prims.filter((p) => p.kind === 'rect' && p.h === 10) as Array<{ x: number; w: number }>;
        const [dataCenter, eOffice] = bars; // 2020-2021, 2021-2023
        const col = (dataCenter.w + 6) / 2;
        expect(eOffice.w + 6).toBeCloseTo(3 * col, 5);
        expect(eOffice.x - dataCenter.x).toBeCloseTo(col, 5);
    });
});

describe('PNG', () => {
    it('computes the standard CRC-32', () => {
        expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    });

    it('encodes a valid PNG of the chart, the same bytes every time', () => {
        const { png, width, height } = chartPng(roadmap);
        expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
        const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
        let p = 8;
        const chunks: string[] = [];
        let idat: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
        let w = 0, h = 0;
        while (p < png.length) {
            const len = dv.getUint32(p);
            const type = String.fromCharCode(...png.subarray(p + 4, p + 8));
            const data = png.subarray(p + 8, p + 8 + len);
            expect(dv.getUint32(p + 8 + len)).toBe(crc32(png.subarray(p + 4, p + 8 + len)));
            if (type === 'IHDR') {
                w = dv.getUint32(p + 8);
                h = dv.getUint32(p + 12);
            }
            if (type === 'IDAT') idat = data;
            chunks.push(type);
            p += 12 + len;
        }
        expect(chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
        expect(w).toBe(Math.ceil(width * 2.5));
        expect(h).toBe(Math.ceil(height * 2.5));
        expect(inflateSync(idat).length).toBe((w * 3 + 1) * h);
        expect(Buffer.from(chartPng(roadmap).png).equals(Buffer.from(png))).toBe(true);
    });

    it('actually draws: the bar colour appears in the pixels', () => {
        const { png } = chartPng(budgetChart, 1);
        const dv = new DataView(png.buffer, png.byteOffset);
        const w = dv.getUint32(16), h = dv.getUint32(20);
        const raw = inflateSync(png.subarray(41, 41 + dv.getUint32(33)));
        // Undo each row's filter: 0 (None) or 2 (Up), the two the encoder may use.
        const rgb = new Uint8Array(w * h * 3);
        for (let y = 0; y < h; y++) {
            const filter = raw[y * (w * 3 + 1)];
            expect([0, 2]).toContain(filter);
            for (let i = 0; i < w * 3; i++) rgb[y * w * 3 + i] = (raw[y * (w * 3 + 1) + 1 + i] + (filter === 2 && y ? rgb[(y - 1) * w * 3 + i] : 0)) & 255;
        }
        let blue = 0;
        for (let i = 0; i < rgb.length; i += 3) if (rgb[i] === 0x25 && rgb[i + 1] === 0x63 && rgb[i + 2] === 0xa6) blue++;
        expect(blue).toBeGreaterThan(100);
    });
});

describe('rasterizer', () => {
    /** Rectangles drawn pixel by pixel, each row on its own: what the rasterizer must match exactly. */
    function reference(scene: ChartScene, scale: number): Uint8Array {
        const w = Math.ceil(scene.width * scale), h = Math.ceil(scene.height * scale);
        const out = new Uint8Array(w * h * 3).fill(255);
        for (const p of scene.prims) {
            if (p.kind !== 'rect') continue;
            const x0 = p.x * scale, y0 = p.y * scale, x1 = (p.x + p.w) * scale, y1 = (p.y + p.h) * scale;
            const alpha = p.opacity ?? 1;
            const rgb = [1, 3, 5].map((i) => parseInt(p.fill.slice(i, i + 2), 16));
            for (let py = Math.max(0, Math.floor(y0)); py < Math.min(h, Math.ceil(y1)); py++) {
                const a = (Math.min(y1, py + 1) - Math.max(y0, py)) * alpha;
                for (let px = Math.max(0, Math.floor(x0)); px < Math.min(w, Math.ceil(x1)); px++) {
                    const i = (py * w + px) * 3;
                    const inner = px >= Math.ceil(x0) && px + 1 <= Math.floor(x1);
                    for (let k = 0; k < 3; k++) {
                        if (!inner) {
                            const c = Math.min(1, (Math.min(x1, px + 1) - Math.max(x0, px)) * a);
                            if (c > 0) out[i + k] = Math.round(out[i + k] * (1 - c) + rgb[k] * c);
                        } else if (a >= 1) out[i + k] = rgb[k];
                        else out[i + k] = (out[i + k] * (256 - Math.round(a * 256)) + rgb[k] * Math.round(a * 256) + 128) >> 8;
                    }
                }
            }
        }
        return out;
    }

    it('draws wide rectangles over changing and unchanging backgrounds exactly as pixel by pixel', () => {
        let seed = 7;
        const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const colours = ['#2563a6', '#d9822b', '#8a939c', '#222222'];
        const prims: ChartScene['prims'][number][] = [];
        // Bands over a plain background (rows alike), then rectangles over their edges and each other.
        for (let i = 0; i < 6; i++) prims.push({ kind: 'rect', x: 10 + i * 30.3, y: 5.2, w: 15.1, h: 150.7, fill: colours[i % 4], opacity: 0.08 + 0.1 * i });
        for (let i = 0; i < 80; i++) {
            prims.push({ kind: 'rect', x: rnd() * 220 - 10, y: rnd() * 170 - 5, w: rnd() * 120, h: rnd() * 40, fill: colours[i % 4], opacity: i % 3 === 0 ? undefined : rnd() });
        }
        const scene: ChartScene = { width: 210.4, height: 165.3, title: '', prims };
        for (const scale of [1, 2.5, 1.7]) {
            const { rgb } = sceneToRgb(scene, scale);
            expect(Buffer.from(rgb).equals(Buffer.from(reference(scene, scale))), `scale ${scale}`).toBe(true);
        }
    });
});

describe('PNG rows', () => {
    it('writes rows like the one above as "Up" (zeros), and decodes to exactly the rasterized pixels', () => {
        for (const chart of [roadmap, budgetChart, readinessChart]) {
            const { png } = chartPng(chart, 2.5);
            const dv = new DataView(png.buffer, png.byteOffset);
            const w = dv.getUint32(16), h = dv.getUint32(20);
            const raw = inflateSync(png.subarray(41, 41 + dv.getUint32(33)));
            const stride = w * 3;
            const rgb = new Uint8Array(stride * h);
            let up = 0;
            for (let y = 0; y < h; y++) {
                const filter = raw[y * (stride + 1)];
                expect([0, 2]).toContain(filter);
                if (filter === 2) {
                    up++;
                    expect(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)).every((v) => v === 0)).toBe(true);
                }
                for (let i = 0; i < stride; i++) rgb[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + (filter === 2 ? rgb[(y - 1) * stride + i] : 0)) & 255;
            }
            expect(up).toBeGreaterThan(h / 4);
            const drawn = sceneToRgb(chart.type === 'gantt' ? ganttChartScene(chart) : barChartScene(chart), 2.5);
            expect(Buffer.from(rgb).equals(Buffer.from(drawn.rgb))).toBe(true);
        }
    });

    it('draws the same picture again after drawing others (the pixel buffer is handed on)', () => {
        const first = chartPng(budgetChart, 2.5).png;
        chartPng(roadmap, 2.5);
        chartPng(readinessChart, 1);
        expect(Buffer.from(chartPng(budgetChart, 2.5).png).equals(Buffer.from(first))).toBe(true);
    });
});

describe('PNG of a very large chart', () => {
    it('stays within a few million pixels, drawn at a lower scale, and is shown at the chart size', () => {
        const tasks = Array.from({ length: 600 }, (_, i) => ({ label: `Program ${i}`, start: 2020 + (i % 5), end: 2022 + (i % 7) }));
        const big: GanttChart = { type: 'gantt', caption: 'Peta jalan', years: { start: 2020, end: 2029 }, sections: [{ label: 'Pilar', tasks }] };
        const scene = ganttChartScene(big);
        const { png, width, height } = chartPng(big);
        const dv = new DataView(png.buffer, png.byteOffset);
        const w = dv.getUint32(16), h = dv.getUint32(20);
        expect(w * h).toBeLessThanOrEqual(4_000_000);
        expect(w * h).toBeGreaterThan(3_000_000);
        expect(w / h).toBeCloseTo(scene.width / scene.height, 1);
        expect({ width, height }).toEqual({ width: scene.width, height: scene.height });
    });
});

describe('a roadmap split across pages', () => {
    const sections = [3, 50, 0, 12, 7].map((n, s) => ({
        label: `Pilar ${s + 1}${s === 1 ? ' dengan nama yang sangat panjang sekali' : ''}`,
        tasks: Array.from({ length: n }, (_, i) => ({ label: `Program ${s + 1}.${i + 1}`, start: 2020 + (i % 5), end: 2022 + (i % 7) })),
    }));
    const chart: GanttChart = { type: 'gantt', caption: 'Peta jalan', years: { start: 2020, end: 2029 }, sections };

    it('keeps a roadmap that fits as it is', () => {
        expect(splitGantt(chart, 10_000)).toEqual([chart]);
    });

    it('gives parts that fit, with every programme once and in order, sections continued under their label', () => {
        const parts = splitGantt(chart, 500);
        expect(parts.length).toBeGreaterThan(2);
        for (const part of parts) expect(ganttChartScene(part).height).toBeLessThanOrEqual(500);
        const drawn = parts.flatMap((p) => p.sections.flatMap((s) => s.tasks.map((t) => `${s.label}: ${t.label}`)));
        expect(drawn).toEqual(sections.flatMap((s) => s.tasks.map((t) => `${s.label}: ${t.label}`)));
        // The long section runs over several parts, each starting with its label.
        expect(parts.filter((p) => p.sections.some((s) => s.label.startsWith('Pilar 2'))).length).toBeGreaterThan(1);
    });

    it('lines the parts up and keeps the whole chart\'s colours', () => {
        const parts = splitGantt(chart, 500);
        const whole = ganttChartScene(chart);
        const gridX = (scene: ReturnType<typeof ganttChartScene>) => scene.prims.find((p) => p.kind === 'text' && p.text === '2020')!;
        for (const part of parts) {
            const scene = ganttChartScene(part);
            expect(scene.width).toBe(whole.width);
            expect(gridX(scene)).toEqual(gridX(whole));
            // A section's band has the colour it has in the whole chart.
            const bands = (s: ReturnType<typeof ganttChartScene>) => new Map(s.prims.filter((p) => p.kind === 'text' && p.bold && p.text.startsWith('Pilar')).map((t) => [t.kind === 'text' ? t.text : '', s.prims[s.prims.indexOf(t) - 1]]));
            const wholeBands = bands(whole);
            for (const [label, band] of bands(scene)) expect(band).toMatchObject({ fill: (wholeBands.get(label) as { fill: string }).fill });
        }
    });
});

describe('text hygiene', () => {
    it('neutralizes bidi overrides, control characters and lone surrogates', () => {
        expect(cleanText(HOSTILE.rlo)).not.toMatch(/[\u202A-\u202E]/);
        expect(cleanText(HOSTILE.control)).not.toMatch(/[\u0000-\u0008\u001B]/);
        expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
        expect(cleanText('tab\tok\n')).toBe('tab\tok\n');
        expect(escapeXml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    });
});
