# geth for contracts' TestGethDev (a real geth --dev node), built from the
# go-ethereum version in go.mod so the node matches the client. The first
# build takes ~4 minutes and 90 MB; it is skipped when geth is installed.
# Sourced by .ci/deps (cwd .ci/); the test looks on PATH and in $(go env GOPATH)/bin.
if ! command -v geth >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/geth" ]; then
  geth_version=$(cd .. && go list -m -f '{{.Version}}' github.com/ethereum/go-ethereum)
  echo "deps: building geth $geth_version (a few minutes, once)"
  # A failed build must not fail every other test: TestGethDev then skips
  # with a loud message naming the missing geth.
  go install "github.com/ethereum/go-ethereum/cmd/geth@$geth_version" ||
    echo "deps: WARNING: could not build geth; TestGethDev will skip" >&2
fi
