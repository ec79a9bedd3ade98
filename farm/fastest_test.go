package farm

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/memberlist"

	"github.com/conun/conun/farm/api"
)

// TestCalibMetaFits: a heavy member's metadata (three renderers with long
// versions, a long away reason, a price, the largest speeds) still fits
// memberlist's limit with the calibration in it (memberlist panics
// beyond).
func TestCalibMetaFits(t *testing.T) {
	m := api.NodeMeta{
		ID: "render-box-0123456789abcdef", API: "http://[2001:db8:1234:5678:9abc:def0:1234:5678]:65535",
		Renderers: map[string]string{"pathtracer": "pt-1", "gl": "gl-1-nvidia-h200-nvidia-550.127.05", "blender": "blender-4.3.2/cycles-optix+oidn+gl+finish"},
		Cores:     192, Slots: 64, Addr: "0x" + strings.Repeat("ab", 20), Price: api.MustTokens("0.123456789012345678"), Sandboxed: true,
		Away: "owner active: CPU 63% > 25%", Ahead: 64, Proto: math.MaxInt32,
		Speed: map[string]int64{"pathtracer": math.MaxInt64, "gl": math.MaxInt64},
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	without := m
	without.Speed = nil
	b0, _ := json.Marshal(without)
	t.Logf("meta %d bytes, %d of them the calibration, limit %d", len(b), len(b)-len(b0), memberlist.MetaMaxSize)
	if len(b) > memberlist.MetaMaxSize {
		t.Fatalf("meta is %d bytes, over memberlist's %d: %s", len(b), memberlist.MetaMaxSize, b)
	}
}

// speedNode is a candidate running the given renderer builds, claiming
// the given samples per second each, with all its slots free.
func speedNode(id string, slots int, builds map[string]string, claims map[string]int64) candidate {
	return candidate{Member: api.Member{NodeMeta: api.NodeMeta{ID: id, Renderers: builds, Slots: slots, Speed: claims}}, Free: slots}
}

// TestCalibChooseFastest: the member with the most free slots is offered
// the task, of those with as many the fastest; a fast member without a
// free slot is passed over, and one not measured yet ranks at the mean of
// the known speeds.
func TestCalibChooseFastest(t *testing.T) {
	pt := map[string]string{"pathtracer": "pathtracer-1"}
	with := func(c candidate, speed float64, free int) candidate { c.Speed, c.Free = speed, free; return c }
	tests := []struct {
		name  string
		cands []candidate
		want  string
	}{
		{"more free slots first", []candidate{with(speedNode("a", 4, pt, nil), 100, 4), with(speedNode("b", 1, pt, nil), 300, 1)}, "a"},
		{"as many free slots: the faster", []candidate{with(speedNode("a", 4, pt, nil), 100, 1), with(speedNode("b", 1, pt, nil), 300, 1)}, "b"},
		{"no speeds: most free slots", []candidate{speedNode("a", 1, pt, nil), speedNode("b", 3, pt, nil)}, "b"},
		{"equal speeds: most free slots", []candidate{with(speedNode("a", 2, pt, nil), 50, 1), with(speedNode("b", 2, pt, nil), 50, 2)}, "b"},
		{"fastest has no free slot", []candidate{with(speedNode("a", 2, pt, nil), 900, 0), with(speedNode("b", 1, pt, nil), 10, 1)}, "b"},
		{"unknown ranks at the known mean: above a slower one", []candidate{
			with(speedNode("a", 1, pt, nil), 0, 1), with(speedNode("b", 1, pt, nil), 50, 1), with(speedNode("c", 1, pt, nil), 150, 0),
		}, "a"},
		{"unknown ranks at the known mean: below a faster one", []candidate{
			with(speedNode("a", 1, pt, nil), 0, 1), with(speedNode("b", 1, pt, nil), 50, 1), with(speedNode("c", 1, pt, nil), 150, 1),
		}, "c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			best, free, _ := choose(demand{Renderer: "pathtracer"}, tc.cands)
			if !free || best.ID != tc.want {
				t.Fatalf("picked %q (free %v), want %q", best.ID, free, tc.want)
			}
		})
	}
}

// TestAutoFastest: an auto job goes to the renderer and release whose
// members offer the most samples per second together (speed x free
// slots), whichever that is; every member busy, slots count instead of
// free ones; no speed known, the first kind (the CPU tracer, today's
// default) with no release bound.
func TestAutoFastest(t *testing.T) {
	both := map[string]string{"pathtracer": "pathtracer-1", "gl": "gl-1/llvmpipe"}
	glOnly := map[string]string{"gl": "gl-1/nvidia-550"}
	ptOnly := map[string]string{"pathtracer": "pathtracer-1"}
	busy := func(c candidate) candidate { c.Free = 0; return c }
	tests := []struct {
		name        string
		cands       []candidate
		wantKind    string
		wantRelease string
	}{
		{"cpu faster", []candidate{speedNode("a", 1, both, map[string]int64{"pathtracer": 1000, "gl": 450})}, "pathtracer", "pathtracer-1"},
		{"gl faster", []candidate{speedNode("a", 1, both, map[string]int64{"pathtracer": 1000, "gl": 4500})}, "gl", "gl-1"},
		{"slots make gl faster together", []candidate{
			speedNode("a", 1, ptOnly, map[string]int64{"pathtracer": 1000}),
			speedNode("b", 4, glOnly, map[string]int64{"gl": 450}),
		}, "gl", "gl-1"},
		{"busy members do not count", []candidate{
			speedNode("a", 1, ptOnly, map[string]int64{"pathtracer": 1000}),
			busy(speedNode("b", 4, glOnly, map[string]int64{"gl": 4500})),
		}, "pathtracer", "pathtracer-1"},
		{"all busy: slots decide", []candidate{
			busy(speedNode("a", 1, ptOnly, map[string]int64{"pathtracer": 1000})),
			busy(speedNode("b", 4, glOnly, map[string]int64{"gl": 4500})),
		}, "gl", "gl-1"},
		{"releases apart: the faster release", []candidate{
			speedNode("a", 1, map[string]string{"gl": "gl-1/llvmpipe"}, map[string]int64{"gl": 400}),
			speedNode("b", 1, map[string]string{"gl": "gl-2/nvidia"}, map[string]int64{"gl": 90000}),
			speedNode("c", 2, ptOnly, map[string]int64{"pathtracer": 1000}),
		}, "gl", "gl-2"},
		{"nothing calibrated yet", []candidate{speedNode("a", 4, both, nil)}, "pathtracer", ""},
		{"no members", nil, "pathtracer", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r memberRates
			got := fastest([]string{"pathtracer", "gl"}, demand{}, tc.cands, r.speed)
			if got.Renderer != tc.wantKind || got.Release != tc.wantRelease {
				t.Fatalf("picked %s release %q, want %s release %q", got.Renderer, got.Release, tc.wantKind, tc.wantRelease)
			}
		})
	}
}

