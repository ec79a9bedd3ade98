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
// render the job (the other node is not counted), with the advice that
// fits (a newer member: upgrade this node; an older one: upgrade it).
// Without one of another release, none of them says a word of it.
// Before, a coordinator upgraded ahead of its workers rendered alone, or
// refused, without a word why.
func TestOtherReleaseNoted(t *testing.T) {
	tests := []struct {
		name         string
		coord, other int // protocols; 0: this release's
		want         string
	}{
		{"same release", 0, 0, ""},
		{"a newer member", 0, farm.Protocol + 1, "1 member(s) of a newer conun release take no work from this node and are not counted: upgrade this node"},
		{"an older member", farm.Protocol + 1, 0, "1 member(s) of an older conun release take no work from this node and are not counted: upgrade them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				farm.SpeakProtocol(c, []int{tt.coord, tt.other}[i])
			})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			c := api.NewClient(nodes[0].URL())
			noted := func(notes []string) bool {
				return slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "conun release") })
			}
			right := func(notes []string) bool {
				return slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, tt.want) })
			}
			other := tt.want != ""
			spec := uploadSpec(ctx, t, c, nil)
			est, err := c.Estimate(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if noted(est.Notes) != other || other && !right(est.Notes) {
				t.Errorf("estimate notes %q: want %q", est.Notes, tt.want)
			}
			sub, err := c.SubmitWith(ctx, spec, api.SubmitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sub.ID != spec.ID() || noted(sub.Notes) != other || other && !right(sub.Notes) {
				t.Errorf("submitted %+v: want id %s and notes %q", sub, spec.ID(), tt.want)
			}
			cuda := uploadSpec(ctx, t, c, func(s *api.JobSpec) { s.Device = "CUDA" })
			_, err = c.Submit(ctx, cuda)
			if err == nil || !strings.Contains(err.Error(), "no node in the cluster renders pathtracer on CUDA") {
				t.Fatalf("a job for a device nobody has: %v", err)
			}
			if noted([]string{err.Error()}) != other || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("refusal %q: want %q", err, tt.want)
			}
		})
	}
}
