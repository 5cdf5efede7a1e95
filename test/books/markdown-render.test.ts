import { beforeAll, describe, expect, test } from 'vitest';
import { buildBook } from '../../src/books/index.js';
import type { Book } from '../../src/books/outline.js';
import { escapeText, mermaidLabel, renderMarkdown, sanitizeAuthorMarkdown } from '../../src/books/render/markdown.js';
import { renderJson } from '../../src/books/render/json.js';
import { MINIMAL_PLAN } from '../helpers.js';
import { loadPlan, planFromFiles } from './book-helpers.js';

const HOSTILE_TITLE = 'Evil | <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) `code` $x$ & ~~gone~~ #1';

/** Counts the `|` of a table line that are not escaped: the column separators. */
function separators(line: string): number {
    let count = 0;
    for (let i = 0; i < line.length; i++) if (line[i] === '|' && line[i - 1] !== '\\') count++;
    return count;
}

/** The lines outside fenced code blocks. */
function outsideFences(markdown: string): string[] {
    const out: string[] = [];
    let inFence = false;
    for (const line of markdown.split('\n')) {
        if (/^ {0,3}(```|~~~)/.test(line)) { inFence = !inFence; continue; }
        if (!inFence) out.push(line);
    }
    expect(inFence, 'every fence is closed').toBe(false);
    return out;
}

describe('escaping plan text', () => {
    test('characters that Markdown, GFM tables or HTML would read as syntax are escaped', () => {
        const escaped = escapeText(HOSTILE_TITLE);
        expect(escaped).not.toMatch(/(^|[^\\])[|<>*[\]`$~&#]/);
        expect(escaped).toContain('\\|');
        expect(escaped).toContain('\\<img');
        expect(escaped).toContain('\\*\\*bold\\*\\*');
        expect(escapeText('line one\nline two')).toBe('line one line two');
        expect(escapeText('a\u202Eb\u0007c')).toBe('abc');
    });

    test('Mermaid labels lose their separators', () => {
        expect(mermaidLabel('Langsat Manis: angkutan; gratis #1 %%x')).toBe('Langsat Manis angkutan gratis 1 x');
        expect(mermaidLabel('```')).toBe('-');
    });

    test('author Markdown passes through with raw HTML, unsafe links and unclosed fences neutralised', () => {
        const safe = sanitizeAuthorMarkdown([
            '# Judul',
            'Teks **tebal** dan `<kode>` <script>alert(1)</script> <!-- komentar -->',
            '[klik](javascript:alert(1)) [aman](https://example.org)',
            '[ref]: javascript:alert(1)',
            '```',
            '<b>di dalam kode</b>',
        ].join('\n'), 3);
        const lines = safe.split('\n');
        expect(lines[0]).toBe('### Judul');
        expect(lines[1]).toBe('Teks **tebal** dan `<kode>` &lt;script>alert(1)&lt;/script> &lt;!-- komentar -->');
        expect(lines[2]).toBe('[klik](#) [aman](https://example.org)');
        expect(lines[3]).toBe('\\[ref\\]: #');
        expect(lines[5]).toBe('<b>di dalam kode</b>');
        expect(lines[lines.length - 1]).toBe('```');
    });
});

