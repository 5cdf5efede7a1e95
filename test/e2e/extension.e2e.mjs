// End-to-end test of the Masterplan extension in a real VS Code: code-server 4.100.3 (VS Code 1.100)
// driven by headless Chromium through playwright-core, both from the e2e cache folder (see install.sh).
//
// It installs the .vsix into a clean, isolated profile, opens a copy of examples/tabalong and checks:
// the language is active and the workspace has no problems; a hover on an owner reference shows the
// owner's name; "Open Book Preview to the Side" shows Book II's title; typing a new programme makes it
// appear in the preview (and the scroll position stays); clicking a programme in the preview reveals
// its source; the book switch shows Book I; the preview follows a dark theme. Then it opens a copy of
// examples/broken/unresolved-reference and checks the squiggle and the Problems entry with its code.
//
// Screenshots and logs: test-results/e2e/. Every process started here (code-server in its own process
// group, Chromium through playwright) is ended on success, failure, timeout, Ctrl+C and SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const cache = process.env.MPLAN_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'masterplan-e2e');
const vsix = process.env.MPLAN_E2E_VSIX ?? path.join(root, `masterplan-${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version}.vsix`);
const results = path.join(root, 'test-results', 'e2e');
const chromiumPath = process.env.MPLAN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const WATCHDOG_MS = Number(process.env.MPLAN_E2E_TIMEOUT_MS ?? 240_000);

const require = createRequire(path.join(cache, 'package.json'));
const { chromium } = require('playwright-core');
const codeServerBin = path.join(cache, 'node_modules', '.bin', 'code-server');

/** The sha256 of the default styles VS Code injects into webviews (blocked by our CSP, harmlessly). */
const vscodeDefaultStyleHashes = (() => {
    try {
        const html = readFileSync(path.join(cache, 'node_modules/code-server/lib/vscode/out/vs/workbench/contrib/webview/browser/pre/index.html'), 'utf8');
        const css = /defaultStyles\.textContent = `([\s\S]*?)`;/.exec(html)?.[1];
        return css === undefined ? [] : [createHash('sha256').update(css).digest('base64')];
    } catch {
        return [];
    }
})();

// ------------------------------------------------------------------------------------------ bookkeeping

const checks = [];
const started = Date.now();
let shot = 0;
let codeServer;
let context;
let temp;
let cleaning;

