import { describe, expect, it } from 'vitest';
import { renderHtml, markdownToHtml, parseMarkdown } from '../../src/books/render/html.js';
import type { Book, Section } from '../../src/books/outline.js';
import { bookII } from './fixtures.js';

const html = renderHtml(bookII());
const body = html.slice(html.indexOf('<body'));

function sections(book: Book): Section[] {
    const out: Section[] = [];
    const walk = (children: ReadonlyArray<unknown>) => {
        for (const c of children as Array<{ type: string }>) if (c.type === 'section') {
            out.push(c as Section);
            walk((c as Section).children);
        }
    };
    walk(book.sections);
    return out;
}

describe('renderHtml: structure', () => {
    it('is one HTML5 document in the book language with a title', () => {
        expect(html.startsWith('<!DOCTYPE html>\n<html lang="id">')).toBe(true);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).toContain('<title>Buku II: Masterplan Smart City \u2014 Masterplan Smart City Kabupaten Tabalong</title>');
        expect(html).toContain('<h1 class="mp-title">Buku II: Masterplan Smart City</h1>');
        expect(renderHtml({ ...bookII(), language: 'en' })).toContain('<html lang="en">');
    });

    it('has a table of contents whose links all resolve to ids, one per section', () => {
        const toc = html.slice(html.indexOf('<nav class="mp-toc"'), html.indexOf('</nav>'));
        const links = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
        const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
        expect(links).toHaveLength(sections(bookII()).length);
        for (const l of links) expect(ids.has(l)).toBe(true);
        expect(links).toContain('programme-eoffice');
        expect(toc).toContain('>Daftar Isi</h2>');
        // every in-document link resolves too
        for (const m of body.matchAll(/href="#([^"]+)"/g)) expect(ids.has(m[1])).toBe(true);
    });

    it('uses unique ids', () => {
        const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(new Set(ids).size).toBe(ids.length);
    });

    it('maps section levels to headings below the title', () => {
        expect(html).toMatch(/<section id="vision"[^>]*class="mp-section mp-level-1 mp-chapter"|<section id="vision" class="mp-section mp-level-1 mp-chapter"/);
        expect(html).toContain('<h2>Visi dan Misi</h2>');
        expect(html).toContain('<h3>E-Office terintegrasi</h3>');
        expect(html).toContain('<h4>Indikator</h4>');
    });

    it('numbers table and figure captions in document order', () => {
        const tables = [...html.matchAll(/<caption><span class="mp-caption-label">Tabel (\d+)\.<\/span> ([^<]*)<\/caption>/g)];
        expect(tables.map((m) => m[1])).toEqual(['1', '2', '3']);
        expect(tables[2][2]).toBe('Anggaran per tahun (Rp)');
        const figures = [...html.matchAll(/<figcaption><span class="mp-caption-label">Gambar (\d+)\.<\/span> ([^<]*)<\/figcaption>/g)];
        expect(figures.map((m) => m[1])).toEqual(['1', '2', '3']);
        expect(figures[1][2]).toBe('Peta jalan 2020\u20132029');
    });

    it('renders every table row with header cells, alignment and totals', () => {
        const tables = [...html.matchAll(/<table class="mp-table"[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1]);
        expect(tables).toHaveLength(3);
        const [matrix, indicators, budget] = tables;
        const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
        expect(count(matrix, /<th scope="col"/g)).toBe(4);
        expect(count(matrix.slice(matrix.indexOf('<tbody>')), /<tr[\s>]/g)).toBe(2);
        expect(count(matrix, /\u2713/g)).toBe(3);
        expect(count(indicators.slice(indicators.indexOf('<tbody>')), /<tr[\s>]/g)).toBe(1);
        expect(count(budget.slice(budget.indexOf('<tbody>')), /<tr[\s>]/g)).toBe(4);
        expect(budget).toContain('<tr class="mp-total">');
        expect(budget).toContain('<td class="mp-r">Rp 9,85 miliar</td>');
        expect(budget).toContain('<colgroup><col class="mp-w-25"><col class="mp-w-25"><col class="mp-w-50"></colgroup>');
        expect(html).toContain('thead{display:table-header-group}');
    });

    it('inlines the charts as SVG and the key figures', () => {
        expect(body.match(/<svg /g)).toHaveLength(3);
        expect(body).not.toContain('xmlns=');
        expect(body).toContain('<dd>Rp 9,85 miliar</dd>');
    });

    it('has print and dark-mode styles', () => {
        expect(html).toMatch(/@page\{size:A4/);
        expect(html).toContain('@media print');
        expect(html).toContain('.mp-chapter{break-before:page}');
        expect(html).toContain('tr,.mp-figure,.mp-kf{break-inside:avoid}');
        expect(html).toContain('@media (prefers-color-scheme:dark)');
    });

    it('renders cross-references to known targets as links and unknown ones as text', () => {
        expect(html).toContain('<a class="mp-xref" href="#roadmap">peta jalan</a>');
        expect(html).toContain(' dan bagian yang tidak ada.');
        expect(html).not.toContain('href="#nowhere"');
    });
});

describe('renderHtml: source locations', () => {
    it('puts data-source attributes on elements that come from the plan', () => {
        expect(html).toContain('<section id="programme-eoffice" class="mp-section mp-level-2" data-source-uri="file:///plans/tabalong/program.mplan" data-source-line="30" data-source-char="4" data-kind="Programme" data-name="EOffice">');
        expect(html).toMatch(/<span class="mp-source" data-source-uri="[^"]+" data-source-line="3" data-source-char="6" data-kind="Owner" data-name="Diskominfo">Dinas Komunikasi dan Informatika<\/span>/);
        expect(html).toMatch(/<tr data-source-uri="[^"]+" data-source-line="12"/);
        expect(html).toMatch(/<g data-source-uri="[^"]+" data-source-line="50" data-source-char="4" data-kind="QuickWin" data-name="LangsatManis"><polygon/);
        expect(html).not.toMatch(/class="[^"]*\bmp-src\b/);
    });

    it('adds the mp-src hook only in preview mode, and never a script', () => {
        const preview = renderHtml(bookII(), { preview: true });
        expect(preview).toContain('class="mp-section mp-level-2 mp-src" data-source-uri=');
        expect(preview).toContain('<body class="mp-book mp-book-2 mp-preview">');
        expect(preview).not.toMatch(/<script/i);
        const sourced = [...preview.matchAll(/<[a-z]+[^>]*data-source-uri[^>]*>/g)];
        for (const m of sourced) expect(m[0]).toContain('mp-src');
    });
});

