#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server + headless Chromium):
# installs its tools (test/e2e/install.sh), packages the extension (unless MPLAN_E2E_VSIX names a
# .vsix), and runs test/e2e/extension.e2e.mjs, which ends every process it starts.
# Screenshots and logs go to test-results/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."

export MPLAN_E2E_CACHE="${MPLAN_E2E_CACHE:-$HOME/.cache/masterplan-e2e}"
bash test/e2e/install.sh

if [ -z "${MPLAN_E2E_VSIX:-}" ]; then
    version="$(node -p 'require("./package.json").version')"
    export MPLAN_E2E_VSIX="$PWD/masterplan-$version.vsix"
    npm run package --silent
fi
exec node test/e2e/extension.e2e.mjs
