/** The framing check of the server's input (src/lsp/frame-check.ts), however the bytes are split into chunks. */
import { describe, expect, test } from 'vitest';
import { FrameChecker, MAX_BODY_BYTES } from '../../src/lsp/frame-check.js';

const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}`) => `${header}\r\n\r\n${body}`;

/** Feeds the stream in chunks of `size` bytes; returns the first problem reported. */
function check(stream: string, size: number): string | undefined {
    const checker = new FrameChecker();
    const bytes = Buffer.from(stream, 'utf8');
    for (let i = 0; i < bytes.length; i += size) {
        const problem = checker.push(bytes.subarray(i, i + size));
        if (problem) return problem;
    }
    return undefined;
}

describe('FrameChecker', () => {
    // Multi-byte characters, a blank line inside the body, another header, spaces, an empty body.
    const tricky = '{"text":"Rp 1,2 miliar — ünïcödé \r\n\r\n"}';
    const good = frame('{"jsonrpc":"2.0","method":"initialized","params":{}}')
        + frame(tricky, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:   ${Buffer.byteLength(tricky)}  `)
        + frame('');

    test.each([1, 2, 3, 7, 1000])('well-formed frames pass, in chunks of %i bytes', size => {
        expect(check(good, size)).toBeUndefined();
    });

    test.each([
        ['no Content-Length', frame('{}', 'Content-Type: x'), /without Content-Length/],
        ['Content-Length: abc', frame('{}', 'Content-Length: abc'), /not a non-negative whole number: "abc"/],
        ['Content-Length: -5', frame('{}', 'Content-Length: -5'), /not a non-negative whole number: "-5"/],
        ['Content-Length: 5abc', frame('{}', 'Content-Length: 5abc'), /not a non-negative whole number/],
        ['a line without a colon', frame('{}', 'Content-Length 2'), /without a colon/],
        ['an enormous length', frame('{}', `Content-Length: ${MAX_BODY_BYTES + 1}`), /more than/],
        ['an endless header', 'X'.repeat(70_000), /no end of the message header/],
    ])('%s is reported, after good frames too, whatever the chunks', (_, bad, expected) => {
        for (const size of [1, 5, 100_000]) expect(check(good + bad, size)).toMatch(expected);
    });
});
