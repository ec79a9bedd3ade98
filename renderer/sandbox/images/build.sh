#!/usr/bin/env bash
# Builds the sandbox images locally, with no registry (`make images`):
#
#   conun-pathtracer:VERSION-pt-N-pP      FROM scratch: only the static ptrender binary
#                                         (P: the ptproto version it speaks)
#   conun-blender:VERSION-blender-X.Y.Z   Debian bookworm (minbase) + Debian's blender
#                                         (every Blender image: + Mesa's software EGL)
#   conun-blender:VERSION-blender-4.X.Y   Debian trixie (minbase) + trixie's blender,
#                                         built only when asked for (blender4): the
#                                         image that proves the backend on Blender 4.x
#   conun-blender:VERSION-blender-5.X.Y   Debian sid (minbase) + sid's blender, built
#                                         only when asked for (blender5): Blender 5.x
#
# The tags come from renderer/sandbox/images.go (ProjectVersion, BlenderVersion)
# and renderer/pathtracer (its version constant), so the node looks for exactly
# what this script builds. An image that exists is kept unless --force.
#
# The Blender image is debootstrapped from the Debian mirror apt uses here, then
# `blender` is installed in a chroot (no recommends) and the folder is imported
# with `docker import`. The debootstrapped base and the downloaded .debs are
# cached in $CONUN_IMAGE_CACHE (default /var/cache/conun-images), so a rebuild
# skips the downloads. Needs root (debootstrap, chroot), docker and Go.
#
# Usage: build.sh [--force] [--print-tags] [pathtracer] [blender] [blender4] [blender5]
#        (default: pathtracer blender)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cache=${CONUN_IMAGE_CACHE:-/var/cache/conun-images}

const() { # const NAME FILE: the value of `const NAME = "..."` in a Go file
  sed -n "s/^const $1 = \"\(.*\)\"\$/\1/p" "$2"
}
project_version=$(const ProjectVersion "$root/renderer/sandbox/images.go")
blender_version=$(const BlenderVersion "$root/renderer/sandbox/images.go")
blender4_version=$(const Blender4Version "$root/renderer/sandbox/images.go")
blender5_version=$(const Blender5Version "$root/renderer/sandbox/images.go")
pt_version=$(const version "$root/renderer/pathtracer/renderer.go")
proto_version=$(const Version "$root"/renderer/sandbox/internal/ptproto/ptproto.go)
if [ -z "$project_version" ] || [ -z "$blender_version" ] || [ -z "$blender4_version" ] || [ -z "$blender5_version" ] || [ -z "$pt_version" ] || [ -z "$proto_version" ]; then
  echo "build.sh: cannot read the image versions from the Go sources" >&2
  exit 1
fi
pt_tag="conun-pathtracer:$project_version-$pt_version-p$proto_version"
bl_tag="conun-blender:$project_version-blender-$blender_version"
bl4_tag="conun-blender:$project_version-blender-$blender4_version"
bl5_tag="conun-blender:$project_version-blender-$blender5_version"

force="" targets=()
for a in "$@"; do
  case "$a" in
    --force) force=1 ;;
    --print-tags) echo "pathtracer $pt_tag"; echo "blender $bl_tag"; echo "blender4 $bl4_tag"; echo "blender5 $bl5_tag"; exit 0 ;;
    pathtracer | blender | blender4 | blender5) targets+=("$a") ;;
    *) echo "usage: build.sh [--force] [--print-tags] [pathtracer] [blender] [blender4] [blender5]" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(pathtracer blender)

work=$(mktemp -d /tmp/conun-images.XXXXXX)
mounts=() # chroot mounts to undo, innermost last
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

have_image() { [ -z "$force" ] && docker image inspect "$1" >/dev/null 2>&1; }

report() { # report TAG START_SECONDS
  local size
  size=$(docker image inspect -f '{{.Size}}' "$1")
  echo "images: built $1 in $(($(date +%s) - $2)) s, $((size / 1000000)) MB"
}

