package gui

import (
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestRegionChoice: a scene saved with a render region (a border often
// left on) renders that region, as `conun submit` takes it, and the form
// says so with a ticked choice; unticked, the job renders the whole frame
// (`--region full`), its tiles split from the frame. Before, the app took
// the region with no way to drop it. A scene without one shows no choice,
// and the form keeps its height (TestXvfbPictures pictures it).
func TestRegionChoice(t *testing.T) {
	u, _ := newTestUI(t, "http://127.0.0.1:1") // no node: the form alone
	v := u.newRender
	res := tiler.Resolution{Width: 1920, Height: 1080}
	withRegion := renderer.SceneInfo{FrameStart: 1, FrameEnd: 1, Width: res.Width, Height: res.Height,
		Usage: &renderer.SceneUsage{RenderRegion: true, Border: [4]float32{0.25, 0.5, 0.5, 0.75}}}
	v.entries[FieldScene].SetText("/scenes/shot.blend")
	v.takeScene("/scenes/shot.blend", withRegion)
	if !v.region.Checked || !v.region.Visible() {
		t.Fatalf("region choice checked %v, shown %v: want it ticked and offered", v.region.Checked, v.region.Visible())
	}
	want := &api.Region{X0: 480, Y0: 270, X1: 960, Y1: 540}
	if spec, errs := v.form.Spec(); len(errs) > 0 || spec.Region == nil || *spec.Region != *want {
		t.Fatalf("spec region %v (%v), want the scene's %v", spec.Region, errs, want)
	}
	if got, w := v.entries[FieldTiles].Text, api.DefaultTiles(tiler.Resolution{Width: 480, Height: 270}).String(); got != w {
		t.Errorf("tiles %s, want the region's default %s", got, w)
	}

	v.region.SetChecked(false)
	if spec, _ := v.form.Spec(); spec.Region != nil {
		t.Fatalf("unticked, the spec still renders region %v", spec.Region)
	}
	if got, w := v.entries[FieldTiles].Text, api.DefaultTiles(res).String(); got != w {
		t.Errorf("tiles %s, want the whole frame's default %s", got, w)
	}

	v.takeScene("/scenes/other.blend", renderer.SceneInfo{FrameStart: 1, FrameEnd: 1, Width: res.Width, Height: res.Height, Usage: &renderer.SceneUsage{}})
	if v.region.Checked || v.region.Visible() {
		t.Errorf("a scene without a region: choice checked %v, shown %v", v.region.Checked, v.region.Visible())
	}
	if spec, _ := v.form.Spec(); spec.Region != nil {
		t.Errorf("a scene without a region renders region %v", spec.Region)
	}
	// And back to a scene with one: ticked again, whatever was unticked
	// for the scene before; and one region scene after another.
	for _, step := range []string{"after a scene without one", "after a scene with one"} {
		v.takeScene("/scenes/shot.blend", withRegion)
		if spec, _ := v.form.Spec(); !v.region.Checked || v.form.WholeFrame || spec.Region == nil || *spec.Region != *want {
			t.Errorf("the region scene %s: checked %v, whole frame %v, region %v", step, v.region.Checked, v.form.WholeFrame, spec.Region)
		}
		if got, w := v.entries[FieldTiles].Text, api.DefaultTiles(tiler.Resolution{Width: 480, Height: 270}).String(); got != w {
			t.Errorf("the region scene %s: tiles %s, want the region's default %s", step, got, w)
		}
	}

	// Another scene picked, which the node has not read (or cannot): the
	// last scene's region is not its own.
	v.entries[FieldScene].SetText("/scenes/unread.blend")
	if spec, _ := v.form.Spec(); spec.Region != nil || v.region.Checked || v.region.Visible() {
		t.Errorf("a scene not read yet renders the last scene's region %v (choice checked %v)", spec.Region, v.region.Checked)
	}
}

// TestTilesFollowNextScene: a scene that cannot be split sets whole
// frames; the next scene's grid follows its own resolution again (it
// stayed 1x1 for every scene after); a grid the artist typed stays.
func TestTilesFollowNextScene(t *testing.T) {
	u, _ := newTestUI(t, "http://127.0.0.1:1") // no node: the form alone
	v := u.newRender
	res := tiler.Resolution{Width: 1920, Height: 1080}
	whole := renderer.SceneInfo{FrameStart: 1, FrameEnd: 1, Width: res.Width, Height: res.Height,
		Usage: &renderer.SceneUsage{WholeFrame: []string{"unbiased volumes"}}}
	plain := renderer.SceneInfo{FrameStart: 1, FrameEnd: 1, Width: res.Width, Height: res.Height, Usage: &renderer.SceneUsage{}}
	v.entries[FieldScene].SetText("/scenes/smoke.blend")
	v.takeScene("/scenes/smoke.blend", whole)
	if got := v.entries[FieldTiles].Text; got != "1x1" {
		t.Fatalf("tiles %s for a scene that renders whole, want 1x1", got)
	}
	v.entries[FieldScene].SetText("/scenes/shot.blend")
	v.takeScene("/scenes/shot.blend", plain)
	if got, want := v.entries[FieldTiles].Text, api.DefaultTiles(res).String(); got != want {
		t.Errorf("tiles %s for the next scene, want its resolution's default %s", got, want)
	}
	v.entries[FieldResolution].SetText("640x360")
	if got, want := v.entries[FieldTiles].Text, api.DefaultTiles(tiler.Resolution{Width: 640, Height: 360}).String(); got != want {
		t.Errorf("tiles %s after the resolution changed, want %s: the grid stopped following", got, want)
	}
	v.entries[FieldTiles].SetText("3x3") // the artist's
	v.takeScene("/scenes/shot.blend", plain)
	if got := v.entries[FieldTiles].Text; got != "3x3" {
		t.Errorf("tiles %s after another scene, want the artist's 3x3", got)
	}
}
