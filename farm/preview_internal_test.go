package farm

import (
	"image"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// TestPreviewLeaseLimits: a worker renders a preview for nothing, so it
// refuses a "preview" lease that is anything but one: too big, too many
// samples, another renderer, raw passes, a check, an escrow, or a spec
// that is not the preview pass the lease names.
func TestPreviewLeaseLimits(t *testing.T) {
	parent := api.JobSpec{
		Scene: strings.Repeat("ab", 32), SceneName: "anim.blend", Renderer: "blender",
		Frames: tiler.Frames{Start: 1, End: 3, Step: 1}, Resolution: tiler.Resolution{Width: 1920, Height: 1080},
		Samples: 512, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 16, Budget: api.MustTokens("10"), Preview: true,
	}
	spec := parent.PreviewSpec()
	if spec.Resolution.Width > api.PreviewMaxWidth || spec.Resolution.Height > api.PreviewMaxHeight || spec.Samples > api.PreviewMaxSamples {
		t.Fatalf("preview spec %v at %d samples passes the caps", spec.Resolution, spec.Samples)
	}
	if spec.Resolution.Width*1080 != spec.Resolution.Height*1920 || !spec.Budget.IsZero() || spec.PreviewOf != parent.ID() || spec.Tiles != (tiler.Grid{Cols: 1, Rows: 1}) {
		t.Fatalf("preview spec %+v: want the aspect kept, no budget, whole frames, naming its job", spec)
	}
	if err := spec.Validate(); err != nil {
		t.Fatalf("preview spec invalid: %v", err)
	}
	lease := func() TaskRequest {
		return TaskRequest{
			JobID: spec.ID(), Task: 1, Renderer: spec.Renderer, Scene: spec.Scene, SceneName: spec.SceneName,
			Frame: 2, Width: spec.Resolution.Width, Height: spec.Resolution.Height, Samples: spec.Samples,
			Region:  image.Rect(0, 0, spec.Resolution.Width, spec.Resolution.Height),
			JobHash: jobHash(spec).Hex(), Spec: &spec, Preview: true,
		}
	}
	other := parent
	other.Seed = 9
	otherSpec := other.PreviewSpec()
	paid := parent
	paid.Preview = false
	tests := []struct {
		name    string
		change  func(*TaskRequest)
		wantErr string // "" accepted
	}{
		{"a preview task", func(*TaskRequest) {}, ""},
		{"off a chain (no spec)", func(r *TaskRequest) { r.Spec = nil }, ""},
		{"too big", func(r *TaskRequest) { r.Width, r.Height, r.Spec = 1920, 1080, nil }, "paid work"},
		{"too many samples", func(r *TaskRequest) { r.Samples, r.Spec = 512, nil }, "paid work"},
		{"another renderer", func(r *TaskRequest) { r.Renderer = "pathtracer" }, "not \"pathtracer\""},
		{"raw passes", func(r *TaskRequest) { r.Passes = []string{"ViewLayer.Combined"} }, "plain PNG"},
		{"a check", func(r *TaskRequest) { r.Check = true }, "plain PNG"},
		{"an escrow", func(r *TaskRequest) { r.Escrow = jobHash(paid).Hex() }, "unpaid"},
		{"a paid job's spec", func(r *TaskRequest) { r.Spec = &paid }, "not the preview pass"},
		{"another preview's spec", func(r *TaskRequest) { r.Spec = &otherSpec }, "not the preview pass"},
		{"another frame than its task", func(r *TaskRequest) { r.Frame = 3 }, "differs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := lease()
			tc.change(&r)
			err := checkPreviewLease(r)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("got %v, want an error saying %q", err, tc.wantErr)
			}
		})
	}
}
