// Loaded with `node --import` by test/cli/init.test.ts: makes opening a file for writing fail with
// EACCES when its path contains MPLAN_FAIL_WRITE, as on a disk that refuses a write half-way through.
import { promises as fs } from 'node:fs';

const marker = process.env.MPLAN_FAIL_WRITE;
const open = fs.open.bind(fs);
fs.open = async (file, flags, mode) => {
    if (marker && String(file).includes(marker) && /[wa]/.test(String(flags ?? 'r'))) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: String(file) });
    }
    return open(file, flags, mode);
};
