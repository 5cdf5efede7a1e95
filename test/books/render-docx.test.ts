import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { buildSync } from 'esbuild';
import { renderDocx, readZip, writeZip } from '../../src/books/render/docx.js';
import type { Section } from '../../src/books/outline.js';
import { bookII } from './fixtures.js';

let bytes: Uint8Array;
let zip: JSZip;
let documentXml: string;

const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E]/g, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

beforeAll(async () => {
    bytes = await renderDocx(bookII());
    zip = await JSZip.loadAsync(bytes);
    documentXml = await zip.file('word/document.xml')!.async('string');
});

function allSections(): Section[] {
    const out: Section[] = [];
    const walk = (children: ReadonlyArray<{ type: string }>) => {
        for (const c of children) if (c.type === 'section') {
            out.push(c as Section);
            walk((c as Section).children);
        }
    };
    walk(bookII().sections);
    return out;
}

describe('renderDocx', () => {
    it('is a zip that an independent reader opens, with the parts Word needs', () => {
        for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml', 'docProps/core.xml']) {
            expect(zip.file(part), part).not.toBeNull();
        }
        expect(Object.keys(zip.files)[0]).toBe('[Content_Types].xml');
    });

    it('has Heading 1-3 paragraphs with every section title, bookmarked', () => {
        for (const s of allSections()) {
            const re = new RegExp(`<w:pStyle w:val="Heading${s.level}"/>${s.level === 1 ? '<w:pageBreakBefore/>' : ''}</w:pPr><w:bookmarkStart w:name="mp_[A-Za-z0-9_]+" w:id="\\d+"/><w:r><w:t xml:space="preserve">${escapeRe(xmlText(s.title))}</w:t>`);
            expect(documentXml, s.title).toMatch(re);
        }
        const styles = zip.file('word/styles.xml')!;
        return styles.async('string').then((xml) => {
            expect(xml).toContain('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>');
            expect(xml).toMatch(/w:styleId="Heading2">.*?<w:outlineLvl w:val="1"\/>/);
        });
    });

    it('has a TOC field over headings 1-3 with hyperlinks, and updates fields on open', async () => {
        expect(documentXml).toMatch(/<w:instrText xml:space="preserve">TOC [^<]*\\o &quot;1-3&quot;/);
        expect(documentXml).toMatch(/<w:instrText xml:space="preserve">TOC [^<]*\\h/);
        expect(documentXml).toContain('<w:docPartGallery w:val="Table of Contents"/>');
        expect(documentXml).toContain('<w:hyperlink w:history="1" w:anchor="mp_programme_eoffice">');
        expect(documentXml).toContain('PAGEREF mp_programme_eoffice');
        expect(await zip.file('word/settings.xml')!.async('string')).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    });

    it('repeats table header rows and right-aligns numeric columns', () => {
        const tables = documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
        const withHeader = tables.filter((t) => t.includes('<w:tblHeader/>'));
        expect(withHeader).toHaveLength(3);
        for (const t of withHeader) expect(t.indexOf('<w:tblHeader/>')).toBeLessThan(t.indexOf('</w:tr>'));
        const budget = withHeader[2];
        expect(budget).toMatch(/<w:pStyle w:val="TableTextRight"\/><\/w:pPr><w:r>(?:<w:rPr><w:b\/><w:bCs\/><\/w:rPr>)?<w:t xml:space="preserve">Rp 9,85 miliar/);
        expect(budget).toMatch(/<w:pStyle w:val="TableTextRight"\/><\/w:pPr><w:r><w:t xml:space="preserve">Rp 2,4 miliar/);
        expect(budget).toContain('<w:gridCol w:w="2267"/><w:gridCol w:w="2267"/><w:gridCol w:w="4536"/>');
    });

    it('states column alignment and the header\'s bold as paragraph styles, not in every cell', async () => {
        const tables = (documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => t.includes('<w:tblHeader/>'));
        for (const t of tables) {
            expect(t).not.toContain('<w:jc ');
            const header = t.slice(0, t.indexOf('</w:tr>'));
            expect(header).not.toContain('<w:b/>');
            for (const m of header.matchAll(/<w:p>.*?<\/w:p>/g)) expect(m[0]).toMatch(/<w:pStyle w:val="TableHead(?:Right|Center)?"\/>/);
            for (const m of t.slice(header.length).matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)) expect(m[1]).toMatch(/^TableText(?:Right|Center)?$/);
        }
        const xml = await zip.file('word/styles.xml')!.async('string');
        const style = (id: string) => new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">.*?</w:style>`).exec(xml)?.[0] ?? '';
        expect(style('TableTextRight')).toMatch(/<w:basedOn w:val="TableText"\/>.*<w:jc w:val="right"\/>/);
        expect(style('TableTextCenter')).toMatch(/<w:basedOn w:val="TableText"\/>.*<w:jc w:val="center"\/>/);
        expect(style('TableHead')).toMatch(/<w:basedOn w:val="TableText"\/>.*<w:b\/>/);
        expect(style('TableHeadRight')).toMatch(/<w:basedOn w:val="TableHead"\/>.*<w:jc w:val="right"\/>/);
        expect(style('TableHeadCenter')).toMatch(/<w:basedOn w:val="TableHead"\/>.*<w:jc w:val="center"\/>/);
    });

    it('gives every table its column widths: the grid, the table width, fixed layout, and the header row\'s cells', () => {
        const tables = (documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => t.includes('<w:tblHeader/>'));
        expect(tables.length).toBeGreaterThan(0);
        for (const t of tables) {
            const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
            expect(grid.reduce((a, b) => a + b, 0)).toBe(9070);
            expect(t).toContain('<w:tblW w:type="dxa" w:w="9070"/>');
            expect(t).toContain('<w:tblLayout w:type="fixed"/>');
            const rows = t.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
            const widths = (row: string) => [...row.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
            // The first row states each cell's width (Word's fixed layout reads it), equal to the grid.
            expect(widths(rows[0] ?? '')).toEqual(grid);
            for (const row of rows) expect((row.match(/<w:tc>/g) ?? []).length).toBe(grid.length);
            for (const row of rows.slice(1)) expect(widths(row)).toEqual([]);
        }
    });

    it('states rules and cell margins once per table; a cell only states what differs from them', () => {
        const tables = (documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => t.includes('<w:tblHeader/>'));
        for (const t of tables) {
            expect(t).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
            expect(t).toMatch(/<w:tblCellMar>/);
            const header = t.slice(0, t.indexOf('</w:tr>'));
            const cells = (t.match(/<w:tc>/g) ?? []).length;
            const headerCells = (header.match(/<w:tc>/g) ?? []).length;
            const cellBorders = (t.match(/<w:tcBorders>/g) ?? []).length;
            // The header's rule below, and the total row's rule above where there is one.
            expect(cellBorders).toBeGreaterThanOrEqual(headerCells);
            expect(cellBorders).toBeLessThanOrEqual(2 * headerCells);
            expect(cells).toBeGreaterThan(cellBorders);
            expect(t).not.toContain('<w:tcMar>');
            expect(t).not.toContain('<w:jc w:val="left"/>');
        }
    });

    it('numbers captions and embeds each chart as SVG with a PNG fallback', async () => {
        expect(documentXml.match(/Tabel \d+\. /g)).toEqual(['Tabel 1. ', 'Tabel 2. ', 'Tabel 3. ']);
        expect(documentXml.match(/Gambar \d+\. /g)).toEqual(['Gambar 1. ', 'Gambar 2. ', 'Gambar 3. ']);
        const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
        expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(3);
        expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(3);
        expect(documentXml.match(/<asvg:svgBlip /g)).toHaveLength(3);
        const png = await zip.file(media.find((n) => n.endsWith('.png'))!)!.async('uint8array');
        expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]);
        const ids = [...documentXml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
        expect(ids).toEqual(['1', '2', '3']);
    });

    it('has page numbers in the footer and A4 pages', async () => {
        const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
        expect(footers.some((f) => /<w:instrText[^>]*>PAGE<\/w:instrText>/.test(f) && f.includes('Halaman '))).toBe(true);
        expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
        expect(documentXml).toContain('<w:titlePg/>');
    });

    it('renders lists and author Markdown with bold, italics and safe links only', async () => {
        expect(documentXml).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
        expect(documentXml).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">persuratan elektronik<\/w:t>/);
        expect(documentXml).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">disposisi<\/w:t>/);
        const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
        expect(rels).toContain('Id="rIdMp1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://spbe.go.id/pedoman" TargetMode="External"');
        expect(rels).not.toMatch(/javascript:/i);
        expect(documentXml).toContain('[klik di sini](javascript:alert(1))');
    });

    it('keeps hostile text as escaped text and never writes characters XML forbids', () => {
        expect(documentXml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E]/);
        expect(documentXml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(documentXml).not.toContain('<script');
    });

    it('stamps book.date into the core properties', async () => {
        const core = await zip.file('docProps/core.xml')!.async('string');
        expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2019-08-06T00:00:00Z</dcterms:created>');
        expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2019-08-06T00:00:00Z</dcterms:modified>');
        for (const f of Object.values(zip.files)) expect(f.date.toISOString().slice(0, 10)).toBe('2019-08-06');
    });

    it('numbers bookmarks uniquely, independent of earlier documents', async () => {
        const ids = [...documentXml.matchAll(/<w:bookmarkStart w:name="[^"]+" w:id="(\d+)"/g)].map((m) => Number(m[1]));
        expect(ids).toEqual(ids.map((_, i) => i + 1));
        const ends = [...documentXml.matchAll(/<w:bookmarkEnd w:id="(\d+)"/g)].map((m) => Number(m[1]));
        expect([...ends].sort((a, b) => a - b)).toEqual(ids);
    });

    it('gives the same bytes whether the parts come from the compiler or from the packed archive', async () => {
        const viaPacker = await renderDocx(bookII(), { viaPacker: true });
        expect(Buffer.from(viaPacker).equals(Buffer.from(bytes))).toBe(true);
    });

    it('gives the same bytes on every call in a process', async () => {
        const again = await renderDocx(bookII());
        expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
        const other = await renderDocx({ ...bookII(), date: '2020-01-02' });
        expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
    });

    it('gives the same bytes in another process', () => {
        const dir = mkdtempSync(join(tmpdir(), 'mp-docx-'));
        try {
            const entry = join(dir, 'entry.ts');
            const root = resolve(__dirname, '../..');
            writeFileSync(entry, `import { renderDocx } from ${JSON.stringify(join(root, 'src/books/render/docx.ts'))};\nimport { bookII } from ${JSON.stringify(join(root, 'test/books/fixtures.ts'))};\nrenderDocx(bookII()).then((b) => process.stdout.write(Buffer.from(b).toString('base64')));\n`);
            const out = join(dir, 'entry.mjs');
            buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent', nodePaths: [join(root, 'node_modules')] });
            const run = spawnSync(process.execPath, [out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
            expect(run.status, run.stderr).toBe(0);
            expect(Buffer.from(run.stdout, 'base64').equals(Buffer.from(bytes))).toBe(true);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('renderDocx: tall charts', () => {
    it('scales a roadmap a little too tall for a page to fit it', async () => {
        const b = bookII();
        const tasks = Array.from({ length: 45 }, (_, i) => ({ label: `Program ${i + 1}`, start: 2020 + (i % 5), end: 2022 + (i % 7) }));
        const tall: typeof b = { ...b, sections: [{ type: 'section', level: 1, title: 'Peta Jalan', id: 'roadmap', children: [{ type: 'gantt', caption: 'Peta jalan', years: { start: 2020, end: 2029 }, sections: [{ label: 'Semua', tasks }] }] }] };
        const z = await JSZip.loadAsync(await renderDocx(tall));
        const xml = await z.file('word/document.xml')!.async('string');
        const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml)!;
        expect(Number(cy)).toBeLessThanOrEqual(843 * 9525);
        expect(Number(cx)).toBeLessThanOrEqual(604 * 9525);
        // Its PNG fallback is drawn for the size shown (2.5 pixels per shown pixel), not for the chart's own size.
        const png = await z.file(Object.keys(z.files).find((n) => n.startsWith('word/media/') && n.endsWith('.png'))!)!.async('uint8array');
        const dv = new DataView(png.buffer, png.byteOffset);
        expect(Math.abs(dv.getUint32(20) - 2.5 * (Number(cy) / 9525))).toBeLessThanOrEqual(3);
        expect(Math.abs(dv.getUint32(16) - 2.5 * (Number(cx) / 9525))).toBeLessThanOrEqual(3);
        expect(xml.match(/<wp:extent /g)).toHaveLength(1);
    });

    it('splits a roadmap of two hundred programmes into pages under one figure number, none shrunk to illegibility', async () => {
        const b = bookII();
        const sections = Array.from({ length: 6 }, (_, s) => ({
            label: `Pilar ${s + 1}`,
            tasks: Array.from({ length: 36 }, (_, i) => ({ label: `Program ${s + 1}.${i + 1}`, start: 2020 + (i % 5), end: 2022 + (i % 7) })),
        }));
        const tall: typeof b = { ...b, sections: [{ type: 'section', level: 1, title: 'Peta Jalan', id: 'roadmap', children: [{ type: 'gantt', caption: 'Peta jalan', id: 'fig-roadmap', years: { start: 2020, end: 2029 }, sections }] }] };
        const xml = await (await JSZip.loadAsync(await renderDocx(tall))).file('word/document.xml')!.async('string');
        const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => ({ cx: Number(m[1]) / 9525, cy: Number(m[2]) / 9525 }));
        // 6 section labels and 216 programmes in rows of 20 px: at least six pages of about 40 rows.
        expect(extents.length).toBeGreaterThanOrEqual(6);
        for (const e of extents) {
            expect(e.cy).toBeLessThanOrEqual(843);
            expect(e.cx).toBeGreaterThan(0.75 * 600);
        }
        const captions = [...xml.matchAll(/Gambar (\d+)\. <\/w:t><\/w:r>(?:<\/w:bookmarkStart>)?.*?<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => `${m[1]} ${m[2]}`);
        expect(captions).toEqual(extents.map((_, i) => `1 Peta jalan (${i + 1}/${extents.length})`));
    });
});

describe('renderDocx: alike cells', () => {
    it('writes every row and cell of a table whose rows repeat, each where it stands', async () => {
        const b = bookII();
        const cells = (a: string, c: string, mark?: boolean) => [{ content: [{ type: 'text' as const, text: a }] }, { content: [{ type: 'text' as const, text: c }], mark }];
        const rows = [
            { cells: cells('Pilar', 'Tata kelola') },
            { cells: cells('Pilar', 'Tata kelola') },
            { cells: cells('Pilar', 'Tata kelola', true) },
            { cells: [{ content: [{ type: 'ref' as const, text: 'Peta jalan', target: 'roadmap' }] }, { content: [{ type: 'text' as const, text: 'Tata kelola', bold: true }] }] },
            { cells: cells('Pilar', 'Tata kelola') },
            { cells: cells('Pilar', 'Tata kelola'), total: true },
        ];
        const table = { type: 'table' as const, caption: 'Ulang', columns: [{ header: 'A' }, { header: 'B', align: 'right' as const }], rows };
        const book: typeof b = { ...b, sections: [{ type: 'section', level: 1, title: 'Peta Jalan', id: 'roadmap', children: [table, table] }] };
        const xml = await (await JSZip.loadAsync(await renderDocx(book))).file('word/document.xml')!.async('string');
        const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
        expect(tables).toHaveLength(2);
        expect(tables[1]).toBe(tables[0]);
        const trs = (tables[0] ?? '').match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
        expect(trs).toHaveLength(7);
        const text = (tr: string) => [...tr.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
        expect(trs.map(text)).toEqual(['A|B', 'Pilar|Tata kelola', 'Pilar|Tata kelola', 'Pilar|\u2713| |Tata kelola', 'Peta jalan|Tata kelola', 'Pilar|Tata kelola', 'Pilar|Tata kelola']);
        // Zebra rows have their fill, the total row its rule and bold, the link its anchor, the bold text its bold.
        expect(trs.map((tr) => tr.includes('<w:shd '))).toEqual([true, false, true, false, true, false, true]);
        expect(trs[6]).toContain('<w:tcBorders><w:top ');
        expect(trs[6]).toContain('<w:b/>');
        expect(trs[5]).not.toContain('<w:b/>');
        expect(trs[4]).toContain('<w:hyperlink w:history="1" w:anchor="mp_roadmap">');
        expect(trs[4]).toMatch(/<w:b\/>.*Tata kelola/);
        expect(trs[3]).toContain('\u2713');
        expect(trs[1]).not.toContain('\u2713');
    });
});

describe('zip helpers', () => {
    it('round-trip entries in order with fixed dates', () => {
        const entries = [{ name: 'b.txt', data: new TextEncoder().encode('hello '.repeat(100)) }, { name: 'a/c.bin', data: Uint8Array.of(1, 2, 3) }];
        const z = writeZip(entries, '2024-02-29');
        const back = readZip(z);
        expect([...back.keys()]).toEqual(['b.txt', 'a/c.bin']);
        expect(new TextDecoder().decode(back.get('b.txt'))).toBe('hello '.repeat(100));
        expect([...back.get('a/c.bin')!]).toEqual([1, 2, 3]);
        expect(Buffer.from(writeZip(entries, '2024-02-29')).equals(Buffer.from(z))).toBe(true);
    });
});

function escapeRe(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a brief (Book III)', () => {
    it('has its title on the first page, no table of contents, and chapters that do not start new pages', async () => {
        const brief = { ...bookII(), book: 3 as const, layout: 'brief' as const };
        const xml = await (await JSZip.loadAsync(await renderDocx(brief))).file('word/document.xml')!.async('string');
        expect(xml).not.toContain('TOC \\');
        expect(xml).not.toContain('w:pageBreakBefore');
        expect(xml).toContain(bookII().title.split(':')[0]);
        const full = await (await JSZip.loadAsync(await renderDocx(bookII()))).file('word/document.xml')!.async('string');
        expect(full).toContain('TOC \\');
        expect((full.match(/<w:pageBreakBefore\/>/g) ?? []).length).toBeGreaterThanOrEqual(bookII().sections.length);
    });
});
