package farm

import (
	"bytes"
	"encoding/json"
	"image"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/tiler"
)

// TestStallWatch: only a step forward restarts the clock; a worker cannot
// keep a lease by changing its total or counting past it. Until the render
// reports a total, more of the scene is a step, up to the scene's size and
// for as long as the scene takes at the least rate.
func TestStallWatch(t *testing.T) {
	t0 := time.Unix(1000, 0)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	fetched := func(n ...int64) []taskProgress {
		var ps []taskProgress
		for _, b := range n {
			ps = append(ps, taskProgress{Fetched: b})
		}
		return ps
	}
	tests := []struct {
		name        string
		bound       time.Duration
		scene, rate int64          // the scene's size, the least fetch rate
		reports     []taskProgress // one every 100 ms from t0+100ms
		want        []bool
	}{
		// 1000 bytes at 1000 B/s: fetched until t0+1.25s.
		{"scene arriving", 250 * time.Millisecond, 1000, 1000, fetched(100, 200, 300, 400, 500, 600), []bool{false, false, false, false, false, false}},
		{"scene stuck", 250 * time.Millisecond, 1000, 1000, fetched(100, 100, 100, 100), []bool{false, false, false, true}},
		{"scene going back", 250 * time.Millisecond, 1000, 1000, fetched(500, 400, 450, 480), []bool{false, false, false, true}},
		{"past the scene's size", 250 * time.Millisecond, 1000, 1000, fetched(2000, 3000, 4000), []bool{false, false, true}},
		{"size unknown", 250 * time.Millisecond, 0, 1000, fetched(100, 200, 300), []bool{false, false, true}},
		{"no rate", 250 * time.Millisecond, 1000, 0, fetched(100, 200, 300), []bool{false, false, true}},
		// 1000 bytes at 10,000 B/s: fetched until t0+350ms (the bound and 100 ms), then no more.
		{"trickled past its time", 250 * time.Millisecond, 1000, 10000, fetched(100, 200, 300, 400, 500, 600), []bool{false, false, false, false, false, true}},
		{"fetch after the render began", 250 * time.Millisecond, 1000, 1000,
			[]taskProgress{{Fetched: 500}, {Total: 9}, {Total: 9, Fetched: 900}, {Total: 9, Fetched: 950}, {Total: 9, Fetched: 990}}, []bool{false, false, false, false, true}},
		{"advancing", 250 * time.Millisecond, 0, 0, []taskProgress{{Done: 1, Total: 9}, {Done: 2, Total: 9}, {Done: 3, Total: 9}, {Done: 4, Total: 9}}, []bool{false, false, false, false}},
		{"frozen", 250 * time.Millisecond, 0, 0, []taskProgress{{Done: 1, Total: 4}, {Done: 1, Total: 4}, {Done: 1, Total: 4}, {Done: 1, Total: 4}}, []bool{false, false, false, true}},
		{"nothing ever", 250 * time.Millisecond, 0, 0, []taskProgress{{}, {}, {}}, []bool{false, false, true}},
		{"total changes", 250 * time.Millisecond, 0, 0, []taskProgress{{Done: 1, Total: 4}, {Done: 1, Total: 5}, {Done: 1, Total: 6}, {Done: 1, Total: 7}}, []bool{false, false, false, true}},
		{"past its total", 250 * time.Millisecond, 0, 0, []taskProgress{{Done: 1, Total: 4}, {Done: 5, Total: 4}, {Done: 6, Total: 4}, {Done: 7, Total: 4}}, []bool{false, false, false, true}},
		{"no bound", 0, 0, 0, []taskProgress{{Done: 1, Total: 4}, {Done: 1, Total: 4}, {Done: 1, Total: 4}, {Done: 1, Total: 4}}, []bool{false, false, false, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newStallWatch(tc.bound, t0, tc.scene, tc.rate)
			for i, p := range tc.reports {
				if got := w.seen(p, at(100*(i+1))); got != tc.want[i] {
					t.Fatalf("report %d %+v: stalled %v, want %v", i, p, got, tc.want[i])
				}
			}
		})
	}
}

