/**
 * Checks are called directly (src/validation/registry.ts): a check that throws, or whose promise
 * rejects, still becomes an error on its node, as with Langium's own registry, and the others run.
 */
import { EmptyFileSystem, type AstNode, type ValidationAcceptor } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

describe('the validation registry', () => {
    test('reports a check that throws and one whose promise rejects on their nodes; other checks still run', async () => {
        const services = createMasterplanServices(EmptyFileSystem);
        const seen: string[] = [];
        services.Masterplan.validation.ValidationRegistry.register({
            Owner: [
                (node: AstNode) => { throw new Error(`broken check on ${(node as AstNode & { name: string }).name}`); },
                async () => { throw new Error('broken async check'); },
                (node: AstNode, accept: ValidationAcceptor) => { seen.push((node as AstNode & { name: string }).name); accept('hint', 'still checked', { node }); },
            ],
        });
        const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const result = await validateFiles(MINIMAL_PLAN, services);
            const messages = [...result.diagnostics.values()].flat().map(d => d.message);
            expect(messages.filter(m => m.startsWith('An error occurred during validation: broken check on '))).toHaveLength(seen.length);
            expect(messages.filter(m => m === 'An error occurred during validation: broken async check')).toHaveLength(seen.length);
            expect(messages.filter(m => m === 'still checked')).toHaveLength(seen.length);
            expect(seen.length).toBeGreaterThan(0);
        } finally {
            quiet.mockRestore();
        }
    });
});
