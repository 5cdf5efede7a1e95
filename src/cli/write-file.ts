import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, is flushed,
 * and is renamed over the target, so readers see the old file or the new one, never a torn one.
 * Temporary files of this target left by a run that was killed (its process is gone) are removed.
 *
 * Like `fs.writeFile`, it writes through symbolic links: when `file` is a link (or a chain of them),
 * the file it points to is replaced (the temporary file goes beside that one) and the link stays.
 * A file that is replaced keeps its permission bits (and, where the process may set them, its owner
 * and group); a new file gets the usual `0666` less the umask.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const target = await resolveLinks(file);
    const existing = await statIfExists(target);
    await removeLeftovers(target);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    let closed = false;
    try {
        if (existing) await keepOwnerAndMode(handle, existing);
        await handle.writeFile(content);
        await handle.sync();
        closed = true;
        await handle.close();
        await fs.rename(temp, target);
    } catch (error) {
        if (!closed) await handle.close().catch(() => undefined);
        await fs.rm(temp, { force: true });
        throw error;
    }
}

/**
 * The file that writing to `file` writes: `file` itself, or, when it is a symbolic link, what the
 * link points to (followed link by link, also when the last one points to a file not there yet).
 */
export async function resolveLinks(file: string): Promise<string> {
    let current = path.resolve(file);
    for (let links = 0; links < 40; links++) {
        let stat;
        try {
            stat = await fs.lstat(current);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
            throw error;
        }
        if (!stat.isSymbolicLink()) return current;
        current = path.resolve(path.dirname(current), await fs.readlink(current));
    }
    throw Object.assign(new Error(`ELOOP: too many symbolic links, ${file}`), { code: 'ELOOP' });
}

async function statIfExists(file: string): Promise<Stats | undefined> {
    try {
        return await fs.stat(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
    }
}

/** Gives the temporary file the replaced file's mode, and its owner and group where allowed. */
async function keepOwnerAndMode(handle: FileHandle, existing: Stats): Promise<void> {
    if (process.platform !== 'win32') {
        const own = await handle.stat();
        if (own.uid !== existing.uid || own.gid !== existing.gid) {
            // Only root may give a file away; anyone may pick a group they belong to. Otherwise the
            // new file is the writer's, as with any editor that saves by renaming.
            await handle.chown(existing.uid, existing.gid).catch(() => handle.chown(own.uid, existing.gid)).catch(() => undefined);
        }
    }
    // The permission bits only: set-user-ID and set-group-ID are not carried over to new content.
    // (chmod, unlike open, is not subject to the umask.)
    await handle.chmod(existing.mode & 0o777);
}

/** Removes `.<name>.<pid>.<random>.tmp` beside `file` when no process `<pid>` runs any more. */
async function removeLeftovers(file: string): Promise<void> {
    const prefix = `.${path.basename(file)}.`;
    let names: string[];
    try {
        names = await fs.readdir(path.dirname(file));
    } catch {
        return;
    }
    for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
        const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
        if (!match || isRunning(Number(match[1]))) continue;
        await fs.rm(path.join(path.dirname(file), name), { force: true });
    }
}

function isRunning(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: it runs, as another user.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}
