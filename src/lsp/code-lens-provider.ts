import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isPillar, isRpjmd, isOwner, type Document } from '../language/generated/ast.js';
import type { MasterplanServices } from '../language/module.js';
import { formatMoney } from '../books/i18n/format.js';
import { bookLanguage } from './settings.js';

/**
 * Code lenses that show the plan model's roll-ups where they matter: on a pillar its programmes,
 * quick wins and total budget; on a programme what it supports; on an owner what it answers for;
 * on an RPJMD objective what serves it.
 */
export class MasterplanCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: MasterplanServices) {}

    async provideCodeLens(document: LangiumDocument): Promise<CodeLens[]> {
        const plan = this.services.model.PlanModels.forDocument(document);
        if (!plan) return [];
        const en = (await bookLanguage(this.services.shared)) === 'en';
        const t = (id: string, english: string) => (en ? english : id);
        const lenses: CodeLens[] = [];
        const lens = (node: { $cstNode?: { range: CodeLens['range'] } }, title: string) => {
            if (node.$cstNode) {
                const start = node.$cstNode.range.start;
                lenses.push({ range: { start, end: start }, command: { title, command: '' } });
            }
        };
        const root = document.parseResult.value as Document;
        for (const element of root.elements ?? []) {
            if (isPillar(element)) {
                const facts = plan.initiatives.filter(f => f.pillar === element);
                const programmes = facts.filter(f => f.kind === 'programme').length;
                const total = plan.budget.byPillar.get(element) ?? 0;
                lens(element, `${programmes} ${t('program', programmes === 1 ? 'programme' : 'programmes')} · ${facts.length - programmes} quick win · ${formatMoney(total, en ? 'en' : 'id')}`);
                for (const f of facts) {
                    const supports = f.node.supports.map(ref => ref.$refText);
                    lens(f.node, supports.length > 0
                        ? `${t('mendukung', 'supports')} ${supports.join(', ')}`
                        : t('belum mendukung RPJMD', 'supports nothing in the RPJMD'));
                }
            } else if (isOwner(element)) {
                const usage = plan.ownerUsage.get(element);
                if (usage) lens(element, `${t('penanggung jawab', 'owns')} ${usage.owns.length} · ${t('mitra', 'partner')} ${usage.partners.length}`);
            } else if (isRpjmd(element)) {
                for (const mission of element.missions) {
                    for (const goal of mission.goals) {
                        for (const objective of goal.objectives) {
                            const facts = plan.objective(objective);
                            if (facts) lens(objective, facts.servedBy.length > 0
                                ? `${t('dilayani oleh', 'served by')} ${facts.servedBy.length}`
                                : t('belum dilayani', 'not served'));
                        }
                    }
                }
            }
        }
        return lenses;
    }
}
