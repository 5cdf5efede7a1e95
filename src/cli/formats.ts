import pc from 'picocolors';
import { DIAGNOSTIC_CODES, describeCode } from '../validation/codes.js';
import type { ValidationReport } from '../validation/report.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github';
export const REPORT_FORMATS: ReportFormat[] = ['text', 'json', 'sarif', 'github'];

/** Renders a validation report in one of the CLI's formats. */
export function formatReport(report: ValidationReport, format: ReportFormat, options: { color: boolean; version: string }): string {
    switch (format) {
        case 'json': return JSON.stringify(report, null, 2) + '\n';
        case 'sarif': return JSON.stringify(toSarif(report, options.version), null, 2) + '\n';
        case 'github': return toGithub(report);
        default: return toText(report, options.color);
    }
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(report: ValidationReport): string {
    const s = report.summary;
    const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
    if (s.infos > 0) parts.push(plural(s.infos, 'info'));
    if (s.hints > 0) parts.push(plural(s.hints, 'hint'));
    return `${parts.join(', ')} in ${plural(s.files, 'file')} (${plural(s.plans, 'plan')})`;
}

function toText(report: ValidationReport, color: boolean): string {
    const c = pc.createColors(color);
    const paint = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim } as const;
    const lines = report.diagnostics.map(d =>
        `${c.bold(`${d.file}:${d.line}:${d.column}`)} ${paint[d.severity](d.severity)} ${c.dim(d.code)} ${d.message}`);
    lines.push(report.summary.errors > 0 ? c.red(summaryLine(report)) : summaryLine(report));
    return lines.join('\n') + '\n';
}

/** GitHub Actions workflow commands; property values and messages escaped as the runner expects. */
function toGithub(report: ValidationReport): string {
    const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
    const command = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
    const lines = report.diagnostics.map(d =>
        `::${command[d.severity]} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}::${escapeData(d.message)}`);
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
}

function toSarif(report: ValidationReport, version: string): object {
    const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
    const ruleIndex = new Map(DIAGNOSTIC_CODES.map((entry, i) => [entry.code, i]));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'mplan',
                    fullName: 'Masterplan validator',
                    version,
                    rules: DIAGNOSTIC_CODES.map(entry => ({
                        id: entry.code,
                        name: entry.code.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
                        shortDescription: { text: entry.summary },
                        help: { text: entry.fix },
                        defaultConfiguration: { level: level[entry.severity] },
                        properties: { tags: [entry.topic] },
                    })),
                },
            },
            originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder mplan was run from.' } } },
            results: report.diagnostics.map(d => ({
                ruleId: d.code,
                ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
                level: level[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: relativeUri(d.file), uriBaseId: '%SRCROOT%' },
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                    },
                }],
                properties: { plan: d.plan },
            })),
        }],
    };
}

export { describeCode };

/** A report's file path as a relative URI reference: each segment escaped, `#`, `?` and `%` included. */
function relativeUri(file: string): string {
    return file.split('/').map(encodeURIComponent).join('/');
}
