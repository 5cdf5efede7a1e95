import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Initiative, Masterplan, MasterplanLanguageAstType, Pillar, ReadinessItem, Readiness } from '../language/generated/ast.js';
import { parseNumber } from '../model/money.js';
import type { CheckContext } from './context.js';

/** The framework and readiness: dimension-not-covered, empty-pillar, pillar-without-quickwin, element-not-in-dimension, score-out-of-range. */
export class FrameworkChecks {
    constructor(private readonly ctx: CheckContext) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Pillar: this.pillarContents,
            Programme: this.elements,
            QuickWin: this.elements,
            Readiness: this.readinessScale,
            ReadinessItem: this.score,
        };
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return { Masterplan: this.coverage };
    }

    coverage = (node: Masterplan, accept: ValidationAcceptor): void => {
        const plan = this.ctx.plan(node);
        if (!plan || plan.masterplan !== node) return;
        for (const [dimension, pillars] of plan.coverage) {
            if (pillars.length === 0) {
                this.ctx.report(accept, 'dimension-not-covered',
                    `No pillar covers the dimension ${dimension.name} ("${dimension.title}") of framework ${plan.framework?.name}. Add \`pillar ... dimension ${dimension.name} { ... }\`.`,
                    node, { property: 'framework', data: { dimension: dimension.name } });
            }
        }
    };

    pillarContents = (node: Pillar, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        const programmes = node.initiatives.filter(i => i.$type === 'Programme').length;
        const quickWins = node.initiatives.length - programmes;
        if (programmes === 0) {
            this.ctx.report(accept, 'empty-pillar', `Pillar ${node.name} has no programme. Add a \`programme\`, or remove the pillar.`, node, { property: 'name' });
        } else if (quickWins === 0) {
            this.ctx.report(accept, 'pillar-without-quickwin', `Pillar ${node.name} has no quick win. Add a \`quickwin\`: a first step achievable within a year.`, node, { property: 'name' });
        }
    };

    elements = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        const dimension = node.$container.dimension?.ref;
        if (!dimension) return;
        node.elements.forEach((ref, index) => {
            const element = ref.ref;
            if (element && element.$container !== dimension) {
                const names = dimension.elements.map(e => e.name).join(', ');
                this.ctx.report(accept, 'element-not-in-dimension',
                    `${element.name} is an element of ${element.$container.name}, not of ${dimension.name} (the dimension of pillar ${node.$container.name}). Choose one of ${names}, or move ${node.name} to a ${element.$container.name} pillar.`,
                    node, { property: 'elements', index });
            }
        });
    };

    readinessScale = (node: Readiness, accept: ValidationAcceptor): void => {
        if (node.scale !== undefined && !(node.scale >= 1)) {
            this.ctx.report(accept, 'score-out-of-range', `A scale must be a whole number of at least 1 (such as \`scale 5\`).`, node, { property: 'scale' });
        }
    };

    score = (node: ReadinessItem, accept: ValidationAcceptor): void => {
        const readiness = node.$container.$container;
        const scale = node.scale ?? (readiness.scale && readiness.scale >= 1 ? readiness.scale : 5);
        if (node.scale !== undefined && !(node.scale >= 1)) {
            this.ctx.report(accept, 'score-out-of-range', `A scale must be a whole number of at least 1 (such as \`of 5\`).`, node, { property: 'scale' });
            return;
        }
        const score = parseNumber(node.score);
        if (score === undefined || score < 0 || score > scale) {
            this.ctx.report(accept, 'score-out-of-range',
                `Score ${node.score} of "${node.title}" lies outside its scale 0..${scale}.`,
                node, { property: 'score' });
        }
    };
}
