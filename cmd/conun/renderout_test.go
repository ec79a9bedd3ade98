package main

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // registers the decoder image.DecodeConfig names
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "golang.org/x/image/tiff"

	"github.com/conun/conun/farm/api"
)

// TestRenderOutFollowsExtension: `conun render --out` writes the format its
// extension names, in a file a decoder of that format reads back at the
// asked size, and refuses an extension it does not write, naming the
// choices, before rendering anything.
func TestRenderOutFollowsExtension(t *testing.T) {
	tests := []struct {
		name, file string
		decoder    string // image.DecodeConfig's format name; "" for EXR
		wantCode   int
		wantErr    string
	}{
		{"png", "f.png", "png", 0, ""},
		{"jpg", "f.jpg", "jpeg", 0, ""},
		{"jpeg upper case", "f.JPEG", "jpeg", 0, ""},
		{"tif", "f.tif", "tiff", 0, ""},
		{"tiff", "f.tiff", "tiff", 0, ""},
		{"exr", "f.exr", "", 0, ""},
		{"unknown", "f.bmp", "", 2, "unknown extension .bmp: want .png, .jpg, .jpeg, .tif, .tiff or .exr"},
		{"none", "frame", "", 2, "no extension"},
		// A job's format, not a file's extension: the file would be PNG.
		{"a job format", "f.exr-multilayer", "", 2, "unknown extension .exr-multilayer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.file)
			code, stdout, stderr := conun(t, "render", "--res", "24x16", "--samples", "1", "--out", out, "../../scenes/cornell.glb")
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, tc.wantCode, stdout, stderr)
			}
			if tc.wantErr != "" {
				if !strings.Contains(stderr, tc.wantErr) {
					t.Errorf("stderr %q does not say %q", stderr, tc.wantErr)
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("a refused --out was written anyway (stat: %v)", err)
				}
				return
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if tc.decoder == "" { // OpenEXR's magic number
				if !bytes.HasPrefix(data, []byte{0x76, 0x2f, 0x31, 0x01}) {
					t.Fatalf("%s does not start with OpenEXR's magic number: % x", tc.file, data[:min(4, len(data))])
				}
				return
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decode %s: %v", tc.file, err)
			}
			if format != tc.decoder || cfg.Width != 24 || cfg.Height != 16 {
				t.Errorf("%s holds %s %dx%d, want %s 24x16", tc.file, format, cfg.Width, cfg.Height, tc.decoder)
			}
		})
	}
}

// FuzzOutFormat: any --out name is refused naming it, or gives a format a
// job can have (one api.ParseFormat accepts back).
func FuzzOutFormat(f *testing.F) {
	for _, s := range []string{"f.png", "a/b.JPG", "x.tiff", "noext", ".exr", "f.png.bmp", "dir.jpg/", "f."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		format, err := outFormat(path)
		if err != nil {
			if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), path) {
				t.Fatalf("refusal of %q: %v", path, err)
			}
			return
		}
		if back, err := api.ParseFormat(format); err != nil || back != format {
			t.Fatalf("%q gave format %q, which parses back as %q, %v", path, format, back, err)
		}
	})
}
