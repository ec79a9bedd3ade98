package api

import (
	"reflect"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

func TestTakeScene(t *testing.T) {
	blend := renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{
		Samples: 16, Denoise: true, FileFormat: "PNG", ColorDepth: "16"}}
	exr := renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{FileFormat: "OPEN_EXR_MULTILAYER", ColorDepth: "32"}}
	none := func(string) bool { return false }
	for _, tc := range []struct {
		name      string
		info      renderer.SceneInfo
		given     func(string) bool
		want      JobSpec
		wantTaken []string
	}{
		{"everything from the scene", blend, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 16, Denoise: true, Depth: 16},
			[]string{"resolution 64x48", "16 samples", "denoising", "16-bit output"}},
		{"what the user gave stays", blend, func(s string) bool { return s == "denoise" || s == "res" },
			JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Samples: 16, Depth: 16},
			[]string{"16 samples", "16-bit output"}},
		{"exr output", exr, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Format: FormatEXR, Depth: 8},
			[]string{"resolution 64x48", "OpenEXR output"}},
		{"a glTF says nothing", renderer.SceneInfo{Width: 64, Height: 48}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Depth: 8}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Depth: 8}
			taken := s.TakeScene(tc.info, tc.given)
			if !reflect.DeepEqual(s, tc.want) || !reflect.DeepEqual(taken, tc.wantTaken) {
				t.Fatalf("got %+v %q, want %+v %q", s, taken, tc.want, tc.wantTaken)
			}
		})
	}
}
