#!/usr/bin/env node
// Visual check of the book renderers (`npm run visual`): builds the Tabalong books as HTML and
// Word (or, when `mplan generate` is not available, renders the test fixture), screenshots the HTML
// with headless Chromium (screen and print), converts the Word files to PDF with LibreOffice and the
// pages to PNG with pdftoppm. Everything lands in test-results/visual/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-results', 'visual');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, opts = {}) {
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 300_000, ...opts });
    return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

function have(cmd) {
    return run('sh', ['-c', `command -v ${cmd}`]).ok;
}

/** Installs a Debian package when its command is missing (as root only). */
function ensure(cmd, ...packages) {
    if (have(cmd)) return true;
    if (process.getuid?.() !== 0) {
        console.warn(`visual: ${cmd} is missing; install ${packages.join(' ')}`);
        return false;
    }
    console.log(`visual: installing ${packages.join(' ')}…`);
    run('apt-get', ['update'], { stdio: 'ignore' });
    for (const p of packages) {
        if (run('apt-get', ['install', '-y', '--no-install-recommends', p], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).ok && have(cmd)) return true;
    }
    return have(cmd);
}

// 1. The books.
const cli = join(root, 'bin', 'mplan.js');
let generated = false;
if (existsSync(join(root, 'out', 'cli', 'main.js'))) {
    for (const format of ['html', 'docx']) {
        const r = run(process.execPath, [cli, 'generate', 'examples/tabalong', '--book', 'all', '--format', format, '--out', out]);
        if (!r.ok) console.warn(`visual: mplan generate --format ${format} failed:\n${r.out.trim()}`);
        else generated = true;
    }
}
if (!generated || !readdirSync(out).some((f) => f.endsWith('.html') || f.endsWith('.docx'))) {
    console.log('visual: rendering the test fixture instead of the Tabalong books');
    const { buildSync } = await import('esbuild');
    const tmp = mkdtempSync(join(tmpdir(), 'mp-visual-'));
    const entry = join(tmp, 'entry.ts');
    writeFileSync(
        entry,
        [
            `import { writeFileSync } from 'node:fs';`,
            `import { renderHtml } from ${JSON.stringify(join(root, 'src/books/render/html.ts'))};`,
            `import { renderDocx } from ${JSON.stringify(join(root, 'src/books/render/docx.ts'))};`,
            `import { bookII } from ${JSON.stringify(join(root, 'test/books/fixtures.ts'))};`,
            `writeFileSync(${JSON.stringify(join(out, 'fixture-book2.html'))}, renderHtml(bookII()));`,
            `writeFileSync(${JSON.stringify(join(out, 'fixture-book2.docx'))}, await renderDocx(bookII()));`,
        ].join('\n'),
    );
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(tmp, 'entry.mjs'), logLevel: 'warning', nodePaths: [join(root, 'node_modules')] });
    const r = run(process.execPath, [join(tmp, 'entry.mjs')]);
    rmSync(tmp, { recursive: true, force: true });
    if (!r.ok) throw new Error(`visual: rendering the fixture failed:\n${r.out}`);
}

const files = readdirSync(out).sort();
const pngs = [];

// 2. HTML: a screen screenshot and the print layout.
const chromium = ensure('chromium', 'chromium') ? 'chromium' : undefined;
if (chromium) {
    for (const f of files.filter((n) => n.endsWith('.html'))) {
        const name = basename(f, '.html');
        const profile = mkdtempSync(join(tmpdir(), 'mp-chromium-'));
        const common = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-background-networking', `--user-data-dir=${profile}`];
        const url = `file://${join(out, f)}`;
        run(chromium, [...common, `--screenshot=${join(out, `${name}-screen.png`)}`, '--window-size=1280,1800', url]);
        run(chromium, [...common, `--print-to-pdf=${join(out, `${name}-print.pdf`)}`, '--no-pdf-header-footer', url]);
        rmSync(profile, { recursive: true, force: true });
        if (existsSync(join(out, `${name}-screen.png`))) pngs.push(`${name}-screen.png`);
        if (existsSync(join(out, `${name}-print.pdf`)) && ensure('pdftoppm', 'poppler-utils')) {
            run('pdftoppm', ['-r', '50', '-png', join(out, `${name}-print.pdf`), join(out, `${name}-print`)]);
        }
    }
}

