import { isOperationCancelled, ValidationRegistry, type AstNode, type MaybePromise, type ValidationAcceptor, type ValidationCheck } from 'langium';

/**
 * Langium's validation registry, with checks called directly.
 *
 * Langium wraps every check in two async functions (one to catch its errors), so each check on each
 * node costs three promises even though all our checks are synchronous; a 12 MB plan has a million
 * nodes and at least two checks apply to every node. Here a check that returns nothing costs nothing
 * more, one that returns a promise is awaited as before, and an error is reported the same way.
 */
export class MasterplanValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken): MaybePromise<void> => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                this.reportCheckError(error, accept, node);
                return undefined;
            }
            if (result && typeof (result as Promise<void>).then === 'function') {
                return (result as Promise<void>).then(undefined, (error: unknown) => this.reportCheckError(error, accept, node));
            }
            return undefined;
        };
    }

    /** As Langium's `handleException`: cancellation goes on; any other error becomes a diagnostic on the node. */
    private reportCheckError(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) throw error;
        const messageContext = 'An error occurred during validation';
        console.error(`${messageContext}:`, error);
        if (error instanceof Error && error.stack) console.error(error.stack);
        const details = error instanceof Error ? error.message : String(error);
        accept('error', `${messageContext}: ${details}`, { node });
    }
}
