# The GUI (gui/, Fyne): cgo needs gcc and the GL and X11 headers; its smoke
# test runs the real window under Xvfb, drives it with xdotool and takes a
# screenshot with imagemagick's import; the README's pictures test gives
# the app a session D-Bus (dbus-daemon) for its desktop notifications. Sourced by .ci/deps, which defines
# apt_install.
gui_pkgs=""
command -v gcc >/dev/null 2>&1 || gui_pkgs="$gui_pkgs gcc libc6-dev"
for p in libgl1-mesa-dev xorg-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || gui_pkgs="$gui_pkgs $p"
done
command -v Xvfb >/dev/null 2>&1 || gui_pkgs="$gui_pkgs xvfb"
command -v xdotool >/dev/null 2>&1 || gui_pkgs="$gui_pkgs xdotool"
command -v import >/dev/null 2>&1 || gui_pkgs="$gui_pkgs imagemagick"
command -v dbus-daemon >/dev/null 2>&1 || gui_pkgs="$gui_pkgs dbus-daemon"
if [ -n "$gui_pkgs" ]; then
  # shellcheck disable=SC2086 # one word per package
  apt_install $gui_pkgs
fi
unset gui_pkgs p
