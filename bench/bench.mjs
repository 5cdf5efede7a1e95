// `npm run bench [-- --quick | --profile | --only ids | --repeats n | --cli path | --server path | --no-docs]`
// Bundles the harness (bench/run.ts), the CLI (src/cli/main.ts) and the language server (src/lsp/main.ts,
// CommonJS), exactly as scripts/build.mjs does, with a source map for the profiler, into
// bench/.cache/build/, then runs the harness.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'bench', '.cache', 'build');
mkdirSync(build, { recursive: true });
rmSync(path.join(build, 'cli'), { recursive: true, force: true });
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
    define: { __MPLAN_VERSION__: JSON.stringify(version) },
    // Bundled CommonJS dependencies call require(); give them one in the ESM bundle.
    banner: { js: "import { createRequire as __mplanCreateRequire } from 'node:module'; const require = __mplanCreateRequire(import.meta.url);" },
};
await Promise.all([
    esbuild.build({ ...common, entryPoints: ['bench/run.ts'], outfile: path.join(build, 'run.mjs') }),
    // The CLI split into chunks as scripts/build.mjs splits it (a cached run loads only what it needs).
    esbuild.build({ ...common, entryPoints: ['src/cli/main.ts', 'src/cli/validate-worker.ts'], outdir: path.join(build, 'cli'), splitting: true, chunkNames: 'chunk-[hash]' }),
    // The language server as the VS Code extension starts it (`node out/lsp/main.cjs --stdio`): CommonJS, no banner.
    esbuild.build({ ...common, format: 'cjs', banner: {}, entryPoints: ['src/lsp/main.ts'], outfile: path.join(build, 'lsp.cjs') }),
]);
// Runs the CLI given in MPLAN_BENCH_CLI with this process's arguments, and reports the peak RSS on exit.
writeFileSync(path.join(build, 'rss-wrapper.mjs'), `import { pathToFileURL } from 'node:url';
process.on('exit', () => {
    const ru = process.resourceUsage();
    process.stderr.write('\\nMPLAN_BENCH ' + JSON.stringify({ maxRss: ru.maxRSS * 1024, user: ru.userCPUTime, system: ru.systemCPUTime }) + '\\n');
});
await import(pathToFileURL(process.env.MPLAN_BENCH_CLI).href);
`);
process.env.MPLAN_BENCH_ROOT = root;
await import(pathToFileURL(path.join(build, 'run.mjs')).href);
