package blender

import (
	"context"
	"errors"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestStudioColourConfig: studios point OCIO at a colour configuration of
// their own. A node's owner who has set it must still render what every
// other node and checker renders (Blender's own configuration), and an
// artist's scene that takes names from it (a view transform, an image's
// colour space, a compositor's Convert Colorspace, the output's own view)
// is refused at the pack, naming them, whether or not OCIO is set where
// conun submit runs: a node's Blender would put its defaults in their
// place, and every frame would come out in other colours without a word.
// A scene using only names Blender's own configuration has packs, and so
// does one whose unused sequencer has a studio's colour space.
func TestStudioColourConfig(t *testing.T) {
	base := scene(t, "default_cycles") // Filmic, Blender 3.4's default view
	ocio := studioConfig(t)
	task := renderer.Task{Scene: base, Frame: 1, Width: 32, Height: 24, Samples: 2}
	want := render(t, newRenderer(t, Config{}), task)

	// The studio's "Filmic" is another transform: Blender started with it
	// renders another frame, so the node's frame below tells.
	f12 := func(env ...string) *image.NRGBA64 {
		out := filepath.Join(t.TempDir(), "f_")
		cmd := exec.Command("blender", "-b", base, "--python-expr", "import bpy\nbpy.context.scene.cycles.use_denoising = False",
			"-o", out+"#", "-F", "PNG", "-f", "1")
		cmd.Env = append(os.Environ(), env...)
		if b, err := cmd.CombinedOutput(); err != nil || len(env) > 0 && !strings.Contains(string(b), ocio) {
			t.Fatalf("blender -f %v: %v\n%s", env, err, lastLines(string(b), 10))
		}
		img, err := renderer.ReadPNG(out + "1.png")
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	if d := compare(f12("OCIO="+ocio), f12()); d.values == 0 {
		t.Fatal("Blender renders the same frame under the studio's configuration: the test shows nothing")
	} else {
		t.Logf("blender -f under the studio's configuration vs Blender's own: %v", d)
	}
	t.Run("node", func(t *testing.T) {
		t.Setenv("OCIO", ocio)
		t.Setenv("OCIO_ACTIVE_VIEWS", "Studio")
		sameRender(t, "a node whose owner set OCIO vs Blender's own configuration", render(t, newRenderer(t, Config{}), task), want)
	})

	ctx := context.Background()
	const texture = "img = bpy.data.images.new('Plate', 4, 4)\nimg.filepath_raw = os.path.join(d, 'plate.png')\n" +
		"img.file_format = 'PNG'\nimg.save()\nimg = bpy.data.images.load(img.filepath_raw)\n" +
		"mat = bpy.data.objects['Cube'].active_material\ntex = mat.node_tree.nodes.new('ShaderNodeTexImage')\ntex.image = img\n" +
		"mat.node_tree.links.new(tex.outputs['Color'], mat.node_tree.nodes['Principled BSDF'].inputs['Base Color'])\n"
	for _, tc := range []struct {
		name, expr, refused string
	}{
		{"Blender's own names", texture + "img.colorspace_settings.name = 'Non-Color'", ""},
		{"a view transform of the studio's", "s.view_settings.view_transform = 'Studio'", `scene view "Studio" not found`},
		{"an image in a colour space of the studio's", texture + "img.colorspace_settings.name = 'Studio Log'", `image colorspace "Studio Log" not found`},
		{"the output's own view of the studio's", "s.render.image_settings.color_management = 'OVERRIDE'\n" +
			"s.render.image_settings.view_settings.view_transform = 'Studio'", "the output's own view transform or display (Color Management: Override)"},
		{"a compositor's colour space of the studio's", "n = s.node_tree.nodes.new('CompositorNodeConvertColorSpace')\n" +
			"n.from_color_space, n.to_color_space = 'Studio Log', 'Linear'\n" +
			"s.node_tree.links.new(s.node_tree.nodes['Render Layers'].outputs['Image'], n.inputs['Image'])\n" +
			"s.node_tree.links.new(n.outputs['Image'], s.node_tree.nodes['Composite'].inputs['Image'])", "a colour space of the compositor's node Convert Colorspace"},
		{"an unused sequencer's colour space of the studio's", "s.sequencer_colorspace_settings.name = 'Studio Log'", ""},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "s.blend")
			expr := "import bpy, os\nd = " + strconv.Quote(dir) + "\ns = bpy.context.scene\n" + tc.expr +
				"\nbpy.ops.wm.save_as_mainfile(filepath=" + strconv.Quote(src) + ")"
			// Saved as the artist saves it, under the studio's configuration.
			save := exec.Command("blender", "-b", base, "--python-exit-code", "1", "--python-expr", expr)
			save.Env = append(os.Environ(), "OCIO="+ocio)
			if out, err := save.CombinedOutput(); err != nil {
				t.Fatalf("save the scene: %v\n%s", err, lastLines(string(out), 10))
			}
			// Packed where OCIO is set, as where the scene was made, and
			// where it is not, as a studio's launcher sets it for Blender
			// alone.
			for _, env := range []string{ocio, ""} {
				t.Setenv("OCIO", env)
				err := Pack(ctx, Config{}, src, filepath.Join(dir, "packed.blend"))
				switch {
				case tc.refused == "" && err != nil:
					t.Fatalf("pack, OCIO=%q: %v", env, err)
				case tc.refused != "" && (!errors.Is(err, ErrBadScene) || !strings.Contains(err.Error(), tc.refused) || !strings.Contains(err.Error(), "OCIO")):
					t.Fatalf("pack, OCIO=%q: %v, want a refusal naming %s and OCIO", env, err, tc.refused)
				case err != nil && env == "":
					t.Logf("refused: %v", err)
				}
			}
		})
	}
}

