import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isRpjmd, type Initiative, type MasterplanLanguageAstType, type Money, type ReadinessItem, type Rpjmd, type RpjmdObjective, type RpjmdProgram, type YearValue } from '../language/generated/ast.js';
import { parseNumber, readMoney } from '../model/money.js';
import { formatSpan, overlaps } from '../model/periods.js';
import type { CheckContext } from './context.js';

/** The national nomenclature: urusan.bidang.program, optionally .kegiatan and .sub-kegiatan; `X.XX` for cross-cutting programmes. */
const PROGRAM_CODE = /^(\d|X)\.(\d{2}|XX)\.\d{2}(\.\d\.\d{2}(\.\d{2}|\.\d{4})?)?$/;

/** Alignment with the RPJMD, money and numbers: unaligned, alignment-period-mismatch, invalid-program-code, duplicate-program-code, objective-not-served, invalid-money, ambiguous-number. */
export class AlignmentChecks {
    constructor(private readonly ctx: CheckContext) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Programme: this.alignment,
            QuickWin: this.alignment,
            RpjmdProgram: this.programCode,
            Money: this.money,
            YearValue: this.number,
            ReadinessItem: this.number,
        };
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Programme: this.alignmentPeriod,
            QuickWin: this.alignmentPeriod,
            RpjmdProgram: this.duplicateCode,
            RpjmdObjective: this.objectiveServed,
        };
    }

    alignment = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        if (node.supports.length === 0) {
            const kind = node.$type === 'QuickWin' ? 'Quick win' : 'Programme';
            this.ctx.report(accept, 'unaligned',
                `${kind} ${node.name} supports nothing in the RPJMD. Add \`supports\` with the RPJMD objective or program it serves.`,
                node, { property: 'name' });
        }
    };

    alignmentPeriod = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name || node.supports.length === 0) return;
        const plan = this.ctx.plan(node);
        const facts = plan?.initiative(node);
        const span = facts?.years ?? plan?.period;
        if (!plan || !span) return;
        node.supports.forEach((ref, index) => {
            const target = ref.ref;
            const rpjmd = target && AstUtils.getContainerOfType(target, isRpjmd);
            const rpjmdSpan = rpjmd && plan.rpjmdPeriod(rpjmd);
            if (rpjmd && rpjmdSpan && !overlaps(span, rpjmdSpan)) {
                this.ctx.report(accept, 'alignment-period-mismatch',
                    `${ref.$refText} belongs to ${rpjmd.name} (${formatSpan(rpjmdSpan)}), which does not overlap ${node.name}'s years (${formatSpan(span)}). Link to the current RPJMD instead.`,
                    node, { property: 'supports', index });
            }
        });
    };

    programCode = (node: RpjmdProgram, accept: ValidationAcceptor): void => {
        if (node.code === undefined) {
            this.ctx.report(accept, 'missing-property', `RPJMD program ${node.name} has no \`code\`; add its nomenclature code, such as \`code "2.16.02"\`.`, node, { property: 'name' });
            return;
        }
        if (!PROGRAM_CODE.test(node.code)) {
            this.ctx.report(accept, 'invalid-program-code',
                `"${node.code}" is not a nomenclature code; write urusan.bidang.program as in Permendagri 90/2019, such as "2.16.02".`,
                node, { property: 'code' });
        }
    };

    duplicateCode = (node: RpjmdProgram, accept: ValidationAcceptor): void => {
        if (node.code === undefined || !PROGRAM_CODE.test(node.code)) return;
        const rpjmd: Rpjmd = node.$container;
        const first = this.ctx.plan(node)?.duplicateCodes.get(node);
        if (first) {
            this.ctx.report(accept, 'duplicate-program-code',
                `Code "${node.code}" is already used by program ${first.name} of ${rpjmd.name}; one code names one program.`,
                node, { property: 'code' });
        }
    };

    objectiveServed = (node: RpjmdObjective, accept: ValidationAcceptor): void => {
        const plan = this.ctx.plan(node);
        const facts = plan?.objective(node);
        if (facts && facts.servedBy.length === 0 && plan!.isAligned(node)) {
            this.ctx.report(accept, 'objective-not-served',
                `No programme or quick win serves objective ${facts.rpjmd.name}.${facts.path} ("${node.title}"). Add \`supports ${facts.rpjmd.name}.${facts.path}\` to a programme, or accept the gap (Book II lists it).`,
                node, { property: 'name' });
        }
    };

    /** `1.500` is fifteen hundred to an Indonesian reader and one and a half to an English one. */
    number = (node: YearValue | ReadinessItem, accept: ValidationAcceptor): void => {
        const text = String(node.$type === 'YearValue' ? node.value : node.score);
        const match = /^(\d+)[.,](\d{3})$/.exec(text);
        if (!match) return;
        this.ctx.report(accept, 'ambiguous-number',
            `'${text}' is read as the decimal ${parseNumber(text)}, but an Indonesian reader sees the whole number ${match[1]}${match[2]}. Write ${match[1]}${match[2]} for the whole number, or ${match[1]},${match[2].replace(/0+$/, '') || '0'} for the decimal.`,
            node, { property: (node.$type === 'YearValue' ? 'value' : 'score') as never });
    };

    money = (node: Money, accept: ValidationAcceptor): void => {
        const value = readMoney(node);
        if (!value.ok) {
            this.ctx.report(accept, 'invalid-money', value.message, node);
        }
    };
}
