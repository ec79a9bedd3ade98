package farm_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// fakeClock is time.Now moved forward by hand.
type fakeClock struct{ ahead atomic.Int64 }

func (c *fakeClock) Now() time.Time          { return time.Now().Add(time.Duration(c.ahead.Load())) }
func (c *fakeClock) Advance(d time.Duration) { c.ahead.Add(int64(d)) }

// TestRetention: finished jobs leave the coordinator's memory after
// Retention.Memory and their tiles leave the disk after Retention.Tiles,
// while their status, report, events and frames still answer, from the
// store, also after a restart.
func TestRetention(t *testing.T) {
	clock := new(fakeClock)
	dir := filepath.Join(t.TempDir(), "node")
	start := func() *farm.Node {
		return farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) {
			c.DataDir, c.Now = dir, clock.Now
			c.Retention = farm.Retention{Memory: time.Hour, Tiles: 3 * time.Hour}
		})[0]
	}
	n := start()
	c := api.NewClient(n.URL())
	ctx := context.Background()

	type kept struct {
		status api.JobStatus
		report api.Report
		events []api.Event
		frame  []byte
	}
	read := func(id string) kept {
		t.Helper()
		var k kept
		var err error
		if k.status, err = c.Status(ctx, id); err != nil {
			t.Fatal(err)
		}
		if k.report, err = c.Report(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Events(ctx, id, func(e api.Event) error {
			if e.Type != api.EventProgress { // not kept: they only mean something live
				k.events = append(k.events, e)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := c.Frame(ctx, id, 1, &buf); err != nil {
			t.Fatal(err)
		}
		k.frame = buf.Bytes()
		return k
	}
	var ids []string
	before := map[string]kept{}
	for i := range 3 {
		rep := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Seed = uint64(i) })
		ids = append(ids, rep.JobID)
	}
	for _, id := range ids {
		before[id] = read(id)
	}
	same := func(when string) {
		t.Helper()
		for _, id := range ids {
			got, want := read(id), before[id]
			if got.status.State != api.JobDone || got.status.Done != want.status.Done || len(got.status.Frames) != 1 {
				t.Errorf("%s: job %s: status %+v, was %+v", when, id, got.status, want.status)
			}
			if len(got.report.Tasks) != len(want.report.Tasks) || got.report.Tasks[3].Hash != want.report.Tasks[3].Hash {
				t.Errorf("%s: job %s: report differs", when, id)
			}
			if n := len(got.events); n != len(want.events) || got.events[n-1].Type != api.EventFinished {
				t.Errorf("%s: job %s: %d events, was %d", when, id, n, len(want.events))
			}
			if !bytes.Equal(got.frame, want.frame) {
				t.Errorf("%s: job %s: frame differs", when, id)
			}
		}
		list, err := c.Jobs(ctx)
		if err != nil || len(list) != len(ids) {
			t.Errorf("%s: list: %d jobs, %v", when, len(list), err)
		}
	}
	inMemory := func() float64 { return metric(t, n.URL(), "conun_jobs_in_memory") }
	if got := inMemory(); got != 3 {
		t.Fatalf("%v jobs in memory, want 3", got)
	}

	clock.Advance(61 * time.Minute)
	farmtest.Until(t, "finished jobs leave memory", func() bool { return inMemory() == 0 })
	same("out of memory")
	if _, err := os.Stat(filepath.Join(dir, "blobs", before[ids[0]].report.Tasks[0].Hash)); err != nil {
		t.Fatalf("tiles collected before Retention.Tiles: %v", err)
	}

	clock.Advance(3 * time.Hour)
	farmtest.Until(t, "every tile is collected", func() bool {
		for _, id := range ids {
			for _, tr := range before[id].report.Tasks {
				if _, err := os.Stat(filepath.Join(dir, "blobs", tr.Hash)); !os.IsNotExist(err) {
					return false
				}
			}
		}
		return true
	})
	farmtest.Until(t, "the collection is counted", func() bool {
		return metric(t, n.URL(), "conun_tiles_collected_total") == 3*16
	})
	same("tiles collected")

	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	n = start()
	c = api.NewClient(n.URL())
	if got := inMemory(); got != 0 {
		t.Errorf("a restarted coordinator loaded %v finished jobs", got)
	}
	same("after a restart")
}
