/** The commands: the book preview, generating books, a new plan, validating the workspace, restarting the server. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BookNumber, Language } from '../books/outline.js';
import { existingPlanFiles, FIRST_START_YEAR, LAST_START_YEAR, newPlanFiles, planNameProblem, regionProblem, suggestPlanName, toIdentifier } from '../language/new-plan.js';
import { writeFileAtomic } from '../cli/write-file.js';
import type { MasterplanClient } from './client.js';
import type { BookPreviewManager } from './preview.js';
import { runCli } from './cli.js';
import { bookTitle, findPlanRoot } from './util.js';

export interface CommandContext {
    client: MasterplanClient;
    previews: BookPreviewManager;
    output: vscode.OutputChannel;
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
    const register = (id: string, handler: (...args: any[]) => unknown) =>
        context.subscriptions.push(vscode.commands.registerCommand(id, handler));

    register('masterplan.showPreview', (uri?: vscode.Uri) => showPreview(ctx, uri, false));
    register('masterplan.showPreviewToSide', (uri?: vscode.Uri) => showPreview(ctx, uri, true));
    register('masterplan.generateBooks', (uri?: vscode.Uri) => generateBooks(context, ctx, uri));
    register('masterplan.newPlan', (uri?: vscode.Uri) => newPlan(uri));
    register('masterplan.validateWorkspace', () => validateWorkspace(context, ctx));
    register('masterplan.restartServer', async () => {
        await ctx.client.restart();
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Masterplan language server restarted'), 3000);
    });
}

/** The plan document a command is about: the one given, the active editor's, the preview's, or none. */
function targetDocument(ctx: CommandContext, uri?: vscode.Uri): vscode.Uri | undefined {
    if (uri instanceof vscode.Uri && uri.path.endsWith('.mplan')) return uri;
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'masterplan') return editor.document.uri;
    if (ctx.previews.current) return ctx.previews.current.documentUri;
    const visible = vscode.window.visibleTextEditors.find(e => e.document.languageId === 'masterplan');
    return visible?.document.uri;
}

async function pickPlanDocument(ctx: CommandContext, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const target = targetDocument(ctx, uri);
    if (target) return target;
    const files = await vscode.workspace.findFiles('**/*.mplan', '**/node_modules/**', 2000);
    if (files.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a .mplan file of a plan first.'));
        return undefined;
    }
    const items = files
        .map(f => ({ label: vscode.workspace.asRelativePath(f), uri: f }))
        .sort((a, b) => a.label.localeCompare(b.label));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which plan? Pick one of its files') });
    return picked?.uri;
}

async function showPreview(ctx: CommandContext, uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const target = await pickPlanDocument(ctx, uri);
    if (target) ctx.previews.show(target, toSide);
}

/** Asks whether to save the plan files with unsaved changes (the CLI reads the files on disk). */
async function saveDirtyPlans(): Promise<boolean> {
    const dirty = vscode.workspace.textDocuments.filter(d => d.isDirty && d.languageId === 'masterplan' && d.uri.scheme === 'file');
    if (dirty.length === 0) return true;
    const save = vscode.l10n.t('Save and Continue');
    const ignore = vscode.l10n.t('Use Saved Files');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Some plan files have unsaved changes. Save them first?'), { modal: true }, save, ignore);
    if (answer === save) {
        for (const document of dirty) await document.save();
        return true;
    }
    return answer === ignore;
}

interface Pick<T> extends vscode.QuickPickItem {
    value: T;
}