build_pathtracer() {
  if have_image "$pt_tag"; then echo "images: $pt_tag exists"; return; fi
  local start dir
  start=$(date +%s)
  dir="$work/pathtracer"
  mkdir -p "$dir"
  # Static, so the image needs nothing but the binary; the same Go code as
  # the node's own path tracer, so sandboxed pixels equal unsandboxed ones.
  (cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$dir/ptrender" ./renderer/sandbox/images/ptrender)
  if ! go version -m "$dir/ptrender" | grep -q 'CGO_ENABLED=0'; then
    echo "build.sh: $dir/ptrender is not a static (CGO_ENABLED=0) build" >&2
    exit 1
  fi
  tar -C "$dir" --owner=0 --group=0 --numeric-owner -c ptrender |
    docker import --change 'ENTRYPOINT ["/ptrender"]' --change 'USER 65534:65534' - "$pt_tag" >/dev/null
  report "$pt_tag" "$start"
}

# mirror prints the Debian mirror apt uses on this machine (deb822 or
# one-line sources), or deb.debian.org.
mirror() {
  local m
  m=$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [ -n "$m" ] || m=$(sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\([^ ]*\/debian\)\/* .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1)
  echo "${m:-http://deb.debian.org/debian}"
}

build_blender() { build_debian_blender bookworm "$blender_version" "$bl_tag" BlenderVersion; }
build_blender4() { build_debian_blender trixie "$blender4_version" "$bl4_tag" Blender4Version; }
build_blender5() { build_debian_blender sid "$blender5_version" "$bl5_tag" Blender5Version; }

# build_debian_blender SUITE VERSION TAG CONST: Debian SUITE (minbase) with
# that suite's blender package, which must be VERSION (the Go constant CONST).
build_debian_blender() {
  local suite=$1 blender_version=$2 bl_tag=$3 const_name=$4
  if have_image "$bl_tag"; then echo "images: $bl_tag exists"; return; fi
  local start mir base rootfs installed
  start=$(date +%s)
  mir=$(mirror)
  # Each suite keeps its own .debs: same-named packages differ between them.
  mkdir -p "$cache/debs-$suite"
  base="$cache/$suite-minbase.tar.gz"
  if [ ! -s "$base" ]; then
    echo "images: debootstrap $suite (minbase) from $mir"
    debootstrap --variant=minbase "$suite" "$work/base" "$mir" >"$work/debootstrap.log" 2>&1 || {
      tail -20 "$work/debootstrap.log" >&2
      exit 1
    }
    tar -C "$work/base" --numeric-owner -czf "$base.tmp" . && mv "$base.tmp" "$base"
    rm -rf --one-file-system "$work/base"
  fi
  rootfs="$work/blender-$suite"
  mkdir -p "$rootfs"
  tar -C "$rootfs" --numeric-owner -xzf "$base"
  rm -f "$rootfs"/etc/apt/sources.list.d/*.sources
  if [ "$suite" = sid ]; then
    # unstable has no -updates and no security suite.
    echo "deb $mir $suite main" >"$rootfs/etc/apt/sources.list"
  else
    cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mir $suite main
deb $mir $suite-updates main
deb ${mir%/debian}/debian-security $suite-security main
SOURCES
  fi
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  # No service may start inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod +x "$rootfs/usr/sbin/policy-rc.d"
  mount -t proc proc "$rootfs/proc" && mounts+=("$rootfs/proc")
  mount --bind "$cache/debs-$suite" "$rootfs/var/cache/apt/archives" && mounts+=("$rootfs/var/cache/apt/archives")
  echo "images: installing blender in the chroot"
  # sid's Release file is valid for days only; a mirror snapshot older
  # than that is refused unless told (measured here: "expired 28d ago").
  # Mesa's software EGL (llvmpipe) in every image: Eevee and Workbench (a
  # .blend's preview) draw through OpenGL, and Debian's Blender 3.4 finds
  # no display in the box, so it takes a surfaceless EGL context ("Managed
  # to successfully fallback to surfaceless EGL rendering!", measured): no
  # X server needed. libegl1 is only glvnd's loader; libegl-mesa0, the
  # vendor library, is a mere Recommends. Blender 5.x's compositor asks
  # for a GPU context even on the CPU, and aborts without libEGL and libGL
  # ("Couldn't open libEGL.so.1", measured).
  local aptopt="" extra="libegl1 libegl-mesa0 libgl1 libopengl0 libgl1-mesa-dri"
  if [ "$suite" = sid ]; then
    aptopt="-o Acquire::Check-Valid-Until=false"
  fi
  chroot "$rootfs" /usr/bin/env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 \
    sh -c "apt-get $aptopt update -qq && apt-get install -y -qq --no-install-recommends blender $extra" >"$work/apt.log" 2>&1 || {
    tail -30 "$work/apt.log" >&2
    exit 1
  }
  installed=$(chroot "$rootfs" dpkg-query -W -f '${Version}' blender)
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}"; done
  mounts=()
  case "$installed" in
    "$blender_version"+* | "$blender_version") ;;
    *)
      echo "build.sh: the $suite mirror has blender $installed, not $blender_version: update $const_name in renderer/sandbox/images.go" >&2
      exit 1
      ;;
  esac
  # Blender's own Python (its UI and add-on modules, imported at every
  # start) comes without bytecode, and the box's root is read-only, so each
  # Blender compiled them all again on every start: measured 26 s against
  # 3 s per container start of 4.3 on a loaded 2-core machine. Compiled
  # once here by the python3 the blender package links (same version).
  chroot "$rootfs" python3 -m compileall -q /usr/share/blender >"$work/compileall.log" 2>&1 || {
    tail -30 "$work/compileall.log" >&2
    exit 1
  }
  # What only the build needed: package lists, docs, the chroot's helpers.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs/usr/sbin/policy-rc.d"
  : >"$rootfs/etc/resolv.conf"
  tar -C "$rootfs" --numeric-owner -c . |
    docker import --change 'USER 65534:65534' --change 'ENV HOME=/tmp' --change 'WORKDIR /tmp' \
      - "$bl_tag" >/dev/null
  report "$bl_tag" "$start"
}

for t in "${targets[@]}"; do
  "build_$t"
done
