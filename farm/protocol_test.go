package farm_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
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

// TestOtherReleaseNoted: a coordinator whose other member speaks another
// protocol says so where a requester looks: in the estimate's notes, in
// the submission's, and in a refusal saying no node of the cluster can
// render the job (the other node is not counted). Without one of another
// release, none of them says a word of it. Before, a coordinator upgraded
// ahead of its workers rendered alone, or refused, without a word why.
func TestOtherReleaseNoted(t *testing.T) {
	const note = "1 member(s) of another release take no work from this node"
	for _, other := range []bool{false, true} {
		t.Run(fmt.Sprintf("other release %v", other), func(t *testing.T) {
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				if other && i == 1 {
					farm.SpeakProtocol(c, farm.Protocol+1)
				}
			})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			c := api.NewClient(nodes[0].URL())
			noted := func(notes []string) bool {
				return slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, note) })
			}
			spec := uploadSpec(ctx, t, c, nil)
			est, err := c.Estimate(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if noted(est.Notes) != other {
				t.Errorf("estimate notes %q: want the other release noted: %v", est.Notes, other)
			}
			sub, err := c.SubmitWith(ctx, spec, api.SubmitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sub.ID != spec.ID() || noted(sub.Notes) != other {
				t.Errorf("submitted %+v: want id %s and the other release noted: %v", sub, spec.ID(), other)
			}
			cuda := uploadSpec(ctx, t, c, func(s *api.JobSpec) { s.Device = "CUDA" })
			_, err = c.Submit(ctx, cuda)
			if err == nil || !strings.Contains(err.Error(), "no node in the cluster renders pathtracer on CUDA") {
				t.Fatalf("a job for a device nobody has: %v", err)
			}
			if strings.Contains(err.Error(), note) != other {
				t.Errorf("refusal %q: want the other release noted: %v", err, other)
			}
		})
	}
}
