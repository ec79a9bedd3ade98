package farm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestLeaseSources: a lease names as scene sources members that hold a
// task of the job (leased or done), never the worker itself, a node that
// is not a member, or one whose task is pending or failed; each once, at
// most maxPeerSources, then the coordinator. Among many holders, each is
// named about as often as the others, so no peer serves the whole swarm.
func TestLeaseSources(t *testing.T) {
	c := &coordinator{self: "coord", selfURL: func() string { return "http://coord" }}
	member := func(id string) api.Member { return api.Member{NodeMeta: api.NodeMeta{ID: id, API: "http://" + id}} }
	members := []api.Member{member("coord"), member("w")}
	for i := range 20 {
		members = append(members, member(fmt.Sprint("n", i)))
	}
	tasks := func(states ...any) []*task { // node, state, node, state...
		var ts []*task
		for i := 0; i < len(states); i += 2 {
			ts = append(ts, &task{node: states[i].(string), state: states[i+1].(api.TaskState)})
		}
		return ts
	}
	tests := []struct {
		name  string
		tasks []*task
		want  []string // the peers, in any order
	}{
		{"nothing leased yet", tasks("", api.TaskPending, "", api.TaskPending), nil},
		{"holders, once each", tasks("n1", api.TaskDone, "n2", api.TaskLeased, "n1", api.TaskLeased, "", api.TaskPending),
			[]string{"http://n1", "http://n2"}},
		{"not the worker, the coordinator or a stranger", tasks("w", api.TaskLeased, "coord", api.TaskDone, "gone", api.TaskDone, "n3", api.TaskDone),
			[]string{"http://n3"}},
		{"not a failed task's node", tasks("n4", api.TaskFailed, "n5", api.TaskCancelled, "n6", api.TaskDone),
			[]string{"http://n6"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 20 { // where the scan starts is random
				got := c.sources(&job{tasks: tc.tasks}, "w", members)
				if got[len(got)-1] != "http://coord" {
					t.Fatalf("sources %v do not end with the coordinator", got)
				}
				peers := slices.Sorted(slices.Values(got[:len(got)-1]))
				if !slices.Equal(peers, tc.want) {
					t.Fatalf("peers %v, want %v", peers, tc.want)
				}
			}
		})
	}

	// 20 holders, tasks dealt round: each call names maxPeerSources of
	// them, and each holder is named about maxPeerSources/20 of the time.
	var ts []*task
	for i := range 400 {
		ts = append(ts, &task{node: fmt.Sprint("n", i%20), state: api.TaskDone})
	}
	const calls = 2000
	named := map[string]int{}
	for range calls {
		got := c.sources(&job{tasks: ts}, "w", members)
		if len(got) != maxPeerSources+1 {
			t.Fatalf("%d sources among 20 holders, want %d peers and the coordinator", len(got), maxPeerSources)
		}
		for _, u := range got[:maxPeerSources] {
			named[u]++
		}
	}
	want := calls * maxPeerSources / 20
	for i := range 20 {
		if n := named[fmt.Sprint("http://n", i)]; n < want/2 || n > want*3/2 {
			t.Errorf("holder n%d named %d times in %d leases, want about %d", i, n, calls, want)
		}
	}
}
