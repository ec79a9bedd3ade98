package farm_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestEventsKeptAcrossRestart: a node stopped after its job finished
// streams, once restarted on the same data, the same events the job had
// (progress aside), numbered 1, 2, 3..., ending with one "finished".
func TestEventsKeptAcrossRestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "node")
	start := func() *farm.Node {
		ns := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) { c.DataDir = dir })
		return ns[0]
	}
	n := start()
	c := api.NewClient(n.URL())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	data, _ := scenes.Bytes("anim.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "anim.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 2, Step: 1},
		Resolution: tiler.Resolution{Width: 24, Height: 16}, Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []api.Event
	if _, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type != api.EventProgress {
			want = append(want, e)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}

	n = start()
	c = api.NewClient(n.URL())
	var got []api.Event
	if _, err := c.Events(ctx, id, func(e api.Event) error {
		got = append(got, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d events after the restart, want the %d from before it", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Seq != i+1 {
			t.Fatalf("event %d numbered %d", i+1, g.Seq)
		}
		w.Seq, g.Seq = 0, 0
		if !w.Time.Equal(g.Time) {
			t.Fatalf("event %d at %v, was at %v", i+1, g.Time, w.Time)
		}
		w.Time, g.Time = time.Time{}, time.Time{}
		if w != g {
			t.Fatalf("event %d is %+v, was %+v", i+1, g, w)
		}
	}
	if got[len(got)-1].Type != api.EventFinished {
		t.Fatalf("last event %q, want finished", got[len(got)-1].Type)
	}
}
