# Docker Engine and the sandbox images for renderer/sandbox's tests: Debian's
# docker.io and debootstrap when absent, dockerd started when no engine
# answers (without the default bridge network, which the sandbox never
# uses: its containers have no network), then the images built when
# missing. Sourced by .ci/deps (cwd .ci/), which defines apt_install.
#
# Nothing here may fail the whole suite: where the engine cannot run or an
# image cannot be built, this warns loudly and the sandbox tests skip with
# "NOT TESTED: ..." instead.
docker_warn() {
  echo "deps: WARNING: $*; the sandbox tests (renderer/sandbox) will be NOT TESTED" >&2
}

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  # A subshell: apt_install exits when it cannot install.
  (apt_install docker.io debootstrap) || docker_warn "could not install docker.io and debootstrap"
fi

docker_ok=""
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  docker_ok=1
elif command -v dockerd >/dev/null 2>&1; then
  echo "deps: starting dockerd (log: /tmp/conun-dockerd.log)"
  setsid dockerd --bridge=none --iptables=false >/tmp/conun-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 40); do
    if docker info >/dev/null 2>&1; then
      docker_ok=1
      break
    fi
    sleep 0.5
  done
  [ -n "$docker_ok" ] || docker_warn "dockerd did not answer within 20 s (see /tmp/conun-dockerd.log)"
fi

if [ -n "$docker_ok" ]; then
  # build.sh keeps images that exist; each Blender image (bookworm's 3.4,
  # trixie's 4.3 and sid's 5.2, so that the tests cover Blender 4.x and 5.x
  # too) takes ~4 minutes the first time, the path tracer's a few seconds.
  # The newer Blenders go last: if one fails, the others are built and only
  # its subtests skip, naming the image.
  ../renderer/sandbox/images/build.sh pathtracer blender blender4 blender5 || docker_warn "building the sandbox images failed"
fi
unset docker_ok
