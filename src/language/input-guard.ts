/** Files larger than this are not parsed: nobody writes a plan file this big by hand. */
export const MAX_FILE_CHARS = 32 * 1024 * 1024;

export interface Unreadable {
    /** Fatal: the file is not parsed at all. Otherwise the rest of the file is still checked. */
    fatal: boolean;
    message: string;
    position: { line: number; character: number };
}

/**
 * Recognises text that is not a plan at all (binary data, an enormous file) and text with a broken
 * encoding (replacement characters left by a decoder), so that they get one clear diagnostic.
 */
export function describeUnreadable(text: string): Unreadable | undefined {
    const start = { line: 0, character: 0 };
    if (text.length > MAX_FILE_CHARS) {
        return { fatal: true, position: start, message: `This file has ${text.length.toLocaleString('en')} characters, more than the ${MAX_FILE_CHARS.toLocaleString('en')} a plan file may have; split it into several files.` };
    }
    if (looksBinary(text)) {
        return { fatal: true, position: start, message: 'This file holds binary data, not plan text; it was not checked. Remove it from the plan folder, or save it as UTF-8 text.' };
    }
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
        return { fatal: false, position: positionAt(text, bad), message: 'This file is not valid UTF-8 here (the character shows as \uFFFD); save the file with UTF-8 encoding.' };
    }
    return undefined;
}

/** Binary if it holds a NUL, or if over 10 % of its first 8 KB are control characters other than white space. */
export function looksBinary(text: string): boolean {
    if (text.includes('\u0000')) return true;
    const sample = text.slice(0, 8192);
    let control = 0;
    for (let i = 0; i < sample.length; i++) {
        const c = sample.charCodeAt(i);
        if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    }
    return sample.length > 0 && control / sample.length > 0.1;
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, character: offset - lineStart };
}

/**
 * A file larger than this many bytes has more than `MAX_FILE_CHARS` characters whatever it holds
 * (UTF-8 takes at most three bytes per UTF-16 character), so it is refused without being read.
 */
export const MAX_FILE_BYTES = 3 * MAX_FILE_CHARS;

/**
 * Thrown by a file system provider that refuses to read a file: one that is not a regular file (a
 * device, a pipe: reading it might never end) or that is larger than `MAX_FILE_BYTES`. The document
 * factory turns it into an empty document with one `unreadable-file` diagnostic.
 */
export class UnreadableFileError extends Error {
    constructor(readonly path: string, readonly reason: string) {
        super(`${path}: ${reason}`);
        this.name = 'UnreadableFileError';
    }
}
