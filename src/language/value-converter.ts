import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Turns token text into values: strings lose their quotes (straight or the curly quotes that Word
 * produces), `"""text blocks"""` lose their delimiters and common indentation, numbers stay as the
 * text the user wrote (the plan model reads them, so that `1,2` and `1.500.000` keep their meaning).
 */
export class MasterplanValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'TEXT_BLOCK':
                return dedent(input.slice(3, -3));
            case 'NumberLiteral':
                return input;
            case 'STRING':
                return convertString(input);
            default:
                return super.runConverter(rule, input, cstNode);
        }
    }
}

/**
 * The value of a string token: as Langium's `ValueConverter.convertString` (quotes dropped, `\\x`
 * escapes read), made in one piece. Langium's adds the characters one by one, which leaves every
 * string value of the syntax tree as a chain of a V8 "cons" string per character beyond the
 * twelfth (32 bytes each): 20 MB for a 3 MB plan.
 */
export function convertString(input: string): string {
    const backslash = input.indexOf('\\', 1);
    if (backslash < 0 || backslash >= input.length - 1) return input.slice(1, -1);
    // With escapes: pieces joined once, not appended one by one.
    const parts: string[] = [];
    let from = 1;
    for (let i = backslash; i < input.length - 1; i++) {
        if (input.charAt(i) !== '\\') continue;
        parts.push(input.slice(from, i), escaped(input.charAt(++i)));
        from = i + 1;
    }
    if (from < input.length - 1) parts.push(input.slice(from, -1));
    return parts.join('');
}

function escaped(char: string): string {
    switch (char) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        case '0': return '\0';
        default: return char;
    }
}

/** Removes the indentation common to all non-blank lines, and a leading and trailing blank line. */
export function dedent(text: string): string {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    if (lines.length > 1 && lines[0].trim() === '') lines.shift();
    if (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
    let indent = Infinity;
    for (const line of lines) {
        if (line.trim() === '') continue;
        const match = /^[ \t]*/.exec(line);
        indent = Math.min(indent, match ? match[0].length : 0);
    }
    if (!Number.isFinite(indent) || indent === 0) {
        return lines.join('\n');
    }
    return lines.map(line => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n');
}
