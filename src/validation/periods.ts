import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isRpjmd, type Budget, type Indicator, type Initiative, type Masterplan, type MasterplanLanguageAstType, type Readiness, type Rpjmd, type RpjmdProgram, type Workshop,
} from '../language/generated/ast.js';
import { containsYear, formatSpan, readDate, readDateRange, readYearRange, spanLength, contains, type YearSpan } from '../model/periods.js';
import type { CheckContext } from './context.js';

/** Periods: invalid-period, outside-plan-period, year-outside-range, quickwin-too-long. */
export class PeriodChecks {
    constructor(private readonly ctx: CheckContext) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Masterplan: this.masterplanPeriod,
            Rpjmd: this.rpjmdPeriod,
            RpjmdProgram: this.rpjmdProgramYears,
            RpjmdGoal: this.rpjmdIndicatorYears,
            RpjmdObjective: this.rpjmdIndicatorYears,
            Programme: this.initiativeYears,
            QuickWin: [this.initiativeYears, this.quickWinLength],
            Workshop: this.workshopDates,
            Readiness: this.readinessDate,
        };
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Programme: this.initiativeInPlan,
            QuickWin: this.initiativeInPlan,
        };
    }

    masterplanPeriod = (node: Masterplan, accept: ValidationAcceptor): void => {
        this.checkRange(node, 'period', accept);
    };

    rpjmdPeriod = (node: Rpjmd, accept: ValidationAcceptor): void => {
        this.checkRange(node, 'period', accept);
    };

    rpjmdProgramYears = (node: RpjmdProgram, accept: ValidationAcceptor): void => {
        const span = rpjmdSpan(node.$container);
        if (!span) return;
        this.checkBudget(node.budget, span, `the RPJMD period (${formatSpan(span)})`, accept);
        this.checkIndicators(node.indicators, span, `the RPJMD period (${formatSpan(span)})`, accept);
    };

    rpjmdIndicatorYears = (node: { indicators: Indicator[] } & AstNode, accept: ValidationAcceptor): void => {
        const rpjmd = AstUtils.getContainerOfType(node, isRpjmd);
        const span = rpjmd && rpjmdSpan(rpjmd);
        if (!span) return;
        this.checkIndicators(node.indicators, span, `the RPJMD period (${formatSpan(span)})`, accept);
    };

    /** An initiative's own years, and its budget and indicator years against them. */
    initiativeYears = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        const range = this.checkRange(node, 'years', accept);
        if (!range) return;
        const what = `the years of ${node.name} (${formatSpan(range)})`;
        this.checkBudget(node.budget, range, what, accept);
        this.checkIndicators(node.indicators, range, what, accept);
    };

    /** An initiative against the plan period (the masterplan may be in another file): its years, or without years its budget and indicators. */
    initiativeInPlan = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return;
        const period = this.ctx.plan(node)?.period;
        if (!period) return;
        const result = readYearRange(node.years);
        const range = result?.ok ? result.span : undefined;
        if (range && !contains(period, range)) {
            this.ctx.report(accept, 'outside-plan-period',
                `${node.name} runs ${formatSpan(range)}, outside the plan period ${formatSpan(period)}. Move its years into the plan period, or extend the masterplan's period.`,
                node, { property: 'years' });
        }
        if (range) return;
        const what = `the plan period (${formatSpan(period)})`;
        this.checkBudget(node.budget, period, what, accept);
        this.checkIndicators(node.indicators, period, what, accept);
    };

    quickWinLength = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        const range = readYearRange(node.years);
        if (range?.ok && spanLength(range.span) > 1) {
            this.ctx.report(accept, 'quickwin-too-long',
                `Quick win ${node.name} runs ${spanLength(range.span)} years (${formatSpan(range.span)}); a quick win is achieved within one year. Give it a single \`year\`, or make it a programme.`,
                node, { property: 'years' });
        } else if (node.horizon === 'medium' || node.horizon === 'long') {
            this.ctx.report(accept, 'quickwin-too-long',
                `Quick win ${node.name} has a ${node.horizon} horizon; a quick win is short by nature. Use \`horizon short\`, or make it a programme.`,
                node, { property: 'horizon' });
        }
    };

    workshopDates = (node: Workshop, accept: ValidationAcceptor): void => {
        const result = readDateRange(node.dates);
        if (result && !result.ok) {
            this.ctx.report(accept, 'invalid-period', result.message, node, { property: 'dates' });
        }
    };

    readinessDate = (node: Readiness, accept: ValidationAcceptor): void => {
        if (node.assessed && !readDate(node.assessed)) {
            this.ctx.report(accept, 'invalid-period', `${node.assessed} is not a date that exists; write YYYY-MM-DD.`, node, { property: 'assessed' });
        }
    };

    private checkRange<N extends Masterplan | Rpjmd | Initiative>(node: N, property: 'period' | 'years', accept: ValidationAcceptor): YearSpan | undefined {
        const range = readYearRange((node as unknown as Record<string, never>)[property]);
        if (range && !range.ok) {
            this.ctx.report(accept, 'invalid-period', range.message, node, { property: property as never });
            return undefined;
        }
        return range?.span;
    }

    private checkBudget(budget: Budget | undefined, span: YearSpan, what: string, accept: ValidationAcceptor): void {
        for (const entry of budget?.entries ?? []) {
            if (Number.isInteger(entry.year) && !containsYear(span, entry.year)) {
                this.ctx.report(accept, 'year-outside-range',
                    `Budget year ${entry.year} lies outside ${what}. Move the amount to a year within it, or widen the years.`,
                    entry, { property: 'year' });
            }
        }
    }

    private checkIndicators(indicators: Indicator[], span: YearSpan, what: string, accept: ValidationAcceptor): void {
        for (const indicator of indicators) {
            let firstTarget = Infinity;
            for (const target of indicator.targets) {
                if (!Number.isInteger(target.year)) continue;
                firstTarget = Math.min(firstTarget, target.year);
                if (!containsYear(span, target.year)) {
                    this.ctx.report(accept, 'year-outside-range',
                        `Target year ${target.year} of "${indicator.title}" lies outside ${what}.`,
                        target, { property: 'year' });
                }
            }
            const baseline = indicator.baseline;
            if (baseline && Number.isInteger(baseline.year)) {
                if (baseline.year > span.end) {
                    this.ctx.report(accept, 'year-outside-range',
                        `Baseline year ${baseline.year} of "${indicator.title}" lies after ${what}; a baseline describes the situation before or at the start.`,
                        baseline, { property: 'year' });
                } else if (baseline.year > firstTarget) {
                    this.ctx.report(accept, 'year-outside-range',
                        `Baseline year ${baseline.year} of "${indicator.title}" comes after its first target (${firstTarget}); a baseline is measured first.`,
                        baseline, { property: 'year' });
                }
            }
        }
    }
}

/** The five years of an RPJMD, when written and valid. */
function rpjmdSpan(rpjmd: Rpjmd): YearSpan | undefined {
    const result = readYearRange(rpjmd.period);
    return result?.ok ? result.span : undefined;
}
