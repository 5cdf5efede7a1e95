import { DefaultWorkspaceManager, UriUtils, type FileSystemNode } from 'langium';
import { isSearchedFolder } from './plan-files.js';

/**
 * Langium's workspace manager, looking for plan files in the same folders as the command line
 * (`isSearchedFolder`): Langium's own rule also skips folders named `out`, where `mplan validate`
 * would find plan files the editor never loads.
 */
export class MasterplanWorkspaceManager extends DefaultWorkspaceManager {
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (entry.isDirectory) return isSearchedFolder(UriUtils.basename(entry.uri));
        return super.shouldIncludeEntry(entry);
    }
}
