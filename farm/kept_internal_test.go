package farm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// openTestBook is a resultBook on a store and blobs of their own in tb's
// temporary directory, the store closed at the end.
func openTestBook(tb testing.TB) *resultBook {
	dir := tb.TempDir()
	st, err := store.Open(filepath.Join(dir, "db"), slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	blobs, err := blobstore.Open(filepath.Join(dir, "blobs"), 1<<30)
	if err != nil {
		tb.Fatal(err)
	}
	return &resultBook{store: st, blobs: blobs}
}

// TestKeptChecks: a node keeps every check it signs, a task checked twice
// included (either signature can be slashed), and two tasks whose renders
// are the same bytes (a still shot's) each, and lets go of a job's checks
// once asked to (its job settled): the record goes (the renders stay in
// the shared, content-addressed blobs). A job it rendered tiles of, or
// coordinated itself, is kept.
func TestKeptChecks(t *testing.T) {
	book := openTestBook(t)
	me, them := common.Address{0xa}, common.Address{0xb}
	spec := func(seed uint64) api.JobSpec {
		return api.JobSpec{Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "s.glb", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
			Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Seed: seed, Tiles: tiler.Grid{Cols: 2, Rows: 2}}
	}
	keep := func(s api.JobSpec, check bool, coordinator common.Address, render string, task int) string {
		req := TaskRequest{JobID: s.ID(), Task: task, Check: check, Coordinator: coordinator.Hex(), Spec: &s}
		if check {
			req.Crops = []image.Rectangle{image.Rect(16, 0, 20, 4)}
		}
		sum := sha256.Sum256([]byte(render))
		if err := book.keep(jobHash(s), req, "pathtracer-1", []byte(render), sum, []byte{1}); err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(sum[:])
	}
	checked, rendered, own := spec(1), spec(2), spec(3)
	first, second := keep(checked, true, them, "a render", 1), keep(checked, true, them, "another render of the same task", 1)
	still := keep(checked, true, them, "a render", 2) // the same bytes as task 1's first
	keep(rendered, true, them, "a check", 1)
	keep(rendered, false, them, "a tile", 1)
	keep(own, true, me, "its own job's check", 1)
	kj, err := book.load(jobHash(checked))
	if err != nil || kj == nil || len(kj.keptChecks()) != 3 || kj.checks[checkKey(1, first)].Hash != first || kj.checks[checkKey(1, second)].Hash != second || kj.checks[checkKey(2, still)].Request.Task != 2 {
		t.Fatalf("kept %v (%v): want both checks of task 1 and task 2's", kj.keptChecks(), err)
	}
	for _, s := range []api.JobSpec{checked, rendered, own} {
		if err := book.forget(jobHash(s), me); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		spec api.JobSpec
		kept bool
	}{
		{"checks alone", checked, false},
		{"tiles rendered too", rendered, true},
		{"its own job", own, true},
	} {
		kj, err := book.load(jobHash(tc.spec))
		if err != nil || (kj != nil) != tc.kept {
			t.Errorf("%s: kept %v (%v), want %v", tc.name, kj != nil, err, tc.kept)
		}
	}
	// A spec that is not the escrow's is never kept as the job's.
	other := spec(4)
	req := TaskRequest{JobID: other.ID(), Task: 1, Spec: &checked}
	if err := book.keep(jobHash(other), req, "pathtracer-1", []byte("x"), sha256.Sum256([]byte("x")), []byte{1}); err == nil || !strings.Contains(err.Error(), "not the escrow id") {
		t.Errorf("kept a job under another job's spec: %v", err)
	}
}

// TestKeptResults: a node keeps every result it signs, a task rendered
// twice (two leases of it) as two results, since a requester may slash with
// either and the node must show the one slashed; arbiters ask for it by
// its hash. A record kept before results were entries of their own is
// read with them, and keeps its old results through a dispute's update;
// forgetting a job forgets its entries.
func TestKeptResults(t *testing.T) {
	book := openTestBook(t)
	n := &Node{kept: book}
	spec := api.JobSpec{Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "s.glb", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}}
	escrow := jobHash(spec)
	keep := func(task int, tile string, check bool) slashing {
		req := TaskRequest{JobID: spec.ID(), Task: task, Check: check, Spec: &spec}
		if check {
			req.Crops = []image.Rectangle{image.Rect(16, 0, 20, 4)}
		}
		sum := sha256.Sum256([]byte(tile))
		if err := book.keep(escrow, req, "pathtracer-1", []byte(tile), sum, []byte{1}); err != nil {
			t.Fatal(err)
		}
		return slashing{task: uint64(task), hash: sum, check: check, crops: contracts.CropsHash(req.Crops)}
	}
	first, second, other := keep(1, "a tile", false), keep(1, "task 1 leased again, rendered otherwise", false), keep(2, "task 2", false)
	checked := keep(1, "a check", true)
	bundle := func(query string) (int, string) {
		r := httptest.NewRequest("GET", "/rpc/v1/disputes/"+escrow.Hex()+"/bundle?"+query, nil)
		r.SetPathValue("escrow", escrow.Hex())
		rw := httptest.NewRecorder()
		n.handleBundle(rw, r)
		var b disputeBundle
		json.Unmarshal(rw.Body.Bytes(), &b)
		return rw.Code, string(b.Tile)
	}
	for _, tc := range []struct {
		name, query string
		code        int
		tile        string
	}{
		{"first result of task 1", fmt.Sprintf("task=1&result=%x", first.hash), 200, "a tile"},
		{"second result of task 1", fmt.Sprintf("task=1&result=%x", second.hash), 200, "task 1 leased again, rendered otherwise"},
		{"task 1 unnamed: which?", "task=1", 400, ""},
		{"task 2's one result unnamed", "task=2", 200, "task 2"},
		{"task 2 named", fmt.Sprintf("task=2&result=%x", other.hash), 200, "task 2"},
		{"a result of task 2 under task 1", fmt.Sprintf("task=1&result=%x", other.hash), 404, ""},
		{"the check", fmt.Sprintf("task=1&check=%x", checked.hash), 200, "a check"},
		{"the check asked as a result", fmt.Sprintf("task=1&result=%x", checked.hash), 404, ""},
		{"a result asked as a check", fmt.Sprintf("task=1&check=%x", first.hash), 404, ""},
	} {
		if code, tile := bundle(tc.query); code != tc.code || tile != tc.tile {
			t.Errorf("%s: %d %q, want %d %q", tc.name, code, tile, tc.code, tc.tile)
		}
	}
	kj, err := book.load(escrow)
	if err != nil || kj == nil {
		t.Fatal(kj, err)
	}
	for _, sl := range []slashing{first, second, other, checked} {
		if _, ok := kj.find(sl); !ok {
			t.Errorf("%s not found", sl)
		}
	}
	if !slices.Equal(kj.tasks(), []int{1, 2}) {
		t.Errorf("tasks %v, want [1 2]", kj.tasks())
	}

	// A record of the old form: the spec, a task's latest result and the
	// checks, in one entry.
	old := spec
	old.Seed = 7
	oldEscrow := jobHash(old)
	oldResult := keptResult{Request: TaskRequest{JobID: old.ID(), Task: 3}, Hash: strings.Repeat("cd", 32), Build: "pathtracer-1"}
	oldCheck := keptResult{Request: TaskRequest{JobID: old.ID(), Task: 0, Check: true}, Hash: strings.Repeat("ef", 32)}
	raw, _ := json.Marshal(map[string]any{"spec": old, "results": map[int]keptResult{3: oldResult}, "checks": map[string]keptResult{checkKey(0, oldCheck.Hash): oldCheck}})
	if err := <-book.store.PutMeta(keptPrefix+oldEscrow.Hex(), raw); err != nil {
		t.Fatal(err)
	}
	req := TaskRequest{JobID: old.ID(), Task: 4, Spec: &old}
	if err := book.keep(oldEscrow, req, "pathtracer-1", []byte("new"), sha256.Sum256([]byte("new")), []byte{1}); err != nil {
		t.Fatal(err)
	}
	if err := book.update(oldEscrow, func(k *keptJob) { k.Dispute = &api.DisputeStatus{Task: 3} }); err != nil {
		t.Fatal(err)
	}
	kj, err = book.load(oldEscrow)
	if err != nil || kj == nil || kj.Dispute == nil || !slices.Equal(kj.tasks(), []int{3, 4}) || len(kj.keptChecks()) != 1 {
		t.Fatalf("old record read as %+v (%v): want tasks 3 and 4, the old check, the dispute", kj, err)
	}
	if _, ok := kj.find(slashing{task: 3, hash: common.HexToHash(oldResult.Hash)}); !ok {
		t.Error("the old record's result is not found")
	}

	// Forgetting a job of checks alone forgets its entries.
	checks := spec
	checks.Seed = 9
	req = TaskRequest{JobID: checks.ID(), Task: 0, Check: true, Crops: []image.Rectangle{image.Rect(0, 0, 4, 4)}, Spec: &checks}
	if err := book.keep(jobHash(checks), req, "pathtracer-1", []byte("c"), sha256.Sum256([]byte("c")), []byte{1}); err != nil {
		t.Fatal(err)
	}
	if err := book.forget(jobHash(checks), common.Address{0xa}); err != nil {
		t.Fatal(err)
	}
	if keys := book.store.MetaKeys(entryPrefix(jobHash(checks))); len(keys) != 0 {
		t.Errorf("forgotten job's entries stay: %q", keys)
	}
	if keys := book.store.MetaKeys(entryPrefix(escrow)); len(keys) != 4 {
		t.Errorf("the other job's entries: %q, want 4", keys)
	}
}

