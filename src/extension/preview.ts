/**
 * The live book preview: a webview beside the editor that shows the books of the plan the active
 * `.mplan` document belongs to, as the server renders them (`masterplan/bookHtml`). It refreshes after
 * each build of the server (`masterplan/plansChanged`), keeps the scroll position, switches between
 * Books I, II and III, follows the colour theme, and reveals the source of what is clicked.
 *
 * Security: the page allows only its own nonce'd script and stylesheet (strict CSP, no remote
 * resources). The book's HTML is never written into the page as markup by the extension: it is sent
 * as a message, parsed by the page script with DOMParser (which runs nothing), stripped of anything
 * active, and adopted into the page; its CSS goes into a constructed stylesheet (no inline styles).
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { BookNumber, Language } from '../books/outline.js';
import type { MasterplanClient } from './client.js';
import { bookTitle, escapeHtml, isBookNumber } from './util.js';

export const PREVIEW_VIEW_TYPE = 'masterplan.preview';

/** What the page script keeps with vscode.setState(); also restored after a window reload. */
interface PreviewState {
    uri?: string;
    book?: BookNumber;
}

type FromWebview =
    | { type: 'ready'; state?: PreviewState }
    | { type: 'book'; book: number }
    | { type: 'reveal'; uri: string; line: number; character: number }
    | { type: 'rendered'; ms: number };

/** Refresh this long after the last edit if the server's "plans changed" notification has not come. */
const FALLBACK_DELAY_MS = 700;
/** Coalesce the notifications of one build. */
const NOTIFY_DELAY_MS = 25;
/** While the user is typing, wait this long after a keystroke before asking for the book (each render costs the server time). */
const TYPING_PAUSE_MS = 150;

