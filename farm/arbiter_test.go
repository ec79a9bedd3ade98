package farm

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestArbiterRefusesBadBundles: an arbiter judges only evidence that is
// what the chain convicted: a spec that hashes to the escrow's job id, the
// slashed task, a tile whose hash is the signed result's, and a lease that
// is that task of the spec; for a checker's conviction, its check of the
// slashed crops of that task, and its render of them. Anything else is
// refused as errBadBundle.
func TestArbiterRefusesBadBundles(t *testing.T) {
	spec := api.JobSpec{
		Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Seed: 7, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Budget: api.MustTokens("10"),
	}
	escrow := jobHash(spec)
	plan := spec.Plan()
	tile := []byte("the accused's tile")
	slashed := common.Hash(sha256.Sum256(tile))
	crops := []image.Rectangle{image.Rect(16, 0, 20, 4), image.Rect(24, 8, 28, 12)}
	good := func() disputeBundle {
		return disputeBundle{Spec: spec, Task: 1, Tile: append([]byte(nil), tile...), Request: TaskRequest{
			Task: 1, Renderer: spec.Renderer, Scene: spec.Scene, Frame: plan[1].Frame, Width: 32, Height: 24,
			Samples: spec.Samples, Seed: spec.Seed, Region: plan[1].Rect,
		}}
	}
	tests := []struct {
		name    string
		change  func(*disputeBundle)
		wantErr string // "" accepted
	}{
		{"the slashed result", func(*disputeBundle) {}, ""},
		{"spec of another job", func(b *disputeBundle) { b.Spec.Seed++ }, "not the escrow's job id"},
		{"tile other than the signed one", func(b *disputeBundle) { b.Tile[0] ^= 1 }, "the tile is not the slashed result: it hashes to"},
		{"another task", func(b *disputeBundle) { b.Task, b.Request.Task = 2, 2 }, "the slash of task 1"},
		{"lease of other pixels", func(b *disputeBundle) { b.Request.Region = image.Rect(0, 0, 16, 12) }, "region"},
		{"lease with other samples", func(b *disputeBundle) { b.Request.Samples = 1 }, "samples"},
		{"a preview's lease", func(b *disputeBundle) { b.Request.Preview = true }, "the lease is a preview's"},
		{"a check passed off as the result", func(b *disputeBundle) { b.Request.Check, b.Request.Crops = true, crops }, "not task 1 result"},
		// A checker's conviction: its render of the check's crops.
		{"check: the slashed render", func(b *disputeBundle) { b.Request.Check, b.Request.Crops = true, crops }, ""},
		{"check: other crops", func(b *disputeBundle) { b.Request.Check, b.Request.Crops = true, crops[:1] }, "not a check of task 1"},
		{"check: a result passed off as the check", func(*disputeBundle) {}, "not a check of task 1"},
		{"check: another render", func(b *disputeBundle) { b.Request.Check, b.Request.Crops = true, crops; b.Tile[0] ^= 1 }, "the tile is not the slashed result: it hashes to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := good()
			tc.change(&b)
			sl := slashing{task: 1, hash: slashed}
			if strings.HasPrefix(tc.name, "check:") {
				sl.check, sl.crops = true, contracts.CropsHash(crops)
			}
			err := checkBundle(b, escrow, sl)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("refused the slashed result itself: %v", err)
				}
				return
			}
			if !errors.Is(err, errBadBundle) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want errBadBundle containing %q", err, tc.wantErr)
			}
		})
	}
}

