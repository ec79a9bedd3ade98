package gui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

func TestFormSpec(t *testing.T) {
	valid := func(change func(f *Form)) Form {
		f := NewForm()
		f.ScenePath = "/scenes/shot.glb"
		f.Frames, f.Resolution, f.Samples, f.Seed, f.Tiles = "2-10:2", "640x360", "64", "7", "4x3"
		f.Budget, f.MaxPrice, f.TrustLevel, f.Depth = "12.5", "0.25", 4, 16
		if change != nil {
			change(&f)
		}
		return f
	}
	tests := []struct {
		name string
		form Form
		// errs maps each rejected field to a part of its reason.
		errs map[string]string
	}{
		{name: "valid", form: valid(nil)},
		{name: "blend", form: valid(func(f *Form) { f.ScenePath = "/x/Shot.BLEND" })},
		{name: "no scene", form: valid(func(f *Form) { f.ScenePath = " " }), errs: map[string]string{FieldScene: "pick a scene file"}},
		{name: "wrong extension", form: valid(func(f *Form) { f.ScenePath = "/x/shot.obj" }), errs: map[string]string{FieldScene: `not ".obj"`}},
		{name: "frames syntax", form: valid(func(f *Form) { f.Frames = "1-x" }), errs: map[string]string{FieldFrames: "want A, A-B or A-B:STEP"}},
		{name: "frames backwards", form: valid(func(f *Form) { f.Frames = "9-3" }), errs: map[string]string{FieldFrames: "end is before start"}},
		{name: "frames outside scene", form: valid(func(f *Form) { f.SceneFrames = &tiler.Frames{Start: 1, End: 4, Step: 1} }),
			errs: map[string]string{FieldFrames: "the scene has frames 1-4"}},
		{name: "resolution", form: valid(func(f *Form) { f.Resolution = "640" }), errs: map[string]string{FieldResolution: "want WIDTHxHEIGHT"}},
		{name: "tiles zero", form: valid(func(f *Form) { f.Tiles = "0x3" }), errs: map[string]string{FieldTiles: "columns must be >= 1"}},
		{name: "tiles beyond pixels", form: valid(func(f *Form) { f.Resolution, f.Tiles = "8x8", "16x2" }), errs: map[string]string{FieldTiles: "more tiles than pixels"}},
		{name: "samples", form: valid(func(f *Form) { f.Samples = "0" }), errs: map[string]string{FieldSamples: "from 1 to"}},
		{name: "seed", form: valid(func(f *Form) { f.Seed = "-1" }), errs: map[string]string{FieldSeed: "whole number >= 0"}},
		{name: "budget", form: valid(func(f *Form) { f.Budget = "lots" }), errs: map[string]string{FieldBudget: "want tokens >= 0"}},
		{name: "max price", form: valid(func(f *Form) { f.MaxPrice = "-2" }), errs: map[string]string{FieldMaxPrice: "want tokens >= 0"}},
		{name: "budget past the wei", form: valid(func(f *Form) { f.Budget = "0.0000000000000000001" }), errs: map[string]string{FieldBudget: "has 19 decimals"}},
		{name: "several at once", form: valid(func(f *Form) { f.Samples, f.Tiles = "x", "1x" }),
			errs: map[string]string{FieldSamples: "samples", FieldTiles: "want COLSxROWS"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec, errs := tc.form.Spec()
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors %v, want fields %v", errs, tc.errs)
			}
			for field, want := range tc.errs {
				if !strings.Contains(errs[field], want) {
					t.Errorf("%s: error %q, want it to say %q", field, errs[field], want)
				}
				if strings.HasPrefix(errs[field], "bad job spec") {
					t.Errorf("%s: error %q keeps the sentinel's prefix", field, errs[field])
				}
			}
			if len(tc.errs) > 0 {
				return
			}
			spec.Scene = strings.Repeat("a", 64) // the upload fills it
			if err := spec.Validate(); err != nil {
				t.Fatalf("form accepted a spec the node rejects: %v", err)
			}
		})
	}

	spec, _ := valid(nil).Spec()
	want := api.JobSpec{SceneName: "shot.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 2, End: 10, Step: 2}, Resolution: tiler.Resolution{Width: 640, Height: 360},
		Samples: 64, Seed: 7, Tiles: tiler.Grid{Cols: 4, Rows: 3}, Depth: 16, Budget: api.MustTokens("12.5"), MaxPrice: api.MustTokens("0.25"), VerifyRate: 0.10}
	if spec != want {
		t.Errorf("spec\n%+v, want\n%+v", spec, want)
	}
}

