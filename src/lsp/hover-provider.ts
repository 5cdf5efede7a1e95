import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isDimension, isElement, isFramework, isMoney, isOwner, isPillar, isProgramme, isQuickWin, isRpjmd, isRpjmdGoal, isRpjmdMission, isRpjmdObjective, isRpjmdProgram, isWorkshop,
    type Dimension, type Element, type Initiative, type Owner, type RpjmdProgram, type Workshop, type RpjmdObjective,
} from '../language/generated/ast.js';
import type { MasterplanServices } from '../language/module.js';
import type { PlanModel } from '../model/plan-model.js';
import { formatMoney } from '../books/i18n/format.js';
import { formatSpan, readDateRange } from '../model/periods.js';
import type { Language } from '../books/outline.js';
import { bookLanguage } from './settings.js';

const OWNER_KINDS: Record<Language, Record<string, string>> = {
    id: { agency: 'perangkat daerah', private: 'swasta', community: 'komunitas', academia: 'akademisi', national: 'pemerintah pusat' },
    en: { agency: 'regional agency', private: 'private sector', community: 'community', academia: 'academia', national: 'national government' },
};

/**
 * Hovers that answer the question a reader has at that point, from the plan model: who an owner is
 * and what it answers for, a programme's pillar, years, budget and RPJMD links, what a framework
 * dimension or element means (in the language chosen for the books), a sum of money in full.
 */
export class MasterplanHoverProvider extends AstNodeHoverProvider {
    private language: Language = 'id';

    constructor(private readonly services: MasterplanServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        this.language = await bookLanguage(this.services.shared);
        const root = document.parseResult?.value?.$cstNode;
        if (root) {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
            const money = leaf && AstUtils.getContainerOfType(leaf.astNode, isMoney);
            if (money) {
                const value = this.plan(money)?.money(money);
                if (value?.ok) {
                    return { contents: { kind: 'markdown', value: `**${formatMoney(value.rupiah, this.language)}** (${value.rupiah.toLocaleString('id-ID').replace(/\u00a0/g, ' ')} rupiah)` } };
                }
                return undefined;
            }
        }
        return super.getHoverContent(document, params);
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        const plan = this.plan(node);
        if (isOwner(node)) return this.owner(node, plan);
        if (isProgramme(node) || isQuickWin(node)) return this.initiative(node, plan);
        if (isDimension(node)) return this.dimension(node);
        if (isElement(node)) return this.element(node);
        if (isRpjmdObjective(node)) return this.objective(node, plan);
        if (isRpjmdProgram(node)) return this.program(node);
        if (isWorkshop(node)) return this.workshop(node, plan);
        if (isPillar(node)) {
            const facts = plan?.initiatives.filter(f => f.pillar === node) ?? [];
            const total = facts.reduce((n, f) => n + f.budgetTotal, 0);
            return `**${node.name}** — ${node.title}\n\n${node.dimension?.ref ? `${this.t('Dimensi', 'Dimension')}: ${node.dimension.ref.title}\n\n` : ''}${facts.filter(f => f.kind === 'programme').length} ${this.t('program', 'programmes')}, ${facts.filter(f => f.kind === 'quickwin').length} quick win, ${formatMoney(total, this.language)}`;
        }
        if (isRpjmdMission(node) || isRpjmdGoal(node)) return `**${node.name}** — ${node.title}`;
        if (isRpjmd(node)) return `**${node.name}** — ${node.title}${node.period ? ` (${formatSpan({ start: node.period.start, end: node.period.end ?? node.period.start })})` : ''}`;
        if (isFramework(node)) return `**${node.name}** — ${this.titleOf(node)}\n\n${this.describe(node)}`;
        return undefined;
    }

    private owner(node: Owner, plan: PlanModel | undefined): string {
        const kind = OWNER_KINDS[this.language][node.kind ?? 'agency'];
        const lines = [`**${node.name}** — ${node.title}`, `*${kind}*${node.role ? ` · ${node.role}` : ''}${node.head ? ` · ${node.head}` : ''}`];
        const usage = plan?.ownerUsage.get(node);
        if (usage) {
            const parts: string[] = [];
            if (usage.owns.length) parts.push(`${this.t('penanggung jawab', 'owns')} ${usage.owns.length} (${names(usage.owns)})`);
            if (usage.partners.length) parts.push(`${this.t('mitra', 'partner in')} ${usage.partners.length}`);
            if (usage.implements.length) parts.push(`${this.t('pelaksana', 'implements')} ${usage.implements.length}`);
            if (usage.rpjmdPrograms.length) parts.push(`${this.t('program RPJMD', 'RPJMD programs')} ${usage.rpjmdPrograms.length}`);
            if (parts.length) lines.push(parts.join(' · '));
            const budget = plan?.budget.byOwner.get(node);
            if (budget) lines.push(`${this.t('Anggaran', 'Budget')}: ${formatMoney(budget, this.language)}`);
        }
        return lines.join('\n\n');
    }

