package farm_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
)

// TestCompositedScenesTiled: scenes made as artists make them (Blender's
// default startup file and settings, adaptive sampling on, compositors
// that need the whole frame: Glare and Lens Distortion; Depth and Normal
// passes and a Blur; two view layers over each other; a look with curves
// and a vignette; Cryptomatte) rendered by three nodes as 4x4 tiles equal
// Blender's own whole-frame render (blender -b -f) near-exactly: tiles
// carry raw passes and one finish task per frame composites once. The honest nodes
// are never convicted (composited crops used to convict nearly every
// one), and a node that tampers with one raw pass, whichever (Combined,
// Depth, Normal, a Cryptomatte id), is (a spot check compares every raw
// pass, so a lie in any shows).
func TestCompositedScenesTiled(t *testing.T) {
	needBlender(t)
	for _, tc := range []struct{ scene, tampered string }{
		{"composite", "Combined"},
		{"passes", "Depth"},
		{"passes", "Normal"},
		{"layers", "Combined"},
		{"look", "Combined"},
		{"cryptomatte", "CryptoObject"},
		{"transparent", "Combined"},
	} {
		t.Run(tc.scene+"/"+tc.tampered, func(t *testing.T) { compositedSceneTiled(t, tc.scene, tc.tampered) })
	}
}

func compositedSceneTiled(t *testing.T, name, tampered string) {
	nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return passCheater{honest, tampered} })
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	job := submitComposited(ctx, t, c, name, nil)
	job.wait(ctx, t)
	st, err := c.Status(ctx, job.id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Convicted) != 1 || st.Convicted[0] != "node-3" {
		t.Errorf("convicted %v, want only the lazy node-3", st.Convicted)
	}
	job.matchesBlender(ctx, t)
}

// TestBlackAndWhiteFrames: a scene saved with Output > Color BW writes
// grey files that equal Blender's own render, as tiles and as one task
// (the farm wrote colour ones: tiles render RGB and the frame was
// stitched and written by the farm; now Blender's finish writes it).
func TestBlackAndWhiteFrames(t *testing.T) {
	needBlender(t)
	scene := buildScene(t, "composite", "s.render.use_compositing = False\ns.render.image_settings.color_mode = 'BW'")
	for _, tiles := range []tiler.Grid{{Cols: 2, Rows: 2}, {Cols: 1, Rows: 1}} {
		t.Run(tiles.String(), func(t *testing.T) {
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) { s.Tiles = tiles })
			job.wait(ctx, t)
			out := t.TempDir()
			if _, err := c.Fetch(ctx, job.id, out); err != nil {
				t.Fatal(err)
			}
			if m := decode(t, filepath.Join(out, api.FrameName(1, ""))); m.ColorModel() != color.Gray16Model {
				t.Errorf("the frame is %T, want grey (16-bit)", m)
			}
			job.matchesBlender(ctx, t)
		})
	}
}

// compositedJob is a job of a composited scene built by
// scenes/blend/make_NAME.py, rendered as 4x4 tiles at 96x64.
type compositedJob struct {
	c     *api.Client
	scene string // the .blend file
	spec  api.JobSpec
	id    string
}

// submitComposited builds the scene of make_NAME.py and submits it to c,
// every tile checked; change, if not nil, adjusts the spec first.
func submitComposited(ctx context.Context, t *testing.T, c *api.Client, name string, change func(*api.JobSpec)) compositedJob {
	t.Helper()
	return submitScene(ctx, t, c, buildScene(t, name, ""), change)
}

// buildScene builds the scene of make_NAME.py, then runs the Python expr
// on it (when not "") and saves it, as an artist changes a setting.
func buildScene(t *testing.T, name, expr string) string {
	t.Helper()
	scene := filepath.Join(t.TempDir(), name+".blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_"+name+".py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build the scene: %v\n%s", err, out)
	}
	if expr != "" {
		changeScene(t, scene, expr)
	}
	return scene
}

// changeScene runs the Python expr on the .blend scene (the scene is s)
// and saves it, as an artist changes a setting.
func changeScene(t *testing.T, scene, expr string) {
	t.Helper()
	expr = "import bpy\ns = bpy.context.scene\n" + expr + "\nbpy.ops.wm.save_mainfile()"
	if out, err := exec.Command("blender", "-b", scene, "--python-exit-code", "1", "--python-expr", expr).CombinedOutput(); err != nil {
		t.Fatalf("change the scene: %v\n%s", err, out)
	}
}

// submitScene uploads the .blend scene to c and submits it as 4x4 tiles
// at 96x64, every tile checked; change, if not nil, adjusts the spec
// first.
func submitScene(ctx context.Context, t *testing.T, c *api.Client, scene string, change func(*api.JobSpec)) compositedJob {
	t.Helper()
	data, err := os.ReadFile(scene)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{
		Scene: hash, SceneName: filepath.Base(scene), Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 96, Height: 64}, Samples: 8, Seed: 1, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 16,
		VerifyRate: 1, // every tile checked: the frame is compared with Blender's whole, pixel for pixel
	}
	if change != nil {
		change(&spec)
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	return compositedJob{c: c, scene: scene, spec: spec, id: id}
}

// wait follows the job's events until it ends, logging checks and
// requeues, and fails the test unless it is done.
func (j compositedJob) wait(ctx context.Context, t *testing.T) {
	t.Helper()
	if state, err := j.c.Events(ctx, j.id, func(e api.Event) error {
		if e.Type == api.EventVerdict || e.Type == api.EventRequeued {
			t.Logf("%s task %d (finish %v) %s: %s", e.Type, e.Task, e.Finish, e.Node, e.Message)
		}
		return nil
	}); err != nil || state != api.JobDone {
		rep, _ := j.c.Report(ctx, j.id)
		t.Fatalf("job: %s %v %s", state, err, rep.Error)
	}
}

