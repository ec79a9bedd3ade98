//go:build linux && cgo

package gl

import (
	"debug/elf"
	"os"
	"strings"
	"testing"
)

func TestStack(t *testing.T) {
	tests := []struct{ rend, ver, want string }{
		{"llvmpipe (LLVM 15.0.6, 256 bits)", "4.5 (Core Profile) Mesa 22.3.6", "llvmpipe-mesa-22.3.6"},
		{"NVIDIA H200/PCIe/SSE2", "4.6.0 NVIDIA 550.54.15", "nvidia-h200-550.54.15"},
		{"AMD Radeon RX 7900 XTX (radeonsi, navi31, LLVM 15.0.7, DRM 3.54, 6.5.0)", "4.6 (Core Profile) Mesa 23.2.1", "amd-mesa-23.2.1"},
	}
	for _, tc := range tests {
		if got := stack(tc.rend, tc.ver); got != tc.want {
			t.Errorf("stack(%q, %q) = %q, want %q", tc.rend, tc.ver, got, tc.want)
		}
	}
}

func TestContext(t *testing.T) {
	c, err := newContext(-1)
	if err != nil {
		t.Fatalf("no GL context (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer c.close()
	t.Logf("GL_RENDERER %q GL_VERSION %q: %s", c.renderer, c.version, stack(c.renderer, c.version))
}

// TestLinksNoGL: the binary must start on a machine with no GL at all (a
// node then offers the CPU tracer), and use the GPU driver's own libEGL
// where there is one, so it links none of libGL, libEGL or X11: libEGL is
// opened at run time.
func TestLinksNoGL(t *testing.T) {
	f, err := elf.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range libs {
		for _, bad := range []string{"libGL", "libEGL", "libX11", "libOpenGL"} {
			if strings.HasPrefix(l, bad) {
				t.Errorf("the binary links %s (all: %v)", l, libs)
			}
		}
	}
}
