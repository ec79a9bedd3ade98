package api

import (
	"errors"
	"strings"
	"testing"

	"github.com/conun/conun/tiler"
)

func TestPrefix(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{{"0xabcdef", 4, "0xab"}, {"0x", 10, "0x"}, {"", 3, ""}}
	for _, tc := range tests {
		if got := Prefix(tc.s, tc.n); got != tc.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

// TestSpecOutput: the output fields are checked together (JPEG is 8-bit
// and alone has a quality), and frames are named as Blender names them.
func TestSpecOutput(t *testing.T) {
	valid := JobSpec{
		Scene: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", SceneName: "s.blend", Renderer: "blender",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 1, Rows: 1},
	}
	tests := []struct {
		format         string
		depth, quality int
		err            string // "" for valid
		name           string
	}{
		{"", 8, 0, "", "frame_0007.png"},
		{"png", 16, 0, "", "frame_0007.png"},
		{"exr", 16, 0, "", "frame_0007.exr"},
		{"exr-multilayer", 8, 0, "", "frame_0007.exr"},
		{"jpeg", 8, 0, "", "frame_0007.jpg"},
		{"jpeg", 8, 75, "", "frame_0007.jpg"},
		{"tiff", 16, 0, "", "frame_0007.tif"},
		{"tiff", 8, 0, "", "frame_0007.tif"},
		{"jpeg", 16, 0, "JPEG is 8 bits per channel only", ""},
		{"jpeg", 8, 101, "quality 101: must be between 1 and 100", ""},
		{"jpeg", 8, -1, "quality -1", ""},
		{"png", 8, 90, "applies to JPEG frames only", ""},
		{"gif", 8, 0, `format "gif": want png, jpeg, tiff, exr or exr-multilayer`, ""},
		{"JPEG", 8, 0, `format "JPEG"`, ""}, // a spec holds ParseFormat's names
		{"tiff", 12, 0, "depth 12", ""},
	}
	for _, tc := range tests {
		s := valid
		s.Format, s.Depth, s.Quality = tc.format, tc.depth, tc.quality
		err := s.Validate()
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s/%d/%d: %v", tc.format, tc.depth, tc.quality, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrBadJob)):
			t.Errorf("%s/%d/%d: error %v, want one saying %q", tc.format, tc.depth, tc.quality, err, tc.err)
		case tc.err == "" && FrameName(7, tc.format) != tc.name:
			t.Errorf("FrameName(7, %q) = %q, want %q", tc.format, FrameName(7, tc.format), tc.name)
		}
	}
	for in, want := range map[string]string{"": "", "PNG": "", "jpg": "jpeg", "JPEG": "jpeg", "tif": "tiff", "TIFF": "tiff", "exr": "exr", "EXR-MultiLayer": "exr-multilayer"} {
		if got, err := ParseFormat(in); got != want || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("webp"); err == nil || !strings.Contains(err.Error(), "want png, jpeg, tiff, exr or exr-multilayer") {
		t.Errorf("ParseFormat(webp): %v", err)
	}
	if q := (JobSpec{Format: FormatJPEG}).JPEGQuality(); q != 90 {
		t.Errorf("default JPEG quality %d, want Blender's 90", q)
	}
}

// TestSpecCompression: a PNG job's compression is 0 to 100 as Blender's,
// 15 (Blender's default) when the spec has none, and is refused for the
// formats it does not apply to.
func TestSpecCompression(t *testing.T) {
	valid := JobSpec{
		Scene: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", SceneName: "s.blend", Renderer: "blender",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
	}
	tests := []struct {
		format      string
		compression *int
		err         string // "" for valid
		effective   int
	}{
		{"", nil, "", 15},
		{"", ptr(0), "", 0},
		{"png", ptr(100), "", 100},
		{"png", ptr(101), "compression 101: must be between 0 and 100", 0},
		{"", ptr(-1), "compression -1", 0},
		{"jpeg", ptr(15), `applies to PNG frames only (format "jpeg")`, 0},
		{"exr", ptr(50), "applies to PNG frames only", 0},
		{"jpeg", nil, "", 15},
	}
	for _, tc := range tests {
		s := valid
		s.Format, s.Compression = tc.format, tc.compression
		err := s.Validate()
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q/%v: %v", tc.format, tc.compression, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrBadJob)):
			t.Errorf("%q/%v: error %v, want one saying %q", tc.format, tc.compression, err, tc.err)
		case tc.err == "" && s.PNGCompression() != tc.effective:
			t.Errorf("%q/%v: compression %d, want %d", tc.format, tc.compression, s.PNGCompression(), tc.effective)
		}
	}
}
