import type { MasterplanServices } from '../language/module.js';
import { AlignmentChecks } from './alignment.js';
import { CheckContext } from './context.js';
import { DependencyChecks } from './dependencies.js';
import { FrameworkChecks } from './framework.js';
import { NameChecks } from './names.js';
import { OwnershipChecks } from './ownership.js';
import { PeriodChecks } from './periods.js';

/** Registers every group of checks in the language's validation registry. */
export function registerChecks(services: MasterplanServices): void {
    const registry = services.validation.ValidationRegistry;
    const ctx = new CheckContext(services);
    for (const group of [new NameChecks(ctx), new PeriodChecks(ctx), new AlignmentChecks(ctx), new OwnershipChecks(ctx), new DependencyChecks(ctx), new FrameworkChecks(ctx)]) {
        registry.register(group.checks(), group);
    }
}
