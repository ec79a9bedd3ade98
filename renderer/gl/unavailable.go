//go:build !(linux && cgo)

package gl

import (
	"context"
	"errors"

	"github.com/conun/conun/renderer"
)

// ErrUnavailable is New's error on platforms this package has no EGL
// loader for: a node there offers the CPU tracer instead.
var ErrUnavailable = errors.New("gl renderer not available on this platform: it needs Linux and a cgo build (EGL)")

// Renderer is the GPU path tracer; on this platform New never returns one.
type Renderer struct{}

var _ renderer.Renderer = (*Renderer)(nil)

// New reports ErrUnavailable.
func New(Config) (*Renderer, error) { return nil, ErrUnavailable }

// Name returns "gl".
func (*Renderer) Name() string { return "gl" }

// Version returns "" : there is no GL stack to name.
func (*Renderer) Version() string { return "" }

// Device returns "".
func (*Renderer) Device() string { return "" }

// Inspect reports ErrUnavailable.
func (*Renderer) Inspect(context.Context, string) (renderer.SceneInfo, error) {
	return renderer.SceneInfo{}, ErrUnavailable
}

// Render reports ErrUnavailable.
func (*Renderer) Render(context.Context, renderer.Task) (renderer.Result, error) {
	return renderer.Result{}, ErrUnavailable
}

// Close does nothing.
func (*Renderer) Close() error { return nil }
