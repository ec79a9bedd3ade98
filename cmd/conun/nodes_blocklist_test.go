package main

import (
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/tiler"
)

// TestNodesShowsBlocklisted: after a job that three failing members could
// not sink, `conun nodes` marks each of them BLOCKLISTED, and neither
// honest node.
func TestNodesShowsBlocklisted(t *testing.T) {
	const honest = 2
	nodes := farmtest.Start(t, honest+3, func(i int, c *farm.NodeConfig) {
		if i >= honest {
			c.Renderers = farmtest.Broken()
		}
	})
	farmtest.RunJob(t, api.NewClient(nodes[0].URL()), func(s *api.JobSpec) {
		s.Resolution = tiler.Resolution{Width: 64, Height: 48}
		s.Tiles = tiler.Grid{Cols: 8, Rows: 8}
	})
	code, out, stderr := conun(t, "nodes", "--node", nodes[0].URL())
	if code != 0 {
		t.Fatalf("conun nodes: exit %d: %s", code, stderr)
	}
	for i, n := range nodes {
		var line string
		for l := range strings.Lines(out) {
			if strings.HasPrefix(l, n.Name()+" ") {
				line = l
			}
		}
		if listed := strings.Contains(line, "BLOCKLISTED until "); listed != (i >= honest) {
			t.Errorf("%s (failing: %v): %q", n.Name(), i >= honest, line)
		}
	}
}
