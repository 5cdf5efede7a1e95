import { Command, InvalidArgumentError, Option } from 'commander';
import { VERSION } from './version.js';
import { DEFAULT_CACHE_FILE } from '../validation/cache.js';
import { EXIT_USAGE } from './exit-codes.js';

/**
 * The `mplan` command line: parses arguments and hands over to one command module each. A command's
 * module is loaded when the command runs, so that a run loads only what it uses: `mplan validate
 * --cache` with every plan unchanged never loads Langium or the book renderers (scripts/build.mjs
 * splits the bundle along these imports).
 */
const program = new Command();

// A reader that stops reading (`mplan validate | head -1`) closes the pipe: what is still written
// goes nowhere, and the command finishes its work (a generation is not left half done) with its
// own exit code.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
}

function positiveNumber(value: string): number {
    if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number of at least 1');
    return Number(value);
}

function wholeNumber(value: string): number {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
    return Number(value);
}

program
    .name('mplan')
    .description('Check and publish smart-city master plans written in the Masterplan language.')
    .version(VERSION)
    .exitOverride(error => {
        process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    })
    .configureOutput({ outputError: (text, write) => write(text) });

program.command('validate')
    .description('check every plan under the given paths (default: the current folder)')
    .argument('[paths...]', 'files or folders', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', wholeNumber)
    .option('-q, --quiet', 'report errors only')
    .option('--cache', `check only the plans whose files changed since the last run (cache file: ${DEFAULT_CACHE_FILE})`)
    .option('--cache-location <file>', 'where the cache file is (implies --cache)')
    .option('--workers <n>', 'how many threads check plans (default and most: one per core)', positiveNumber)
    .action(async (paths: string[], options) => {
        const { runValidate } = await import('./validate.js');
        process.exitCode = await runValidate(paths, options);
    });

program.command('generate')
    .description('write the books (I readiness, II masterplan, III executive summary) of every plan under the given paths')
    .argument('[paths...]', 'files or folders', [])
    .addOption(new Option('-b, --book <n>', 'which book').choices(['1', '2', '3', 'all']).default('all'))
    .option('-f, --format <formats>', 'output formats, comma-separated: html, docx, md, json, or all', 'html')
    .option('-l, --lang <langs>', 'languages of the books, comma-separated: id, en, or all', 'id')
    .option('-o, --out <dir>', 'the folder to write the books to', './books')
    .option('--force', 'write the books of plans that have errors')
    .action(async (paths: string[], options) => {
        const { runGenerate } = await import('./generate.js');
        process.exitCode = await runGenerate(paths, options);
    });

program.command('format')
    .description('give plan files the canonical layout (in place, atomically)')
    .argument('[paths...]', 'files or folders', [])
    .option('--check', 'change nothing; exit 1 when a file is not formatted')
    .action(async (paths: string[], options) => {
        const { runFormat } = await import('./format.js');
        process.exitCode = await runFormat(paths, options);
    });

program.command('lsp')
    .description('start the language server over stdio, for editors other than VS Code')
    .allowUnknownOption()
    .action(async () => {
        if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
        await import('../lsp/main.js');
    });

program.command('init')
    .description('write a new plan into an empty or new folder')
    .argument('[dir]', 'the folder of the new plan', '.')
    .option('--name <id>', 'the plan identifier (default: from the region or the folder name)')
    .option('--region <name>', 'the region, e.g. "Kabupaten Garut"')
    .option('--start <year>', 'first year of the ten-year period (default: next year)', wholeNumber)
    .action(async (dir: string, options) => {
        const { runInit } = await import('./init.js');
        process.exitCode = await runInit(dir, options);
    });

await program.parseAsync(process.argv);
