package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// TestCoordinatingGossiped: a node gossips that it coordinates a job from
// the job's submit until a while after it ends, so that the members
// behind NAT know whom to ask how their answers reach it (wayask.go), and
// stops once it has coordinated none for that while.
func TestCoordinatingGossiped(t *testing.T) {
	const linger = 3 * time.Second
	farm.SetCoordinatingLinger(t, linger)
	gate := farmtest.NewGate() // no render ends: the job runs until cancelled
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
	})
	c := api.NewClient(nodes[0].URL())
	coordinating := func() bool {
		for _, m := range nodes[1].Members() {
			if m.ID == nodes[0].Name() {
				return m.Coordinating
			}
		}
		return false
	}
	if coordinating() {
		t.Fatal("a node that coordinates no job gossips that it does")
	}
	id := farmtest.Submit(t, c, nil)
	farmtest.Until(t, "the other member sees the job's coordinator coordinating", coordinating)
	err := c.Cancel(context.Background(), id)
	gate.Open()
	if err != nil {
		t.Fatal(err)
	}
	farmtest.Until(t, "the job ends", func() bool {
		st, err := c.Status(context.Background(), id)
		return err == nil && st.State.Final()
	})
	// Two scheduling passes, and gossip, later: well inside the linger.
	time.Sleep(linger / 5)
	if !coordinating() {
		t.Fatalf("the coordinator stopped gossiping it coordinates at once: want it for %v after its last job", linger)
	}
	farmtest.Until(t, "the other member sees the coordinator of no job not coordinating", func() bool { return !coordinating() })
}