async function generateBooks(context: vscode.ExtensionContext, ctx: CommandContext, uri?: vscode.Uri): Promise<void> {
    const document = await pickPlanDocument(ctx, uri);
    if (!document) return;
    if (document.scheme !== 'file') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Save the plan to a folder before generating its books.'));
        return;
    }

    const books: Pick<BookNumber | 'all'>[] = [
        ...([1, 2, 3] as const).map(n => ({ label: bookTitle(n).long, value: n })),
        { label: vscode.l10n.t('All three books'), value: 'all' as const },
    ];
    const book = await vscode.window.showQuickPick(books, { title: vscode.l10n.t('Generate Books (1/3)'), placeHolder: vscode.l10n.t('Which book?') });
    if (!book) return;

    const formats: Pick<'docx' | 'html' | 'md' | 'docx,html,md'>[] = [
        { label: vscode.l10n.t('Word document'), description: '.docx', value: 'docx' },
        { label: vscode.l10n.t('Web page'), description: '.html', value: 'html' },
        { label: vscode.l10n.t('Markdown'), description: '.md', value: 'md' },
        { label: vscode.l10n.t('Word, web page and Markdown'), description: '.docx, .html, .md', value: 'docx,html,md' },
    ];
    const format = await vscode.window.showQuickPick(formats, { title: vscode.l10n.t('Generate Books (2/3)'), placeHolder: vscode.l10n.t('Which format?') });
    if (!format) return;

    const config = vscode.workspace.getConfiguration('masterplan', document);
    const preferred: Language = config.get<string>('books.language', 'id') === 'en' ? 'en' : 'id';
    const languages: Pick<Language>[] = [
        { label: 'Bahasa Indonesia', description: 'id', value: 'id' },
        { label: 'English', description: 'en', value: 'en' },
    ];
    languages.sort((a, b) => (a.value === preferred ? -1 : b.value === preferred ? 1 : 0));
    const language = await vscode.window.showQuickPick(languages, { title: vscode.l10n.t('Generate Books (3/3)'), placeHolder: vscode.l10n.t('Which language?') });
    if (!language) return;

    if (!(await saveDirtyPlans())) return;

    const planRoot = await findPlanRoot(document.fsPath);
    const base = vscode.workspace.getWorkspaceFolder(document)?.uri.fsPath ?? planRoot;
    const outSetting = config.get<string>('books.outputFolder', 'books').trim() || 'books';
    const outDir = path.resolve(base, outSetting);
    const args = ['generate', planRoot, '--book', String(book.value), '--format', format.value, '--lang', language.value, '--out', outDir];

    const run = (extra: string[]) => vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating books…'), cancellable: true },
        (_progress, token) => runCli(context, [...args, ...extra], base, token),
    );
    ctx.output.appendLine(`> mplan ${args.join(' ')}`);
    let result = await run([]);
    log(ctx.output, result);
    if (result.code === 1 && /error/i.test(result.stderr + result.stdout)) {
        const anyway = vscode.l10n.t('Generate Anyway');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('The plan has errors. Generate the books anyway?'), anyway, vscode.l10n.t('Show Problems'));
        if (answer === anyway) {
            ctx.output.appendLine(`> mplan ${args.join(' ')} --force`);
            result = await run(['--force']);
            log(ctx.output, result);
        } else {
            if (answer) await vscode.commands.executeCommand('workbench.actions.view.problems');
            return;
        }
    }
    if (result.code !== 0) {
        const show = vscode.l10n.t('Show Output');
        const first = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        const answer = await vscode.window.showErrorMessage(vscode.l10n.t('The books were not generated: {0}', first), show);
        if (answer === show) ctx.output.show(true);
        return;
    }
    const written = writtenFiles(result.stdout, base);
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    const message = written.length === 1
        ? vscode.l10n.t('Wrote {0}', vscode.workspace.asRelativePath(written[0]))
        : vscode.l10n.t('Wrote {0} files to {1}', written.length || '…', vscode.workspace.asRelativePath(outDir));
    // A Word file is not for the editor: offer to open the first book written in another format.
    const openable = written.find(file => !file.endsWith('.docx'));
    const actions = openable ? [open, reveal] : [reveal];
    const answer = await vscode.window.showInformationMessage(message, ...actions);
    if (answer === open && openable) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(openable));
    if (answer === reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(written[0] ?? outDir));
}

/** The files the CLI reports as written (`wrote <path>` lines). */
function writtenFiles(stdout: string, cwd: string): string[] {
    return stdout.split(/\r?\n/).map(l => /^wrote\s+(.+)$/i.exec(l.trim())?.[1]).filter((f): f is string => !!f).map(f => path.resolve(cwd, f));
}

function log(output: vscode.OutputChannel, result: { code: number; stdout: string; stderr: string }): void {
    if (result.stdout) output.append(result.stdout);
    if (result.stderr) output.append(result.stderr);
    output.appendLine(`(exit ${result.code})`);
}

// ---------------------------------------------------------------- new plan (as `mplan init`)

