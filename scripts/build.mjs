// Bundles the entry points with esbuild: the CLI (ESM), the language server and the VS Code extension (CJS).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
    define: { __MPLAN_VERSION__: JSON.stringify(version) },
};

const esm = {
    ...common,
    format: 'esm',
    // Bundled CommonJS dependencies call require(); give them one in the ESM bundle.
    banner: { js: "import { createRequire as __mplanCreateRequire } from 'node:module'; const require = __mplanCreateRequire(import.meta.url);" },
};

const builds = [
    {
        // The CLI and its validation worker, split into chunks along dynamic imports: each command's
        // module loads when it runs, so a cached `mplan validate` run never evaluates Langium. Every
        // chunk lies in out/cli/ (plan-pool.ts finds the worker beside itself).
        ...esm,
        entryPoints: ['src/cli/main.ts', 'src/cli/validate-worker.ts'],
        outdir: 'out/cli',
        splitting: true,
        chunkNames: 'chunk-[hash]',
    },
    { ...esm, entryPoints: ['scripts/diagnostics-doc.ts'], outfile: 'out/scripts/diagnostics-doc.mjs' },
];
if (existsSync('src/lsp/main.ts')) {
    builds.push({ ...common, entryPoints: ['src/lsp/main.ts'], outfile: 'out/lsp/main.cjs', format: 'cjs' });
}
if (existsSync('src/extension/main.ts')) {
    builds.push({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'out/extension/main.cjs', format: 'cjs', external: ['vscode'] });
}

// Chunk names change with their content: start from an empty folder, so that no stale chunk is shipped.
rmSync('out/cli', { recursive: true, force: true });

if (watch) {
    for (const options of builds) {
        const ctx = await esbuild.context(options);
        await ctx.watch();
    }
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
