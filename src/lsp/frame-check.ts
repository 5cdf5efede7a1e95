/**
 * Follows the framing of the byte stream a client sends over stdio (`Content-Length: n`, a blank
 * line, n bytes of JSON) beside vscode-jsonrpc's reader, to notice what that reader does not survive:
 * a header without a usable `Content-Length` (missing, not a number, negative) or a header line
 * without a colon. The reader reports such a frame as an error nobody listens to and then reads the
 * following bytes as headers, so the server would never understand the client again; the server
 * exits instead (see protocol-guard.ts), so that the client notices and can start a new one.
 */

/** Longer header blocks are not headers: the stream is not LSP framing. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** A body this long cannot be decoded into a string anyway; waiting for it would leave the server deaf. */
export const MAX_BODY_BYTES = 1024 * 1024 * 1024;

export class FrameChecker {
    /** The header block read so far (as latin1, one character per byte). */
    private header = '';
    /** Bytes of the current body still to come. */
    private bodyLeft = 0;
    private broken: string | undefined;

    /** Takes the next chunk of the stream; returns what is wrong with the framing, once it is wrong (and from then on). */
    push(chunk: Uint8Array): string | undefined {
        if (this.broken) return this.broken;
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let offset = 0;
        while (offset < bytes.length) {
            if (this.bodyLeft > 0) {
                const taken = Math.min(this.bodyLeft, bytes.length - offset);
                this.bodyLeft -= taken;
                offset += taken;
                continue;
            }
            const before = this.header.length;
            const text = this.header + bytes.toString('latin1', offset);
            const end = text.indexOf('\r\n\r\n');
            if (end < 0) {
                if (text.length > MAX_HEADER_BYTES) return (this.broken = `no end of the message header within ${MAX_HEADER_BYTES} bytes`);
                this.header = text;
                return undefined;
            }
            this.header = '';
            offset += end + 4 - before;
            const length = contentLength(text.slice(0, end));
            if (typeof length === 'string') return (this.broken = length);
            this.bodyLeft = length;
        }
        return undefined;
    }
}

/** The body length a header block announces, or what is wrong with the block. */
function contentLength(block: string): number | string {
    let length: number | undefined;
    for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) return `a message header line without a colon: ${JSON.stringify(line.slice(0, 80))}`;
        if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
        const value = line.slice(colon + 1).trim();
        if (!/^\d+$/.test(value)) return `a Content-Length that is not a non-negative whole number: ${JSON.stringify(value.slice(0, 80))}`;
        length = Number(value);
        if (length > MAX_BODY_BYTES) return `a Content-Length of ${value} bytes, more than the ${MAX_BODY_BYTES} a message may have`;
    }
    return length ?? `a message header without Content-Length: ${JSON.stringify(block.slice(0, 80))}`;
}
