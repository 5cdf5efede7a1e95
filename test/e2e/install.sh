#!/usr/bin/env bash
# Installs what the end-to-end test needs, outside the project's dependencies:
#   apt: chromium, ripgrep, libkrb5-dev (and build tools for code-server's native modules);
#   npm: code-server 4.100.3 (VS Code 1.100.3, the newest for Node 20) and playwright-core,
#        into a cache folder ($MPLAN_E2E_CACHE, default $HOME/.cache/masterplan-e2e), reused between runs.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
CACHE="${MPLAN_E2E_CACHE:-$HOME/.cache/masterplan-e2e}"
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "e2e: apt-get install ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

stamp="$CACHE/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"
if [ -f "$stamp" ] && [ -x "$CACHE/node_modules/.bin/code-server" ] && [ -d "$CACHE/node_modules/playwright-core" ]; then
    exit 0
fi

# @vscode/ripgrep downloads rg from the internet: put Debian's rg into its download cache first.
TMP_BASE="${TMPDIR:-/tmp}"
rg_cache="$TMP_BASE/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
work="$(mktemp -d)"
cp "$(command -v rg)" "$work/rg"
for asset in ripgrep-v13.0.0-10-x86_64-unknown-linux-musl ripgrep-v13.0.0-4-x86_64-unknown-linux-musl; do
    tar -czf "$rg_cache/$asset.tar.gz" -C "$work" rg
done
rm -rf "$work"

[ -f "$CACHE/package.json" ] || echo '{ "name": "masterplan-e2e-tools", "private": true }' > "$CACHE/package.json"
echo "e2e: installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION into $CACHE"
export npm_config_yes=true npm_config_unsafe_perm=true
npm install --prefix "$CACHE" --no-audit --no-fund --save-exact --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
# npm 11 may skip install scripts: make sure code-server's own postinstall (native modules) ran.
if [ ! -d "$CACHE/node_modules/code-server/lib/vscode/node_modules/node-pty" ]; then
    (cd "$CACHE/node_modules/code-server" && npm_config_yes=true npm_config_unsafe_perm=true npm run postinstall --foreground-scripts)
fi
touch "$stamp"