// matchesBlender fetches the job's frame and compares it with Blender's
// own whole-frame render of the scene (near-exact rule).
func (j compositedJob) matchesBlender(ctx context.Context, t *testing.T) {
	t.Helper()
	out := t.TempDir()
	if _, err := j.c.Fetch(ctx, j.id, out); err != nil {
		t.Fatal(err)
	}
	s := j.spec
	path := filepath.Join(out, api.FrameName(1, s.Format))
	ref := f12(t, j.scene, s.Resolution.Width, s.Resolution.Height, s.Samples, int(s.Seed), s.Depth, s.Format == api.FormatEXR)
	var got, want *image.NRGBA64
	if s.Format == api.FormatEXR {
		// Linear floats, compared as the checks compare them
		// (v/(1+v) in 16 bits: highlights above 1 stay comparable).
		got, want = decodeEXR(t, path).Compressed(), decodeEXR(t, ref).Compressed()
	} else {
		got, want = toNRGBA64(decode(t, path)), toNRGBA64(decode(t, ref))
	}
	v := verifier.Compare(got, want, want.Bounds(), verifier.NearExact)
	t.Logf("tiled + finished vs blender -f: %+v", v)
	if v.Outcome != verifier.Pass {
		t.Fatalf("the tiled frame differs from Blender's own render: %+v", v)
	}
	// The alpha too, which Compare leaves out: a transparent film's
	// frames came out opaque (tiles render RGB).
	if v := verifier.Compare(alphaOf(got), alphaOf(want), want.Bounds(), verifier.NearExact); v.Outcome != verifier.Pass {
		t.Fatalf("the tiled frame's alpha differs from Blender's own render's: %+v", v)
	}
	if clear := transparentPixels(want); strings.HasPrefix(filepath.Base(j.scene), "transparent") && clear == 0 {
		t.Fatalf("Blender's own render of %s has no transparent pixel: the scene is not what the test needs", j.scene)
	}
}

// alphaOf is m's alpha as an opaque grey image, for verifier.Compare.
func alphaOf(m *image.NRGBA64) *image.NRGBA64 {
	out := image.NewNRGBA64(m.Bounds())
	for i := 0; i < len(m.Pix); i += 8 {
		copy(out.Pix[i:i+6], []byte{m.Pix[i+6], m.Pix[i+7], m.Pix[i+6], m.Pix[i+7], m.Pix[i+6], m.Pix[i+7]})
		out.Pix[i+6], out.Pix[i+7] = 0xff, 0xff
	}
	return out
}

// transparentPixels counts m's pixels of alpha 0.
func transparentPixels(m *image.NRGBA64) int {
	n := 0
	for i := 6; i < len(m.Pix); i += 8 {
		if m.Pix[i] == 0 && m.Pix[i+1] == 0 {
			n++
		}
	}
	return n
}

// f12 renders a scene's whole frame the way Blender's own render does
// (blender -b FILE -f 1), with only the job's resolution, samples, seed and
// colour depth (or 32-bit OpenEXR when exr is set) set, denoising off as
// the job has it, and everything else the scene's: compositor, adaptive
// sampling, colour management.
func f12(t *testing.T, scene string, w, h, samples, seed, depth int, exr bool) string {
	t.Helper()
	dir := t.TempDir()
	format, ext := "PNG", "png"
	if exr {
		format, ext, depth = "OPEN_EXR", "exr", 32
	}
	expr := strings.Join([]string{
		"import bpy",
		"s = bpy.context.scene",
		fmt.Sprintf("s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = %d, %d, 100", w, h),
		fmt.Sprintf("s.cycles.samples, s.cycles.seed = %d, %d", samples, seed),
		"s.cycles.use_animated_seed = False",
		"s.cycles.use_denoising = False",
		fmt.Sprintf("s.render.image_settings.file_format = '%s'", format),
		fmt.Sprintf("s.render.image_settings.color_depth = '%d'", depth),
	}, "\n")
	out, err := exec.Command("blender", "-b", scene, "--python-expr", expr,
		"-o", filepath.Join(dir, "f12_####"), "-f", "1").CombinedOutput()
	path := filepath.Join(dir, "f12_0001."+ext)
	if _, serr := os.Stat(path); err != nil || serr != nil {
		t.Fatalf("blender -f: %v %v\n%s", err, serr, out)
	}
	return path
}

func toNRGBA64(m image.Image) *image.NRGBA64 {
	out := image.NewNRGBA64(m.Bounds())
	draw.Draw(out, out.Bounds(), m, m.Bounds().Min, draw.Src)
	return out
}

// passCheater renders honestly, then scales one raw pass it returns by
// 90% (every view layer's; colour, not alpha): a lie in Combined that no
// compositing hides, or one only a Depth, Normal or Cryptomatte check sees.
type passCheater struct {
	renderer.Renderer
	pass string // "Combined", "Depth", "Normal", "CryptoObject"...
}

func (p passCheater) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	res, err := p.Renderer.Render(ctx, t)
	if err != nil || res.Passes == nil {
		return res, err
	}
	for i, ch := range res.Passes.Channels {
		if strings.Contains(ch.Name, "."+p.pass) && !strings.HasSuffix(ch.Name, ".A") {
			for j := range ch.Pix {
				res.Passes.Channels[i].Pix[j] *= 0.9
			}
		}
	}
	res.HDR = res.Passes.Combined("")
	res.Image = res.HDR.Preview()
	return res, nil
}

// decodeEXR reads an OpenEXR file, failing the test if it cannot.
func decodeEXR(t *testing.T, path string) *renderer.HDR {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := exr.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}