async function newPlan(uri?: vscode.Uri): Promise<void> {
    let folder: vscode.Uri | undefined;
    if (uri instanceof vscode.Uri && uri.scheme === 'file') {
        const stat = await fs.stat(uri.fsPath).catch(() => undefined);
        folder = stat?.isDirectory() ? uri : vscode.Uri.file(path.dirname(uri.fsPath));
    }
    if (!folder) {
        const picked = await vscode.window.showOpenDialog({
            canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
            defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
            openLabel: vscode.l10n.t('Create Plan Here'),
            title: vscode.l10n.t('Folder of the new plan (empty or new)'),
        });
        folder = picked?.[0];
    }
    if (!folder) return;
    const target = folder.fsPath;

    const existing = await existingPlanFiles(target);
    if (existing.length > 0) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} already holds plan files ({1}); choose an empty or new folder.', target, existing.slice(0, 5).join(', ')));
        return;
    }

    // The same rules as `mplan init`: whatever passes them gives a plan with no diagnostics.
    const region = await vscode.window.showInputBox({
        title: vscode.l10n.t('New Plan (1/3)'),
        prompt: vscode.l10n.t('The region, e.g. "Kabupaten Garut" or "Kota Bandung"'),
        value: `Kabupaten ${toIdentifier(path.basename(target))}`,
        validateInput: v => !regionProblem(v) ? undefined : v.trim() === '' ? vscode.l10n.t('Enter the name of the region') : vscode.l10n.t('Give the region on one line, without tabs or other control characters'),
    });
    if (region === undefined) return;
    const nextYear = Math.min(Math.max(new Date().getFullYear() + 1, FIRST_START_YEAR), LAST_START_YEAR);
    const start = await vscode.window.showInputBox({
        title: vscode.l10n.t('New Plan (2/3)'),
        prompt: vscode.l10n.t('The first year of the ten-year period'),
        value: String(nextYear),
        validateInput: v => /^\d{4}$/.test(v.trim()) && Number(v) >= FIRST_START_YEAR && Number(v) <= LAST_START_YEAR ? undefined : vscode.l10n.t('A year from {0} to {1}, such as {2}', FIRST_START_YEAR, LAST_START_YEAR, nextYear),
    });
    if (start === undefined) return;
    const startYear = Number(start.trim());
    const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('New Plan (3/3)'),
        prompt: vscode.l10n.t('The plan identifier (letters, digits and _, not starting with a digit)'),
        value: suggestPlanName(region.trim(), startYear),
        validateInput: v => !planNameProblem(v.trim(), startYear) ? undefined
            : !/^[A-Za-z_]\w*$/.test(v.trim()) ? vscode.l10n.t('Letters, digits and _, not starting with a digit')
                : vscode.l10n.t('That is a keyword of the language, or a name the new plan gives to something else; try {0}', suggestPlanName(v.trim(), startYear)),
    });
    if (name === undefined) return;

    const files = newPlanFiles({ name: name.trim(), region: region.trim(), startYear });
    try {
        for (const file of files) await writeFileAtomic(path.join(target, ...file.path.split('/')), file.text);
    } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The plan could not be written: {0}', error instanceof Error ? error.message : String(error)));
        return;
    }
    const main = vscode.Uri.file(path.join(target, 'masterplan.mplan'));
    await vscode.window.showTextDocument(main);
    if (!vscode.workspace.getWorkspaceFolder(main)) {
        const add = vscode.l10n.t('Add Folder to Workspace');
        const answer = await vscode.window.showInformationMessage(vscode.l10n.t('A new plan \'{0}\' for {1}, outside the workspace.', name.trim(), region.trim()), add);
        if (answer === add) vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: vscode.Uri.file(target) });
    } else {
        void vscode.window.showInformationMessage(vscode.l10n.t('A new plan \'{0}\' for {1}: {2} files.', name.trim(), region.trim(), files.length));
    }
}

// ---------------------------------------------------------------- validate the workspace

interface JsonReport {
    diagnostics: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    summary: { errors: number; warnings: number; infos: number; hints: number; files: number; plans: number };
}

async function validateWorkspace(context: vscode.ExtensionContext, ctx: CommandContext): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
    if (folders.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with .mplan files first.'));
        return;
    }
    if (!(await saveDirtyPlans())) return;
    const cwd = folders[0].uri.fsPath;
    const args = ['validate', ...folders.map(f => f.uri.fsPath), '--format', 'json'];
    ctx.output.appendLine(`> mplan ${args.join(' ')}`);
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Validating the workspace…'), cancellable: true },
        (_progress, token) => runCli(context, args, cwd, token),
    );
    let report: JsonReport | undefined;
    try {
        report = result.stdout.trim() ? JSON.parse(result.stdout) as JsonReport : undefined;
    } catch {
        report = undefined;
    }
    const showOutput = vscode.l10n.t('Show Output');
    const showProblems = vscode.l10n.t('Show Problems');
    if (!report) {
        log(ctx.output, result);
        const first = result.stderr.trim().split('\n')[0] || vscode.l10n.t('no report');
        const answer = await vscode.window.showErrorMessage(vscode.l10n.t('The workspace could not be validated: {0}', first), showOutput);
        if (answer === showOutput) ctx.output.show(true);
        return;
    }
    for (const d of report.diagnostics) ctx.output.appendLine(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    if (result.stderr) ctx.output.append(result.stderr);
    const s = report.summary;
    const summary = vscode.l10n.t('{0} errors, {1} warnings, {2} infos in {3} files ({4} plans).', s.errors, s.warnings, s.infos, s.files, s.plans);
    ctx.output.appendLine(summary);
    let answer: string | undefined;
    if (s.errors > 0) answer = await vscode.window.showErrorMessage(vscode.l10n.t('Validation found problems: {0}', summary), showProblems, showOutput);
    else if (s.warnings > 0) answer = await vscode.window.showWarningMessage(vscode.l10n.t('Validation found problems: {0}', summary), showProblems, showOutput);
    else answer = await vscode.window.showInformationMessage(vscode.l10n.t('The workspace\'s plans are valid: {0}', summary), showOutput);
    if (answer === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (answer === showOutput) ctx.output.show(true);
}