// TestDecodeBundle: an arbiter abstains (errCannotJudge) from a bundle
// whose spec holds a setting its release does not know only when the
// spec's bytes are the escrow's job (a newer release's job); a field the
// accused adds to the real spec, or to an altered one, changes nothing:
// the first is judged as usual, the second refused as errBadBundle.
func TestDecodeBundle(t *testing.T) {
	spec := api.JobSpec{
		Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Seed: 7, Tiles: tiler.Grid{Cols: 2, Rows: 2},
	}
	known, _ := json.Marshal(spec)
	newer := append(known[:len(known)-1:len(known)-1], []byte(`,"future_setting":3}`)...)
	altered := bytes.Replace(newer, []byte(`"seed":7`), []byte(`"seed":8`), 1)
	// A scene name with <, > and &: hashed as json.Marshal escapes it,
	// served unescaped, as a node's writeJSON writes it.
	named := spec
	named.SceneName = "a<b>&c.glb"
	namedKnown, _ := json.Marshal(named)
	namedNewer := append(namedKnown[:len(namedKnown)-1:len(namedKnown)-1], []byte(`,"future_setting":3}`)...)
	namedServed := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(namedNewer))
	if namedServed == string(namedNewer) {
		t.Fatalf("json.Marshal wrote %s unescaped: the case below proves nothing", namedNewer)
	}
	bundle := func(spec []byte) []byte { return []byte(`{"spec":` + string(spec) + `,"task":1,"tile":"dGlsZQ=="}`) }
	hash := func(b []byte) common.Hash { return common.Hash(sha256.Sum256(b)) }
	for _, tc := range []struct {
		name   string
		data   []byte
		escrow common.Hash
		want   error // nil: decoded, judged as usual
		bad    bool  // checkBundle then refuses it
	}{
		{"a spec this release knows", bundle(known), jobHash(spec), nil, false},
		{"a newer release's job", bundle(newer), hash(newer), errCannotJudge, false},
		{"a newer release's job of a scene named with <, > and &", bundle([]byte(namedServed)), hash(namedNewer), errCannotJudge, false},
		{"the accused adds a field to the real spec", bundle(newer), jobHash(spec), nil, false},
		{"the accused alters the spec and adds a field", bundle(altered), hash(newer), nil, true},
		{"not JSON", []byte(`{"spec":`), jobHash(spec), errBadBundle, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := decodeBundle(tc.data, "http://accused", tc.escrow)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if err != nil {
				return
			}
			if bad := jobHash(b.Spec) != tc.escrow; bad != tc.bad {
				t.Errorf("the spec read hashes to the escrow: %v, want %v", !bad, !tc.bad)
			}
		})
	}
}

// TestSpecTask: a lease's task is derived from the spec alone, tiles first
// and then one finish per frame, so a worker on a chain signs a finish of
// a composited job but nothing the spec cannot name.
func TestSpecTask(t *testing.T) {
	spec := api.JobSpec{Frames: tiler.Frames{Start: 3, End: 4, Step: 1}, Resolution: tiler.Resolution{Width: 8, Height: 6}, Tiles: tiler.Grid{Cols: 2, Rows: 1}}
	for _, tc := range []struct {
		i         int
		finish    bool
		wantFrame int
		wantRect  image.Rectangle
		wantErr   bool
	}{
		{0, false, 3, image.Rect(0, 0, 4, 6), false},
		{3, false, 4, image.Rect(4, 0, 8, 6), false},
		{4, false, 0, image.Rectangle{}, true},
		{4, true, 3, image.Rect(0, 0, 8, 6), false},
		{5, true, 4, image.Rect(0, 0, 8, 6), false},
		{6, true, 0, image.Rectangle{}, true},
		{1, true, 0, image.Rectangle{}, true},
		{-1, false, 0, image.Rectangle{}, true},
	} {
		got, err := specTask(spec, tc.i, tc.finish)
		if (err != nil) != tc.wantErr || err == nil && (got.Frame != tc.wantFrame || got.Rect != tc.wantRect) {
			t.Errorf("task %d finish %v: %+v, %v; want frame %d %v (error %v)", tc.i, tc.finish, got, err, tc.wantFrame, tc.wantRect, tc.wantErr)
		}
	}
}

// TestArbiterParty: a node drawn for a dispute abstains when it rendered
// for the job, or checked the disputed task; having checked other tasks
// of the job, or kept nothing of it, it judges.
func TestArbiterParty(t *testing.T) {
	kept := func(results, checks []int) *keptJob {
		kj := &keptJob{results: map[string]keptResult{}, checks: map[string]keptResult{}}
		for _, i := range results {
			kj.results[checkKey(i, "ab")] = keptResult{Hash: "ab", Request: TaskRequest{Task: i}}
		}
		for _, i := range checks {
			hash := fmt.Sprint("cd", i)
			kj.checks[checkKey(i, hash)] = keptResult{Hash: hash, Request: TaskRequest{Task: i, Check: true}}
		}
		return kj
	}
	for _, tc := range []struct {
		name string
		kj   *keptJob
		want bool
	}{
		{"kept nothing of the job", nil, false},
		{"rendered a task", kept([]int{5}, nil), true},
		{"checked the disputed task", kept(nil, []int{3}), true},
		{"checked other tasks", kept(nil, []int{1, 2}), false},
	} {
		if got := tc.kj.party(3); got != tc.want {
			t.Errorf("%s: party %v, want %v", tc.name, got, tc.want)
		}
	}
}
