package farm_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
)

// TestQuarantineFollowsTheKey: a convicted node that rejoins under a new
// name, with the same key, is still quarantined: a coordinator's record of
// a node follows its address, never the name it gives itself. A restarted
// coordinator still knows the conviction.
func TestQuarantineFollowsTheKey(t *testing.T) {
	coordDir := filepath.Join(t.TempDir(), "coordinator")
	key, err := rpc.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 0 {
			c.DataDir = coordDir
		}
		if i == 2 {
			c.Identity = key
			c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: "constant"}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	first := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Seed = 1 })
	if st, _ := c.Jobs(context.Background()); len(st) != 1 || len(st[0].Convicted) != 1 || st[0].Convicted[0] != "node-3" {
		t.Fatalf("the cheater was not convicted: %+v", st)
	}
	if err := nodes[2].Kill(); err != nil {
		t.Fatal(err)
	}

	// The same key, a new name, honest pixels.
	cfg := farm.DefaultNodeConfig()
	cfg.Name, cfg.DataDir, cfg.Identity = "fresh-start", filepath.Join(t.TempDir(), "fresh"), key
	cfg.Renderers = farmtest.Renderers()
	cfg.Gossip.Fast, cfg.Gossip.Join = true, []string{nodes[0].GossipAddr()}
	again, err := farm.StartNode(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	farmtest.Until(t, "the renamed node is a member", func() bool {
		ms, _ := c.Nodes(context.Background())
		for _, m := range ms {
			if m.ID == "fresh-start" {
				return true
			}
		}
		return false
	})
	ms, err := c.Nodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.ID == "fresh-start" && (m.Reputation == nil || !m.Reputation.Quarantined || m.Reputation.Failed == 0) {
			t.Fatalf("the renamed node's record: %+v, want the convicted key's record: quarantined, failed checks", m.Reputation)
		}
	}
	rep := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Seed = 2 })
	for _, tr := range rep.Tasks {
		if tr.Node == "fresh-start" {
			t.Fatalf("the renamed node, still quarantined, rendered task %d", tr.Index)
		}
	}

	for _, n := range []*farm.Node{again, nodes[1], nodes[0]} {
		n.Close()
	}
	restarted := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) { c.DataDir = coordDir })[0]
	rep, err = api.NewClient(restarted.URL()).Report(context.Background(), first.JobID)
	if err != nil || len(rep.Convictions) == 0 {
		t.Fatalf("after a restart the coordinator forgot the conviction (%v)", err)
	}
	for _, cv := range rep.Convictions {
		if cv.Node != "node-3" || cv.Address != key.Address().Hex() {
			t.Fatalf("after a restart a conviction names %s (%s), want node-3 (%s)", cv.Node, cv.Address, key.Address().Hex())
		}
	}
}
