package farmtest

import (
	"context"
	"errors"
	"fmt"

	"github.com/conun/conun/renderer"
)

// Broken returns the backends of a node whose renderer fails every task (a
// bad driver, a full disk, or a member out to sink jobs): its worker
// answers each lease with HTTP 500.
func Broken() []renderer.Renderer {
	return []renderer.Renderer{broken{Renderers()[0]}}
}

type broken struct{ renderer.Renderer }

func (broken) Render(context.Context, renderer.Task) (renderer.Result, error) {
	return renderer.Result{}, errors.New("renderer crashed")
}

// RefuseFrame returns the backends of a node whose renderer fails every
// task of frame n and renders the others: a frame that no node of that
// kind can render (a texture missing on every node, a crash at that frame
// only), while the rest of the job renders.
func RefuseFrame(n int) []renderer.Renderer {
	return []renderer.Renderer{Refusing(Renderers()[0], n)}
}

// Refusing wraps r so that it fails every task of frame n (RefuseFrame
// for any backend, such as a conun node process's).
func Refusing(r renderer.Renderer, n int) renderer.Renderer { return refuseFrame{r, n} }

type refuseFrame struct {
	renderer.Renderer
	frame int
}

func (r refuseFrame) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Frame == r.frame {
		return renderer.Result{}, fmt.Errorf("renderer refuses frame %d", t.Frame)
	}
	return r.Renderer.Render(ctx, t)
}