// TestStallBound: a known node gets Factor times the task's duration at
// its slowest pace in the job, never under the minimum; an unknown one the
// default, or Factor times the job's slowest node where that is longer; a
// finish is measured apart from the tiles.
func TestStallBound(t *testing.T) {
	cfg := StallConfig{Default: 20 * time.Minute, Min: 2 * time.Minute, Factor: 8}
	tile := &task{tile: tiler.Tile{Rect: image.Rect(0, 0, 100, 100)}}                 // 1e6 pixel-samples
	finish := &task{tile: tiler.Tile{Rect: image.Rect(0, 0, 100, 100)}, finish: true} // 1e4 pixels
	light := &job{spec: api.JobSpec{Samples: 100}}
	light.recordSpeed("slow", tile, 100*time.Second) // a tile takes it 100 s
	light.recordSpeed("fast", tile, time.Second)
	heavy := &job{spec: api.JobSpec{Samples: 100}}
	heavy.recordSpeed("slow", tile, 1000*time.Second)
	tests := []struct {
		name string
		cfg  StallConfig
		j    *job
		t    *task
		node string
		want time.Duration
	}{
		{"unknown node, light job: the default", cfg, light, tile, "new", 20 * time.Minute},
		{"unknown node, heavy job: the slowest node's", cfg, heavy, tile, "new", 8000 * time.Second},
		{"unknown node, nothing measured", cfg, &job{spec: api.JobSpec{Samples: 100}}, tile, "new", 20 * time.Minute},
		{"slow node", cfg, light, tile, "slow", 800 * time.Second},
		{"fast node: the minimum", cfg, light, tile, "fast", 2 * time.Minute},
		{"finish not measured yet", cfg, light, finish, "slow", 20 * time.Minute},
		{"disabled", StallConfig{}, light, tile, "slow", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := stallBound(tc.cfg, tc.j, tc.t, tc.node); got != tc.want {
				t.Fatalf("bound %v, want %v", got, tc.want)
			}
		})
	}
	// A slower task raises the bound at once; a faster one never lowers it.
	light.recordSpeed("slow", tile, 200*time.Second)
	if got := stallBound(cfg, light, tile, "slow"); got != 1600*time.Second {
		t.Fatalf("after a slower task: %v, want 1600s", got)
	}
	light.recordSpeed("slow", tile, 10*time.Second)
	if got := stallBound(cfg, light, tile, "slow"); got != 1600*time.Second {
		t.Fatalf("after a faster task: %v, want 1600s still", got)
	}
}

// TestBlocklistKeptAcrossRestart: a node whose failed leases other nodes
// keep rendering is blocklisted by its address, a rename does not escape
// it, the record survives a restart of the coordinator's store, and it
// ends after NodeConfig.Blocklist.
func TestBlocklistKeptAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "farm.db")
	now := time.Unix(1_000_000, 0)
	open := func() *coordinator {
		st, err := store.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return &coordinator{store: st, log: slog.New(slog.DiscardHandler), cfg: NodeConfig{Blocklist: time.Hour, MaxAttempts: 5, Now: func() time.Time { return now }}}
	}
	const bad, good = "0x00000000000000000000000000000000000000bb", "0x00000000000000000000000000000000000000aa"
	c := open()
	j := &job{id: "j", events: newEventLog(), failures: map[string]int{}}
	for i := range blocklistAfter {
		tk := &task{index: i}
		c.mu.Lock()
		c.taskFailed(tk, "sybil-"+string(rune('a'+i)), bad) // a new name each time
		if c.blocklisted(bad) {
			t.Fatalf("blocklisted after %d failures nobody refuted yet", i+1)
		}
		c.taskAccepted(j, tk, "honest", good)
		c.mu.Unlock()
	}
	c.mu.Lock()
	listed, honest := c.blocklisted(bad), c.blocklisted(good)
	c.mu.Unlock()
	if !listed || honest {
		t.Fatalf("blocklisted: bad %v, good %v; want true, false", listed, honest)
	}
	if err := <-c.store.PutMeta("flush", nil); err != nil { // the writes land in order
		t.Fatal(err)
	}
	c.store.Close()

	c = open()
	if err := c.loadHealth(); err != nil {
		t.Fatal(err)
	}
	if got := c.blocklistedUntil(bad); !got.Equal(now.Add(time.Hour)) {
		t.Fatalf("after a restart: blocklisted until %v, want %v", got, now.Add(time.Hour))
	}
	now = now.Add(time.Hour + time.Second)
	if got := c.blocklistedUntil(bad); !got.IsZero() {
		t.Fatalf("an hour on: still blocklisted until %v", got)
	}
}

