package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestCheckers: a restored check counts the members of the worker's
// release other than the worker, not away: it waits for two of them (a
// checker and an arbiter), or for a while.
func TestCheckers(t *testing.T) {
	member := func(id, build, away string) api.Member {
		m := api.Member{}
		m.ID, m.Away = id, away
		if build != "" {
			m.Renderers = map[string]string{"blender": build}
		}
		return m
	}
	tile := &task{node: "worker", build: "blender-4.3.2/cycles-cpu+oidn"}
	tests := []struct {
		name    string
		members []api.Member
		want    int
	}{
		{"none", nil, 0},
		{"the worker and one other", []api.Member{member("worker", "blender-4.3.2/cycles-cpu", ""), member("a", "blender-4.3.2/cycles-cpu", "")}, 1},
		{"two others", []api.Member{member("worker", "blender-4.3.2", ""), member("a", "blender-4.3.2/cycles-cpu", ""), member("b", "blender-4.3.2/cycles-cuda", "")}, 2},
		{"one of another release", []api.Member{member("a", "blender-4.3.2", ""), member("b", "blender-3.4.1", "")}, 1},
		{"one away", []api.Member{member("a", "blender-4.3.2", ""), member("b", "blender-4.3.2", "paused by owner")}, 1},
		{"one without the renderer", []api.Member{member("a", "blender-4.3.2", ""), member("b", "", "")}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkers(tc.members, "blender", tile); got != tc.want {
				t.Errorf("checkers = %d, want %d", got, tc.want)
			}
		})
	}
	if checkers([]api.Member{member("a", "", ""), member("b", "", "")}, "blender", &task{node: "worker"}) != 0 {
		t.Error("a tile of no known build (a record from before builds were kept) is checkable by members of none")
	}
}
