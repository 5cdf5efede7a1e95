import { DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import type { LangiumCoreServices } from 'langium';
import { isFramework, isPillar, isReadiness, isRpjmd, type Document, type Rpjmd } from './generated/ast.js';

/**
 * Decides which names a document offers to the rest of its plan.
 *
 * Owners, pillars, programmes, quick wins, workshops, frameworks, dimensions (and their aliases) and
 * elements are exported under their simple names; RPJMD items under a path from their RPJMD
 * (`RPJMD2019.M1.G1.O1`). Inside an `rpjmd` block the same items are also visible by the path
 * relative to it (`M1.G1.O1`), so a program can say which objectives it serves briefly.
 * Only declarations are visited, never expressions, so the work is linear in the number of names.
 */
export class MasterplanScopeComputation extends DefaultScopeComputation {
    constructor(services: LangiumCoreServices) {
        super(services);
    }

    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const add = (node: AstNode, name: string | undefined) => {
            if (name) {
                exports.push(this.descriptions.createDescription(node, name, document));
            }
        };
        const root = document.parseResult.value as Document;
        for (const element of root.elements ?? []) {
            if (isReadiness(element)) {
                continue;
            }
            add(element, element.name);
            if (isRpjmd(element)) {
                forEachRpjmdItem(element, (node, path) => add(node, `${element.name}.${path}`));
            } else if (isPillar(element)) {
                for (const initiative of element.initiatives) {
                    add(initiative, initiative.name);
                }
            } else if (isFramework(element)) {
                for (const dimension of element.dimensions) {
                    add(dimension, dimension.name);
                    for (const alias of dimension.aliases) {
                        add(dimension, alias.name);
                    }
                    for (const el of dimension.elements) {
                        add(el, el.name);
                    }
                }
            }
        }
        return exports;
    }

    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const root = document.parseResult.value as Document;
        for (const element of root.elements ?? []) {
            if (isRpjmd(element)) {
                forEachRpjmdItem(element, (node, path) => {
                    symbols.add(element, this.descriptions.createDescription(node, path, document));
                });
            }
        }
        return symbols;
    }
}

/** Visits every named item of an RPJMD with its path relative to the RPJMD (`M1`, `M1.G1`, `M1.G1.O1`, `P21602`). */
export function forEachRpjmdItem(rpjmd: Rpjmd, visit: (node: AstNode, path: string) => void): void {
    for (const mission of rpjmd.missions) {
        if (!mission.name) continue;
        visit(mission, mission.name);
        for (const goal of mission.goals) {
            if (!goal.name) continue;
            const goalPath = `${mission.name}.${goal.name}`;
            visit(goal, goalPath);
            for (const objective of goal.objectives) {
                if (objective.name) {
                    visit(objective, `${goalPath}.${objective.name}`);
                }
            }
        }
    }
    for (const program of rpjmd.programs) {
        if (program.name) {
            visit(program, program.name);
        }
    }
}
