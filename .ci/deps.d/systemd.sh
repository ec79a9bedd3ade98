# systemd-analyze for cmd/conun's TestInstallService, which verifies the
# unit `conun node install-service` writes. Debian's systemd package; the
# test needs only the tool, not systemd running. Sourced by .ci/deps, which
# defines apt_install.
if ! command -v systemd-analyze >/dev/null 2>&1; then
  apt_install systemd
fi
