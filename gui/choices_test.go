package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// blenderMembers advertise three Blender releases, 3.4.1 the most common,
// on CPU and CUDA, and one path tracer.
func blenderMembers() []api.Member {
	m := func(id string, rend map[string]string) api.Member {
		return api.Member{NodeMeta: api.NodeMeta{ID: id, Renderers: rend}}
	}
	return []api.Member{
		m("a", map[string]string{"blender": "blender-3.4.1/cycles-cpu-avx2+oidn"}),
		m("b", map[string]string{"blender": "blender-3.4.1/cycles-cuda"}),
		m("c", map[string]string{"blender": "blender-4.3.2/cycles-optix+oidn"}),
		m("d", map[string]string{"blender": "blender-5.2.2/cycles-cpu"}),
		m("e", map[string]string{"pathtracer": "pathtracer-3"}),
	}
}

func TestChoicesFromMembers(t *testing.T) {
	members := blenderMembers()
	if got, want := DeviceChoices(members, "blender"), []string{AnyChoice, "CPU", "CUDA", "OPTIX"}; !slices.Equal(got, want) {
		t.Errorf("blender devices %v, want %v", got, want)
	}
	if got, want := DeviceChoices(members, "pathtracer"), []string{AnyChoice, "CPU"}; !slices.Equal(got, want) {
		t.Errorf("path tracer devices %v, want %v", got, want)
	}
	releases := ReleaseChoices(members, "blender")
	if want := []string{AnyChoice, "blender-3.4.1", "blender-4.3.2", "blender-5.2.2"}; !slices.Equal(releases, want) {
		t.Errorf("releases %v, want %v (most common first)", releases, want)
	}
	tests := []struct {
		name, saved, want string
		choices           []string
	}{
		{"saved with 4.3", "4.3", "blender-4.3.2", releases},
		{"saved with 5.2.2 exactly", "5.2.2", "blender-5.2.2", releases},
		{"saved with a release no member runs: the most common", "4.2", "blender-3.4.1", releases},
		{"not read: the most common", "", "blender-3.4.1", releases},
		{"saved with 4: a 4.x release", "4", "blender-4.3.2", releases},
		{"no member runs the renderer", "4.3", AnyChoice, []string{AnyChoice}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DefaultRelease(tc.choices, tc.saved); got != tc.want {
				t.Errorf("DefaultRelease(%v, %q) = %q, want %q", tc.choices, tc.saved, got, tc.want)
			}
		})
	}
}

// TestFormTakesBlenderScene: a .blend's own settings as Blender's Inspect
// reads them (denoise on, saved by 4.3) set the form's denoise and release,
// and land in the spec; the artist's choice of device and release stays
// when the members are asked again.
func TestFormTakesBlenderScene(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	u, _ := newTestUI(t, nodes[0].URL())
	v := u.newRender
	v.entries[FieldScene].SetText(filepath.Join(t.TempDir(), "shot.blend"))
	v.members = blenderMembers()
	v.takeScene("shot.blend", renderer.SceneInfo{FrameStart: 1, FrameEnd: 10, MinVersion: "4.3", Usage: &renderer.SceneUsage{Denoise: true}})
	if !v.denoise.Checked {
		t.Error("denoise is not checked for a scene that denoises")
	}
	if v.release.Selected != "blender-4.3.2" || v.device.Selected != AnyChoice {
		t.Errorf("release %q, device %q: want the scene's blender-4.3.2 and any device", v.release.Selected, v.device.Selected)
	}
	if got, want := v.device.Options, []string{AnyChoice, "CPU", "CUDA", "OPTIX"}; !slices.Equal(got, want) {
		t.Errorf("device options %v, want %v", got, want)
	}
	spec, errs := v.form.Spec()
	if len(errs) > 0 {
		t.Fatalf("form errors: %v", errs)
	}
	if !spec.Denoise || spec.RendererVersion != "blender-4.3.2" || spec.Device != "" || spec.Priority != api.DefaultPriority {
		t.Errorf("spec denoise %v, renderer_version %q, device %q, priority %d", spec.Denoise, spec.RendererVersion, spec.Device, spec.Priority)
	}
	if spec.Compression != nil || spec.Quality != 0 {
		t.Errorf("a scene saved with Blender's defaults gave compression %v, quality %d: want neither set", spec.Compression, spec.Quality)
	}

	v.device.SetSelected("CUDA")
	v.release.SetSelected("blender-3.4.1")
	v.fillChoices() // the members asked again: the artist's choices stay
	if spec, _ := v.form.Spec(); spec.Device != "CUDA" || spec.RendererVersion != "blender-3.4.1" {
		t.Errorf("after choosing: device %q, renderer_version %q", spec.Device, spec.RendererVersion)
	}

	typeInto(v.entries[FieldPriority], "1001")
	test.Tap(v.render)
	if !hasText(v.content, "priority \"1001\": want a whole number from -1000 to 1000") {
		t.Error("a priority out of range shows no reason next to the field")
	}
}

