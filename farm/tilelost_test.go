package farm_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestTileLostWithTheMachine: a coordinator keeps answered tiles without
// syncing them (keepTile), so a power loss can take a tile whose accepted
// task's record survived: the file gone, or cut short. The restarted
// coordinator finds it, renders that task again (and only that one), and
// the frame has exactly the pixels of a job that lost nothing.
func TestTileLostWithTheMachine(t *testing.T) {
	damages := []struct {
		name   string
		damage func(path string) error
	}{
		{"gone", os.Remove},
		{"cut short", func(p string) error { return os.Truncate(p, 10) }},
		{"empty", func(p string) error { return os.Truncate(p, 0) }},
		{"garbled, its size kept", func(p string) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, bytes.Repeat([]byte{0}, len(b)), 0o644)
		}},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			gate := farmtest.NewGate()
			var cfg0 farm.NodeConfig
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
				if i == 0 {
					cfg0 = *c
				}
			})
			c := api.NewClient(nodes[0].URL())
			spec := func(s *api.JobSpec) {
				s.Resolution = tiler.Resolution{Width: 64, Height: 32}
				s.Tiles = tiler.Grid{Cols: 4, Rows: 2}
			}
			id := farmtest.Submit(t, c, spec)
			gate.Allow(3)
			var rep api.Report
			farmtest.Until(t, "three tasks accepted", func() bool {
				var err error
				rep, err = c.Report(ctx, id)
				done := 0
				for _, tr := range rep.Tasks {
					if tr.State == api.TaskDone {
						done++
					}
				}
				return err == nil && done >= 3
			})
			lost := -1
			var hash string
			for _, tr := range rep.Tasks {
				if tr.State == api.TaskDone {
					lost, hash = tr.Index, tr.Hash
					break
				}
			}

			if err := nodes[0].Close(); err != nil {
				t.Fatal(err)
			}
			if err := d.damage(filepath.Join(cfg0.DataDir, "blobs", hash)); err != nil {
				t.Fatal(err)
			}
			c = api.NewClient(farmtest.Restart(t, ctx, cfg0, nodes[1]).URL())
			gate.Open()
			before := rep
			farmtest.WaitDone(t, c, id)

			// Only the lost task is leased again after the restart.
			resumed := false
			again := map[int]int{}
			if _, err := c.Events(ctx, id, func(e api.Event) error {
				switch {
				case e.Type == api.EventSubmitted && e.Message != "":
					resumed = true
				case e.Type == api.EventLeased && resumed:
					again[e.Task]++
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !resumed || again[lost] == 0 {
				t.Fatalf("task %d's tile was %s, but it was not leased again after the restart (leases after it: %v)", lost, d.name, again)
			}
			for _, tr := range before.Tasks {
				if tr.State == api.TaskDone && tr.Index != lost && again[tr.Index] > 0 {
					t.Fatalf("task %d, accepted with its tile intact before the restart, was leased again", tr.Index)
				}
			}

			// The store holds the tile whole again, for any later
			// assembly of the frame.
			if b, err := os.ReadFile(filepath.Join(cfg0.DataDir, "blobs", hash)); err != nil || fmt.Sprintf("%x", sha256.Sum256(b)) != hash {
				t.Fatalf("after the job, blob %.12s of the lost tile is not whole (%v)", hash, err)
			}

			ref := farmtest.RunJob(t, c, func(s *api.JobSpec) { spec(s); s.Nonce = t.Name() + "-whole" })
			var got, want bytes.Buffer
			if err := c.Frame(ctx, id, 1, &got); err != nil {
				t.Fatal(err)
			}
			if err := c.Frame(ctx, ref.JobID, 1, &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatal("the frame differs from a job that lost no tile")
			}
		})
	}
}
