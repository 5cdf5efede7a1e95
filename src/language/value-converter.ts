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
            default:
                return super.runConverter(rule, input, cstNode);
        }
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