func TestTrustLabel(t *testing.T) {
	tests := []struct {
		level int
		want  string
	}{
		{1, "Trust level 1 of 5: re-render 1% of tiles"},
		{3, "Trust level 3 of 5: re-render 5% of tiles"},
		{5, "Trust level 5 of 5: re-render 25% of tiles"},
		{9, "Trust level 5 of 5"}, // clamped, never an index panic
	}
	for _, tc := range tests {
		if got := TrustLabel(tc.level); !strings.HasPrefix(got, tc.want) {
			t.Errorf("TrustLabel(%d) = %q, want prefix %q", tc.level, got, tc.want)
		}
	}
}

func TestProgressApply(t *testing.T) {
	spec := api.JobSpec{Frames: tiler.Frames{Start: 1, End: 2, Step: 1}, Resolution: tiler.Resolution{Width: 4, Height: 2},
		Tiles: tiler.Grid{Cols: 2, Rows: 1}}
	p := NewProgress("job", spec)
	t0 := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	ev := func(sec int, typ api.EventType, task, frame, done int, node, msg string) api.Event {
		return api.Event{Time: t0.Add(time.Duration(sec) * time.Second), Type: typ, Task: task, Frame: frame,
			Node: node, Message: msg, Done: done, Total: 4, State: api.JobRunning}
	}
	steps := []struct {
		e     api.Event
		tiles []TileState // after the event
		log   string
	}{
		{ev(0, "submitted", -1, 0, 0, "", ""), []TileState{TilePending, TilePending, TilePending, TilePending}, "job submitted"},
		{ev(1, "leased", 0, 1, 0, "n1", ""), []TileState{TileRendering, TilePending, TilePending, TilePending}, "n1 is rendering tile 0 of frame 1"},
		{ev(1, "leased", 1, 1, 0, "n2", ""), []TileState{TileRendering, TileRendering, TilePending, TilePending}, "n2 is rendering tile 1"},
		{ev(2, "requeued", 1, 1, 0, "n2", "n2 left"), []TileState{TileRendering, TileRequeued, TilePending, TilePending}, "requeued: n2 left"},
		{ev(4, "done", 0, 1, 1, "n1", ""), []TileState{TileDone, TileRequeued, TilePending, TilePending}, "n1 finished tile 0 of frame 1"},
		{ev(5, "leased", 1, 1, 1, "n1", ""), []TileState{TileDone, TileRendering, TilePending, TilePending}, "n1 is rendering tile 1"},
		{ev(6, "done", 1, 1, 2, "n1", ""), []TileState{TileDone, TileDone, TilePending, TilePending}, "finished tile 1"},
		{ev(6, "frame", -1, 1, 2, "", ""), []TileState{TileDone, TileDone, TilePending, TilePending}, "frame 1 assembled"},
	}
	for i, s := range steps {
		p.Apply(s.e)
		for j, want := range s.tiles {
			if p.Tiles[j].State != want {
				t.Fatalf("after event %d (%s): tile %d is %s, want %s", i, s.e.Type, j, p.Tiles[j].State, want)
			}
		}
		if got := p.Log[len(p.Log)-1]; !strings.Contains(got, s.log) {
			t.Errorf("after event %d: log %q, want %q", i, got, s.log)
		}
	}
	// Progress within a tile, and a spot check's verdict.
	p.Apply(api.Event{Time: t0.Add(6 * time.Second), Type: api.EventLeased, Task: 2, Frame: 2, Node: "n2", Done: 2, Total: 4, State: api.JobRunning})
	// First the worker fetches the scene: the summary says so, since
	// nothing else moves meanwhile.
	p.Apply(api.Event{Time: t0.Add(6 * time.Second), Type: api.EventProgress, Task: 2, Frame: 2, Node: "n2", Fetched: 0.4, Done: 2, Total: 4, State: api.JobRunning})
	if s := p.Summary(); !strings.Contains(s, "1 fetching the scene (40%)") {
		t.Errorf("summary while the scene arrives: %q", s)
	}
	p.Apply(api.Event{Time: t0.Add(6 * time.Second), Type: api.EventProgress, Task: 2, Frame: 2, Node: "n2", Progress: 0.5, Done: 2, Total: 4, State: api.JobRunning})
	if tile := p.Tiles[2]; tile.State != TileRendering || tile.Progress != 0.5 || tile.Fetched != 0 {
		t.Errorf("after progress: tile 2 %s at %v (scene %v), want rendering at 0.5", tile.State, tile.Progress, tile.Fetched)
	}
	if s := p.Summary(); strings.Contains(s, "fetching") {
		t.Errorf("summary once the render began: %q", s)
	}
	p.Apply(api.Event{Time: t0.Add(6 * time.Second), Type: api.EventVerdict, Task: 0, Frame: 1, Node: "n1", Verdict: api.CheckPass,
		Message: "check by n2 (exact): pass", Done: 2, Total: 4, State: api.JobRunning})
	if tile := p.Tiles[0]; tile.State != TileVerified || !tile.Accepted() {
		t.Errorf("after a passed check: tile 0 %s, want verified", tile.State)
	}
	if p.Tiles[1].Node != "n1" || p.Tiles[0].Rect != image.Rect(0, 0, 2, 2) || p.Tiles[3].Frame != 2 {
		t.Errorf("tiles %+v: want tile 1 on n1, tile 0 at (0,0)-(2,2), tile 3 in frame 2", p.Tiles)
	}
	if !p.Assembled[1] || p.CurrentFrame() != 2 {
		t.Errorf("assembled %v, current frame %d: want frame 1 assembled and frame 2 shown", p.Assembled, p.CurrentFrame())
	}
	// A frame's finish task (numbered after the tiles) is named as one,
	// and no tile changes.
	p.Apply(api.Event{Time: t0.Add(6 * time.Second), Type: api.EventLeased, Task: 4, Frame: 1, Node: "n2", Finish: true, Done: 2, Total: 4, State: api.JobRunning})
	if got := p.Log[len(p.Log)-1]; !strings.Contains(got, "n2 is rendering the finish of frame 1") || p.Tiles[0].State != TileVerified {
		t.Errorf("after a finish was leased: log %q, tile 0 %s", got, p.Tiles[0].State)
	}
	// 2 of 4 tiles in 6 s of events: 6 s more.
	if left, ok := p.ETA(); !ok || left != 6*time.Second {
		t.Errorf("ETA %v %v, want 6s", left, ok)
	}
	if s := p.Summary(); !strings.Contains(s, "tiles 2/4 done") || !strings.Contains(s, "ETA 6s") {
		t.Errorf("summary %q", s)
	}
	p.Apply(api.Event{Time: t0.Add(7 * time.Second), Type: api.EventFinished, Task: -1, Message: "cancelled", Done: 2, Total: 4, State: api.JobCancelled})
	if p.Tiles[2].State != TileCancelled || p.Tiles[0].State != TileVerified || p.Tiles[1].State != TileDone {
		t.Errorf("after cancel: tiles %+v", p.Tiles)
	}
	if _, ok := p.ETA(); ok {
		t.Error("a cancelled job still has an ETA")
	}
}

