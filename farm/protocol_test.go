package farm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
)

// TestOtherProtocolGetsNoWork: in a cluster mid-upgrade, a node of another
// release (another farm.Protocol) is a member, listed by the client API
// with the reason it gets no work, and the coordinator leases it nothing:
// the job is rendered by the nodes of its own release, without one failed
// lease (before the protocol was gossiped, every lease to an older worker
// failed on a field it did not know, and counted against it).
func TestOtherProtocolGetsNoWork(t *testing.T) {
	other := func(i int, c *farm.NodeConfig) {
		if i == 2 {
			farm.SpeakProtocol(c, farm.Protocol+1)
		}
	}
	var listed []api.Member
	var leasedToOther bool
	rep, _ := runDemoWith(t, 3, other, func(nodes []*farm.Node) {
		var err error
		if listed, err = api.NewClient(nodes[0].URL()).Nodes(context.Background()); err != nil {
			t.Errorf("nodes: %v", err)
		}
	}, func(e api.Event) {
		if e.Type == api.EventLeased && e.Node == "node-3" {
			leasedToOther = true
		}
	})
	if len(listed) != 3 {
		t.Fatalf("the client API lists %d members, want all 3: %+v", len(listed), listed)
	}
	for _, m := range listed {
		want := m.ID == "node-3"
		if got := strings.Contains(m.Incompatible, fmt.Sprintf("another release (protocol %d, this node's %d)", farm.Protocol+1, farm.Protocol)); got != want {
			t.Errorf("%s listed as %q: want the other release said %v", m.ID, m.Incompatible, want)
		}
	}
	if leasedToOther {
		t.Error("node-3, of another release, was leased a task")
	}
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone || tr.Node == "node-3" || tr.Attempts != 0 {
			t.Errorf("task %d: %s by %s after %d failed attempts; want done by node-1 or node-2 at the first", tr.Index, tr.State, tr.Node, tr.Attempts)
		}
	}
}