// studioConfig writes a studio's colour configuration, Blender's own
// changed as studios change it: a view "Studio" and a colour space
// "Studio Log" of its own, and "Filmic" made another transform.
func studioConfig(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("blender", "-b", "--factory-startup", "--python-expr",
		"import bpy; print('CONFIG', bpy.utils.system_resource('DATAFILES', path='colormanagement'))").CombinedOutput()
	var src string
	for _, l := range strings.Split(string(out), "\n") {
		if p, ok := strings.CutPrefix(l, "CONFIG "); ok {
			src = p
		}
	}
	if err != nil || src == "" {
		t.Fatalf("Blender's colour management folder: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "studio")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "config.ocio")
	data, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, e := range []struct{ old, new string }{
		{"    - !<View> {name: Filmic, colorspace: Filmic sRGB}\n",
			"    - !<View> {name: Filmic, colorspace: Filmic Log}\n    - !<View> {name: Studio, colorspace: Filmic Log}\n"},
		{"active_views: [Standard, Filmic,", "active_views: [Standard, Studio, Filmic,"},
		{"colorspaces:\n", "colorspaces:\n  - !<ColorSpace>\n    name: Studio Log\n    family: log\n    equalitygroup: \"\"\n    bitdepth: 32f\n    isdata: false\n" +
			"    from_reference: !<AllocationTransform> {allocation: lg2, vars: [-12.473931188, 12.526068812]}\n\n"},
	} {
		if !strings.Contains(text, e.old) {
			t.Skipf("NOT TESTED: the studio configuration is made from Blender 3.4's, and %s has no %q", config, strings.TrimSpace(e.old))
		}
		text = strings.Replace(text, e.old, e.new, 1)
	}
	if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return config
}

// TestColourReplaced: Blender's warnings of replaced colour management
// names, as 3.4 and 4.3 write them and as 5.x does (its log), taken off a
// pack's output; the sequencer's only where its frame shows it.
func TestColourReplaced(t *testing.T) {
	const v34 = `Read blend: /tmp/s.blend
Color management: scene view "Studio" not found, setting default "Standard".
Color management: sequencer colorspace "Studio Log" not found, will use default instead.
Color management: image colorspace "Studio Log" not found, will use default instead.
Color management: image colorspace "Studio Log" not found, will use default instead.
Color management: Using /studio/config.ocio as a configuration file
{"done": true}`
	const v52 = `00:00.637  color_management | WARNING scene view "Studio" not found, setting to "Standard".
00:00.637  color_management | WARNING scene output view "Studio" not found, setting to "Standard".
00:00.637  color_management | WARNING sequencer colorspace "Studio Log" not found, will use default instead.
00:00.639  bpy.rna          | WARNING current value '-1' matches no enum in 'ColorManagedInputColorspaceSettings', '(null)', 'name'`
	for _, tc := range []struct {
		name      string
		output    string
		sequencer bool
		want      []string
	}{
		{"3.4", v34, false, []string{`scene view "Studio" not found, setting default "Standard"`, `image colorspace "Studio Log" not found, will use default instead`}},
		{"3.4, sequencer shown", v34, true, []string{`scene view "Studio" not found, setting default "Standard"`,
			`sequencer colorspace "Studio Log" not found, will use default instead`, `image colorspace "Studio Log" not found, will use default instead`}},
		{"5.2", v52, false, []string{`scene view "Studio" not found, setting to "Standard"`, `scene output view "Studio" not found, setting to "Standard"`}},
		{"nothing replaced", "Read blend: /tmp/s.blend\n{\"done\": true}\n", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := colourReplaced(tc.output, tc.sequencer); !slices.Equal(got, tc.want) {
				t.Errorf("colourReplaced = %q, want %q", got, tc.want)
			}
		})
	}
}
