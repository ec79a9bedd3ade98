//go:build linux && cgo

package gl

import (
	"context"
	"errors"
	"image"
	"image/color"
	"sync"

	"github.com/go-gl/gl/v4.3-core/gl"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// program is what the tracer and the raster share: the settings, the CPU
// tracer that flattens scenes into the world both draw, a context with one
// program on it, and the rule that renders take turns and stop at Close.
// Each renderer embeds it and adds its own buffers.
type program struct {
	cfg     Config
	pt      *pathtracer.Renderer
	ctx     *glContext
	prog    uint32
	uniform map[string]int32
	mu      sync.Mutex // one render at a time on the context
	closed  bool       // under mu
	// uploaded is the world in the renderer's buffers (under mu): the
	// tiles of one frame share it, so only the first uploads it.
	uploaded *pathtracer.Flat
}

// errClosed is Render's error after Close.
var errClosed = errors.New("the gl renderer is closed")

// open brings up a GL context for cfg and runs compile on its thread;
// when compile fails the context goes again, so a failed New leaves no
// thread behind.
func (p *program) open(cfg Config, compile func() error) error {
	c, err := newContext(cfg.Device)
	if err != nil {
		return err
	}
	p.cfg, p.pt, p.ctx, p.uniform = cfg, pathtracer.New(cfg.Tracer), c, map[string]int32{}
	c.do(func() { err = compile() })
	if err != nil {
		c.close()
		return err
	}
	return nil
}

// run runs f on the context's thread, after any render in progress;
// errClosed after Close.
func (p *program) run(f func() error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errClosed
	}
	var err error
	p.ctx.do(func() { err = f() })
	return err
}

// close frees the renderer's objects (free, on the GL thread) and the
// program, then destroys the context. Later calls do nothing: a renderer
// shared by several nodes in one process is closed by each.
func (p *program) close(free func()) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	p.ctx.do(func() {
		free()
		gl.DeleteProgram(p.prog)
	})
	p.ctx.close()
	return nil
}

// Device describes the GL implementation, for logs: GL_RENDERER and
// GL_VERSION.
func (p *program) Device() string { return p.ctx.renderer + ", OpenGL " + p.ctx.version }

// Inspect reads the scene's frame range, as the CPU tracer does.
func (p *program) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	return p.pt.Inspect(ctx, scene)
}

func (p *program) uniformLoc(name string) int32 { return uniformLoc(p.uniform, p.prog, name) }

// images turns linear RGBA pixels over rect, top row first, times scale,
// into the 16-bit sRGB image and, when hdr, the linear one.
func images(rect image.Rectangle, pix []float32, scale float64, hdr bool) (*image.NRGBA64, *renderer.HDR) {
	img := image.NewNRGBA64(rect)
	var h *renderer.HDR
	if hdr {
		h = renderer.NewHDR(rect)
	}
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			i := 4 * ((y-rect.Min.Y)*rect.Dx() + x - rect.Min.X)
			c := [3]float64{float64(pix[i]) * scale, float64(pix[i+1]) * scale, float64(pix[i+2]) * scale}
			img.SetNRGBA64(x, y, color.NRGBA64{renderer.SRGB16(c[0]), renderer.SRGB16(c[1]), renderer.SRGB16(c[2]), 0xffff})
			if h != nil {
				h.Set(x, y, [4]float32{float32(c[0]), float32(c[1]), float32(c[2]), 1})
			}
		}
	}
	return img, h
}
