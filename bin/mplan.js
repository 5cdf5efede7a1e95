#!/usr/bin/env node
// The `mplan` command: runs the bundled CLI (built by `npm run build`).
import '../out/cli/main.js';
