import { planFilesOrExit } from './inputs.js';
import { PlanFileReader } from '../language/plan-files.js';
import { looksBinary, MAX_FILE_CHARS } from '../language/input-guard.js';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument, URI } from 'langium';
import { createCliServices } from './services.js';
import { loadAndValidate } from '../language/workspace-loader.js';
import { resolveLinks, writeFileAtomic } from './write-file.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';

export interface FormatOptions {
    check?: boolean;
}

/**
 * `mplan format [paths…] [--check]`: gives plan files the canonical layout (the editor's formatter).
 * A file is rewritten only when its bytes decode as UTF-8 without loss and the result differs from
 * them; the new bytes keep its byte-order mark and its line endings (see {@link decodeSource}). Files
 * that are not UTF-8 text, or have syntax errors, are left alone and reported (exit 1); files that
 * cannot be read or written are reported too (exit 2). Each file is written atomically, through
 * symbolic links, keeping its mode (see {@link writeFileAtomic}). With `--check`, writes nothing and
 * exits 1 when a file would change.
 */
export async function runFormat(paths: string[], options: FormatOptions): Promise<number> {
    const reader = new PlanFileReader();
    // Only the files asked for: a file's plan is not loaded along with it, so nothing else is rewritten.
    const files = await planFilesOrExit(paths, reader, { wholePlans: false });
    if (typeof files === 'number') return files;
    const relative = (file: string) => path.relative(process.cwd(), file) || file;
    let ioProblems = 0;
    let skipped = 0;

    // The bytes of each file, as on disk (the text the reader decodes replaces bytes that are not UTF-8).
    const sources = new Map<string, Source>();
    for (const file of files) {
        let bytes: Buffer;
        try {
            bytes = reader.bytes(file);
        } catch (error) {
            process.stderr.write(`mplan: cannot read ${relative(file)}: ${(error as Error).message}\n`);
            ioProblems++;
            continue;
        }
        const source = decodeSource(bytes);
        if (typeof source === 'string') {
            process.stderr.write(`mplan: cannot format ${relative(file)}: ${source}; left unchanged\n`);
            skipped++;
            continue;
        }
        sources.set(file, source);
    }

    const { shared, Masterplan } = createCliServices();
    const texts = new Map([...sources].map(([file, source]) => [file, source.text]));
    const { documents } = await loadAndValidate(shared, [...sources.keys()], { validation: false, texts });
    const formatter = Masterplan.lsp.Formatter!;
    const byUri = new Map([...sources].map(([file, source]) => [URI.file(file).toString(), source]));
    let changed = 0;
    for (const document of documents) {
        const file = relative(document.uri.fsPath);
        const source = byUri.get(document.uri.toString())!;
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) {
            process.stderr.write(`mplan: ${file} has syntax errors; not formatted\n`);
            skipped++;
            continue;
        }
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        let formatted = TextDocument.applyEdits(document.textDocument, edits);
        if (formatted.length > 0 && !formatted.endsWith('\n')) formatted += '\n';
        const output = encodeSource(formatted, source);
        if (output.equals(source.bytes)) continue;
        changed++;
        if (options.check) {
            process.stdout.write(`${file}: not formatted\n`);
            continue;
        }
        try {
            await writeIfUnchanged(document.uri.fsPath, source.bytes, output);
        } catch (error) {
            process.stderr.write(`mplan: cannot write ${file}: ${(error as Error).message}; left unchanged\n`);
            ioProblems++;
            continue;
        }
        process.stdout.write(`formatted ${file}\n`);
    }
    if (options.check && changed === 0 && skipped === 0 && ioProblems === 0) process.stdout.write(`${documents.length} files already formatted\n`);
    if (ioProblems > 0) return EXIT_USAGE;
    return (options.check && changed > 0) || skipped > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** A plan file's bytes, their text as the formatter sees it, and what the rewritten file keeps. */
interface Source {
    readonly bytes: Buffer;
    /** The text without the byte-order mark, with LF line endings. */
    readonly text: string;
    readonly bom: boolean;
    readonly eol: '\n' | '\r\n';
}

const UTF8_BOM = '\uFEFF';

/**
 * A file's bytes as text the formatter may rewrite, or why not (a phrase): only UTF-8 text that
 * decodes without loss is formatted, since the file is written back from the decoded text. The line
 * ending of the result is CRLF when every line break of the file is CRLF, else LF (a file with lone
 * CRs, or a mix, gets LF throughout).
 */
function decodeSource(bytes: Buffer): Source | string {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        return 'it is UTF-16 text, not UTF-8 (save it with UTF-8 encoding)';
    }
    let decoded: string;
    try {
        decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
        if (looksBinary(lossy)) return 'it holds binary data, not plan text';
        const bad = lossy.indexOf('\uFFFD');
        const line = lossy.slice(0, bad).split('\n').length;
        return `it is not valid UTF-8 (line ${line}; save it with UTF-8 encoding)`;
    }
    if (looksBinary(decoded)) return 'it holds binary data, not plan text';
    if (decoded.length > MAX_FILE_CHARS) return `it has ${decoded.length.toLocaleString('en')} characters, more than the ${MAX_FILE_CHARS.toLocaleString('en')} a plan file may have`;
    // Written back from the text, the bytes must come out the same: nothing was lost in decoding.
    if (!Buffer.from(decoded, 'utf8').equals(bytes)) return 'its bytes do not survive decoding as UTF-8';
    const bom = decoded.startsWith(UTF8_BOM);
    const body = bom ? decoded.slice(1) : decoded;
    const crlf = (body.match(/\r\n/g) ?? []).length;
    const breaks = (body.match(/\r\n|\r|\n/g) ?? []).length;
    return { bytes, text: body.replace(/\r\n?/g, '\n'), bom, eol: crlf > 0 && crlf === breaks ? '\r\n' : '\n' };
}

/** The bytes of a formatted text (LF line endings) for the file it came from. */
function encodeSource(formatted: string, source: Source): Buffer {
    const text = source.eol === '\n' ? formatted : formatted.replace(/\n/g, source.eol);
    return Buffer.from(source.bom ? UTF8_BOM + text : text, 'utf8');
}

/**
 * Replaces the file's bytes with `output`, unless the file may not be written (a read-only file is
 * refused, as an editor would, though renaming over it could succeed) or it no longer holds `original`
 * (it was saved meanwhile, by an editor perhaps).
 */
async function writeIfUnchanged(file: string, original: Buffer, output: Buffer): Promise<void> {
    const target = await resolveLinks(file);
    try {
        await fs.access(target, fsConstants.W_OK);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EACCES') throw new Error('permission denied: the file is read-only');
        throw error;
    }
    // Root may write anything: a file nobody may write (0444) is refused all the same.
    if (process.platform !== 'win32' && ((await fs.stat(target)).mode & 0o222) === 0) throw new Error('the file is read-only');
    if (!(await fs.readFile(file)).equals(original)) throw new Error('it changed while it was being formatted');
    try {
        await writeFileAtomic(file, output);
    } catch (error) {
        const { code } = error as NodeJS.ErrnoException;
        if (code === 'EACCES' || code === 'EPERM') throw new Error(`permission denied: no file can be created in ${path.relative(process.cwd(), path.dirname(target)) || '.'}`);
        throw error;
    }
}
