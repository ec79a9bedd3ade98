package farm_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// TestQuarantineFollowsTheKey: a convicted node that rejoins under a new
// name, with the same key, is still quarantined: a coordinator's record of
// a node follows its address, never the name it gives itself.
func TestQuarantineFollowsTheKey(t *testing.T) {
	key, err := farm.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Identity = key
			c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: "constant"}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Seed = 1 })
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
}
