/**
 * The shapes of the parameters the language server accepts, checked before any handler sees them
 * (see protocol-guard.ts). Each check returns what is wrong, in words, or undefined when the
 * parameters are usable; it checks what the handlers read, not every optional field of the LSP.
 */
import { BookHtmlRequest, BookOutlineRequest } from './protocol.js';

type Problem = string | undefined;
type Check = (value: unknown, at: string) => Problem;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** A check of an object's fields; a field whose check is marked optional may be missing (or null, if `nullable`). */
function object(fields: Record<string, Check | { check: Check; optional: true; nullable?: boolean }>): Check {
    return (value, at) => {
        if (!isObject(value)) return `${at} must be an object, not ${describe(value)}`;
        for (const [name, field] of Object.entries(fields)) {
            const { check, optional, nullable } = typeof field === 'function' ? { check: field, optional: false, nullable: false } : field;
            const fieldValue = value[name];
            if (fieldValue === undefined && optional) continue;
            if (fieldValue === null && nullable) continue;
            const problem = check(fieldValue, `${at}.${name}`);
            if (problem) return problem;
        }
        return undefined;
    };
}

const optional = (check: Check, nullable = false) => ({ check, optional: true as const, nullable });

const string: Check = (value, at) => (typeof value === 'string' ? undefined : `${at} must be a string, not ${describe(value)}`);
const boolean: Check = (value, at) => (typeof value === 'boolean' ? undefined : `${at} must be a boolean, not ${describe(value)}`);
const anyObject: Check = (value, at) => (isObject(value) ? undefined : `${at} must be an object, not ${describe(value)}`);
const integer: Check = (value, at) => (Number.isSafeInteger(value) ? undefined : `${at} must be an integer, not ${describe(value)}${typeof value === 'number' ? ` ${value}` : ''}`);
const natural: Check = (value, at) => integer(value, at) ?? ((value as number) < 0 ? `${at} must not be negative (${String(value)})` : undefined);
const oneOf = (...allowed: unknown[]): Check => (value, at) =>
    (allowed.includes(value) ? undefined : `${at} must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(value) ?? 'undefined'}`);
