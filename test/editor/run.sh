#!/usr/bin/env bash
# npm run test:editor: the extension-host suites, the Playwright UI test and the Neovim test.
# `npm run build` (run by the npm script) has made dist/; this installs the editors if needed
# (idempotent, quick when all is there), compiles the editor tests and runs them.
# Arguments pick stages: exthost ui nvim (default: all).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/editor/install.sh
rm -rf test/editor/out  # no stale suites from renamed or deleted sources
npx tsc -p test/editor
exec node test/editor/out/run.js "$@"
