import type { LangiumSharedServices } from 'langium/lsp';
import type { Language } from '../books/outline.js';

/**
 * The editor settings the server reads (section `masterplan` in VS Code's settings):
 * `masterplan.books.language` (`id` or `en`) decides the language of hovers and previews.
 */
export async function bookLanguage(shared: LangiumSharedServices): Promise<Language> {
    try {
        const books = await shared.workspace.ConfigurationProvider.getConfiguration('masterplan', 'books');
        return books?.language === 'en' ? 'en' : 'id';
    } catch {
        return 'id';
    }
}
