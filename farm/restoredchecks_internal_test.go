package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestCheckable: a restored check waits for two members of the worker's
// release other than the worker, not away: a checker and an arbiter.
func TestCheckable(t *testing.T) {
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
		want    bool
	}{
		{"none", nil, false},
		{"the worker and one other", []api.Member{member("worker", "blender-4.3.2/cycles-cpu", ""), member("a", "blender-4.3.2/cycles-cpu", "")}, false},
		{"two others", []api.Member{member("worker", "blender-4.3.2", ""), member("a", "blender-4.3.2/cycles-cpu", ""), member("b", "blender-4.3.2/cycles-cuda", "")}, true},
		{"one of another release", []api.Member{member("a", "blender-4.3.2", ""), member("b", "blender-3.4.1", "")}, false},
		{"one away", []api.Member{member("a", "blender-4.3.2", ""), member("b", "blender-4.3.2", "paused by owner")}, false},
		{"one without the renderer", []api.Member{member("a", "blender-4.3.2", ""), member("b", "", "")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkable(tc.members, "blender", tile); got != tc.want {
				t.Errorf("checkable = %v, want %v", got, tc.want)
			}
		})
	}
	if checkable([]api.Member{member("a", "", ""), member("b", "", "")}, "blender", &task{node: "worker"}) {
		t.Error("a tile of no known build (a record from before builds were kept) is checkable by members of none")
	}
}