describe('a plan with hostile titles, rendered as Markdown', () => {
    let markdown: string;
    let book: Book;

    beforeAll(async () => {
        const files = { ...MINIMAL_PLAN };
        files['/plan/pillars.mplan'] = files['/plan/pillars.mplan']
            .replace('"E-Office"', JSON.stringify(HOSTILE_TITLE))
            .replace('supports RPJMD2019.M1.G1.O1\n    }', 'supports RPJMD2019.M1.G1.O1\n        description """\n            # Big heading\n            <script>alert(1)</script>\n            ```\n            never closed\n        """\n    }');
        files['/plan/masterplan.mplan'] = files['/plan/masterplan.mplan']
            .replace('vision "Contoh cerdas"', 'vision "Contoh cerdas"\n    mission "- not a list"\n    mission "# not a heading"\n    mission "1. not ordered"');
        const plan = await planFromFiles(files);
        expect(plan.programmes[0].node.title).toBe(HOSTILE_TITLE);
        book = buildBook(plan, 2, 'id');
        markdown = renderMarkdown(book);
    });

    test('no raw HTML from the plan reaches the output', () => {
        const text = outsideFences(markdown).join('\n');
        expect(text).not.toMatch(/(^|[^\\])<(img|script)/i);
        expect(text).not.toMatch(/(^|[^\\])\]\(javascript:/i);
        expect(text).toContain('\\[link\\](javascript:alert(1))');
        // the only raw HTML is our own anchors
        expect(text.match(/(?<!\\)<[a-z]/g)?.length).toBe(text.match(/<a id="[a-z0-9-]+"><\/a>/g)?.length);
    });

    test('tables keep their columns', () => {
        const lines = outsideFences(markdown);
        let checked = 0;
        for (let i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith('|') || (i > 0 && lines[i - 1].startsWith('|'))) continue;
            const columns = separators(lines[i]);
            for (let j = i; j < lines.length && lines[j].startsWith('|'); j++) {
                expect(separators(lines[j]), lines[j]).toBe(columns);
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(20);
        expect(markdown).toContain('Evil \\| \\<img src=x onerror=alert(1)\\>');
    });

    test('the author\'s heading sits below the book\'s, and the unclosed fence is closed before the book goes on', () => {
        const lines = markdown.split('\n');
        expect(lines.filter(l => /^# /.test(l))).toEqual([`# ${book.title}`]);
        expect(lines).toContain('#### Big heading');
        // the footer comes after every fence is closed
        outsideFences(markdown);
        expect(lines[lines.length - 2]).toBe('*Disusun dengan mplan*');
    });

    test('plan text cannot start a list or a heading', () => {
        expect(markdown).toContain('1. \\- not a list\n2. \\# not a heading\n3. 1\\. not ordered');
    });
});

describe('the Tabalong books in Markdown', () => {
    test('headings, aligned tables, a Mermaid Gantt and text-bar charts; English money in English books', async () => {
        const plan = await loadPlan('examples', 'tabalong');
        const id = renderMarkdown(buildBook(plan, 2, 'id'));
        const en = renderMarkdown(buildBook(plan, 2, 'en'));
        expect(id.startsWith('# Buku II: Masterplan Smart City\n')).toBe(true);
        expect(id).toContain('## Daftar Isi');
        expect(id).toContain('## <a id="alignment"></a>Keselarasan dengan RPJMD');
        expect(id).toContain('| No. | Program | Penanggung jawab | Mitra | Tahun | Anggaran | RPJMD acuan |\n| ---: | --- | --- | --- | :---: | ---: | --- |');
        expect(id).toContain('```mermaid\ngantt\n');
        expect(id).toContain('    Pusat Data dan Jaringan Intra Pemerintah :t1, 2020, 2022');
        expect(id).toMatch(/\*\*Gambar \d+\.\*\* Peta jalan pelaksanaan program smart city/);
        expect(id).toMatch(/`█+░*`/);
        expect(id).toContain('Rp 1,2 miliar');
        expect(en).toContain('IDR 1.2 billion');
        expect(en).not.toContain('Rp 1,2 miliar');
        expect(en).toMatch(/\*\*Table \d+\.\*\*/);
        const book1 = renderMarkdown(buildBook(plan, 1, 'id'));
        expect(book1).toMatch(/\| SDM TIK di perangkat daerah \| 2 \| `████████░{12}` \|/);
    });

    test('JSON is the outline, with a stable key order and a final newline', async () => {
        const plan = await loadPlan('examples', 'tabalong');
        const book = buildBook(plan, 3, 'en');
        const json = renderJson(book);
        expect(json.endsWith('}\n')).toBe(true);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(book)));
        expect(json.split('\n')[1]).toBe('  "book": 3,');
        const firstSection = json.indexOf('"sections"');
        expect(json.slice(firstSection)).toMatch(/\{\n\s+"type": "section",\n\s+"level": 1,\n\s+"id": "vision",\n\s+"title": "Vision"/);
    });
});
