package blender

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/conun/conun/renderer"
	"github.com/klauspost/compress/zstd"
)

// blendVersion is the Blender version that saved a .blend, as its header
// says: major and minor, such as 4.3 (the header holds no patch level).
type blendVersion struct{ major, minor int }

func (v blendVersion) String() string { return fmt.Sprintf("%d.%d", v.major, v.minor) }

func (v blendVersion) newerThan(o blendVersion) bool {
	return v.major > o.major || v.major == o.major && v.minor > o.minor
}

// The first bytes of a compressed .blend: Blender 3.0 and later compress
// with Zstandard, older ones with gzip.
var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	gzipMagic = []byte{0x1f, 0x8b}
)

// readBlendVersion reads the version of the Blender that saved the .blend
// at path from its header, decompressing the start of a compressed file.
// ok is false for a file that does not look like a .blend at all: Blender
// then says what is wrong with it.
//
// Blender is asked only after this: an older Blender does not refuse a
// newer file, it reads it, and Blender 3.4 was seen to crash (SIGSEGV) on
// a file saved by 4.3 before any script could look at the version.
func readBlendVersion(path string) (v blendVersion, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return blendVersion{}, false, err
	}
	defer f.Close()
	v, ok = blendVersionOf(f)
	return v, ok, nil
}

// blendVersionOf is readBlendVersion for a .blend's contents.
func blendVersionOf(f io.Reader) (blendVersion, bool) {
	br := bufio.NewReader(f)
	magic, _ := br.Peek(4)
	var r io.Reader = br
	switch {
	case bytes.HasPrefix(magic, zstdMagic):
		// Blender writes frames of about 1 MiB: the header is in the
		// first block. The caps keep a crafted frame from claiming
		// much memory on the node.
		d, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(32<<20), zstd.WithDecoderMaxMemory(64<<20))
		if err != nil {
			return blendVersion{}, false
		}
		defer d.Close()
		r = d
	case bytes.HasPrefix(magic, gzipMagic):
		z, err := gzip.NewReader(br)
		if err != nil {
			return blendVersion{}, false
		}
		defer z.Close()
		r = z
	}
	var head [17]byte
	n, _ := io.ReadFull(r, head[:])
	return parseBlendHeader(head[:n])
}

// parseBlendHeader reads the version from a .blend's first bytes, in
// either of the two header layouts:
//
//	BLENDER-v403        (up to 4.x: pointer size '_' or '-', endianness 'v' or 'V', version)
//	BLENDER17-01v0500   (5.0 on: header size, format version, endianness, version)
func parseBlendHeader(h []byte) (blendVersion, bool) {
	if !bytes.HasPrefix(h, []byte("BLENDER")) {
		return blendVersion{}, false
	}
	h = h[len("BLENDER"):]
	var digits []byte
	switch {
	case len(h) >= 5 && (h[0] == '_' || h[0] == '-') && (h[1] == 'v' || h[1] == 'V'):
		digits = h[2:5]
	case len(h) >= 10 && h[2] == '-' && (h[5] == 'v' || h[5] == 'V'):
		digits = h[6:10]
	default:
		return blendVersion{}, false
	}
	n, err := strconv.Atoi(string(digits))
	if err != nil || n < 0 {
		return blendVersion{}, false
	}
	return blendVersion{major: n / 100, minor: n % 100}, true
}

// checkBlendVersion returns a *SceneError, inside a
// *renderer.NewerSceneError naming the version needed, when the scene was
// saved by a newer Blender than the one whose file version is have (major,
// minor, subversion, from the probe); doing is what the user should do
// with a newer Blender ("render", "pack").
func checkBlendVersion(scene string, have []int, blenderVersion, doing string) error {
	if len(have) < 2 {
		return nil
	}
	v, ok, err := readBlendVersion(scene)
	if err != nil {
		return &SceneError{Scene: scene, Reason: err.Error()}
	}
	if ok && v.newerThan(blendVersion{have[0], have[1]}) {
		return &renderer.NewerSceneError{Need: v.String(), Err: &SceneError{Scene: scene, Reason: newerReason(v, blenderVersion, doing)}}
	}
	return nil
}

// newerReason says what the driver's own check (check_version) says.
func newerReason(v blendVersion, blenderVersion, doing string) string {
	who := "this node's Blender " + blenderVersion
	if doing == "pack" {
		who = "the Blender that packs it, " + blenderVersion
	}
	return fmt.Sprintf("saved by Blender %s (file version %d%02d), newer than %s: %s it with Blender %s or newer",
		v, v.major, v.minor, who, doing, v)
}