    private initiative(node: Initiative, plan: PlanModel | undefined): string {
        const facts = plan?.initiative(node);
        const kind = isQuickWin(node) ? 'Quick win' : this.t('Program', 'Programme');
        const lines = [`**${node.name}** — ${this.titleOf(node)}`, `${kind} · ${this.t('pilar', 'pillar')} ${node.$container.title}`];
        if (facts?.years) lines.push(`${this.t('Tahun', 'Years')}: ${formatSpan(facts.years)}`);
        if (facts?.owner) lines.push(`${this.t('Penanggung jawab', 'Owner')}: ${facts.owner.title}${facts.partners.length ? ` · ${this.t('mitra', 'partners')}: ${facts.partners.map(p => p.name).join(', ')}` : ''}`);
        if (facts && facts.budgetTotal > 0) {
            const years = [...facts.budgetByYear].map(([year, value]) => `${year}: ${formatMoney(value, this.language)}`).join(', ');
            lines.push(`${this.t('Anggaran', 'Budget')}: **${formatMoney(facts.budgetTotal, this.language)}** (${years})`);
        }
        if (node.supports.length) lines.push(`${this.t('Mendukung', 'Supports')}: ${node.supports.map(ref => `${ref.$refText}${ref.ref ? ` (${ref.ref.title})` : ''}`).join('; ')}`);
        if (facts?.dependsOn.length) lines.push(`${this.t('Setelah', 'After')}: ${names(facts.dependsOn)}`);
        return lines.join('\n\n');
    }

    private dimension(node: Dimension): string {
        const aliases = node.aliases.map(a => a.title ?? a.name).join(', ');
        const elements = node.elements.map(e => `- \`${e.name}\` — ${this.titleOf(e)}`).join('\n');
        return `**${this.titleOf(node)}** (${node.name})${aliases ? ` · ${this.t('juga disebut', 'also called')} ${aliases}` : ''}\n\n${this.describe(node)}\n\n${elements}`;
    }

    private element(node: Element): string {
        return `**${this.titleOf(node)}** (${node.name}) · ${node.$container.title}\n\n${this.describe(node)}`;
    }

    private objective(node: RpjmdObjective, plan: PlanModel | undefined): string {
        const facts = plan?.objective(node);
        const lines = [`**${facts ? `${facts.rpjmd.name}.${facts.path}` : node.name}** — ${node.title}`];
        for (const indicator of node.indicators) {
            lines.push(`- ${indicator.title}${indicator.unit ? ` (${indicator.unit})` : ''}: ${indicator.baseline ? `${indicator.baseline.year}: ${indicator.baseline.value}` : ''}${indicator.targets.length ? ` → ${indicator.targets.map(t => `${t.year}: ${t.value}`).join(', ')}` : ''}`);
        }
        if (facts) {
            lines.push(facts.servedBy.length
                ? `${this.t('Dilayani oleh', 'Served by')}: ${names(facts.servedBy)}`
                : `*${this.t('Belum dilayani program smart city mana pun', 'Not served by any smart city programme yet')}*`);
        }
        return lines.join('\n\n');
    }

    private program(node: RpjmdProgram): string {
        const serves = node.serves.map(ref => ref.$refText).join(', ');
        return `**${node.name}** — ${node.title}\n\n${node.code ? `\`${node.code}\` · ` : ''}${node.owner?.ref ? node.owner.ref.title : ''}${serves ? `\n\n${this.t('Melayani', 'Serves')}: ${serves}` : ''}`;
    }

    private workshop(node: Workshop, plan: PlanModel | undefined): string {
        const dates = readDateRange(node.dates);
        const agreed = plan?.quickWins.filter(f => f.node.agreed?.ref === node).map(f => f.node) ?? [];
        const lines = [`**${node.name}** — ${node.title}`];
        if (dates?.ok) lines.push(dates.start.iso === dates.end.iso ? dates.start.iso : `${dates.start.iso} – ${dates.end.iso}`);
        if (node.drafts.length) lines.push(`${this.t('Menyusun', 'Drafts')}: ${node.drafts.join(', ')}`);
        if (agreed.length) lines.push(`${this.t('Menyepakati', 'Agreed')}: ${names(agreed)}`);
        return lines.join('\n\n');
    }

    private titleOf(node: { title: string; titleEn?: string }): string {
        return this.language === 'en' && node.titleEn ? node.titleEn : node.title;
    }

    private describe(node: { description?: string; descriptionEn?: string }): string {
        return (this.language === 'en' && node.descriptionEn ? node.descriptionEn : node.description) ?? '';
    }

    private t(id: string, en: string): string {
        return this.language === 'en' ? en : id;
    }

    private plan(node: AstNode): PlanModel | undefined {
        return this.services.model.PlanModels.forRequest(AstUtils.getDocument(node));
    }
}

function names(nodes: ReadonlyArray<{ name: string }>): string {
    const shown = nodes.slice(0, 6).map(n => n.name).join(', ');
    return nodes.length > 6 ? `${shown}, …` : shown;
}