func TestDrawPreview(t *testing.T) {
	res := tiler.Resolution{Width: 4, Height: 2}
	frame := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for i := range frame.Pix {
		frame.Pix[i] = uint8(i * 7)
	}
	// At the frame's own size the preview is the frame, pixel for pixel.
	got := drawPreview(4, 2, res, frame, nil)
	if string(got.Pix) != string(frame.Pix) {
		t.Errorf("preview at 1:1 differs from the frame")
	}
	// A wider area letterboxes: the frame is scaled 10x and centred.
	got = drawPreview(60, 20, res, frame, nil)
	if c := got.NRGBAAt(5, 10); c != previewBackground {
		t.Errorf("left margin %v, want background", c)
	}
	if c, want := got.NRGBAAt(10, 0), frame.NRGBAAt(0, 0); c != want {
		t.Errorf("top-left of the frame %v, want %v", c, want)
	}
	// Without the frame, tiles are outlined by state.
	tiles := []Tile{{Rect: image.Rect(0, 0, 2, 2), State: TileDone}, {Rect: image.Rect(2, 0, 4, 2), State: TileRendering}}
	got = drawPreview(40, 20, res, nil, tiles)
	for _, probe := range []struct {
		x, y int
		want color.NRGBA
	}{{0, 0, tileOutline[TileDone]}, {20, 0, tileOutline[TileRendering]}, {39, 19, tileOutline[TileRendering]}} {
		if c := got.NRGBAAt(probe.x, probe.y); c != probe.want {
			t.Errorf("pixel (%d,%d) = %v, want %v", probe.x, probe.y, c, probe.want)
		}
	}
}

