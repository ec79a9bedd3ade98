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

// Version returns "": there is no GL stack to name.
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

// RasterName is the raster preview's renderer kind.
const RasterName = "gl-raster"

// Raster is the raster preview; on this platform NewRaster never returns
// one.
type Raster struct{}

var _ renderer.Renderer = (*Raster)(nil)

// NewRaster reports ErrUnavailable.
func NewRaster(Config) (*Raster, error) { return nil, ErrUnavailable }

// Name returns RasterName.
func (*Raster) Name() string { return RasterName }

// Version returns "": there is no GL stack to name.
func (*Raster) Version() string { return "" }

// Device returns "".
func (*Raster) Device() string { return "" }

// Inspect reports ErrUnavailable.
func (*Raster) Inspect(context.Context, string) (renderer.SceneInfo, error) {
	return renderer.SceneInfo{}, ErrUnavailable
}

// Render reports ErrUnavailable.
func (*Raster) Render(context.Context, renderer.Task) (renderer.Result, error) {
	return renderer.Result{}, ErrUnavailable
}

// Close does nothing.
func (*Raster) Close() error { return nil }
