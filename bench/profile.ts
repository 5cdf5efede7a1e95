/**
 * Reads a V8 `.cpuprofile` of the bundled CLI and aggregates self time by function and by area of
 * the code (parser, linking, our checks, ...), mapping bundle positions back to the original source
 * files through the bundle's source map.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[]; parent?: number }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
    totalMs: number;
    categories: Array<{ name: string; ms: number; share: number }>;
    functions: Array<{ name: string; source: string; ms: number; share: number }>;
    inclusive: Array<{ name: string; source: string; ms: number; share: number }>;
}

/** Functions whose inclusive time is worth seeing, as `name@source-suffix`. */
const MARKERS: Array<[string, string]> = [
    ['runValidate', 'src/cli/validate.ts'],
    ['loadAndValidate', 'src/language/workspace-loader.ts'],
    ['fromString', 'langium/workspace/documents'],
    ['parse', 'langium/parser/langium-parser'],
    ['tokenize', 'langium/parser/lexer'],
    ['updateContent', 'langium/workspace/index-manager'],
    ['collectExportedSymbols', 'src/language/scope-computation.ts'],
    ['collectLocalSymbols', 'src/language/scope-computation.ts'],
    ['link', 'langium/references/linker'],
    ['doLink', 'langium/references/linker'],
    ['getScope', 'langium/references/scope-provider'],
    ['getGlobalScope', 'src/language/scope-provider.ts'],
    ['updateReferences', 'langium/workspace/index-manager'],
    ['validateDocument', 'src/language/document-validator.ts'],
    ['validateAstNodes', 'langium/validation/document-validator'],
    ['buildPlanModel', 'src/model/plan-model.ts'],
    ['duplicateProperty', 'src/validation/names.ts'],
    ['computeIndex', 'src/language/plan-roots.ts'],
    ['groupByPlan', 'src/language/scope-provider.ts'],
    ['buildReport', 'src/validation/report.ts'],
    ['interruptAndCheck', 'langium/utils/promise-utils'],
];

