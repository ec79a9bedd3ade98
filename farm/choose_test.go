package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestChoose: the scheduler's choice of a member, with no cluster: what a
// job asks of a node, the release-sharing rule that keeps every node
// checkable, and load (free slots, busy nodes).
func TestChoose(t *testing.T) {
	node := func(id, build string, slots int, price string) candidate {
		return candidate{Member: api.Member{NodeMeta: api.NodeMeta{ID: id, Renderers: map[string]string{"blender": build}, Slots: slots, Price: api.MustTokens(price)}}, Free: slots}
	}
	b34 := "blender-3.4.1/cycles-cpu-avx2"
	b43 := "blender-4.3.2/cycles-cpu-avx2"
	with := func(c candidate, f func(*candidate)) candidate { f(&c); return c }
	tests := []struct {
		name     string
		demand   demand
		cands    []candidate
		want     string // "" when no member has a free slot
		admitted int
	}{
		{"most free slots", demand{Renderer: "blender"}, []candidate{node("a", b34, 1, "0"), node("b", b34, 3, "0")}, "b", 2},
		{"no such renderer", demand{Renderer: "pathtracer"}, []candidate{node("a", b34, 1, "0")}, "", 0},
		{"too old for the scene", demand{Renderer: "blender", MinVersion: "4.3"}, []candidate{node("a", b34, 4, "0"), node("b", b43, 1, "0")}, "b", 1},
		{"bound to a release", demand{Renderer: "blender", Release: "blender-3.4.1"}, []candidate{node("a", b34, 1, "0"), node("b", b43, 4, "0")}, "a", 1},
		{"needs OpenGL", demand{Renderer: "blender", Needs: "gl"}, []candidate{node("a", b34, 4, "0"), node("b", b34+"+gl", 1, "0")}, "b", 1},
		{"denoise", demand{Renderer: "blender", Denoise: true}, []candidate{node("a", b34, 1, "0")}, "", 0},
		{"device", demand{Renderer: "blender", Device: "CUDA"}, []candidate{node("a", b34, 4, "0"), node("b", "blender-3.4.1/cycles-cuda", 1, "0")}, "b", 1},
		{"price cap", demand{Renderer: "blender", PriceCap: api.MustTokens("0.5")}, []candidate{node("a", b34, 4, "0.6"), node("b", b34, 1, "0.5")}, "b", 1},
		{"blocked after failures", demand{Renderer: "blender"}, []candidate{with(node("a", b34, 4, "0"), func(c *candidate) { c.Failures = blockAfter }), node("b", b34, 1, "0")}, "b", 1},
		{"quarantined", demand{Renderer: "blender"}, []candidate{with(node("a", b34, 4, "0"), func(c *candidate) { c.Quarantined = true })}, "", 0},
		{"busy: admitted, not picked", demand{Renderer: "blender"}, []candidate{with(node("a", b34, 4, "0"), func(c *candidate) { c.Busy = true })}, "", 1},
		{"all slots leased", demand{Renderer: "blender"}, []candidate{with(node("a", b34, 2, "0"), func(c *candidate) { c.Free = 0 })}, "", 1},
		// A lone 4.3 node among 3.4 pairs could not be checked: it gets
		// nothing while the 3.4 nodes (who check each other) can work.
		{"lone release left out", demand{Renderer: "blender"}, []candidate{node("a", b34, 1, "0"), node("b", b34, 1, "0"), node("c", b43, 8, "0")}, "a", 3},
		// Where no two share a release, any admitted member works.
		{"no release shared", demand{Renderer: "blender"}, []candidate{node("a", b34, 1, "0"), node("c", b43, 8, "0")}, "c", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			best, free, admitted := choose(tc.demand, tc.cands)
			got := ""
			if free {
				got = best.ID
			}
			if got != tc.want || admitted != tc.admitted {
				t.Fatalf("picked %q of %d admitted, want %q of %d", got, admitted, tc.want, tc.admitted)
			}
		})
	}
}
