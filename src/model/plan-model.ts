import { interruptAndCheck, type AstNode, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import {
    isAspect, isDimension, isDocument, isElement, isFramework, isInitiative, isMasterplan, isOwner, isPillar, isProgramme, isReadiness, isRpjmd,
    isRpjmdGoal, isRpjmdMission, isRpjmdObjective, isRpjmdProgram, isWorkshop,
    type Dimension, type Document, type Element, type Framework, type Initiative, type Masterplan, type Money, type Owner, type Pillar,
    type ReadinessItem, type Readiness, type Rpjmd, type RpjmdItem, type RpjmdObjective, type RpjmdProgram, type Workshop, type Budget, type Aspect,
} from '../language/generated/ast.js';
import { forEachRpjmdItem } from '../language/scope-computation.js';
import type { PlanKey, PlanMembers } from '../language/plan-roots.js';
import { parseNumber, readMoney, type MoneyValue } from './money.js';
import { readYearRange, type YearSpan } from './periods.js';

/** What the plan model knows about one programme or quick win. */
export interface InitiativeFacts {
    readonly node: Initiative;
    readonly kind: 'programme' | 'quickwin';
    readonly pillar: Pillar;
    /** The years it runs, when given and valid. */
    readonly years?: YearSpan;
    /** Budget per year, in rupiah (valid entries only). */
    readonly budgetByYear: ReadonlyMap<number, number>;
    readonly budgetTotal: number;
    readonly owner?: Owner;
    readonly partners: readonly Owner[];
    readonly implementers: readonly Owner[];
    readonly elements: readonly Element[];
    /** The RPJMD items it supports (resolved links only). */
    readonly supports: readonly RpjmdItem[];
    /** The RPJMD objectives it serves: supported directly, or through a supported RPJMD program. */
    readonly objectives: readonly RpjmdObjective[];
    /** What it comes after (resolved), and what comes after it. */
    readonly dependsOn: readonly Initiative[];
    readonly dependents: Initiative[];
}

/** An RPJMD objective with its place in the cascade and what serves it. */
export interface ObjectiveFacts {
    readonly node: RpjmdObjective;
    readonly rpjmd: Rpjmd;
    /** Path inside the RPJMD, `M1.G1.O1`. */
    readonly path: string;
    readonly servedBy: Initiative[];
    readonly programs: RpjmdProgram[];
}

/** A readiness item's score as a share of its scale. */
export interface ScoredItem {
    readonly node: ReadinessItem;
    readonly aspect: Aspect;
    readonly score?: number;
    readonly scale: number;
    /** score / scale, 0..1, when both are valid. */
    readonly ratio?: number;
}

export interface AspectSummary {
    readonly node: Aspect;
    readonly items: readonly ScoredItem[];
    /** Mean ratio of the valid items, 0..1. */
    readonly average?: number;
}

export interface ReadinessSummary {
    readonly node: Readiness;
    readonly scale: number;
    readonly aspects: readonly AspectSummary[];
    readonly average?: number;
    /** The lowest-scoring items first. */
    readonly weakest: readonly ScoredItem[];
}

/** Who does what: every role of an owner in the plan. */
export interface OwnerUsage {
    readonly owns: Initiative[];
    readonly partners: Initiative[];
    readonly implements: Initiative[];
    readonly rpjmdPrograms: RpjmdProgram[];
    readonly workshops: Workshop[];
    readonly readinessItems: ReadinessItem[];
}

export interface BudgetRollup {
    readonly total: number;
    readonly byYear: ReadonlyMap<number, number>;
    readonly byPillar: ReadonlyMap<Pillar, number>;
    readonly byOwner: ReadonlyMap<Owner, number>;
    /** year -> pillar -> rupiah */
    readonly byYearAndPillar: ReadonlyMap<number, ReadonlyMap<Pillar, number>>;
}

/**
 * The computed view of one plan: every fact that checks, hovers, code lenses and books need,
 * computed once per build from the plan's documents.
 */
export interface PlanModel {
    readonly key: PlanKey;
    readonly root: URI;
    readonly hasMasterplan: boolean;
    readonly documents: readonly LangiumDocument[];
    readonly masterplans: readonly Masterplan[];
    /** The plan's masterplan (the first, if several are declared). */
    readonly masterplan?: Masterplan;
    readonly period?: YearSpan;
    /** The RPJMD the masterplan aligns with (or the only one declared). */
    readonly rpjmd?: Rpjmd;
    readonly framework?: Framework;
    readonly owners: readonly Owner[];
    readonly rpjmds: readonly Rpjmd[];
    readonly pillars: readonly Pillar[];
    readonly workshops: readonly Workshop[];
    readonly readiness: readonly ReadinessSummary[];
    readonly frameworks: readonly Framework[];
    readonly initiatives: readonly InitiativeFacts[];
    readonly programmes: readonly InitiativeFacts[];
    readonly quickWins: readonly InitiativeFacts[];
    /** Facts by node. */
    initiative(node: Initiative): InitiativeFacts | undefined;
    /** RPJMD periods by RPJMD. */
    rpjmdPeriod(rpjmd: Rpjmd): YearSpan | undefined;
    /** The objectives of the aligned RPJMD (or of all RPJMDs when none is named), in document order. */
    readonly objectives: readonly ObjectiveFacts[];
    readonly unservedObjectives: readonly ObjectiveFacts[];
    /** Facts of any objective of any RPJMD in the plan. */
    objective(node: RpjmdObjective): ObjectiveFacts | undefined;
    /** Whether an objective belongs to the aligned RPJMD, and so should be served. */
    isAligned(node: RpjmdObjective): boolean;
    /** Every sum of money in the plan, read. */
    money(node: Money): MoneyValue;
    readonly budget: BudgetRollup;
    readonly ownerUsage: ReadonlyMap<Owner, OwnerUsage>;
    /** Dependency cycles, each as the list of its members in `after` order. */
    readonly cycles: readonly (readonly Initiative[])[];
    /** The dependency cycle an initiative is part of. */
    cycleOf(node: Initiative): readonly Initiative[] | undefined;
    /** RPJMD programs that reuse the code of an earlier program of the same RPJMD, with that program. */
    readonly duplicateCodes: ReadonlyMap<RpjmdProgram, RpjmdProgram>;
    /** Pillars per dimension of the plan's framework. */
    readonly coverage: ReadonlyMap<Dimension, readonly Pillar[]>;
    /** Declarations that share a name with an earlier one, with that first declaration. */
    readonly duplicates: ReadonlyMap<AstNode, { name: string; first: AstNode }>;
    /** Every name declared in the plan, as `declaredName` gives it, with its first declaration. */
    readonly declarations: ReadonlyMap<string, AstNode>;
    readonly counts: { pillars: number; programmes: number; quickWins: number; owners: number; objectives: number };
}

/** Builds the model of a plan from its documents. Linear in the size of the plan. */
export function buildPlanModel(members: PlanMembers): PlanModel {
    const steps = planModelSteps(members);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
}

/**
 * Builds the model of a plan as `buildPlanModel` does, letting other work run (and stopping when
 * cancelled) between documents and pillars: on a plan of many megabytes the model takes a few hundred
 * milliseconds, which the editor must not spend without answering.
 */
export async function buildPlanModelAsync(members: PlanMembers, cancelToken: CancellationToken): Promise<PlanModel> {
    const steps = planModelSteps(members);
    let step = steps.next();
    while (!step.done) {
        await interruptAndCheck(cancelToken);
        step = steps.next();
    }
    return step.value;
}

/** The work of building a plan model, in steps: one per document read, one per pillar's initiatives, one per section of what is derived from them. */
function* planModelSteps(members: PlanMembers): Generator<void, PlanModel, void> {
    const masterplans: Masterplan[] = [];
    const owners: Owner[] = [];
    const rpjmds: Rpjmd[] = [];
    const pillars: Pillar[] = [];
    const workshops: Workshop[] = [];
    const readinessNodes: Readiness[] = [];
    const frameworks: Framework[] = [];
    const names = new Map<string, AstNode>();
    const duplicates = new Map<AstNode, { name: string; first: AstNode }>();
    const declare = (node: AstNode) => {
        const name = declaredName(node);
        if (!name) return;
        const first = names.get(name);
        if (first) duplicates.set(node, { name, first });
        else names.set(name, node);
    };

    const documents = [...members.documents].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    for (const doc of documents) {
        yield;
        const root = doc.parseResult?.value as Document | undefined;
        for (const element of root?.elements ?? []) {
            if (isMasterplan(element)) masterplans.push(element);
            else if (isOwner(element)) owners.push(element);
            else if (isRpjmd(element)) rpjmds.push(element);
            else if (isPillar(element)) pillars.push(element);
            else if (isWorkshop(element)) workshops.push(element);
            else if (isReadiness(element)) readinessNodes.push(element);
            else if (isFramework(element)) frameworks.push(element);
            declare(element);
            if (isRpjmd(element)) {
                forEachRpjmdItem(element, node => declare(node));
            } else if (isPillar(element)) {
                for (const initiative of element.initiatives) declare(initiative);
            } else if (isFramework(element)) {
                for (const dimension of element.dimensions) {
                    declare(dimension);
                    for (const el of dimension.elements) declare(el);
                }
            } else if (isReadiness(element)) {
                for (const aspect of element.aspects) declare(aspect);
            }
        }
    }

    const masterplan = masterplans[0];
    const periodResult = readYearRange(masterplan?.period);
    const period = periodResult?.ok ? periodResult.span : undefined;

    const readBudget = (budget: Budget | undefined): Map<number, number> => {
        const byYear = new Map<number, number>();
        for (const entry of budget?.entries ?? []) {
            if (!entry.amount) continue;
            const value = readMoney(entry.amount);
            if (value.ok && Number.isInteger(entry.year)) {
                byYear.set(entry.year, (byYear.get(entry.year) ?? 0) + value.rupiah);
            }
        }
        return byYear;
    };

    yield;
    // RPJMD periods and objectives
    const rpjmdPeriods = new Map<Rpjmd, YearSpan | undefined>();
    for (const rpjmd of rpjmds) {
        const result = readYearRange(rpjmd.period);
        rpjmdPeriods.set(rpjmd, result?.ok ? result.span : undefined);
    }
    const alignedRpjmd = masterplan?.rpjmd?.ref ?? (rpjmds.length === 1 ? rpjmds[0] : undefined);
    const objectiveFacts = new Map<RpjmdObjective, ObjectiveFacts>();
    for (const rpjmd of rpjmds) {
        forEachRpjmdItem(rpjmd, (node, path) => {
            if (isRpjmdObjective(node)) {
                objectiveFacts.set(node, { node, rpjmd, path, servedBy: [], programs: [] });
            }
        });
    }
    for (const rpjmd of rpjmds) {
        for (const program of rpjmd.programs) {
            for (const ref of program.serves) {
                const objective = ref.ref;
                if (objective) objectiveFacts.get(objective)?.programs.push(program);
            }
        }
    }

    yield;
    // owners
    const ownerUsage = new Map<Owner, OwnerUsage>();
    for (const owner of owners) {
        ownerUsage.set(owner, { owns: [], partners: [], implements: [], rpjmdPrograms: [], workshops: [], readinessItems: [] });
    }
    const use = (owner: Owner | undefined, role: keyof OwnerUsage, node: AstNode) => {
        if (owner) (ownerUsage.get(owner)?.[role] as AstNode[] | undefined)?.push(node);
    };
    for (const rpjmd of rpjmds) for (const program of rpjmd.programs) use(program.owner?.ref, 'rpjmdPrograms', program);
    for (const workshop of workshops) for (const p of workshop.participants) use(p.ref, 'workshops', workshop);

    // initiatives
    const initiatives: InitiativeFacts[] = [];
    const factsByNode = new Map<Initiative, InitiativeFacts>();
    for (const pillar of pillars) {
        yield;
        for (const node of pillar.initiatives) {
            const yearsResult = readYearRange(node.years);
            const budgetByYear = readBudget(node.budget);
            let budgetTotal = 0;
            for (const value of budgetByYear.values()) budgetTotal += value;
            const supports = node.supports.map(ref => ref.ref).filter((x): x is RpjmdItem => x !== undefined);
            const objectives = new Set<RpjmdObjective>();
            for (const item of supports) {
                if (isRpjmdObjective(item)) objectives.add(item);
                else if (isRpjmdProgram(item)) for (const ref of item.serves) if (ref.ref) objectives.add(ref.ref);
            }
            const facts: InitiativeFacts = {
                node,
                kind: isProgramme(node) ? 'programme' : 'quickwin',
                pillar,
                years: yearsResult?.ok ? yearsResult.span : undefined,
                budgetByYear,
                budgetTotal,
                owner: node.owner?.ref,
                partners: node.partners.map(ref => ref.ref).filter((x): x is Owner => x !== undefined),
                implementers: node.implementers.map(ref => ref.ref).filter((x): x is Owner => x !== undefined),
                elements: node.elements.map(ref => ref.ref).filter((x): x is Element => x !== undefined),
                supports,
                objectives: [...objectives],
                dependsOn: node.after.map(ref => ref.ref).filter((x): x is Initiative => x !== undefined),
                dependents: [],
            };
            initiatives.push(facts);
            factsByNode.set(node, facts);
            for (const objective of objectives) objectiveFacts.get(objective)?.servedBy.push(node);
            use(facts.owner, 'owns', node);
            for (const p of facts.partners) use(p, 'partners', node);
            for (const p of facts.implementers) use(p, 'implements', node);
        }
    }
    for (const facts of initiatives) {
        for (const dep of facts.dependsOn) factsByNode.get(dep)?.dependents.push(facts.node);
    }

    yield;
    // readiness
    const readiness = readinessNodes.map(node => summariseReadiness(node, use));

    yield;
    // budget roll-up
    const byYear = new Map<number, number>();
    const byPillar = new Map<Pillar, number>();
    const byOwner = new Map<Owner, number>();
    const byYearAndPillar = new Map<number, Map<Pillar, number>>();
    let total = 0;
    for (const facts of initiatives) {
        for (const [year, value] of facts.budgetByYear) {
            total += value;
            byYear.set(year, (byYear.get(year) ?? 0) + value);
            byPillar.set(facts.pillar, (byPillar.get(facts.pillar) ?? 0) + value);
            if (facts.owner) byOwner.set(facts.owner, (byOwner.get(facts.owner) ?? 0) + value);
            let row = byYearAndPillar.get(year);
            if (!row) byYearAndPillar.set(year, row = new Map());
            row.set(facts.pillar, (row.get(facts.pillar) ?? 0) + value);
        }
    }

    yield;
    // framework coverage
    const framework = masterplan?.framework?.ref;
    const coverage = new Map<Dimension, Pillar[]>();
    for (const dimension of framework?.dimensions ?? []) coverage.set(dimension, []);
    for (const pillar of pillars) {
        const dimension = pillar.dimension?.ref;
        if (dimension) coverage.get(dimension)?.push(pillar);
    }

    const objectives = [...objectiveFacts.values()].filter(o => !alignedRpjmd || o.rpjmd === alignedRpjmd);
    yield;
    const cycles = findCycles(initiatives);
    const cycleByNode = new Map<Initiative, Initiative[]>();
    for (const cycle of cycles) for (const member of cycle) cycleByNode.set(member, cycle);
    const duplicateCodes = new Map<RpjmdProgram, RpjmdProgram>();
    for (const rpjmd of rpjmds) {
        const firstByCode = new Map<string, RpjmdProgram>();
        for (const program of rpjmd.programs) {
            if (program.code === undefined) continue;
            const first = firstByCode.get(program.code);
            if (first) duplicateCodes.set(program, first);
            else firstByCode.set(program.code, program);
        }
    }
    const programmes = initiatives.filter(f => f.kind === 'programme');
    const quickWins = initiatives.filter(f => f.kind === 'quickwin');

    return {
        key: members.key,
        root: members.root,
        hasMasterplan: members.hasMasterplan,
        documents,
        masterplans,
        masterplan,
        period,
        rpjmd: alignedRpjmd,
        framework,
        owners,
        rpjmds,
        pillars,
        workshops,
        readiness,
        frameworks,
        initiatives,
        programmes,
        quickWins,
        initiative: node => factsByNode.get(node),
        rpjmdPeriod: rpjmd => rpjmdPeriods.get(rpjmd),
        objectives,
        unservedObjectives: objectives.filter(o => o.servedBy.length === 0),
        objective: node => objectiveFacts.get(node),
        isAligned: node => { const facts = objectiveFacts.get(node); return facts !== undefined && (!alignedRpjmd || facts.rpjmd === alignedRpjmd); },
        money: readMoney,
        budget: { total, byYear: sortByKey(byYear), byPillar, byOwner, byYearAndPillar: sortByKey(byYearAndPillar) },
        ownerUsage,
        cycles,
        cycleOf: node => cycleByNode.get(node),
        duplicateCodes,
        coverage,
        duplicates,
        declarations: names,
        counts: { pillars: pillars.length, programmes: programmes.length, quickWins: quickWins.length, owners: owners.length, objectives: objectives.length },
    };
}

/**
 * The name under which a declaration takes its place in the plan's one namespace, or undefined for
 * what declares no name there: the simple name of a top-level declaration (masterplan, owner, RPJMD,
 * pillar, workshop, framework), a programme, a quick win, a dimension or an element; the path of an
 * RPJMD item from its RPJMD (`RPJMD2019.M1.G1.O1`, `RPJMD2019.P21603`); `readiness.<name>` for a
 * readiness aspect. Two declarations with the same name here are a duplicate-name.
 *
 * `renamed` gives one node a name other than its own, to ask what the name would be after a rename
 * (of the node itself, or of the RPJMD item or RPJMD above it).
 */
export function declaredName(node: AstNode, renamed?: { node: AstNode; name: string }): string | undefined {
    const nameOf = (n: AstNode) => (n === renamed?.node ? renamed.name : (n as { name?: string }).name) || undefined;
    if (isRpjmdMission(node) || isRpjmdGoal(node) || isRpjmdObjective(node) || isRpjmdProgram(node)) {
        const segments: string[] = [];
        let current: AstNode | undefined = node;
        for (; current && !isRpjmd(current); current = current.$container) {
            const name = nameOf(current);
            if (!name) return undefined;
            segments.unshift(name);
        }
        const rpjmd = current && nameOf(current);
        return rpjmd ? `${rpjmd}.${segments.join('.')}` : undefined;
    }
    if (isAspect(node)) {
        const name = nameOf(node);
        return name && `readiness.${name}`;
    }
    if (isReadiness(node)) return undefined;
    if (isDocument(node.$container) || isInitiative(node) || isDimension(node) || isElement(node)) return nameOf(node);
    return undefined;
}

function summariseReadiness(node: Readiness, use: (owner: Owner | undefined, role: keyof OwnerUsage, node: AstNode) => void): ReadinessSummary {
    const defaultScale = node.scale !== undefined && Number.isInteger(node.scale) && node.scale > 0 ? node.scale : 5;
    const all: ScoredItem[] = [];
    const aspects = node.aspects.map(aspect => {
        const items = aspect.items.map(item => {
            use(item.owner?.ref, 'readinessItems', item);
            const scale: number = item.scale ?? defaultScale;
            const score = parseNumber(item.score);
            const valid = score !== undefined && Number.isInteger(scale) && scale > 0 && score >= 0 && score <= scale;
            const scored: ScoredItem = { node: item, aspect, score, scale, ratio: valid ? score / scale : undefined };
            all.push(scored);
            return scored;
        });
        return { node: aspect, items, average: mean(items.map(i => i.ratio)) };
    });
    const weakest = all.filter(i => i.ratio !== undefined).sort((a, b) => a.ratio! - b.ratio!).slice(0, 5);
    return { node, scale: defaultScale, aspects, average: mean(all.map(i => i.ratio)), weakest };
}

function mean(values: Array<number | undefined>): number | undefined {
    const valid = values.filter((v): v is number => v !== undefined);
    return valid.length === 0 ? undefined : valid.reduce((a, b) => a + b, 0) / valid.length;
}

function sortByKey<V>(map: Map<number, V>): Map<number, V> {
    return new Map([...map.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Strongly connected components of the `after` graph (Tarjan, iterative), each cycle listed from its
 * first declared member along the `after` links.
 */
export function findCycles(initiatives: readonly InitiativeFacts[]): Initiative[][] {
    const index = new Map<Initiative, number>();
    const low = new Map<Initiative, number>();
    const onStack = new Set<Initiative>();
    const stack: Initiative[] = [];
    const facts = new Map(initiatives.map(f => [f.node, f]));
    const components: Initiative[][] = [];
    let counter = 0;
    for (const start of initiatives) {
        if (index.has(start.node)) continue;
        const work: Array<{ node: Initiative; next: number }> = [{ node: start.node, next: 0 }];
        index.set(start.node, counter); low.set(start.node, counter); counter++;
        stack.push(start.node); onStack.add(start.node);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const deps = facts.get(frame.node)?.dependsOn ?? [];
            if (frame.next < deps.length) {
                const dep = deps[frame.next++];
                if (!facts.has(dep)) continue;
                if (!index.has(dep)) {
                    index.set(dep, counter); low.set(dep, counter); counter++;
                    stack.push(dep); onStack.add(dep);
                    work.push({ node: dep, next: 0 });
                } else if (onStack.has(dep)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(dep)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const component: Initiative[] = [];
                let member: Initiative;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.node);
                const selfLoop = component.length === 1 && (facts.get(component[0])?.dependsOn.includes(component[0]) ?? false);
                if (component.length > 1 || selfLoop) components.push(orderCycle(component, facts));
            }
        }
    }
    return components;
}

/** Orders a strongly connected component as a walk along `after` links from its first declared member. */
function orderCycle(component: Initiative[], facts: Map<Initiative, InitiativeFacts>): Initiative[] {
    const members = new Set(component);
    const order = initiativesInOrder(component, facts);
    const result: Initiative[] = [order[0]];
    const visited = new Set(result);
    let current = order[0];
    for (;;) {
        const next = facts.get(current)?.dependsOn.find(dep => members.has(dep) && !visited.has(dep));
        if (!next) break;
        result.push(next);
        visited.add(next);
        current = next;
    }
    for (const member of order) if (!visited.has(member)) result.push(member);
    return result;
}

function initiativesInOrder(component: Initiative[], facts: Map<Initiative, InitiativeFacts>): Initiative[] {
    const position = new Map([...facts.keys()].map((node, i) => [node, i]));
    return [...component].sort((a, b) => position.get(a)! - position.get(b)!);
}
