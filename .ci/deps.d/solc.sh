# solc (the npm wasm compiler) and OpenZeppelin for contracts/: the test that
# checks the committed contract artifacts against src/*.sol skips without them.
# Installs node/npm from Debian only when absent (a NodeSource nodejs already
# bundles npm), then the versions build.sh pins, only when node_modules lacks
# them. Sourced by .ci/deps (cwd .ci/), which defines apt_install.
if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs
fi
if ! command -v npm >/dev/null 2>&1; then
  apt_install npm
fi
if [ ! -f ../contracts/node_modules/solc/solc.js ] ||
   [ ! -f ../contracts/node_modules/@openzeppelin/contracts/package.json ]; then
  (
    cd ../contracts
    # The versions are build.sh's pins, so there is one place to change them.
    npm install --no-save --no-audit --no-fund --loglevel=error \
      solc@"$(sed -n 's/^SOLC_VERSION=//p' build.sh)" \
      @openzeppelin/contracts@"$(sed -n 's/^OZ_VERSION=//p' build.sh)"
  ) || echo "deps: WARNING: could not install solc; TestArtifactsMatchSources will skip" >&2
fi
