package blender

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestPack: a scene whose texture is a file beside it is packed into a
// self-contained copy that renders on a node that refuses external files,
// identically to the original; with the texture gone, packing fails and
// names the missing file.
func TestPack(t *testing.T) {
	src := scene(t, "texture_external")
	packed := filepath.Join(t.TempDir(), "packed.blend")
	ctx := context.Background()
	if err := Pack(ctx, Config{}, src, packed); err != nil {
		t.Fatal(err)
	}
	task := renderer.Task{Frame: 1, Width: 32, Height: 24, Samples: 2}
	loose := newRenderer(t, Config{})
	strict := newRenderer(t, Config{RequirePacked: true})
	task.Scene = src
	want := render(t, loose, task)
	task.Scene = packed
	sameRender(t, "packed scene", render(t, strict, task), want)

	// The same scene, moved away from its texture.
	lonely := filepath.Join(t.TempDir(), "lonely.blend")
	data, _ := os.ReadFile(src)
	os.WriteFile(lonely, data, 0o644)
	err := Pack(ctx, Config{}, lonely, filepath.Join(t.TempDir(), "x.blend"))
	if !errors.Is(err, ErrBadScene) || !strings.Contains(err.Error(), "missing") || !strings.Contains(err.Error(), ".png") {
		t.Fatalf("packing a scene without its texture: %v", err)
	}

	// A scene from a newer Blender: re-saving it would lose data (and
	// Blender 3.4 crashes on a 4.3 file), so packing refuses it.
	if older43(loose) {
		err := Pack(ctx, Config{}, saved43, filepath.Join(t.TempDir(), "x.blend"))
		if !errors.Is(err, ErrBadScene) || !strings.Contains(err.Error(), "saved by Blender 4.3") || !strings.Contains(err.Error(), "pack it with Blender 4.3") {
			t.Fatalf("packing a scene saved by Blender 4.3: %v", err)
		}
		t.Logf("packing a scene saved by Blender 4.3: %v", err)
	}
}
