import { planFilesOrExit } from './inputs.js';
import { PlanFileReader } from '../language/plan-files.js';
import * as path from 'node:path';
import { TextDocument } from 'langium';
import { createCliServices } from './services.js';
import { loadAndValidate } from '../language/workspace-loader.js';
import { writeFileAtomic } from './write-file.js';
import { EXIT_OK, EXIT_PROBLEMS } from './exit-codes.js';

export interface FormatOptions {
    check?: boolean;
}

/**
 * `mplan format [paths…] [--check]`: gives plan files the canonical layout (the editor's formatter).
 * Writes only files that change, each atomically; files with syntax errors are left alone and
 * reported. With `--check`, writes nothing and exits 1 when a file would change.
 */
export async function runFormat(paths: string[], options: FormatOptions): Promise<number> {
    const reader = new PlanFileReader();
    // Only the files asked for: a file's plan is not loaded along with it, so nothing else is rewritten.
    const files = await planFilesOrExit(paths, reader, { wholePlans: false });
    if (typeof files === 'number') return files;
    const { shared, Masterplan } = createCliServices();
    const { documents } = await loadAndValidate(shared, files, { validation: false, texts: reader.textsOf(files) });
    const formatter = Masterplan.lsp.Formatter!;
    let changed = 0;
    let skipped = 0;
    for (const document of documents) {
        const file = path.relative(process.cwd(), document.uri.fsPath) || document.uri.fsPath;
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) {
            process.stderr.write(`mplan: ${file} has syntax errors; not formatted\n`);
            skipped++;
            continue;
        }
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        const original = document.textDocument.getText();
        let formatted = TextDocument.applyEdits(document.textDocument, edits);
        if (formatted.length > 0 && !formatted.endsWith('\n')) formatted += '\n';
        if (formatted === original) continue;
        changed++;
        if (options.check) {
            process.stdout.write(`${file}: not formatted\n`);
        } else {
            await writeFileAtomic(document.uri.fsPath, formatted);
            process.stdout.write(`formatted ${file}\n`);
        }
    }
    if (options.check && changed === 0 && skipped === 0) process.stdout.write(`${documents.length} files already formatted\n`);
    return (options.check && changed > 0) || skipped > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
