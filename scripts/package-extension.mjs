// Packages the VS Code extension as a .vsix that runs offline with nothing else installed.
//
// vsce refuses a package.json "files" field (ours is for npm) together with a .vscodeignore, so the
// files the extension needs (the `!` lines of .vscodeignore: bundles, grammar, snippets, translations,
// preview page, icon) are copied into a staging folder with a package.json without "files", and vsce
// packages that folder. Run after `npm run build` (the bundles hold every dependency: --no-dependencies).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stage = path.join(root, 'out', 'vsix-stage');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outFile = path.resolve(root, process.argv[2] ?? `${pkg.name}-${pkg.version}.vsix`);

const wanted = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/)
    .map(l => l.trim()).filter(l => l.startsWith('!')).map(l => l.slice(1));
const required = ['out/extension/main.cjs', 'out/lsp/main.cjs', 'out/cli/main.js', 'out/cli/validate-worker.js'];
for (const file of required) {
    if (!existsSync(path.join(root, file))) {
        console.error(`package-extension: ${file} is missing; run \`npm run build\` first`);
        process.exit(1);
    }
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const pattern of wanted) {
    if (pattern === 'package.json') continue;
    const files = pattern.includes('*') ? expand(pattern) : [pattern];
    for (const file of files) {
        const from = path.join(root, file);
        if (!existsSync(from)) continue;
        mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
        cpSync(from, path.join(stage, file));
    }
}
cpSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));
const { files: _files, scripts: _scripts, devDependencies: _dev, bin: _bin, overrides: _overrides, ...manifest } = pkg;
writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const base = String(pkg.repository?.url ?? 'https://example.invalid/masterplan').replace(/\.git$/, '');
const args = [vsce, 'package', '--no-dependencies', '--out', outFile, '--baseContentUrl', `${base}/blob/main`, '--baseImagesUrl', `${base}/raw/main`];
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some(f => existsSync(path.join(stage, f)))) args.push('--skip-license');
execFileSync(process.execPath, args, { cwd: stage, stdio: 'inherit' });
console.log(`package-extension: ${path.relative(process.cwd(), outFile) || outFile}`);

/** Files matching a simple pattern with `*` in the last segment (e.g. l10n/bundle.l10n.*.json). */
function expand(pattern) {
    const dir = path.dirname(pattern);
    const re = new RegExp('^' + path.basename(pattern).split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
    const full = path.join(root, dir);
    if (!existsSync(full)) return [];
    return readdirSafe(full).filter(n => re.test(n)).map(n => path.join(dir, n));
}
function readdirSafe(dir) {
    try {
        return readdirSync(dir);
    } catch {
        return [];
    }
}
