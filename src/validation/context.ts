import { AstUtils, type AstNode, type Properties, type ValidationAcceptor } from 'langium';
import type { MasterplanServices } from '../language/module.js';
import type { PlanModel } from '../model/plan-model.js';
import type { Range } from 'vscode-languageserver';
import { describeCode, type Code } from './codes.js';

/**
 * What every group of checks needs: the plan model of the node's plan, and a way to report a
 * diagnostic by its code (the severity comes from the catalogue, so it is stated once).
 */
export class CheckContext {
    /** Taken from the services on first use (each access goes through the injector's proxies, and checks ask per node). */
    private models?: MasterplanServices['model']['PlanModels'];

    constructor(private readonly services: MasterplanServices) {}

    /** The model of the plan the node belongs to. */
    plan(node: AstNode): PlanModel | undefined {
        this.models ??= this.services.model.PlanModels;
        return this.models.forDocument(AstUtils.getDocument(node));
    }

    report<N extends AstNode>(
        accept: ValidationAcceptor,
        code: Code,
        message: string,
        node: N,
        where: { property?: Properties<N>; index?: number; range?: Range; data?: Record<string, unknown> } = {},
    ): void {
        const entry = describeCode(code)!;
        accept(entry.severity, message, {
            node,
            property: where.property,
            index: where.index,
            range: where.range,
            code,
            data: { code, ...where.data },
        });
    }
}
