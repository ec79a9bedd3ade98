package farmtest

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/conun/conun/renderer"
)

// Gate holds a real renderer's renders until the test lets them go, so a
// test knows a job is mid-way when it acts on it (pauses it, restarts its
// coordinator). Its zero value is not ready: use NewGate.
type Gate struct {
	tokens  chan struct{}
	open    chan struct{}
	once    sync.Once
	renders atomic.Int64
}

// NewGate returns a closed gate.
func NewGate() *Gate {
	return &Gate{tokens: make(chan struct{}, 1024), open: make(chan struct{})}
}

// Allow lets n more renders start.
func (g *Gate) Allow(n int) {
	for range n {
		g.tokens <- struct{}{}
	}
}

// Open lets every render start from now on.
func (g *Gate) Open() { g.once.Do(func() { close(g.open) }) }

// Renders counts the renders that went through.
func (g *Gate) Renders() int64 { return g.renders.Load() }

// Renderer wraps r so that its renders wait at the gate.
func (g *Gate) Renderer(r renderer.Renderer) renderer.Renderer { return gated{r, g} }

type gated struct {
	renderer.Renderer
	g *Gate
}

func (r gated) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	select {
	case <-r.g.tokens:
	case <-r.g.open:
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	r.g.renders.Add(1)
	return r.Renderer.Render(ctx, t)
}
