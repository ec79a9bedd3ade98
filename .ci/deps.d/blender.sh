# Blender for renderer/blender's tests and scenes/blend/build.sh: Debian's
# package (3.4.1, Cycles CPU; no OpenImageDenoise). python3-numpy is what
# Blender's glTF exporter needs. Sourced by .ci/deps, which defines apt_install.
if ! command -v blender >/dev/null 2>&1; then
  apt_install blender python3-numpy
fi
