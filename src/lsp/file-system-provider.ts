/**
 * Langium's file system provider for Node, reading a document's text only from a regular file of at
 * most MAX_FILE_BYTES. Langium reads from disk every document that is not open in the editor,
 * including one a request names that the server has never seen: without this, a `.mplan` link to
 * /dev/zero was read until the string overflowed (half a gigabyte later), and a link to a pipe or a
 * terminal blocked or failed. A refused file throws UnreadableFileError, which the document factory
 * turns into an empty document with one `unreadable-file` diagnostic.
 */
import { constants, fstatSync, openSync, closeSync, readSync, promises as fs, type Stats } from 'node:fs';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { MAX_FILE_BYTES, UnreadableFileError } from '../language/input-guard.js';

/** Opening a pipe for reading waits for a writer; without waiting, the check below refuses it. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export class GuardedNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        const file = uri.fsPath;
        refuseUnlessReadable(file, await fs.stat(file));
        const handle = await fs.open(file, OPEN_FLAGS);
        try {
            const stat = await handle.stat();
            refuseUnlessReadable(file, stat);
            let buffer: Buffer = Buffer.allocUnsafe(Math.min(stat.size, MAX_FILE_BYTES) + 1);
            let length = 0;
            for (;;) {
                if (length === buffer.length) buffer = grow(file, buffer);
                const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
                if (bytesRead === 0) break;
                length += bytesRead;
            }
            return buffer.toString(this.encoding as BufferEncoding, 0, length);
        } finally {
            await handle.close();
        }
    }

    override readFileSync(uri: URI): string {
        const file = uri.fsPath;
        const fd = openSync(file, OPEN_FLAGS);
        try {
            const stat = fstatSync(fd);
            refuseUnlessReadable(file, stat);
            let buffer: Buffer = Buffer.allocUnsafe(Math.min(stat.size, MAX_FILE_BYTES) + 1);
            let length = 0;
            for (;;) {
                if (length === buffer.length) buffer = grow(file, buffer);
                const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
                if (bytesRead === 0) break;
                length += bytesRead;
            }
            return buffer.toString(this.encoding as BufferEncoding, 0, length);
        } finally {
            closeSync(fd);
        }
    }
}

function refuseUnlessReadable(file: string, stat: Stats): void {
    if (!stat.isFile()) throw new UnreadableFileError(file, 'This is not a regular file (a device, a pipe or a socket); it was not read.');
    if (stat.size > MAX_FILE_BYTES) {
        throw new UnreadableFileError(file, `This file has ${stat.size.toLocaleString('en')} bytes, more than the ${MAX_FILE_BYTES.toLocaleString('en')} a plan file may have; it was not read. Split it into several files.`);
    }
}

/** A larger buffer for a file that grew while it was read; refused once it passes the limit. */
function grow(file: string, buffer: Buffer): Buffer {
    if (buffer.length > MAX_FILE_BYTES) {
        throw new UnreadableFileError(file, `This file has more than ${MAX_FILE_BYTES.toLocaleString('en')} bytes, more than a plan file may have; it was not read. Split it into several files.`);
    }
    const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
    buffer.copy(larger);
    return larger;
}