// TestFormFieldsLandInJob: on a real cluster, the form offers the device
// and release its members advertise (the release by default), and the
// priority, device and release chosen are in the job the node runs.
func TestFormFieldsLandInJob(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	members, err := api.NewClient(nodes[0].URL()).Nodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release := renderer.ParseBuild(members[0].Renderers["pathtracer"]).Release()
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	if got := v.entries[FieldPriority].Text; got != "0" {
		t.Errorf("priority starts at %q, want api.DefaultPriority", got)
	}
	v.setScene(sceneFile(t, "anim.glb"))
	th.until(t, "the scene is read and the members' releases offered", func() bool {
		return v.form.SceneFrames != nil && v.release.Selected != AnyChoice
	})
	if v.release.Selected != release || !slices.Contains(v.device.Options, "CPU") {
		t.Fatalf("release %q (want %q), devices %v", v.release.Selected, release, v.device.Options)
	}
	typeInto(v.entries[FieldFrames], "1")
	typeInto(v.entries[FieldResolution], "32x24")
	typeInto(v.entries[FieldSamples], "2")
	typeInto(v.entries[FieldPriority], "7")
	v.device.SetSelected("CPU")
	test.Tap(v.render)
	th.until(t, "the job finishes", func() bool { return u.live.prog != nil && u.live.prog.State.Final() })
	if u.live.prog.State != api.JobDone {
		t.Fatalf("job %s: %s", u.live.prog.State, u.live.prog.Message)
	}
	st, err := api.NewClient(nodes[0].URL()).Status(context.Background(), u.live.prog.JobID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Spec.Priority != 7 || st.Spec.Device != "CPU" || st.Spec.RendererVersion != release || st.Spec.Denoise {
		t.Errorf("node got priority %d, device %q, renderer_version %q, denoise %v; want 7, CPU, %q, false",
			st.Spec.Priority, st.Spec.Device, st.Spec.RendererVersion, st.Spec.Denoise, release)
	}
}

// TestFormTakesSceneOutput: a scene saved with JPEG at quality 75, or with
// PNG at 0% compression, renders so from the app as from `conun submit`:
// the form says it took the setting and the spec carries it; choosing
// another output drops the setting that does not apply to it, so the job
// is valid.
func TestFormTakesSceneOutput(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	u, _ := newTestUI(t, nodes[0].URL())
	v := u.newRender
	v.entries[FieldScene].SetText(filepath.Join(t.TempDir(), "shot.blend"))
	none := 0
	for _, tc := range []struct {
		name  string
		usage renderer.SceneUsage
		said  string
		check func(api.JobSpec) bool
	}{
		{"jpeg 75", renderer.SceneUsage{FileFormat: "JPEG", ColorDepth: "8", Quality: 75}, "JPEG output (quality 75)",
			func(s api.JobSpec) bool { return s.Format == api.FormatJPEG && s.Quality == 75 && s.Compression == nil }},
		{"png 0%", renderer.SceneUsage{FileFormat: "PNG", ColorDepth: "8", Quality: 90, Compression: &none}, "PNG compression 0%",
			func(s api.JobSpec) bool {
				return s.Format == "" && s.Quality == 0 && s.Compression != nil && *s.Compression == 0
			}},
		{"multilayer", renderer.SceneUsage{FileFormat: "OPEN_EXR_MULTILAYER", ColorDepth: "16", EXRCodec: "DWAA", Layers: []string{"ViewLayer.Combined"}},
			"OpenEXR MultiLayer output (half float colour, 32-bit float data passes, ZIP compression: the scene's DWAA is not one the farm writes)",
			func(s api.JobSpec) bool {
				return s.Format == api.FormatEXRLayers && v.depth.Selected == "EXR multilayer"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v.takeScene("shot.blend", renderer.SceneInfo{FrameStart: 1, FrameEnd: 1, Usage: &tc.usage})
			if !strings.Contains(v.sceneInfo.Text, tc.said) {
				t.Errorf("the form says %q, want %q", v.sceneInfo.Text, tc.said)
			}
			spec, errs := v.form.Spec()
			if len(errs) > 0 || !tc.check(spec) {
				t.Fatalf("spec format %q quality %d compression %v, errors %v", spec.Format, spec.Quality, spec.Compression, errs)
			}
			for _, c := range outputChoices {
				v.depth.SetSelected(c)
				spec, _ := v.form.Spec()
				spec.Scene = strings.Repeat("0", 64)
				if err := spec.Validate(); err != nil {
					t.Errorf("output %q after the scene's %s: %v", c, tc.name, err)
				}
			}
		})
	}
}
