import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';
import type { NotShownCounts } from '../language/document-validator.js';
import type { PlanModel } from '../model/plan-model.js';
import type { Severity } from './codes.js';

/** One diagnostic as reported to people and machines: positions 1-based, file relative to a base folder. */
export interface ReportedDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
    /** The name of the plan (its masterplan), or its root folder when it has none. */
    plan: string;
    /** On the last diagnostic shown of a file with too many: how many more of each severity the file has. */
    notShown?: NotShownCounts;
}

export interface ReportedPlan {
    root: string;
    name: string;
    title: string;
    files: number;
    counts: { pillars: number; programmes: number; quickWins: number; owners: number; objectives: number };
}

export interface ValidationReport {
    version: 1;
    plans: ReportedPlan[];
    diagnostics: ReportedDiagnostic[];
    summary: { files: number; plans: number; errors: number; warnings: number; infos: number; hints: number };
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Collects the diagnostics of built documents into a report, sorted by file, line and column. */
export function buildReport(services: MasterplanServices, documents: LangiumDocument[], plans: PlanModel[], baseDir: string): ValidationReport {
    const relative = (fsPath: string) => path.relative(baseDir, fsPath).split(path.sep).join('/') || '.';
    const planLabel = new Map<string, string>();
    const reportedPlans: ReportedPlan[] = plans.map(plan => {
        const root = relative(plan.root.fsPath);
        const name = plan.masterplan?.name ?? root;
        planLabel.set(plan.key, name);
        return {
            root,
            name,
            title: plan.masterplan?.title ?? '',
            files: plan.documents.length,
            counts: { ...plan.counts },
        };
    });
    const diagnostics: ReportedDiagnostic[] = [];
    for (const document of documents) {
        const file = relative(document.uri.fsPath);
        const plan = planLabel.get(services.plans.PlanRoots.planOf(document.uri)) ?? '';
        for (const d of document.diagnostics ?? []) {
            diagnostics.push(toReported(d, file, plan));
        }
    }
    diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
    return {
        version: 1,
        plans: reportedPlans,
        diagnostics,
        summary: { files: documents.length, plans: plans.length, ...countSeverities(diagnostics) },
    };
}

/** The number of problems of each severity, including those a file had beyond the ones shown. */
export function countSeverities(diagnostics: readonly ReportedDiagnostic[]): { errors: number; warnings: number; infos: number; hints: number } {
    const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    const key = { error: 'errors', warning: 'warnings', info: 'infos', hint: 'hints' } as const;
    for (const d of diagnostics) {
        counts[key[d.severity]]++;
        if (d.notShown) for (const [severity, n] of Object.entries(d.notShown)) counts[key[severity as Severity]] += n ?? 0;
    }
    return counts;
}

function toReported(d: Diagnostic, file: string, plan: string): ReportedDiagnostic {
    return {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITIES[d.severity ?? 1] ?? 'error',
        code: typeof d.code === 'string' ? d.code : String(d.code ?? 'syntax-error'),
        message: d.message,
        plan,
        ...(d.data as { notShown?: NotShownCounts } | undefined)?.notShown ? { notShown: (d.data as { notShown: NotShownCounts }).notShown } : {},
    };
}