// TestCalibLiarDoesNotStarve: work arrives one task at a time (the case
// where preference decides who gets paid) to two honest nodes and one
// that claims a hundred times its speed but renders at half theirs. The
// scheduler's own choice and pace bookkeeping run on a simulated clock:
// the liar gets its first trustAfter tasks on its claim, then is ranked by
// what the coordinator measured, and the honest nodes render the rest.
// With claims trusted for ever it would have had every task.
func TestCalibLiarDoesNotStarve(t *testing.T) {
	pt := map[string]string{"pathtracer": "pathtracer-1"}
	members := []api.Member{
		{NodeMeta: api.NodeMeta{ID: "liar", Renderers: pt, Slots: 1, Speed: map[string]int64{"pathtracer": 100_000}}},
		{NodeMeta: api.NodeMeta{ID: "honest-a", Renderers: pt, Slots: 1, Speed: map[string]int64{"pathtracer": 1000}}},
		{NodeMeta: api.NodeMeta{ID: "honest-b", Renderers: pt, Slots: 1, Speed: map[string]int64{"pathtracer": 1000}}},
	}
	real := map[string]float64{"liar": 500, "honest-a": 1000, "honest-b": 1000} // samples/s each really renders
	const tasks, work = 40, 64 * 64 * 8.0                                       // samples a task
	for _, trusted := range []bool{false, true} {
		var rates memberRates
		got := map[string]int{}
		for range tasks {
			cands := make([]candidate, len(members))
			for i, m := range members {
				cands[i] = candidate{Member: m, Free: 1, Speed: rates.speed(m, "pathtracer")}
				if trusted {
					cands[i].Speed = float64(m.Speed["pathtracer"])
				}
			}
			m, free, _ := choose(demand{Renderer: "pathtracer"}, cands)
			if !free {
				t.Fatal("no member free")
			}
			got[m.ID]++
			rates.observe(m.ID, "pathtracer", work, time.Duration(work/real[m.ID]*float64(time.Second)))
		}
		if trusted {
			if got["liar"] != tasks {
				t.Fatalf("claims trusted: the liar got %d of %d tasks; the test no longer shows what lying would win", got["liar"], tasks)
			}
			continue
		}
		if got["liar"] > trustAfter {
			t.Fatalf("the liar got %d of %d tasks, want at most %d (its claim is trusted only until measured): %v", got["liar"], tasks, trustAfter, got)
		}
		if honest := got["honest-a"] + got["honest-b"]; honest < tasks-trustAfter {
			t.Fatalf("honest nodes got %d of %d tasks: %v", honest, tasks, got)
		}
		if v, n := rates.measured("liar", "pathtracer"); n != trustAfter || math.Abs(v-real["liar"]) > 1 {
			t.Fatalf("liar measured at %.0f samples/s over %d tasks, want %.0f over %d", v, n, real["liar"], trustAfter)
		}
	}
}

// FuzzCalibMeta: whatever speeds a member gossips (negative, huge,
// unknown renderers), ranking it neither panics nor yields a negative or
// non-finite score.
func FuzzCalibMeta(f *testing.F) {
	f.Add([]byte(`{"id":"a","api":"http://127.0.0.1:1","r":{"pathtracer":"pathtracer-1","gl":"gl-1"},"s":2,"sp":{"pathtracer":812345,"gl":-5}}`))
	f.Add([]byte(`{"id":"a","r":{"gl":"x"},"s":-3,"sp":{"gl":9223372036854775807}}`))
	f.Add([]byte(`{"sp":{"":1}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m api.NodeMeta
		if json.Unmarshal(b, &m) != nil {
			return
		}
		var r memberRates
		c := candidate{Member: api.Member{NodeMeta: m}, Free: m.Slots}
		got := fastest([]string{"pathtracer", "gl"}, demand{}, []candidate{c, c}, r.speed)
		if got.Score < 0 || math.IsNaN(got.Score) || math.IsInf(got.Score, 0) {
			t.Fatalf("score %v for %s", got.Score, b)
		}
		for _, kind := range []string{"pathtracer", "gl"} {
			if v := r.speed(c.Member, kind); v < 0 {
				t.Fatalf("speed %v on %s for %s", v, kind, b)
			}
		}
	})
}