function log(message) {
    console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

async function check(name, fn) {
    const t0 = Date.now();
    try {
        const detail = await fn();
        checks.push({ name, ok: true, ms: Date.now() - t0, detail });
        log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
    } catch (error) {
        checks.push({ name, ok: false, ms: Date.now() - t0, detail: String(error?.message ?? error) });
        log(`FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
        await screenshot(`FAILED-${name.replace(/\W+/g, '-').toLowerCase()}`).catch(() => {});
    }
}

let page;
async function screenshot(name) {
    if (!page || page.isClosed()) return;
    const file = path.join(results, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${path.relative(root, file)}`);
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

async function poll(what, fn, timeout = 15_000, interval = 200) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
        try {
            const value = await fn();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        await sleep(interval);
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const norm = text => String(text ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

async function cleanup() {
    if (cleaning) return cleaning;
    cleaning = (async () => {
        if (codeServer?.pid) {
            const group = -codeServer.pid;
            try { process.kill(group, 'SIGTERM'); } catch { /* gone */ }
            const end = Date.now() + 5000;
            while (Date.now() < end && groupAlive(codeServer.pid)) await sleep(100);
            try { process.kill(group, 'SIGKILL'); } catch { /* gone */ }
            log(`code-server process group ${codeServer.pid} ended`);
            codeServer = undefined;
        }
        if (context) {
            await Promise.race([context.close().catch(() => {}), sleep(5000)]);
            context = undefined;
        }
        if (temp) {
            // Keep the extension host's logs with the results, then remove the temporary profile.
            try {
                const logs = path.join(temp, 'user-data', 'logs');
                if (existsSync(logs)) cpSync(logs, path.join(results, 'vscode-logs'), { recursive: true });
            } catch { /* best effort */ }
            rmSync(temp, { recursive: true, force: true });
            temp = undefined;
        }
    })();
    return cleaning;
}

function groupAlive(pid) {
    try {
        process.kill(-pid, 0);
        return true;
    } catch {
        return false;
    }
}

// Last resort (e.g. an uncaught error): the code-server process group never outlives this process.
process.on('exit', () => {
    if (codeServer?.pid) {
        try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* gone */ }
    }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
        log(`${signal}: cleaning up`);
        void cleanup().finally(() => process.exit(130));
    });
}
const watchdog = setTimeout(() => {
    log(`watchdog: no result after ${WATCHDOG_MS} ms`);
    void cleanup().finally(() => {
        console.log(`e2e: ${checks.filter(c => c.ok).length} passed, ${checks.filter(c => !c.ok).length + 1} failed`);
        process.exit(1);
    });
}, WATCHDOG_MS);

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

// ------------------------------------------------------------------------------------------ VS Code helpers

async function runCommand(label, { thenPick } = {}) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    if (thenPick) {
        // The command opens a quick pick of its own (e.g. the colour themes).
        await poll('the command\'s quick pick', async () => !(await input.inputValue()).startsWith('>'), 10_000);
        await input.fill(thenPick);
        const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: thenPick }).first();
        await pick.waitFor({ state: 'visible', timeout: 10_000 });
        await pick.click();
    }
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** Picks the row of the open quick pick that contains the text. */
async function pickItem(text) {
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
}

/** Accepts the open input box, with its proposed value or the one given. */
/** Answers the quick input; with `step`, first waits until its title says so ("(2/3)"): the widget stays visible between steps. */
async function answerInput(value, step) {
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    if (step !== undefined) {
        await poll(`quick input step ${step}`, async () => (await page.locator('.quick-input-widget .quick-input-title').textContent().catch(() => ''))?.includes(`(${step}/`) || undefined, 10_000, 100);
    }
    if (value !== undefined) await input.fill(value);
    await page.keyboard.press('Enter');
}

async function notificationText(pattern, timeout = 20_000) {
    return poll(`a notification matching ${pattern}`, async () => {
        for (const toast of await page.locator('.notification-toast, .notifications-toasts .monaco-list-row').all()) {
            const t = norm(await toast.textContent().catch(() => ''));
            if (pattern.test(t)) return t;
        }
        return undefined;
    }, timeout, 250);
}

async function quickOpen(file) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(file);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(file) }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    await page.locator(`.tab.active[aria-label*="${path.basename(file)}"]`).first().waitFor({ timeout: 10_000 });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

async function goTo(line, column) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await poll(`cursor at ${line}:${column}`, async () => (await statusText('status.editor.selection')).includes(`Ln ${line}, Col ${column}`), 5000);
}

async function statusText(id) {
    const item = page.locator(`[id="${id}"]`).first();
    return norm(await item.textContent({ timeout: 2000 }));
}

async function problemRows() {
    return page.locator('.markers-panel .monaco-list-row').all();
}

async function openProblems() {
    if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) {
        await page.keyboard.press('Control+Shift+M');
    }
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** The preview's inner webview frame (a webview is an iframe inside an iframe). */
async function previewFrame(timeout = 20_000) {
    return poll('the book preview webview', async () => {
        for (const frame of page.frames()) {
            try {
                if (await frame.$('#mp-shell-content')) return frame;
            } catch { /* detached or cross-origin */ }
        }
        return undefined;
    }, timeout);
}

async function writeUserSettings(extra = {}) {
    const file = path.join(temp, 'user-data', 'User', 'settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.editor.revealIfOpen': true,
        'workbench.colorTheme': 'Default Light Modern',
        'files.autoSave': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'chat.commandCenter.enabled': false,
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.autoIndent': 'none',
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'editor.suggestOnTriggerCharacters': false,
        'editor.acceptSuggestionOnEnter': 'off',
        'editor.wordBasedSuggestions': 'off',
        'editor.parameterHints.enabled': false,
        'editor.formatOnType': false,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'window.restoreWindows': 'none',
        ...extra,
    }, null, 2));
}

// ------------------------------------------------------------------------------------------ the run

