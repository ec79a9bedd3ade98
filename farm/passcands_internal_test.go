package farm

import (
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/verifier"
)

// TestPassCandidatesCountLeases: a scheduling pass reads its members once
// (passCandidates) and counts its own leases in as it makes them
// (passCands.leased), so it hands out exactly every member's room, lease
// ahead included, and no more, however many tasks wait.
func TestPassCandidatesCountLeases(t *testing.T) {
	member := func(id string, slots, ahead int) api.Member {
		return api.Member{NodeMeta: api.NodeMeta{ID: id, Renderers: map[string]string{"pathtracer": "instant"}, Slots: slots, Ahead: ahead}}
	}
	tests := []struct {
		name     string
		members  []api.Member
		inflight map[string]int
		want     map[string]int // leases the pass makes to each
	}{
		{"one slot each", []api.Member{member("a", 1, 0), member("b", 1, 0), member("c", 1, 0)}, nil, map[string]int{"a": 1, "b": 1, "c": 1}},
		{"uneven slots", []api.Member{member("a", 3, 0), member("b", 1, 0)}, nil, map[string]int{"a": 3, "b": 1}},
		{"lease ahead", []api.Member{member("a", 2, 1), member("b", 1, 1)}, nil, map[string]int{"a": 3, "b": 2}},
		{"some leased before the pass", []api.Member{member("a", 2, 0), member("b", 2, 0)}, map[string]int{"a": 2, "b": 1}, map[string]int{"b": 1}},
		{"a lease taken back", []api.Member{member("a", 1, 0)}, map[string]int{"a": 1}, map[string]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &coordinator{inflight: map[string]int{}, busy: map[string]time.Time{}, health: map[string]*nodeHealth{},
				cfg: NodeConfig{Now: time.Now}, stakes: &stakeGate{}, rep: verifier.NewReputation(verifier.DefaultPolicy(), time.Now)}
			for id, n := range tc.inflight {
				c.inflight[id] = n
			}
			j := &job{failures: map[string]int{}}
			p := c.passCandidates(tc.members, j, c.now())
			got := map[string]int{}
			for range 100 { // more tasks than room
				m, free, _ := choose(demand{Renderer: "pathtracer"}, p.all)
				if !free {
					break
				}
				c.inflight[m.ID]++
				got[m.ID]++
				p.leased(m.ID)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("leased %v, want %v", got, tc.want)
			}
			for id, n := range tc.want {
				if got[id] != n {
					t.Fatalf("leased %v, want %v", got, tc.want)
				}
			}
		})
	}
}