const AREAS: Array<[RegExp, string]> = [
    [/node_modules\/(chevrotain|@chevrotain|chevrotain-allstar|lodash-es)\//, 'parser: Chevrotain (lexer, recognizer, ALL(*) lookahead)'],
    [/langium\/(lib|src)\/parser\//, 'parser: Langium (CST and AST building, value conversion)'],
    [/langium\/(lib|src)\/references\//, 'linking and scoping: Langium'],
    [/langium\/(lib|src)\/workspace\//, 'workspace: Langium (builder, index, documents)'],
    [/langium\/(lib|src)\/validation\//, 'validation framework: Langium'],
    [/langium\/(lib|src)\/syntax-tree/, 'linking and scoping: Langium'],
    [/langium\/(lib|src)\/utils\//, 'Langium utilities (AST/CST streams, caches, URIs)'],
    [/langium\/(lib|src)\//, 'Langium, other'],
    [/vscode-uri|vscode-languageserver-textdocument|vscode-languageserver|vscode-jsonrpc/, 'text documents, URIs, LSP types'],
    [/src\/language\/generated\//, 'ours: generated grammar/AST'],
    [/src\/language\//, 'ours: language (scoping, plan roots, factory, validator)'],
    [/src\/validation\//, 'ours: checks and report'],
    [/src\/model\//, 'ours: plan model'],
    [/src\/cli\//, 'ours: CLI'],
    [/node_modules\//, 'other libraries'],
];

export function analyseProfile(profileFile: string, bundle: string, root: string): ProfileSummary {
    const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
    // The bundle and the chunks beside it (the CLI is split along its dynamic imports), each with its map.
    const maps = new Map<string, SourceMap | undefined>();
    const mapOf = (file: string) => {
        const resolved = path.resolve(file);
        if (path.dirname(resolved) !== path.dirname(path.resolve(bundle))) return undefined;
        if (!maps.has(resolved)) maps.set(resolved, loadSourceMap(resolved, root));
        return maps.get(resolved);
    };
    const byId = new Map(profile.nodes.map(n => [n.id, n]));
    for (const node of profile.nodes) for (const child of node.children ?? []) byId.get(child)!.parent = node.id;

    const sourceOf = new Map<number, string>();
    const source = (node: ProfileNode): string => {
        let s = sourceOf.get(node.id);
        if (s === undefined) {
            s = describeSource(node.callFrame, mapOf, root);
            sourceOf.set(node.id, s);
        }
        return s;
    };

    const selfByFunction = new Map<string, { name: string; source: string; us: number }>();
    const selfByArea = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < profile.samples.length; i++) {
        const us = profile.timeDeltas[i] ?? 0;
        const node = byId.get(profile.samples[i]);
        if (!node || us <= 0) continue;
        total += us;
        const src = source(node);
        const name = node.callFrame.functionName || '(anonymous)';
        const key = `${name}@${src}`;
        const entry = selfByFunction.get(key) ?? { name, source: src, us: 0 };
        entry.us += us;
        selfByFunction.set(key, entry);
        const area = areaOf(name, src);
        selfByArea.set(area, (selfByArea.get(area) ?? 0) + us);
        // inclusive: each marker once per sample
        const seen = new Set<string>();
        for (let n: ProfileNode | undefined = node; n; n = n.parent !== undefined ? byId.get(n.parent) : undefined) {
            const fname = n.callFrame.functionName;
            for (const [marker, suffix] of MARKERS) {
                if (fname === marker && !seen.has(`${marker}@${suffix}`) && normalise(source(n)).includes(normalise(suffix))) {
                    seen.add(`${marker}@${suffix}`);
                    inclusive.set(`${marker}@${suffix}`, (inclusive.get(`${marker}@${suffix}`) ?? 0) + us);
                }
            }
        }
    }
    const ms = (us: number) => us / 1000;
    const share = (us: number) => (100 * us) / total;
    return {
        totalMs: ms(total),
        categories: [...selfByArea].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: ms(us), share: share(us) })),
        functions: [...selfByFunction.values()].sort((a, b) => b.us - a.us).slice(0, 60).map(f => ({ name: f.name, source: f.source, ms: ms(f.us), share: share(f.us) })),
        inclusive: MARKERS.map(([name, suffix]) => ({ name, source: suffix, us: inclusive.get(`${name}@${suffix}`) ?? 0 }))
            .map(f => ({ name: f.name, source: f.source, ms: ms(f.us), share: share(f.us) })),
    };
}

/** `node_modules/langium/src/workspace/documents.ts:12` -> `node_modules/langium/workspace/documents:12` */
function normalise(source: string): string {
    return source.replace(/langium\/(lib|src)\//, 'langium/').replace(/\.(js|ts)(?=:|$)/, '');
}

function areaOf(name: string, source: string): string {
    if (name === '(garbage collector)') return 'garbage collection';
    if (name === '(program)' || name === '(idle)' || name === '(root)') return 'V8: (program), (idle)';
    for (const [pattern, area] of AREAS) if (pattern.test(source)) return area;
    if (source.startsWith('node:') || source === '') return 'Node.js internals and builtins (fs, module loading, RegExp, JSON)';
    return 'other';
}

function describeSource(frame: CallFrame, mapOf: (file: string) => SourceMap | undefined, root: string): string {
    if (!frame.url) return '';
    if (frame.url.startsWith('node:')) return frame.url;
    let file: string;
    try {
        file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
    } catch {
        return frame.url;
    }
    const map = mapOf(file);
    if (map) {
        const original = map.lookup(frame.lineNumber, frame.columnNumber);
        if (original) return `${original.source}:${original.line + 1}`;
    }
    return `${path.relative(root, file)}:${frame.lineNumber + 1}`;
}

// ------------------------------------------------------------------------------------ source maps

interface SourceMap {
    lookup(line: number, column: number): { source: string; line: number } | undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A minimal reader of the source map v3 `mappings` (VLQ), enough to find a generated position's source and line. */
function loadSourceMap(bundle: string, root: string): SourceMap | undefined {
    const file = `${bundle}.map`;
    if (!existsSync(file)) return undefined;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
    const sources = raw.sources.map(s => path.relative(root, path.resolve(path.dirname(bundle), raw.sourceRoot ?? '', s)).replace(/^(\.\.\/)+/, ''));
    const decode: number[] = new Array(128).fill(-1);
    for (let i = 0; i < BASE64.length; i++) decode[BASE64.charCodeAt(i)] = i;
    // per generated line: flat array of [column, sourceIndex, sourceLine] triples
    const lines: Int32Array[] = [];
    let sourceIndex = 0;
    let sourceLine = 0;
    const text = raw.mappings;
    let pos = 0;
    let current: number[] = [];
    let column = 0;
    const vlq = (): number => {
        let result = 0;
        let shift = 0;
        for (;;) {
            const digit = decode[text.charCodeAt(pos++)];
            result += (digit & 31) << shift;
            if ((digit & 32) === 0) break;
            shift += 5;
        }
        return result & 1 ? -(result >>> 1) : result >>> 1;
    };
    while (pos <= text.length) {
        const ch = pos < text.length ? text[pos] : ';';
        if (ch === ';') {
            lines.push(Int32Array.from(current));
            current = [];
            column = 0;
            pos++;
            if (pos > text.length) break;
            continue;
        }
        if (ch === ',') {
            pos++;
            continue;
        }
        column += vlq();
        const next = text[pos];
        if (pos < text.length && next !== ',' && next !== ';') {
            sourceIndex += vlq();
            sourceLine += vlq();
            vlq(); // source column
            const after = text[pos];
            if (pos < text.length && after !== ',' && after !== ';') vlq(); // name
            current.push(column, sourceIndex, sourceLine);
        }
    }
    return {
        lookup(line: number, col: number) {
            const segments = lines[line];
            if (!segments || segments.length === 0) return undefined;
            let found = -1;
            for (let i = 0; i < segments.length; i += 3) {
                if (segments[i] <= col) found = i;
                else break;
            }
            if (found < 0) found = 0;
            return { source: sources[segments[found + 1]], line: segments[found + 2] };
        },
    };
}