const arrayOf = (element: Check): Check => (value, at) => {
    if (!Array.isArray(value)) return `${at} must be an array, not ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
        const problem = element(value[i], `${at}[${i}]`);
        if (problem) return problem;
    }
    return undefined;
};

export const position = object({ line: natural, character: natural });
export const range = object({ start: position, end: position });
const textDocumentIdentifier = object({ uri: string });
const withDocument = (fields: Parameters<typeof object>[0] = {}) => object({ textDocument: textDocumentIdentifier, ...fields });
const atPosition = (fields: Parameters<typeof object>[0] = {}) => withDocument({ position, ...fields });
const inRange = (fields: Parameters<typeof object>[0] = {}) => withDocument({ range, ...fields });
const formattingOptions = object({ tabSize: natural, insertSpaces: boolean });
const hierarchyItem = object({ uri: string, range, selectionRange: range });
const workspaceFolder = object({ uri: string, name: string });

/** Requests whose parameters are checked (others pass as they are); `shutdown` takes none. */
const requests: Record<string, Check> = {
    'initialize': object({
        processId: optional(integer, true),
        rootUri: optional(string, true),
        rootPath: optional(string, true),
        capabilities: anyObject,
        workspaceFolders: optional(arrayOf(workspaceFolder), true),
        trace: optional(string, true),
    }),
    'textDocument/hover': atPosition(),
    'textDocument/completion': atPosition({ context: optional(object({ triggerKind: integer, triggerCharacter: optional(string) })) }),
    'textDocument/signatureHelp': atPosition(),
    'textDocument/definition': atPosition(),
    'textDocument/declaration': atPosition(),
    'textDocument/typeDefinition': atPosition(),
    'textDocument/implementation': atPosition(),
    'textDocument/references': atPosition({ context: object({ includeDeclaration: boolean }) }),
    'textDocument/documentHighlight': atPosition(),
    'textDocument/prepareRename': atPosition(),
    'textDocument/rename': atPosition({ newName: string }),
    'textDocument/linkedEditingRange': atPosition(),
    'textDocument/moniker': atPosition(),
    'textDocument/prepareCallHierarchy': atPosition(),
    'textDocument/prepareTypeHierarchy': atPosition(),
    'textDocument/onTypeFormatting': atPosition({ ch: string, options: formattingOptions }),
    'textDocument/codeAction': inRange({ context: object({ diagnostics: arrayOf(anyObject), only: optional(arrayOf(string)) }) }),
    'textDocument/rangeFormatting': inRange({ options: formattingOptions }),
    'textDocument/semanticTokens/range': inRange(),
    'textDocument/inlayHint': inRange(),
    'textDocument/inlineValue': inRange(),
    'textDocument/colorPresentation': inRange(),
    'textDocument/formatting': withDocument({ options: formattingOptions }),
    'textDocument/semanticTokens/full/delta': withDocument({ previousResultId: string }),
    'textDocument/selectionRange': withDocument({ positions: arrayOf(position) }),
    'textDocument/willSaveWaitUntil': withDocument({ reason: integer }),
    'callHierarchy/incomingCalls': object({ item: hierarchyItem }),
    'callHierarchy/outgoingCalls': object({ item: hierarchyItem }),
    'typeHierarchy/supertypes': object({ item: hierarchyItem }),
    'typeHierarchy/subtypes': object({ item: hierarchyItem }),
    'workspace/symbol': object({ query: string }),
    'workspace/executeCommand': object({ command: string, arguments: optional(arrayOf(() => undefined)) }),
    'completionItem/resolve': object({ label: string }),
    'codeAction/resolve': object({ title: string }),
    'codeLens/resolve': object({ range }),
    'documentLink/resolve': object({ range }),
    'inlayHint/resolve': object({ position }),
    [BookHtmlRequest]: object({ uri: string, book: oneOf(1, 2, 3), language: oneOf('id', 'en') }),
    [BookOutlineRequest]: object({ uri: string, book: oneOf(1, 2, 3), language: oneOf('id', 'en') }),
};

/** Any other request about a document (symbols, folding, lenses, links, semantic tokens...) names it. */
const anyDocumentRequest = withDocument();

/** A change of a document's text: the whole text, or a range (with integer, non-negative positions) and its new text. */
const contentChange: Check = (value, at) => {
    if (!isObject(value)) return `${at} must be an object, not ${describe(value)}`;
    // `range: null` would count as a range change in TextDocuments; only an absent range means the whole text.
    if (value.range === undefined) return string(value.text, `${at}.text`);
    return object({ range, rangeLength: optional(natural), text: string })(value, at);
};

/** Notifications whose parameters are checked (others pass as they are). */
const notifications: Record<string, Check> = {
    'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
    'textDocument/didChange': object({ textDocument: object({ uri: string, version: integer }), contentChanges: arrayOf(contentChange) }),
    'textDocument/didClose': withDocument(),
    'textDocument/didSave': withDocument({ text: optional(string) }),
    'textDocument/willSave': withDocument({ reason: integer }),
    'workspace/didChangeWatchedFiles': object({ changes: arrayOf(object({ uri: string, type: oneOf(1, 2, 3) })) }),
    'workspace/didChangeConfiguration': anyObject,
    'workspace/didChangeWorkspaceFolders': object({ event: object({ added: arrayOf(workspaceFolder), removed: arrayOf(workspaceFolder) }) }),
    '$/setTrace': object({ value: oneOf('off', 'messages', 'verbose') }),
};

/** What is wrong with a request's parameters, or undefined (also for requests this module does not know). */
export function requestParamsProblem(method: string, params: unknown): Problem {
    const check = requests[method] ?? (method.startsWith('textDocument/') ? anyDocumentRequest : undefined);
    return check?.(params, 'params');
}

/** What is wrong with a notification's parameters, or undefined (also for notifications this module does not know). */
export function notificationParamsProblem(method: string, params: unknown): Problem {
    const check = notifications[method];
    return check?.(params, 'params');
}
