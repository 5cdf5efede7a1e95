import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, is flushed,
 * and is renamed over the target, so readers see the old file or the new one, never a torn one.
 * Temporary files of this target left by a run that was killed (its process is gone) are removed.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await removeLeftovers(file);
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx');
    try {
        await handle.writeFile(content);
        await handle.sync();
    } catch (error) {
        await handle.close();
        await fs.rm(temp, { force: true });
        throw error;
    }
    await handle.close();
    try {
        await fs.rename(temp, file);
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
    }
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