// TestDecodeFrame: the live view shows an EXR frame as the plain sRGB
// encoding of its floats, and a PNG frame as it is.
func TestDecodeFrame(t *testing.T) {
	h := renderer.NewHDR(image.Rect(0, 0, 3, 2))
	h.Set(0, 0, [4]float32{0.5, 4, 0, 1})
	var buf bytes.Buffer
	if err := exr.Encode(&buf, h, exr.Options{Compression: exr.ZIP}); err != nil {
		t.Fatal(err)
	}
	img, err := decodeFrame(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := h.Preview()
	if img.Bounds() != want.Bounds() || img.At(0, 0) != want.At(0, 0) {
		t.Fatalf("EXR frame shows %v at (0,0) in %v, want %v", img.At(0, 0), img.Bounds(), want.At(0, 0))
	}
	buf.Reset()
	png.Encode(&buf, want)
	if img, err = decodeFrame(buf.Bytes()); err != nil || img.Bounds() != want.Bounds() {
		t.Fatalf("PNG frame: %v, %v", img, err)
	}
	if _, err := decodeFrame([]byte("neither")); err == nil {
		t.Fatal("garbage decoded")
	}
}

// TestFormOutput: the form's EXR choice makes an EXR job, and every
// output choice a job of its format.
func TestFormOutput(t *testing.T) {
	f := NewForm()
	f.ScenePath = "shot.blend"
	o := outputs["EXR float"]
	f.Depth, f.Format = o.depth, o.format
	spec, errs := f.Spec()
	if len(errs) > 0 || spec.Format != api.FormatEXR {
		t.Fatalf("spec format %q, errors %v", spec.Format, errs)
	}
	for _, c := range outputChoices {
		o, ok := outputs[c]
		if !ok {
			t.Fatalf("choice %q has no output", c)
		}
		f.Depth, f.Format = o.depth, o.format
		if spec, errs := f.Spec(); len(errs) > 0 || spec.Format != o.format {
			t.Errorf("choice %q: spec format %q, errors %v", c, spec.Format, errs)
		}
	}
}

// TestJobRow: the jobs table says each job's output format and the
// renderer release its tiles come from (the renderer's name until the
// first lease fixes the release).
func TestJobRow(t *testing.T) {
	j := api.JobStatus{ID: "abc", State: api.JobRunning, Spec: api.JobSpec{SceneName: "shot.blend", Renderer: "blender", Depth: 16}}
	row := jobRow(j, "-")
	if len(row) != len(jobColumns) {
		t.Fatalf("%d cells for %d columns", len(row), len(jobColumns))
	}
	cell := func(row []string, col string) string { return row[slices.Index(jobColumns, col)] }
	if cell(row, "Output") != "PNG 16-bit" || cell(row, "Renderer") != "blender" {
		t.Fatalf("row %q", row)
	}
	j.Spec.Format, j.Release = api.FormatEXR, "blender-4.3.2"
	if row := jobRow(j, "-"); cell(row, "Output") != "EXR float" || cell(row, "Renderer") != "blender-4.3.2" {
		t.Fatalf("row %q", row)
	}
	j.Spec.Format, j.Spec.Depth, j.Spec.Quality = api.FormatJPEG, 8, 75
	if row := jobRow(j, "-"); cell(row, "Output") != "JPEG q75" {
		t.Fatalf("row %q", row)
	}
	j.Spec.Format, j.Spec.Depth, j.Spec.Quality = api.FormatTIFF, 16, 0
	if row := jobRow(j, "-"); cell(row, "Output") != "TIFF 16-bit" {
		t.Fatalf("row %q", row)
	}
	j.State, j.Partial, j.FailedFrames = api.JobDone, true, []api.FailedFrame{{Frame: 2, Tasks: []int{2}, Reason: "renderer refuses frame 2"}}
	if row := jobRow(j, "-"); cell(row, "State") != "partial (1 frame failed)" {
		t.Fatalf("row of a partial job %q", row)
	}
}

// TestNewFormUsesJobDefaults: the app's form starts from the same job
// defaults as the CLI's flags (api's), so one scene renders the same way
// from either.
func TestNewFormUsesJobDefaults(t *testing.T) {
	f := NewForm()
	f.ScenePath = "scene.glb"
	spec, errs := f.Spec()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := api.JobSpec{Resolution: api.DefaultResolution, Samples: api.DefaultSamples, Depth: api.DefaultDepth,
		Tiles: api.DefaultTiles(api.DefaultResolution), VerifyRate: api.DefaultVerifyRate}
	if spec.Resolution != want.Resolution || spec.Samples != want.Samples || spec.Depth != want.Depth || spec.Tiles != want.Tiles || spec.VerifyRate != want.VerifyRate {
		t.Errorf("the form's defaults %+v, want the CLI's %+v", spec, want)
	}
}
