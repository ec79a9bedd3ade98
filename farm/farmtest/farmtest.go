// Package farmtest starts in-process clusters of real nodes (real memberlist
// over loopback sockets, real HTTP, the pure-Go path tracer) for tests, the
// way net/http/httptest starts real servers.
package farmtest

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
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

// DecodePNG reads a PNG file, failing the test if it cannot.
func DecodePNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// DiffPixels counts the pixels over a's bounds whose colour differs in b
// (compared as 16-bit RGB, whatever the two images' types), and returns the
// first such pixel; a bounds mismatch counts every pixel.
func DiffPixels(a, b image.Image) (n int, first image.Point) {
	r := a.Bounds()
	if r != b.Bounds() {
		return r.Dx() * r.Dy(), r.Min
	}
	first = image.Pt(-1, -1)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
			}
		}
	}
	return n, first
}
