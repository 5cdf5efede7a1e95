import type { TextDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';

/**
 * Moves diagnostics of a document's previous text onto its new text, for the time between a
 * keystroke and the end of the plan-wide pass (see `MasterplanDocumentBuilder`): the edit is the
 * span between the longest common prefix and suffix of the two texts; a diagnostic before it keeps
 * its place, one after it moves with the text, one that touches it is dropped (it is about text
 * that changed). The moved ones are marked `carried` in their data.
 */
export function carryDiagnostics(diagnostics: readonly Diagnostic[], before: TextDocument, after: TextDocument): Diagnostic[] {
    if (diagnostics.length === 0) return [];
    const oldText = before.getText();
    const newText = after.getText();
    const limit = Math.min(oldText.length, newText.length);
    // The suffix first: where a repeated text makes the edit ambiguous (deleting one of two lines
    // that start alike), it places the edit at the end of the earlier line rather than at the start
    // of the later one, where names and so diagnostics usually sit.
    let suffix = 0;
    while (suffix < limit && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    let prefix = 0;
    while (prefix < limit - suffix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
    const editEnd = oldText.length - suffix;
    const delta = newText.length - oldText.length;
    const carried: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
        const start = before.offsetAt(diagnostic.range.start);
        const end = before.offsetAt(diagnostic.range.end);
        let moved: Diagnostic['range'];
        if (end < prefix) {
            moved = diagnostic.range;
        } else if (start > editEnd) {
            moved = { start: after.positionAt(start + delta), end: after.positionAt(end + delta) };
        } else {
            continue;
        }
        carried.push({ ...diagnostic, range: moved, data: { ...(diagnostic.data as object | undefined), carried: true } });
    }
    return carried;
}

/** Whether a diagnostic was carried over from a previous text and awaits its check's new verdict. */
export function isCarried(diagnostic: Diagnostic): boolean {
    return (diagnostic.data as { carried?: boolean } | undefined)?.carried === true;
}
