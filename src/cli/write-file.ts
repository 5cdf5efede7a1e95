import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, is flushed,
 * and is renamed over the target, so readers see the old file or the new one, never a torn one.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
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