// 3. Word: LibreOffice to PDF, pages to PNG.
const soffice = ensure('soffice', 'libreoffice-writer-nogui', 'libreoffice-writer') ? 'soffice' : undefined;
if (soffice) {
    for (const f of files.filter((n) => n.endsWith('.docx'))) {
        const name = basename(f, '.docx');
        const profile = mkdtempSync(join(tmpdir(), 'mp-lo-'));
        const r = run(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, join(out, f)]);
        rmSync(profile, { recursive: true, force: true });
        if (!r.ok) console.warn(`visual: LibreOffice could not convert ${f}:\n${r.out}`);
        else if (ensure('pdftoppm', 'poppler-utils')) run('pdftoppm', ['-r', '60', '-png', join(out, `${name}.pdf`), join(out, `${name}-docx`)]);
    }
}

for (const f of readdirSync(out).sort()) if (f.endsWith('.png') && !pngs.includes(f)) pngs.push(f);
console.log(`visual: ${pngs.length} images in ${out}`);
for (const p of pngs) console.log(`  ${p}`);

// What must hold for the check to pass: every book has pictures of its HTML and of its Word pages,
// and Book III (the executive summary) stays within about two printed pages.
const problems = [];

// 4. Hostile plan text never runs in the HTML books: test/fixtures/hostile-plan carries scripts,
// event handlers, `javascript:` links and direction overrides in its titles and descriptions; each
// payload would mark the page if it ran. Chromium loads every book and prints its DOM afterwards.
if (chromium && generated) {
    const hostile = join(root, 'test', 'fixtures', 'hostile-plan');
    const hostileOut = join(out, 'hostile');
    const r = run(process.execPath, [cli, 'generate', hostile, '--format', 'html', '--force', '--out', hostileOut]);
    const pages = existsSync(hostileOut) ? readdirSync(hostileOut).filter((f) => f.endsWith('.html')) : [];
    if (!r.ok || pages.length !== 3) problems.push(`the hostile plan gave ${pages.length} HTML books: ${r.out.trim().slice(0, 500)}`);
    for (const page of pages) {
        const profile = mkdtempSync(join(tmpdir(), 'mp-chromium-'));
        const dom = run(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--virtual-time-budget=2000', '--dump-dom', pathToFileURL(join(hostileOut, page)).href]);
        rmSync(profile, { recursive: true, force: true });
        const html = dom.out;
        if (!/<\/html>/i.test(html)) problems.push(`Chromium printed no DOM for ${page}`);
        // The payloads' text is on the page (escaped); one that ran has marked the <html> element.
        else if (/<html[^>]*\sdata-pwned=/i.test(html)) problems.push(`a payload ran in ${page}: ${/<html[^>]*\sdata-pwned="([^"]*)"/i.exec(html)?.[1]}`);
        else if (/<[a-z][^<>]*\s(href|src)\s*=\s*"\s*javascript:/i.test(html)) problems.push(`${page} holds a javascript: link`);
        else console.log(`visual: ${page}: no payload ran`);
    }
}
for (const f of files) {
    const stem = basename(f).replace(/\.(html|docx)$/, '');
    const kind = f.endsWith('.docx') ? '-docx' : '-';
    if (!pngs.some((p) => p.startsWith(stem + kind))) problems.push(`no image of ${f}`);
}
const book3 = readdirSync(out).find((f) => /-book3-[a-z]+\.pdf$/.test(f));
if (book3) {
    const info = run('pdfinfo', [join(out, book3)]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.out)?.[1] ?? NaN);
    console.log(`visual: ${book3} has ${pages} pages`);
    if (!(pages <= 3)) problems.push(`${book3} has ${pages} pages; Book III should fit about two`);
}
writeFileSync(join(out, 'summary.json'), JSON.stringify({ passed: problems.length === 0 ? 1 : 0, failed: problems.length === 0 ? 0 : 1, problems }, null, 2) + '\n');
for (const p of problems) console.error(`visual: ${p}`);
process.exitCode = problems.length === 0 ? 0 : 1;
