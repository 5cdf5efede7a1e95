/**
 * The extension's contributions are consistent: every string given to vscode.l10n.t() has an Indonesian
 * translation with the same placeholders, every %key% of package.json is in both package.nls files,
 * and the JSON contribution files parse and point at files that exist.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const json = (file: string) => JSON.parse(read(file));

/** The literal strings passed to vscode.l10n.t() in src/extension (both branches of a conditional too). */
function l10nStrings(): Set<string> {
    const found = new Set<string>();
    const dir = path.join(root, 'src/extension');
    for (const name of readdirSync(dir).filter(n => n.endsWith('.ts'))) {
        const source = ts.createSourceFile(name, readFileSync(path.join(dir, name), 'utf8'), ts.ScriptTarget.ES2022, true);
        const literals = (node: ts.Expression): string[] => {
            if (ts.isStringLiteralLike(node)) return [node.text];
            if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
            if (ts.isParenthesizedExpression(node)) return literals(node.expression);
            throw new Error(`${name}: vscode.l10n.t() with a non-literal message at ${node.getText()}`);
        };
        const visit = (node: ts.Node) => {
            if (ts.isCallExpression(node) && node.expression.getText() === 'vscode.l10n.t' && node.arguments.length > 0) {
                for (const text of literals(node.arguments[0])) found.add(text);
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map(m => m[0]).sort();

describe('extension l10n', () => {
    const strings = l10nStrings();
    const id = json('l10n/bundle.l10n.id.json') as Record<string, string>;

    test('finds the messages', () => {
        expect(strings.size).toBeGreaterThan(30);
    });

    test('every message has an Indonesian translation with the same placeholders', () => {
        const missing = [...strings].filter(s => !(s in id));
        expect(missing).toEqual([]);
        for (const s of strings) expect(placeholders(id[s]), s).toEqual(placeholders(s));
    });

    test('no stale translations', () => {
        expect(Object.keys(id).filter(k => !strings.has(k))).toEqual([]);
    });

    test('every %key% of package.json is in package.nls.json and package.nls.id.json', () => {
        const keys = [...read('package.json').matchAll(/"%([\w.-]+)%"/g)].map(m => m[1]);
        expect(keys.length).toBeGreaterThan(5);
        const en = json('package.nls.json');
        const idNls = json('package.nls.id.json');
        for (const key of keys) {
            expect(en[key], key).toBeTypeOf('string');
            expect(idNls[key], key).toBeTypeOf('string');
        }
        expect(Object.keys(idNls).sort()).toEqual(Object.keys(en).sort());
    });
});

describe('extension contributions', () => {
    const pkg = json('package.json');

    test('point at files that exist and parse', () => {
        const c = pkg.contributes;
        const files = [pkg.icon, c.languages[0].configuration, c.grammars[0].path, c.snippets[0].path, c.languages[0].icon.light];
        for (const file of files) expect(existsSync(path.join(root, file)), file).toBe(true);
        for (const file of files.filter((f: string) => f.endsWith('.json'))) expect(() => json(file), file).not.toThrow();
        expect(existsSync(path.join(root, 'media/preview.js'))).toBe(true);
        expect(existsSync(path.join(root, 'media/preview.css'))).toBe(true);
    });

    test('every command is registered by the extension, and every menu entry names a command', () => {
        const ids: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
        const source = readdirSync(path.join(root, 'src/extension')).map(n => read(`src/extension/${n}`)).join('\n');
        for (const id of ids) expect(source, id).toContain(`'${id}'`);
        for (const entries of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) {
            for (const entry of entries) expect(ids).toContain(entry.command);
        }
    });

    test('a snippet for every top-level construct', () => {
        const snippets = json('snippets/masterplan.json') as Record<string, { prefix: string[]; body: string[] }>;
        const grammar = read('src/language/masterplan.langium');
        const topLevel = /TopLevel:\s*([^;]+);/.exec(grammar)![1].split('|').map(s => s.trim().toLowerCase());
        const prefixes = Object.values(snippets).flatMap(s => s.prefix);
        for (const rule of topLevel) expect(prefixes, rule).toContain(rule);
        for (const keyword of ['programme', 'quickwin', 'indicator', 'aspect']) expect(prefixes).toContain(keyword);
    });

    test('engines.vscode is not newer than @types/vscode allows, nor than code-server 4.100 (VS Code 1.100)', () => {
        const engine = /^\^(\d+)\.(\d+)/.exec(pkg.engines.vscode)!;
        expect(Number(engine[1])).toBe(1);
        expect(Number(engine[2])).toBeLessThanOrEqual(100);
        const types = /(\d+)\.(\d+)/.exec(pkg.devDependencies['@types/vscode'])!;
        expect(Number(types[2])).toBeLessThanOrEqual(Number(engine[2]));
    });
});