/** The real tags of a document (text `<` is always escaped), with attribute values removed. */
function tagsWithoutValues(doc: string): string[] {
    return [...doc.matchAll(/<[A-Za-z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
}

describe('renderHtml: hostile plan text', () => {
    it('contains no script, no event handlers, no injected elements', () => {
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img/i);
        expect(html).not.toMatch(/<b onclick/i);
        for (const tag of tagsWithoutValues(html)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    });

    it('never links to javascript: and loads nothing remote', () => {
        expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
        for (const tag of tagsWithoutValues(html)) expect(tag).not.toMatch(/\ssrc\s*=/i);
        expect(html).not.toMatch(/<link\b/i);
        expect(html).not.toMatch(/url\(/i);
        expect(html).not.toMatch(/@import/i);
        for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#|https:\/\/|mailto:)/);
        for (const m of html.matchAll(/<a href="(?:https?|mailto):[^"]*"([^>]*)>/g)) expect(m[1]).toContain('rel="noopener');
        // The unsafe link and the image stay visible as inert text.
        expect(html).toContain('[klik di sini](javascript:alert(1))');
        expect(html).toContain('![logo](http://evil.example/x.png)');
    });

    it('neutralizes bidi overrides and control characters', () => {
        expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
        expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        expect(html).toContain('Anggaran \uFFFDgnp.exe\uFFFD resmi');
    });

    it('is deterministic', () => {
        expect(renderHtml(bookII())).toBe(html);
        expect(renderHtml(bookII(), { preview: true })).toBe(renderHtml(bookII(), { preview: true }));
    });

    it('makes odd section ids safe and unique', () => {
        const b = bookII();
        const odd: Book = { ...b, sections: [{ ...b.sections[0], id: '" onmouseover="x' }, { ...b.sections[3], id: '" onmouseover="x' }, ...b.sections.slice(1, 3)] };
        const out = renderHtml(odd);
        for (const tag of tagsWithoutValues(out)) expect(tag).not.toMatch(/\sonmouseover=/);
        const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(new Set(ids).size).toBe(ids.length);
    });
});

describe('author Markdown', () => {
    it('renders paragraphs, emphasis, code, headings and lists', () => {
        const out = markdownToHtml('Satu **dua** *tiga* `kode`\nbaris\n\n### Judul\n\n- a\n- b\n  - c\n\n3. x\n4. y');
        expect(out).toContain('<p>Satu <strong>dua</strong> <em>tiga</em> <code>kode</code> baris</p>');
        expect(out).toContain('<h5 class="mp-md-h">Judul</h5>');
        expect(out).toContain('<ul><li>a</li><li>b\n<ul><li>c</li></ul></li></ul>');
        expect(out).toContain('<ol start="3"><li>x</li><li>y</li></ol>');
    });

    it('keeps only http(s) and mailto links, with rel="noopener"', () => {
        expect(markdownToHtml('[a](https://x.id/p?q=1&r=2)')).toBe('<p><a href="https://x.id/p?q=1&amp;r=2" rel="noopener noreferrer">a</a></p>');
        expect(markdownToHtml('[m](mailto:a@b.id)')).toContain('href="mailto:a@b.id"');
        for (const bad of ['[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](data:text/html,hi)', '[x](vbscript:x)', '[x](//evil.example)', '[x](  javascript:alert(1))']) {
            const out = markdownToHtml(bad);
            expect(out).not.toContain('<a ');
            expect(out).toContain('[x](');
        }
        expect(markdownToHtml('![i](https://x.id/i.png)')).toBe('<p>![i](https://x.id/i.png)</p>');
    });

    it('escapes raw HTML and leaves snake_case alone', () => {
        expect(markdownToHtml('<script>x</script> <img src=x onerror=y>')).toBe('<p>&lt;script&gt;x&lt;/script&gt; &lt;img src=x onerror=y&gt;</p>');
        expect(markdownToHtml('nama_variabel_ini')).toBe('<p>nama_variabel_ini</p>');
    });

    it('stays fast on hostile input', () => {
        const start = Date.now();
        parseMarkdown('*'.repeat(50_000) + '['.repeat(50_000) + '_a'.repeat(20_000) + '`'.repeat(10_000));
        parseMarkdown('- '.repeat(5000) + 'x');
        parseMarkdown(Array.from({ length: 2000 }, (_, i) => ' '.repeat(i % 40) + '- item').join('\n'));
        expect(Date.now() - start).toBeLessThan(3000);
    });
});

describe('a brief (Book III)', () => {
    it('has no table of contents and no page breaks before chapters', () => {
        const html = renderHtml({ ...bookII(), book: 3, layout: 'brief' });
        expect(html).not.toContain('class="mp-toc"');
        expect(html).toContain('mp-brief');
        expect(renderHtml(bookII())).toContain('class="mp-toc"');
    });
});

describe('no inline styles', () => {
    it('sets every style through the stylesheet, so a strict Content-Security-Policy (the preview) allows it all', () => {
        const html = renderHtml(bookII(), { preview: true });
        expect(html).not.toMatch(/\sstyle\s*=/i);
        expect(html).toContain('.mp-w-25{width:25%}');
    });
});
