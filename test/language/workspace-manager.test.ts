import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { isSearchedFolder } from '../../src/language/plan-files.js';

describe('the folders the language server loads plan files from', () => {
    const { shared } = createMasterplanServices(EmptyFileSystem);
    const manager = shared.workspace.WorkspaceManager;
    const folder = (name: string) => ({ isDirectory: true, isFile: false, uri: URI.file(`/work/${name}`) });
    const file = (name: string) => ({ isDirectory: false, isFile: true, uri: URI.file(`/work/${name}`) });

    test('are those the command line searches: out and dist too, not node_modules nor hidden folders', () => {
        for (const name of ['out', 'dist', 'pillars', 'books']) {
            expect(manager.shouldIncludeEntry(folder(name)), name).toBe(true);
            expect(isSearchedFolder(name), name).toBe(true);
        }
        for (const name of ['node_modules', '.git', '.vscode']) {
            expect(manager.shouldIncludeEntry(folder(name)), name).toBe(false);
            expect(isSearchedFolder(name), name).toBe(false);
        }
    });

    test('files: plan files only', () => {
        expect(manager.shouldIncludeEntry(file('owners.mplan'))).toBe(true);
        expect(manager.shouldIncludeEntry(file('README.md'))).toBe(false);
    });
});
