import type { ValidationCategory } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';

/**
 * The two kinds of checks, as Langium validation categories:
 * - `fast` checks read a node, its document and the targets of its references. After a keystroke
 *   the editor runs them on the edited file alone, before anything else.
 * - `plan` checks read the plan model (unused owners, unserved objectives, dependency cycles,
 *   duplicate names, the plan period...), so they depend on every file of the plan. The editor runs
 *   them in a second, cancellable pass over the whole plan.
 * The command line always runs both.
 */
export const PLAN_CATEGORY: ValidationCategory = 'plan';

/** The categories of the first pass after a keystroke. */
export const FIRST_PASS_CATEGORIES: ValidationCategory[] = ['built-in', 'fast'];

/** Every category a build runs. */
export const ALL_CATEGORIES: ValidationCategory[] = ['built-in', 'fast', PLAN_CATEGORY];

/** Whether a diagnostic came from a plan check (they carry `category: 'plan'` in their data). */
export function isPlanDiagnostic(diagnostic: Diagnostic): boolean {
    return (diagnostic.data as { category?: string } | undefined)?.category === PLAN_CATEGORY;
}
