// Package farmtest starts in-process clusters of real nodes (real memberlist
// over loopback sockets, real HTTP, the pure-Go path tracer) for tests, the
// way net/http/httptest starts real servers.
package farmtest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// Renderers returns a fresh set of the backends every test node runs.
func Renderers() []renderer.Renderer {
	return []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
}

// Start starts n nodes joined through the first, with fast failure
// detection, waits until each sees all n, and stops them when the test ends.
// change, if not nil, adjusts each node's config.
func Start(t testing.TB, n int, change func(i int, c *farm.NodeConfig)) []*farm.Node {
	t.Helper()
	var nodes []*farm.Node
	for i := range n {
		c := farm.DefaultNodeConfig()
		c.Name = fmt.Sprintf("node-%d", i+1)
		c.DataDir = filepath.Join(t.TempDir(), c.Name)
		c.Renderers = Renderers()
		c.Gossip.Fast = true
		if i > 0 {
			c.Gossip.Join = []string{nodes[0].GossipAddr()}
		}
		if change != nil {
			change(i, &c)
		}
		node, err := farm.StartNode(c)
		if err != nil {
			t.Fatalf("start %s: %v", c.Name, err)
		}
		t.Cleanup(func() { node.Close() })
		nodes = append(nodes, node)
	}
	if err := farm.WaitMembers(context.Background(), nodes, n, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	return nodes
}