// FuzzStallWatch feeds a worker's heartbeat answers (JSON, one a line, as
// askProgress decodes them), one every 100 ms, to a watch bounded at
// 250 ms, of a 1000-byte scene that may come at 2000 B/s: whatever a worker
// answers, the lease stalls exactly when no step forward came for longer
// than the bound, what counts as done never goes back nor past its total,
// and the scene's bytes count only before the render's total, only more,
// never past the scene's size nor after 750 ms.
func FuzzStallWatch(f *testing.F) {
	for _, seed := range []string{
		"{\"done\":1,\"total\":9}\n{\"done\":2,\"total\":9}\n{\"done\":3,\"total\":9}\n{\"done\":4,\"total\":9}\n{\"done\":5,\"total\":9}",
		"{\"done\":0,\"total\":512}\n{\"done\":1,\"total\":512}\n{\"done\":1,\"total\":512}\n{\"done\":1,\"total\":512}\n{\"done\":512,\"total\":512}",
		"{\"done\":1,\"total\":4}\n{\"done\":1,\"total\":5}\n{\"done\":1,\"total\":6}\n{\"done\":1,\"total\":7}",
		"{\"done\":9,\"total\":4}\n{\"done\":-3,\"total\":-1}\n{\"done\":9223372036854775807,\"total\":9223372036854775807}",
		"{}\n{}\n{}\n{}",
		"not json\n{\"done\":\"x\"}\n{\"done\":2,\"total\":3,\"extra\":[1,2]}",
		"{\"fetched\":100}\n{\"fetched\":300}\n{\"fetched\":200}\n{\"fetched\":1000}\n{\"done\":0,\"total\":4,\"fetched\":5000}\n{\"done\":1,\"total\":4}",
		"{\"fetched\":1}\n{\"fetched\":2}\n{\"fetched\":3}\n{\"fetched\":4}\n{\"fetched\":5}\n{\"fetched\":6}\n{\"fetched\":7}\n{\"fetched\":8}\n{\"fetched\":9}\n{\"fetched\":10}\n{\"fetched\":11}",
		"{\"fetched\":-5}\n{\"fetched\":1001}\n{\"fetched\":9223372036854775807}\n{\"total\":2,\"fetched\":10}\n{\"total\":2,\"fetched\":20}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		t0 := time.Unix(1000, 0)
		const bound = 250 * time.Millisecond
		const scene = 1000
		fetchBy := t0.Add(750 * time.Millisecond)
		w := newStallWatch(bound, t0, scene, 2000)
		advance := t0
		for i, line := range bytes.Split(data, []byte("\n")) {
			var p taskProgress
			if json.NewDecoder(bytes.NewReader(line)).Decode(&p) != nil {
				continue // askProgress reports it as an unanswered heartbeat
			}
			now := t0.Add(time.Duration(i+1) * 100 * time.Millisecond)
			before := w.last
			stalled := w.seen(p, now)
			if w.last != before {
				if w.last.Done < before.Done || w.last.Done > w.last.Total {
					t.Fatalf("answer %d %+v: done went from %+v to %+v", i, p, before, w.last)
				}
				fetch := w.last.Done == before.Done && w.last.Total == before.Total
				if fetch && (before.Total != 0 || w.last.Fetched <= before.Fetched || w.last.Fetched > scene || now.After(fetchBy)) {
					t.Fatalf("answer %d %+v at %v: the scene went from %+v to %+v", i, p, now.Sub(t0), before, w.last)
				}
				advance = now
			}
			if want := now.Sub(advance) > bound; stalled != want {
				t.Fatalf("answer %d %+v at %v since the last step: stalled %v", i, p, now.Sub(advance), stalled)
			}
		}
	})
}