async function main() {
    assert(existsSync(vsix), `no .vsix at ${vsix}: run \`npm run package\` first`);
    assert(existsSync(codeServerBin), `code-server is not installed in ${cache}: run test/e2e/install.sh`);
    rmSync(results, { recursive: true, force: true });
    mkdirSync(results, { recursive: true });
    temp = mkdtempSync(path.join(os.tmpdir(), 'mplan-e2e-'));
    const dirs = Object.fromEntries(['home', 'user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'chromium', 'ws'].map(d => [d, path.join(temp, d)]));
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    const tabalong = path.join(dirs.ws, 'tabalong');
    const broken = path.join(dirs.ws, 'unresolved-reference');
    cpSync(path.join(root, 'examples', 'tabalong'), tabalong, { recursive: true });
    cpSync(path.join(root, 'examples', 'broken', 'unresolved-reference'), broken, { recursive: true });
    mkdirSync(path.join(tabalong, 'garut')); // an empty folder for "Create New Plan…"
    await writeUserSettings();
    const configFile = path.join(temp, 'config.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const env = {
        ...process.env,
        HOME: dirs.home,
        XDG_CONFIG_HOME: dirs['xdg-config'],
        XDG_DATA_HOME: dirs['xdg-data'],
        XDG_CACHE_HOME: dirs['xdg-cache'],
        VSCODE_PROXY_URI: '',
    };
    delete env.ELECTRON_RUN_AS_NODE;
    const common = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--config', configFile];

    await check('install the .vsix into a clean profile', async () => {
        const r = spawnSync(codeServerBin, [...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
        writeFileSync(path.join(results, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
        assert(r.status === 0, `code-server --install-extension exited ${r.status}: ${r.stderr || r.stdout}`);
        const installed = readdirSync(dirs.extensions).filter(d => d.startsWith('masterplan.masterplan-'));
        assert(installed.length === 1, `extension folder not found in ${readdirSync(dirs.extensions).join(', ')}`);
        return installed[0];
    });

    const port = await freePort();
    const serverLog = createWriteStream(path.join(results, 'code-server.log'));
    await new Promise(resolve => serverLog.on('open', resolve));
    codeServer = spawn(codeServerBin, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
        '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'], {
        env, detached: true, stdio: ['ignore', serverLog, serverLog],
    });
    codeServer.on('exit', code => log(`code-server exited (${code})`));
    const base = `http://127.0.0.1:${port}`;
    await poll('code-server to answer', async () => (await fetch(`${base}/healthz`)).ok, 60_000, 250);
    log(`code-server on ${base} (process group ${codeServer.pid})`);

    context = await chromium.launchPersistentContext(dirs.chromium, {
        executablePath: chromiumPath,
        headless: true,
        // Our signal handlers end everything in order (code-server first); playwright's would exit at once.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        viewport: { width: 1600, height: 1000 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const consoleLog = createWriteStream(path.join(results, 'browser-console.log'));
    const cspViolations = [];
    const watchPage = p => p.on('console', message => {
        const text = message.text();
        consoleLog.write(`[${message.type()}] ${text}\n`);
        if (/Content.Security.Policy|Refused to/i.test(text) && /mp-|masterplan|preview\.(js|css)/i.test(text + (message.location()?.url ?? ''))) cspViolations.push(text);
    });
    page = context.pages()[0] ?? await context.newPage();
    watchPage(page);

    // ---------------------------------------------------------------- the example plan
    await page.goto(`${base}/?folder=${encodeURIComponent(tabalong)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 30_000 }).catch(() => {});

    await check('open examples/tabalong: the language is Masterplan', async () => {
        await quickOpen('masterplan.mplan');
        const mode = await poll('the language mode in the status bar', async () => {
            const text = await statusText('status.editor.mode');
            return text.includes('Masterplan') ? text : undefined;
        }, 20_000);
        await screenshot('tabalong-open');
        return `status bar: ${mode}`;
    });

    await check('hover an owner reference shows its name', async () => {
        await quickOpen('branding.mplan');
        // line 10: `        owner Disbudparpora`
        await goTo(10, 17);
        const text = await poll('the hover of Disbudparpora', async () => {
            const hover = page.locator('.monaco-hover:not(.hidden)').first();
            if (!(await hover.isVisible().catch(() => false))) {
                await page.keyboard.press('Control+K');
                await page.keyboard.press('Control+I');
                await sleep(700);
            }
            const t = norm(await hover.textContent({ timeout: 1000 }).catch(() => ''));
            return t.includes('Dinas Kebudayaan, Pariwisata, Pemuda dan Olahraga') ? t : undefined;
        }, 30_000, 500);
        await screenshot('hover-owner');
        await page.keyboard.press('Escape');
        return text.slice(0, 120);
    });

    await check('examples/tabalong has no problems', async () => {
        await openProblems();
        await sleep(1500); // the server has answered a hover, so its first build is done; let diagnostics arrive
        const rows = await problemRows();
        const texts = await Promise.all(rows.slice(0, 5).map(r => r.textContent()));
        await screenshot('tabalong-no-problems');
        assert(rows.length === 0, `${rows.length} rows in the Problems panel: ${texts.map(norm).join(' | ')}`);
        const squiggles = await page.locator('.squiggly-error').count();
        assert(squiggles === 0, `${squiggles} error squiggles in the editor`);
        await page.keyboard.press('Control+Shift+M'); // close the panel again
        return 'Problems panel empty';
    });

    await check('"Generate Books…" asks book, format and language and writes the book as the CLI does', async () => {
        await runCommand('Masterplan: Generate Books');
        await pickItem('Book II: Smart City Masterplan');
        await pickItem('Web page');
        await pickItem('English');
        const text = await notificationText(/Wrote .*Tabalong-book2-en\.html/);
        const file = path.join(tabalong, 'books', 'Tabalong-book2-en.html');
        assert(existsSync(file), `${file} was not written`);
        const html = readFileSync(file, 'utf8');
        assert(html.includes('Smart City Masterplan'), 'the written book has no English title');
        await screenshot('generate-books');
        await runCommand('Notifications: Clear All Notifications').catch(() => {});
        return `${text.slice(0, 80)}; ${html.length} bytes`;
    });

    await check('"Generate Books…" writes one book in three formats in one go', async () => {
        await runCommand('Masterplan: Generate Books');
        await pickItem('Book III: Executive Summary');
        await pickItem('Word, web page and Markdown');
        await pickItem('English');
        const text = await notificationText(/Wrote 3 files to books/);
        for (const ext of ['docx', 'html', 'md']) {
            const file = path.join(tabalong, 'books', `Tabalong-book3-en.${ext}`);
            assert(existsSync(file), `${file} was not written`);
        }
        await runCommand('Notifications: Clear All Notifications').catch(() => {});
        return text.slice(0, 80);
    });

    let frame;
    await check('"Open Book Preview to the Side" shows Book II\'s title', async () => {
        await page.keyboard.press('Control+1');
        await runCommand('Masterplan: Open Book Preview to the Side');
        frame = await previewFrame();
        const title = await poll('the book title in the preview', async () => norm(await frame.locator('#mp-shell-content .mp-title').first().textContent({ timeout: 1000 })), 30_000);
        const pressed = await frame.locator('.mp-shell-book[aria-pressed="true"]').getAttribute('data-book');
        await screenshot('preview-book2');
        assert(/Masterplan Smart City/i.test(title), `title is '${title}'`);
        assert(/\bII\b/.test(title) || pressed === '2', `not Book II: '${title}', pressed ${pressed}`);
        const groups = await page.locator('.editor-group-container').count();
        assert(groups >= 2, 'the preview is not beside the editor');
        return `'${title}'`;
    });

    await check('typing a new programme updates the preview and keeps the scroll position', async () => {
        frame = await previewFrame();
        await frame.evaluate(() => window.scrollTo(0, 1500));
        await sleep(300);
        const before = await frame.evaluate(() => window.scrollY);
        await page.keyboard.press('Control+1');
        await goTo(108, 1); // the closing brace of the pillar
        const text = '    programme UjiCobaE2E "Program Uji Coba Ujung ke Ujung" {\n        element Tourism\n        owner Disbudparpora\n        years 2024..2025\n    }\n';
        await page.keyboard.type(text, { delay: 8 });
        const typed = Date.now();
        const latency = await poll('the new programme in the preview', async () => {
            const f = await previewFrame(2000);
            const found = await f.evaluate(() => document.getElementById('mp-shell-content')?.textContent?.includes('Program Uji Coba Ujung ke Ujung'));
            return found ? Date.now() - typed : undefined;
        }, 15_000, 50);
        frame = await previewFrame();
        const after = await frame.evaluate(() => window.scrollY);
        await sleep(1500); // let the last diagnostics arrive before the picture
        await frame.locator('[data-name="UjiCobaE2E"]').first().scrollIntoViewIfNeeded().catch(() => {});
        await screenshot('preview-after-typing');
        await frame.evaluate(y => window.scrollTo(0, y), after);
        assert(Math.abs(after - before) <= 5, `scroll position changed from ${before} to ${after}`);
        return `appeared ${latency} ms after the last keystroke; scrollY ${before} -> ${after}`;
    });

    await check('an edit shows in the preview within about half a second', async () => {
        await page.keyboard.press('Control+1');
        const line = 'programme UjiCobaE2E "Program Uji Coba Ujung ke Ujung" {';
        await goTo(108, 5 + line.indexOf('" {')); // before the closing quote of the new title
        const latencies = [];
        let title = 'Program Uji Coba Ujung ke Ujung';
        for (const word of [' Dua', ' Tiga', ' Empat']) {
            await page.keyboard.type(word, { delay: 30 });
            const typed = Date.now();
            title += word;
            const f = await previewFrame(2000);
            // The page stamps each update (data-rendered-at, wall clock): the latency is measured from that
            // stamp, so the test's own polling does not add to it.
            const renderedAt = await poll(`'${title}' in the preview`, async () => f.evaluate(t => {
                const c = document.getElementById('mp-shell-content');
                return c?.textContent?.includes(t) ? Number(c.dataset.renderedAt) : undefined;
            }, title), 10_000, 100);
            latencies.push(renderedAt - typed);
            await sleep(300);
        }
        // About half a second on an idle machine; the bound leaves room for a busy CI machine.
        const median = [...latencies].sort((a, b) => a - b)[1];
        assert(median <= 1500, `latencies ${latencies.join(', ')} ms`);
        return `latencies ${latencies.join(', ')} ms after the last keystroke`;
    });

    await check('clicking a programme in the preview reveals its source', async () => {
        frame = await previewFrame();
        const target = frame.locator('.mp-src[data-kind="Programme"][data-name="DesaWisata"]').first();
        const line = Number(await target.getAttribute('data-source-line'));
        const uri = await target.getAttribute('data-source-uri');
        await target.click(); // playwright scrolls it into view, and retries if the preview re-renders
        const selection = await poll('the cursor on the programme', async () => {
            const t = await statusText('status.editor.selection');
            return t.includes(`Ln ${line + 1},`) ? t : undefined;
        }, 10_000);
        const active = norm(await page.locator('.editor-group-container .tab.active').first().getAttribute('aria-label'));
        await screenshot('reveal-source');
        assert(uri.endsWith('/pillars/branding.mplan'), `data-source-uri is ${uri}`);
        assert(active.includes('branding.mplan'), `active tab is ${active}`);
        return `${selection} in ${active.split(',')[0]}`;
    });

    await check('the book switch shows Book I', async () => {
        frame = await previewFrame();
        await frame.locator('.mp-shell-book[data-book="1"]').click();
        const title = await poll('Book I', async () => {
            const f = await previewFrame(2000);
            const t = norm(await f.locator('#mp-shell-content .mp-title').first().textContent({ timeout: 1000 }));
            return /\bI\b/.test(t) && !/\bII\b/.test(t) ? t : undefined;
        }, 15_000);
        const tab = norm(await page.locator('.tab', { hasText: /Buku I|Book I/ }).first().textContent().catch(() => ''));
        await screenshot('preview-book1');
        return `'${title}', tab '${tab}'`;
    });

    await check('the preview follows the dark theme', async () => {
        frame = await previewFrame();
        const light = await frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        await runCommand('Preferences: Color Theme', { thenPick: 'Dark Modern' });
        const dark = await poll('a dark preview', async () => {
            const f = await previewFrame(2000);
            const info = await f.evaluate(() => ({ cls: document.body.className, bg: getComputedStyle(document.documentElement).backgroundColor, fg: getComputedStyle(document.getElementById('mp-shell-content')).color }));
            return info.cls.includes('vscode-dark') ? info : undefined;
        }, 20_000, 300);
        await sleep(500);
        await screenshot('preview-dark');
        const lum = rgb => { const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        assert(lum(dark.bg) < 80, `background in the dark theme is ${dark.bg}`);
        assert(lum(dark.fg) > 150, `text colour in the dark theme is ${dark.fg}`);
        assert(lum(light) > 200, `background in the light theme was ${light}`);
        return `background ${light} -> ${dark.bg}, text ${dark.fg}`;
    });

    await check('the preview page is strict: CSP with a nonce, no violations, no remote resources', async () => {
        frame = await previewFrame();
        const info = await frame.evaluate(() => ({
            csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
            scripts: [...document.scripts].map(s => s.src || 'inline'),
            foreign: [...document.querySelectorAll('#mp-shell-content script, #mp-shell-content iframe, #mp-shell-content [onclick], #mp-shell-content link')].length,
            remote: [...document.querySelectorAll('[src], [href]')].map(e => e.getAttribute('src') ?? e.getAttribute('href')).filter(u => /^(https?:)?\/\//.test(u ?? '') && !/vscode-(cdn|resource)|vscode-webview/.test(u)),
        }));
        assert(/default-src 'none'/.test(info.csp) && /script-src 'nonce-/.test(info.csp), `CSP is '${info.csp}'`);
        assert(info.foreign === 0, `${info.foreign} active elements in the book`);
        // VS Code injects its default styles (<style id="_defaultStyles">) into every webview; a strict
        // style-src blocks them, as intended. Any other violation is ours.
        const ours = cspViolations.filter(v => !vscodeDefaultStyleHashes.some(h => v.includes(h)));
        assert(ours.length === 0, `${ours.length} CSP violations, the first: ${ours[0]}`);
        return `${info.scripts.length} scripts (nonce'd), remote references: ${info.remote.length}`;
    });

    await check('"Create New Plan…" from the explorer writes a plan as `mplan init` does', async () => {
        await page.keyboard.press('Escape');
        const folder = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'garut' }).first();
        await folder.click({ button: 'right' });
        const item = page.getByRole('menuitem', { name: /Create New Plan/ }).first();
        await item.hover();
        await sleep(200);
        await page.keyboard.press('Enter');
        if (await item.isVisible().catch(() => false)) await item.click();
        await answerInput(undefined, 1); // region: Kabupaten Garut
        await answerInput('2026', 2); // first year
        await answerInput(undefined, 3); // name: Garut
        await page.locator('.tab.active[aria-label*="masterplan.mplan"]').first().waitFor({ timeout: 15_000 });
        const written = readdirSync(path.join(tabalong, 'garut'), { recursive: true }).map(String).filter(f => f.endsWith('.mplan')).sort();
        const main = readFileSync(path.join(tabalong, 'garut', 'masterplan.mplan'), 'utf8');
        assert(/masterplan Garut "Masterplan Smart City Kabupaten Garut"/.test(main), `masterplan.mplan: ${main.slice(0, 200)}`);
        assert(written.length >= 9, `wrote ${written.join(', ')}`);
        await sleep(2500); // let the server check the new plan
        const squiggles = await page.locator('.squiggly-error').count();
        await screenshot('new-plan');
        assert(squiggles === 0, `${squiggles} error squiggles in the new plan`);
        return `${written.length} files: ${written.join(', ')}`;
    });

    // ---------------------------------------------------------------- a broken plan
    const old = page;
    page = await context.newPage();
    watchPage(page);
    await old.close({ runBeforeUnload: false });
    await page.goto(`${base}/?folder=${encodeURIComponent(broken)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    await check('examples/broken/unresolved-reference: squiggle and Problems entry with its code', async () => {
        await quickOpen('masterplan.mplan');
        await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
        await openProblems();
        const row = await poll('the Problems entry', async () => {
            for (const r of await problemRows()) {
                const t = norm(await r.textContent());
                if (t.includes('Dishubb')) return t;
            }
            return undefined;
        }, 20_000);
        await screenshot('broken-problems');
        assert(row.includes('unresolved-reference'), `the entry has no code: ${row}`);
        return row.slice(0, 160);
    });

    await check('"Validate Workspace" reports the error', async () => {
        await runCommand('Masterplan: Validate Workspace');
        const text = await notificationText(/Validation found problems: 1 errors/);
        await screenshot('validate-workspace');
        return text.slice(0, 100);
    });
}

let exitCode = 1;
try {
    await main();
} catch (error) {
    checks.push({ name: 'run', ok: false, detail: String(error?.stack ?? error) });
    log(`ERROR ${error?.stack ?? error}`);
    await screenshot('FAILED-run').catch(() => {});
} finally {
    await cleanup();
    clearTimeout(watchdog);
    const passed = checks.filter(c => c.ok).length;
    const failed = checks.length - passed;
    writeFileSync(path.join(results, 'summary.json'), JSON.stringify({ passed, failed, ms: Date.now() - started, checks }, null, 2));
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` - ${c.detail.split('\n')[0]}` : ''}`);
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
process.exit(exitCode);
