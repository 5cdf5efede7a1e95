import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/validation/codes.js';
import { projectPath, validateOnDisk } from '../helpers.js';

const brokenFolders = readdirSync(projectPath('examples', 'broken'), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();

describe('the bundled examples', () => {
    test('the Tabalong example has no diagnostics at all', async () => {
        const { codes, found } = await validateOnDisk(projectPath('examples', 'tabalong'));
        expect(found.files.length).toBeGreaterThanOrEqual(8);
        expect(codes).toEqual([]);
    });

    test('every diagnostic code has a broken example named after it', () => {
        expect(brokenFolders).toEqual(DIAGNOSTIC_CODES.map(c => c.code).sort());
    });

    test.each(brokenFolders)('examples/broken/%s reports its own code and nothing else', async folder => {
        const { codes } = await validateOnDisk(projectPath('examples', 'broken', folder));
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set([folder]));
    });
});
