# The GPU path tracer (renderer/gl): a headless OpenGL 4.3 context through
# EGL. Without a GPU, Mesa's llvmpipe (software GL 4.5 with compute shaders)
# runs every GL test. libegl-dev brings the EGL headers the cgo loader
# includes (libEGL itself is opened at run time); libgl-dev the GL link
# library go-gl's package names. Sourced by .ci/deps, which defines
# apt_install.
gl_missing=""
for p in libegl1 libgl1-mesa-dri libegl-mesa0 libegl-dev libgl-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    gl_missing="$gl_missing $p"
  fi
done
if [ -n "$gl_missing" ]; then
  # shellcheck disable=SC2086
  apt_install $gl_missing
fi
