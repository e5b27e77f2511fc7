#!/usr/bin/env bash
# The "VS Code executable" for @vscode/test-electron's runTests (vscodeExecutablePath): starts the
# VS Code server build and a headless browser instead of a desktop VS Code. See src/shim.ts.
exec node "$(dirname "$(readlink -f "$0")")/out/shim.js" "$@"
