#!/usr/bin/env bash
# Rebuilds the contract artifacts and Go bindings from src/*.sol:
#   build/<Contract>.abi, build/<Contract>.bin   (solc, the npm wasm compiler)
#   bindings/<contract>.go                      (go-ethereum's abigen, v2 bindings)
# Both are committed, so building the Go code never needs node or solc;
# TestArtifactsMatchSources fails when they fall behind the sources.
# The compiler and OpenZeppelin are installed into contracts/node_modules on the
# first run (npm, versions pinned below), which needs the npm registry.
set -euo pipefail
cd "$(dirname "$0")"

SOLC_VERSION=0.8.37
OZ_VERSION=5.7.0
GETH_VERSION=v1.17.10
CONTRACTS=(ConunToken RenderEscrow)

have_pkg() { # have_pkg NAME VERSION: whether node_modules holds exactly that version.
  [ -f "node_modules/$1/package.json" ] &&
    node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' \
      "./node_modules/$1/package.json" "$2"
}

if ! command -v npm >/dev/null 2>&1; then
  echo "contracts/build.sh: npm is required (Debian: apt-get install npm)" >&2
  exit 1
fi
if ! have_pkg solc "$SOLC_VERSION" || ! have_pkg @openzeppelin/contracts "$OZ_VERSION"; then
  # --no-save: there is no package.json to record them in; the versions live here.
  npm install --no-save --no-audit --no-fund --loglevel=error \
    "solc@$SOLC_VERSION" "@openzeppelin/contracts@$OZ_VERSION"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Paths are relative to contracts/ so the metadata hash at the end of the
# bytecode, which covers source paths, is the same on every machine.
# solc warns about transient storage in OpenZeppelin's reentrancy guard: that
# guard is the safe use the warning itself describes.
node node_modules/solc/solc.js --bin --abi --optimize --base-path . --include-path node_modules \
  -o "$out" src/*.sol >/dev/null

mkdir -p build bindings
for c in "${CONTRACTS[@]}"; do
  cp "$out/src_${c}_sol_${c}.abi" "build/$c.abi"
  cp "$out/src_${c}_sol_${c}.bin" "build/$c.bin"
done

for c in "${CONTRACTS[@]}"; do
  lower=$(echo "$c" | tr '[:upper:]' '[:lower:]')
  go run "github.com/ethereum/go-ethereum/cmd/abigen@$GETH_VERSION" --v2 \
    --abi "build/$c.abi" --bin "build/$c.bin" --pkg bindings --type "$c" --out "bindings/$lower.go"
  chmod 0644 "bindings/$lower.go"
done
echo "contracts: built ${CONTRACTS[*]} (solc $SOLC_VERSION, OpenZeppelin $OZ_VERSION, abigen $GETH_VERSION)"
