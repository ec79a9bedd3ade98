# Flipbooks (farm/flipbook, `conun fetch --video mp4`): Debian's ffmpeg
# encodes the H.264 MP4 and its ffprobe checks it in the tests. Sourced by
# .ci/deps, which defines apt_install.
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  apt_install ffmpeg
fi
