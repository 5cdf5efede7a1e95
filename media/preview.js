// The page script of the Masterplan book preview (runs inside the webview; the only script the CSP allows).
// The book arrives as an HTML string in a message. It is parsed into a <template>, whose content is
// inert (nothing runs, loads or is styled), cleaned of anything active, and moved into the page.
// The book's CSS goes into a constructed stylesheet (document.adoptedStyleSheets) and its style
// attributes are applied through the CSSOM, both of which the strict CSP allows.
// @ts-check
(function () {
    'use strict';
    const vscode = acquireVsCodeApi();
    const content = /** @type {HTMLElement} */ (document.getElementById('mp-shell-content'));
    const messageBox = /** @type {HTMLElement} */ (document.getElementById('mp-shell-message'));
    const note = /** @type {HTMLElement} */ (document.getElementById('mp-shell-note'));
    const nonce = /** @type {HTMLScriptElement} */ (document.currentScript)?.nonce || '';
    const canAdopt = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
    const bookSheet = canAdopt ? new CSSStyleSheet() : undefined;
    if (bookSheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, bookSheet];
    const initial = JSON.parse(document.getElementById('mp-shell-state')?.textContent || '{}');

    /** @type {{uri?: string, book?: number, scroll?: Record<string, number>}} */
    const state = Object.assign({ scroll: {} }, initial, vscode.getState() || {});
    let shownBook = 0;
    let lastCss = '';

    const BLOCKED = 'script,iframe,frame,frameset,object,embed,applet,link,meta,base,title,form,input,button,textarea,select,template,noscript,portal,style';
    const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'background', 'data'];
    const SAFE_URL = /^(#|https?:|mailto:)/i;

    function selectBook(book) {
        for (const b of document.querySelectorAll('.mp-shell-book')) {
            b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-book')) === book));
        }
    }

    function saveScroll() {
        if (shownBook) {
            state.scroll = state.scroll || {};
            state.scroll[shownBook] = window.scrollY;
            vscode.setState(state);
        }
    }

    /**
     * Removes anything that could run, load or submit. Style attributes become data-mp-style (the CSP
     * blocks inline style attributes); applyStyles() sets them through the CSSOM once in the page.
     */
    function clean(root) {
        for (const el of root.querySelectorAll(BLOCKED)) el.remove();
        for (const el of root.querySelectorAll('*')) {
            for (const attr of Array.from(el.attributes)) {
                const name = attr.name.toLowerCase();
                if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') el.removeAttribute(attr.name);
                else if (URL_ATTRS.includes(name) && !SAFE_URL.test(attr.value.trim())) el.removeAttribute(attr.name);
                else if (name === 'style') {
                    el.setAttribute('data-mp-style', attr.value);
                    el.removeAttribute(attr.name);
                }
            }
        }
    }

    function applyStyles(node) {
        if (!(node instanceof Element)) return;
        const all = node.matches('[data-mp-style]') ? [node, ...node.querySelectorAll('[data-mp-style]')] : node.querySelectorAll('[data-mp-style]');
        for (const el of all) {
            if (el instanceof HTMLElement || el instanceof SVGElement) el.style.cssText = el.getAttribute('data-mp-style') || '';
        }
    }

    /** The markup of a node, to tell whether the page already shows it. */
    const keys = new WeakMap();
    function keyOf(node) {
        let key = keys.get(node);
        if (key === undefined) {
            key = node instanceof Element ? node.outerHTML : `${node.nodeType}:${node.nodeValue}`;
            keys.set(node, key);
        }
        return key;
    }

    /** Remembers the markup of a new subtree a few levels deep, before the page changes it (CSSOM styles). */
    function remember(node, depth) {
        keyOf(node);
        if (depth > 0) for (const child of node.childNodes) remember(child, depth - 1);
    }

    /**
     * Updates the children of a live element to the new ones with as few DOM changes as possible:
     * unchanged nodes stay (no re-layout, no lost state); a changed element with the same tag, id and
     * class is updated inside, a few levels deep; anything else is replaced.
     */
    function reconcile(parent, fresh, depth) {
        const old = Array.from(parent.childNodes);
        const unused = new Map();
        for (const node of old) {
            const list = unused.get(keyOf(node));
            if (list) list.push(node); else unused.set(keyOf(node), [node]);
        }
        const wanted = [];
        const taken = new Set();
        const inserted = [];
        fresh.forEach((node, i) => {
            const same = unused.get(keyOf(node));
            if (same && same.length > 0) {
                const reused = same.shift();
                wanted.push(reused);
                taken.add(reused);
                return;
            }
            const counterpart = old[i];
            if (depth > 0 && counterpart instanceof Element && node instanceof Element && !taken.has(counterpart)
                && counterpart.tagName === node.tagName && counterpart.id === node.id && counterpart.getAttribute('class') === node.getAttribute('class')) {
                for (const attr of Array.from(counterpart.attributes)) if (!node.hasAttribute(attr.name)) counterpart.removeAttribute(attr.name);
                for (const attr of Array.from(node.attributes)) if (counterpart.getAttribute(attr.name) !== attr.value) counterpart.setAttribute(attr.name, attr.value);
                const list = unused.get(keyOf(counterpart));
                if (list) list.splice(list.indexOf(counterpart) >>> 0, 1);
                if (node.hasAttribute('data-mp-style')) counterpart.style.cssText = node.getAttribute('data-mp-style') || '';
                reconcile(counterpart, Array.from(node.childNodes), depth - 1);
                keys.set(counterpart, keyOf(node));
                wanted.push(counterpart);
                taken.add(counterpart);
                return;
            }
            remember(node, depth);
            wanted.push(node);
            taken.add(node);
            inserted.push(node);
        });
        for (const node of old) if (!taken.has(node)) node.remove();
        let cursor = parent.firstChild;
        for (const node of wanted) {
            if (node === cursor) cursor = cursor.nextSibling;
            else parent.insertBefore(node, cursor);
        }
        for (const node of inserted) applyStyles(node);
    }

    function render(html, book, noteText) {
        // A <template> holds the parsed book inert: nothing in it runs, loads or is styled.
        const started = performance.now();
        const text = String(html);
        const template = document.createElement('template');
        template.innerHTML = text;
        const parsed = template.content;
        const css = Array.from(parsed.querySelectorAll('style')).map(s => s.textContent || '').join('\n');
        if (css !== lastCss) {
            if (bookSheet) {
                bookSheet.replaceSync(css);
            } else {
                // Older engines: a new <style> element carrying this page's nonce.
                const style = document.createElement('style');
                style.nonce = nonce;
                style.textContent = css;
                document.getElementById('mp-book-css')?.remove();
                style.id = 'mp-book-css';
                document.head.appendChild(style);
            }
            lastCss = css;
        }
        // The fragment parser drops <html> and <body>: take their class and lang from the text.
        const bodyClass = /<body\b[^>]*?\sclass="([^"]*)"/i.exec(text)?.[1] ?? `mp-book mp-book-${book}`;
        const lang = /<html\b[^>]*?\slang="([^"]*)"/i.exec(text)?.[1];
        clean(parsed);
        const sameBook = book === shownBook;
        const y = sameBook ? window.scrollY : (state.scroll && state.scroll[book]) || 0;
        if (shownBook && !sameBook) saveScroll();
        if (sameBook) {
            reconcile(content, Array.from(parsed.childNodes), 4);
        } else {
            for (const node of Array.from(parsed.childNodes)) remember(node, 4);
            content.replaceChildren(parsed); // moves the nodes out of the template into the page
            for (const node of Array.from(content.childNodes)) applyStyles(node);
        }
        // The book's own body classes (mp-book, mp-book-2, mp-preview) go on the content, so its CSS applies there.
        content.className = 'mp-shell-content ' + bodyClass.replace(/[^\w\s-]/g, '');
        if (lang && /^[a-zA-Z-]{2,12}$/.test(lang)) document.documentElement.lang = lang;
        messageBox.hidden = true;
        note.textContent = noteText || '';
        shownBook = book;
        selectBook(book);
        window.scrollTo(0, y);
        state.book = book;
        vscode.setState(state);
        // When and how fast the page was updated (read by the end-to-end test, logged by the extension).
        const ms = Math.round(performance.now() - started);
        content.dataset.renderedAt = String(Date.now());
        content.dataset.renderMs = String(ms);
        vscode.postMessage({ type: 'rendered', ms });
    }

    window.addEventListener('message', event => {
        const message = event.data;
        if (!message || typeof message !== 'object') return;
        switch (message.type) {
            case 'render':
                state.uri = message.uri;
                render(message.html, Number(message.book), message.note);
                break;
            case 'selectBook':
                selectBook(Number(message.book));
                break;
            case 'message':
                messageBox.textContent = String(message.text);
                messageBox.hidden = false;
                break;
        }
    });

    document.addEventListener('click', event => {
        const target = /** @type {Element} */ (event.target);
        if (!(target instanceof Element)) return;
        const button = target.closest('.mp-shell-book');
        if (button) {
            const book = Number(button.getAttribute('data-book'));
            saveScroll();
            selectBook(book);
            vscode.postMessage({ type: 'book', book });
            return;
        }
        const link = target.closest('a[href^="#"]');
        if (link) {
            event.preventDefault();
            const id = decodeURIComponent((link.getAttribute('href') || '').slice(1));
            const el = id && document.getElementById(id);
            if (el) el.scrollIntoView({ block: 'start' });
            return;
        }
        if (target.closest('a[href]')) return; // external links: VS Code asks before opening them
        const source = target.closest('[data-source-uri]');
        if (source && content.contains(source)) {
            vscode.postMessage({
                type: 'reveal',
                uri: source.getAttribute('data-source-uri'),
                line: Number(source.getAttribute('data-source-line')),
                character: Number(source.getAttribute('data-source-char')),
            });
        }
    });

    let scrollTimer = 0;
    window.addEventListener('scroll', () => {
        clearTimeout(scrollTimer);
        scrollTimer = setTimeout(saveScroll, 150);
    }, { passive: true });

    selectBook(Number(state.book) || 2);
    vscode.setState(state);
    vscode.postMessage({ type: 'ready', state });
})();