// BenchmarkKeep is what a worker spends keeping its signed results of one
// job on a chain, a keep a task, for jobs of 100 and 1,000 tasks it
// rendered: each keep waits for its store commit, as a worker's answer
// does.
func BenchmarkKeep(b *testing.B) {
	for _, tasks := range []int{100, 1000} {
		b.Run(fmt.Sprintf("tasks=%d", tasks), func(b *testing.B) {
			spec := api.JobSpec{Renderer: "blender", Scene: strings.Repeat("ab", 32), SceneName: "shot.blend", Frames: tiler.Frames{Start: 1, End: 250, Step: 1},
				Resolution: tiler.Resolution{Width: 1920, Height: 1080}, Samples: 128, Tiles: tiler.Grid{Cols: 2, Rows: 2}}
			lease := TaskRequest{JobID: spec.ID(), Renderer: spec.Renderer, Scene: spec.Scene, SceneName: spec.SceneName, Width: 1920, Height: 1080, Samples: 128,
				Sources: []string{"http://10.0.0.7:7947", "http://10.0.0.9:7947", "http://10.0.0.5:7947"}, Coordinator: common.Address{0xc}.Hex(), Spec: &spec}
			for b.Loop() {
				b.StopTimer()
				book := openTestBook(b)
				b.StartTimer()
				for task := range tasks {
					req := lease
					req.Task, req.Frame, req.Region = task, 1+task/4, image.Rect(0, 0, 960, 540).Add(image.Pt(960*(task%2), 540*(task/2%2)))
					tile := []byte(fmt.Sprintf("tile %d", task))
					if err := book.keep(jobHash(spec), req, "blender-4.3.2", tile, sha256.Sum256(tile), make([]byte, 65)); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				book.store.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*tasks), "µs/keep")
		})
	}
}
