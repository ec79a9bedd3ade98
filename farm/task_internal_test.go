package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestTaskOfFormat: the renderer's task a lease draws follows the job's
// format: linear floats for OpenEXR, opaque colours for JPEG (which keeps
// no alpha, so a compositor's transparency is premultiplied as in
// Blender's own JPEG), and the scene's own colour mode otherwise.
func TestTaskOfFormat(t *testing.T) {
	for _, tc := range []struct {
		format      string
		hdr, opaque bool
	}{
		{"", false, false},
		{api.FormatPNG, false, false},
		{api.FormatTIFF, false, false},
		{api.FormatJPEG, false, true},
		{api.FormatEXR, true, false},
		{api.FormatEXRLayers, true, false},
	} {
		task := TaskRequest{Format: tc.format, Frame: 1, Width: 64, Height: 48}.task("scene.blend")
		if task.HDR != tc.hdr || task.Opaque != tc.opaque {
			t.Errorf("format %q: task HDR %v, Opaque %v; want %v, %v", tc.format, task.HDR, task.Opaque, tc.hdr, tc.opaque)
		}
	}
}