export class BookPreviewManager implements vscode.Disposable {
    private preview: BookPreview | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly context: vscode.ExtensionContext, private readonly client: MasterplanClient, private readonly log: (line: string) => void = () => {}) {
        this.disposables.push(
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => {
                    const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
                    if (!uri) {
                        panel.dispose();
                        return;
                    }
                    this.adopt(panel, uri, isBookNumber(state?.book) ? state.book : this.defaultBook());
                },
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor && editor.document.languageId === 'masterplan') this.preview?.follow(editor.document.uri);
            }),
            vscode.workspace.onDidChangeTextDocument(e => {
                if (e.document.languageId === 'masterplan' && e.contentChanges.length > 0) this.preview?.edited();
            }),
            client.onPlansChanged(() => this.preview?.serverBuilt()),
            client.onReadyChanged(ready => ready && this.preview?.refreshSoon(0)),
            vscode.workspace.onDidChangeConfiguration(e => {
                if (e.affectsConfiguration('masterplan.books.language')) this.preview?.refreshSoon(0);
            }),
        );
    }

    get current(): BookPreview | undefined {
        return this.preview;
    }

    /** Opens (or reveals) the preview for a document of a plan. */
    show(uri: vscode.Uri, toSide: boolean, book?: BookNumber): BookPreview {
        const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
        if (this.preview) {
            this.preview.follow(uri);
            if (book) this.preview.setBook(book);
            this.preview.panel.reveal(toSide ? undefined : column, toSide);
            return this.preview;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Book Preview'), { viewColumn: column, preserveFocus: toSide }, {
            enableScripts: true,
            enableFindWidget: true,
            localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
        });
        return this.adopt(panel, uri, book ?? this.defaultBook());
    }

    private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, book: BookNumber): BookPreview {
        panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')] };
        const preview = new BookPreview(this.context, this.client, panel, uri, book, this.log);
        this.preview = preview;
        preview.onDispose(() => {
            if (this.preview === preview) this.preview = undefined;
        });
        return preview;
    }

    private defaultBook(): BookNumber {
        const value = vscode.workspace.getConfiguration('masterplan').get<number>('preview.defaultBook', 2);
        return isBookNumber(value) ? value : 2;
    }

    dispose(): void {
        this.preview?.panel.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

export class BookPreview {
    private uri: vscode.Uri;
    private book: BookNumber;
    private ready = false;
    private disposed = false;
    private sequence = 0;
    private inFlight: vscode.CancellationTokenSource | undefined;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private fallback: ReturnType<typeof setTimeout> | undefined;
    private readonly disposeListeners: Array<() => void> = [];
    private readonly disposables: vscode.Disposable[] = [];
    /** The column of the editor the preview came from, where clicked sources are revealed. */
    private sourceColumn: vscode.ViewColumn | undefined;

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: MasterplanClient,
        readonly panel: vscode.WebviewPanel,
        uri: vscode.Uri,
        book: BookNumber,
        private readonly log: (line: string) => void,
    ) {
        this.uri = uri;
        this.book = book;
        this.sourceColumn = vscode.window.activeTextEditor?.viewColumn;
        panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
        panel.webview.html = this.shellHtml(panel.webview);
        this.updateTitle();
        this.disposables.push(
            panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
            panel.onDidDispose(() => this.dispose()),
            panel.onDidChangeViewState(e => {
                if (e.webviewPanel.visible && this.ready) this.refreshSoon(0);
            }),
        );
    }

    get documentUri(): vscode.Uri {
        return this.uri;
    }

    get currentBook(): BookNumber {
        return this.book;
    }

    onDispose(listener: () => void): void {
        this.disposeListeners.push(listener);
    }

    /** Shows the plan of another document (the active editor changed). */
    follow(uri: vscode.Uri): void {
        const active = vscode.window.activeTextEditor;
        if (active && active.document.uri.toString() === uri.toString()) this.sourceColumn = active.viewColumn;
        if (uri.toString() === this.uri.toString()) return;
        this.uri = uri;
        this.refreshSoon(0);
    }

    setBook(book: BookNumber): void {
        if (book === this.book) return;
        this.book = book;
        void this.panel.webview.postMessage({ type: 'selectBook', book });
        this.refreshSoon(0);
    }

    /** The user typed: refresh when the server has rebuilt, or after a short while in any case. */
    edited(): void {
        this.lastEdit = Date.now();
        if (this.fallback) clearTimeout(this.fallback);
        this.fallback = setTimeout(() => {
            this.fallback = undefined;
            this.refreshSoon(0);
        }, FALLBACK_DELAY_MS);
    }

    serverBuilt(): void {
        if (this.fallback) {
            clearTimeout(this.fallback);
            this.fallback = undefined;
        }
        const sinceEdit = Date.now() - this.lastEdit;
        this.refreshSoon(Math.max(NOTIFY_DELAY_MS, TYPING_PAUSE_MS - sinceEdit));
    }

    refreshSoon(delay: number): void {
        if (this.disposed) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.refresh();
        }, delay);
    }

    /**
     * Asks the server for the current book and sends it to the page. One request at a time: a refresh
     * asked for meanwhile runs when the current one is answered (the server renders either way).
     */
    async refresh(): Promise<void> {
        if (this.disposed || !this.ready || !this.panel.visible) return;
        if (this.inFlight) {
            this.again = true;
            return;
        }
        const source = new vscode.CancellationTokenSource();
        this.inFlight = source;
        const sequence = ++this.sequence;
        const book = this.book;
        const t0 = Date.now();
        const language = vscode.workspace.getConfiguration('masterplan', this.uri).get<Language>('books.language', 'id') === 'en' ? 'en' : 'id';
        try {
            if (!this.client.isRunning) {
                void this.panel.webview.postMessage({ type: 'message', text: vscode.l10n.t('Waiting for the Masterplan language server…') });
                return;
            }
            const uri = this.uri.toString();
            const result = await this.client.bookHtml({ uri, book, language }, source.token);
            // Superseded (another book or plan was chosen meanwhile): the next refresh shows the right one.
            if (this.disposed || sequence !== this.sequence || book !== this.book || uri !== this.uri.toString()) return;
            if (!result?.html) {
                void this.panel.webview.postMessage({ type: 'message', text: vscode.l10n.t('This document belongs to no plan: a plan is a folder with a `masterplan` declaration in one of its .mplan files.') });
                return;
            }
            this.planTitle = result.plan;
            this.updateTitle();
            const now = Date.now();
            const key = `${book}\u0000${result.errors}\u0000${result.html}`;
            this.log(`[preview] book ${book} of ${result.plan ?? '?'}: ${now - t0} ms${this.lastEdit ? `, ${now - this.lastEdit} ms after the last edit` : ''}${key === this.lastKey ? ' (unchanged)' : ''}`);
            if (key === this.lastKey) return;
            this.lastKey = key;
            const note = result.errors > 0
                ? vscode.l10n.t(result.errors === 1 ? 'The plan has {0} error: the book may be incomplete.' : 'The plan has {0} errors: the book may be incomplete.', result.errors)
                : undefined;
            void this.panel.webview.postMessage({ type: 'render', html: result.html, book, note, uri: this.uri.toString() });
        } catch (error) {
            if (this.disposed || sequence !== this.sequence || source.token.isCancellationRequested) return;
            void this.panel.webview.postMessage({ type: 'message', text: vscode.l10n.t('The book could not be rendered: {0}', error instanceof Error ? error.message : String(error)) });
        } finally {
            if (this.inFlight === source) this.inFlight = undefined;
            source.dispose();
            if (this.again && !this.disposed) {
                this.again = false;
                this.refreshSoon(0);
            }
        }
    }

    private planTitle: string | undefined;
    private lastEdit = 0;
    private again = false;
    /** What the page shows (book, errors, HTML): an identical result is not sent again. */
    private lastKey: string | undefined;

    private updateTitle(): void {
        const name = this.planTitle ?? this.uri.path.split('/').pop() ?? '';
        this.panel.title = vscode.l10n.t('{0} · {1}', bookTitle(this.book).short, name);
    }

    private async onMessage(message: FromWebview): Promise<void> {
        switch (message?.type) {
            case 'ready':
                this.ready = true;
                this.lastKey = undefined; // a new page: send the book again
                this.refreshSoon(0);
                break;
            case 'book':
                if (isBookNumber(message.book) && message.book !== this.book) {
                    this.book = message.book;
                    this.updateTitle();
                    this.refreshSoon(0);
                }
                break;
            case 'reveal':
                await this.reveal(message);
                break;
            case 'rendered':
                this.log(`[preview] page updated in ${Number(message.ms)} ms`);
                break;
        }
    }

    /** Opens the clicked element's source: only .mplan documents with a file or untitled URI. */
    private async reveal(message: { uri: string; line: number; character: number }): Promise<void> {
        let uri: vscode.Uri;
        try {
            uri = vscode.Uri.parse(String(message.uri), true);
        } catch {
            return;
        }
        if ((uri.scheme !== 'file' && uri.scheme !== 'untitled') || !uri.path.endsWith('.mplan')) return;
        const line = Math.max(0, Math.floor(Number(message.line) || 0));
        const character = Math.max(0, Math.floor(Number(message.character) || 0));
        const position = new vscode.Position(line, character);
        const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri.toString());
        let column = visible?.viewColumn ?? this.sourceColumn;
        if (column === undefined || column === this.panel.viewColumn) {
            column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
        }
        try {
            const document = await vscode.workspace.openTextDocument(uri);
            const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position), preserveFocus: false });
            editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        } catch (error) {
            void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', uri.fsPath, error instanceof Error ? error.message : String(error)));
        }
    }

    private shellHtml(webview: vscode.Webview): string {
        const nonce = randomBytes(18).toString('base64').replace(/[+/=]/g, '');
        const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', file)).toString();
        const csp = [
            "default-src 'none'",
            `style-src ${webview.cspSource} 'nonce-${nonce}'`,
            `script-src 'nonce-${nonce}'`,
            `img-src ${webview.cspSource} data:`,
            `font-src ${webview.cspSource}`,
            "base-uri 'none'",
            "form-action 'none'",
        ].join('; ');
        const state: PreviewState = { uri: this.uri.toString(), book: this.book };
        const buttons = ([1, 2, 3] as const).map(n => {
            const t = bookTitle(n);
            return `<button type="button" class="mp-shell-book" data-book="${n}" title="${escapeHtml(t.long)}" aria-pressed="${n === this.book}">${escapeHtml(t.short)}</button>`;
        }).join('');
        const lang = vscode.env.language.startsWith('id') ? 'id' : 'en';
        return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(media('preview.css'))}">
<title>${escapeHtml(vscode.l10n.t('Book Preview'))}</title>
</head>
<body>
<nav class="mp-shell-bar" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Books'))}">${buttons}<span class="mp-shell-note" id="mp-shell-note" role="status"></span></nav>
<div id="mp-shell-message" class="mp-shell-message">${escapeHtml(vscode.l10n.t('Rendering the book…'))}</div>
<div id="mp-shell-content" class="mp-shell-content"></div>
<script nonce="${nonce}" id="mp-shell-state" type="application/json">${JSON.stringify(state).replace(/</g, '\\u003c')}</script>
<script nonce="${nonce}" src="${escapeHtml(media('preview.js'))}"></script>
</body>
</html>`;
    }

    private dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.inFlight?.cancel();
        if (this.timer) clearTimeout(this.timer);
        if (this.fallback) clearTimeout(this.fallback);
        for (const d of this.disposables) d.dispose();
        for (const listener of this.disposeListeners) listener();
    }
}
