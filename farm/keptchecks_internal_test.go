package farm

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestKeptChecks: a node keeps every check it signs, a task checked twice
// included (either signature can be slashed), and two tasks whose renders
// are the same bytes (a still shot's) each, and lets go of a job's checks
// once asked to (its job settled): the record goes (the renders stay in
// the shared, content-addressed blobs). A job it rendered tiles of, or
// coordinated itself, is kept.
func TestKeptChecks(t *testing.T) {
	st := openTestStore(t, filepath.Join(t.TempDir(), "db"))
	t.Cleanup(func() { st.Close() })
	blobs, err := blobstore.Open(t.TempDir(), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	book := &resultBook{store: st, blobs: blobs}
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
	if err != nil || kj == nil || len(kj.keptChecks()) != 3 || kj.Checks[checkKey(1, first)].Hash != first || kj.Checks[checkKey(1, second)].Hash != second || kj.Checks[checkKey(2, still)].Request.Task != 2 {
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
