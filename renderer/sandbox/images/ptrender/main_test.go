package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
)

// TestServe: requests on stdin are answered one after another; a line that
// is not a request, or a request that fails, is answered with an error and
// serving goes on.
func TestServe(t *testing.T) {
	scene := filepath.Join("..", "..", "..", "..", "scenes", "anim.glb")
	dir := t.TempDir()
	task := renderer.Task{Scene: scene, Frame: 2, Width: 16, Height: 8, Samples: 1, HDR: true}
	reqs := []ptproto.Request{
		{ID: 1, Config: pathtracer.DefaultConfig(), Task: renderer.Task{Scene: scene}, Inspect: true},
		{ID: 2, Config: pathtracer.DefaultConfig(), Task: task, Out: filepath.Join(dir, "a.png"), OutEXR: filepath.Join(dir, "a.exr")},
		{ID: 3, Config: pathtracer.DefaultConfig(), Task: renderer.Task{Scene: filepath.Join(dir, "none.glb"), Frame: 1, Width: 8, Height: 8, Samples: 1}, Out: filepath.Join(dir, "b.png")},
		{ID: 4, Config: pathtracer.DefaultConfig(), Task: renderer.Task{Scene: scene, Frame: 1000, Width: 8, Height: 8, Samples: 1}, Out: filepath.Join(dir, "c.png")},
		{ID: 5, Config: pathtracer.DefaultConfig(), Task: task},
	}
	var in bytes.Buffer
	in.WriteString("not json\n\n")
	in.WriteString(`{"id": 9, "task": {"frame": "one"}}` + "\n")
	for _, r := range reqs {
		b, _ := json.Marshal(r)
		in.Write(append(b, '\n'))
	}
	var out bytes.Buffer
	if err := serve(&in, &out); err != nil {
		t.Fatal(err)
	}
	ends := map[uint64]ptproto.Message{}
	var order []uint64
	progress := 0
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m ptproto.Message
		if !strings.HasPrefix(line, ptproto.Prefix) || json.Unmarshal([]byte(line[len(ptproto.Prefix):]), &m) != nil {
			t.Fatalf("not a message: %q", line)
		}
		if !m.End {
			progress++
			continue
		}
		ends[m.ID] = m
		order = append(order, m.ID)
	}
	if want := []uint64{0, 9, 1, 2, 3, 4, 5}; !slices.Equal(order, want) {
		t.Fatalf("answers for %v, want %v", order, want)
	}
	for _, id := range []uint64{0, 9, 3, 5} {
		if ends[id].Error == "" || ends[id].Bad {
			t.Errorf("request %d: %+v, want an error that is not the task's", id, ends[id])
		}
	}
	if m := ends[4]; m.Error == "" || !m.Bad {
		t.Errorf("frame 1000: %+v, want a bad task", m)
	}
	if m := ends[1]; m.Error != "" || m.Info == nil || m.Info.FrameEnd != 24 {
		t.Errorf("inspect: %+v", m)
	}
	if m := ends[2]; m.Error != "" || progress >= task.Height {
		t.Errorf("render: %+v after %d progress messages, want fewer than its %d rows", m, progress, task.Height)
	}
	f, err := os.Open(filepath.Join(dir, "a.exr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := exr.Decode(f)
	if err != nil || h.Rect.Dx() != 16 || h.Rect.Dy() != 8 {
		t.Errorf("render's EXR: %v, %v", h, err)
	}
}
