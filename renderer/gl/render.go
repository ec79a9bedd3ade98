//go:build linux && cgo

package gl

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	"github.com/go-gl/gl/v4.3-core/gl"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// version identifies this package's shader; bump it when pixels change.
const version = "gl-1"

// Renderer is the GPU path tracer. It is safe for concurrent use: renders
// take turns on its one context.
type Renderer struct {
	program
	bufs [8]uint32
}

var _ renderer.Renderer = (*Renderer)(nil)

// New brings up a GL context and compiles the tracer. Its error says why
// the GPU tracer cannot run here (no EGL, no OpenGL 4.3, a shader the
// driver refuses), for a node to report while it offers the CPU tracer.
func New(cfg Config) (*Renderer, error) {
	if cfg.SamplesPerDispatch < 1 {
		return nil, fmt.Errorf("gl config: SamplesPerDispatch %d: must be >= 1", cfg.SamplesPerDispatch)
	}
	r := &Renderer{}
	if err := r.open(cfg, r.compile); err != nil {
		return nil, err
	}
	return r, nil
}

// compile builds the compute program and its buffers; on the GL thread.
func (r *Renderer) compile() error {
	prog, err := buildProgram(r.ctx.renderer, stage{gl.COMPUTE_SHADER, "tracer.comp"})
	if err != nil {
		return err
	}
	r.prog = prog
	gl.GenBuffers(int32(len(r.bufs)), &r.bufs[0])
	return nil
}

// Close destroys the context. Later calls do nothing: a renderer shared by
// several nodes in one process is closed by each.
func (r *Renderer) Close() error {
	return r.close(func() { gl.DeleteBuffers(int32(len(r.bufs)), &r.bufs[0]) })
}

// Name returns "gl".
func (r *Renderer) Name() string { return "gl" }

// Version names the shader, the GL renderer and driver and, when the
// tracer's settings are not the defaults, their hash (as the CPU tracer's
// does): e.g. "gl-1-llvmpipe-mesa-22.3.6".
func (r *Renderer) Version() string {
	return stackVersion(version, r.ctx, r.pt)
}

// stackVersion is a GL renderer's version: its own (the shader's) name,
// the GL stack, and the hash of the tracer's settings where they are not
// the defaults, since those decide the world both renderers draw.
func stackVersion(own string, c *glContext, pt *pathtracer.Renderer) string {
	v := own + "-" + stack(c.renderer, c.version)
	if _, h, ok := strings.Cut(strings.TrimPrefix(pt.Version(), "pt-"), "-"); ok {
		v += "-" + h
	}
	return v
}

// Render renders the task's region on the GPU.
func (r *Renderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Denoise {
		return renderer.Result{}, fmt.Errorf("%w: the gl path tracer has no denoiser: render more samples instead", renderer.ErrBadTask)
	}
	f, err := r.pt.Flatten(ctx, t)
	if err != nil {
		return renderer.Result{}, err
	}
	rect := t.Rect()
	began := time.Now()
	var sums []float32
	err = r.run(func() (err error) { sums, err = r.trace(ctx, f, t, rect); return err })
	if err != nil {
		return renderer.Result{}, fmt.Errorf("render %s frame %d on %s: %w", filepath.Base(t.Scene), t.Frame, r.ctx.renderer, err)
	}
	img, hdr := images(rect, sums, 1/float64(t.Samples), t.HDR)
	log := fmt.Sprintf("gl: %s frame %d region %v of %dx%d: %d samples per pixel on %s, %d lights, BVH of %d triangles in %d nodes; rendered in %v\n",
		filepath.Base(t.Scene), t.Frame, rect, t.Width, t.Height, t.Samples, r.Device(), len(f.Lights), len(f.Tris), len(f.Nodes), time.Since(began).Round(time.Millisecond))
	return renderer.Result{Image: img, HDR: hdr, Log: log}, nil
}

// trace uploads the world and runs the shader over rect, Samples at a
// time up to SamplesPerDispatch; on the GL thread. It returns the summed
// radiance, 4 floats a pixel.
func (r *Renderer) trace(ctx context.Context, f *pathtracer.Flat, t renderer.Task, rect image.Rectangle) ([]float32, error) {
	upload := func(i int, data []float32) {
		gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, r.bufs[i])
		if len(data) == 0 {
			data = []float32{0, 0, 0, 0} // a buffer may not be empty
		}
		gl.BufferData(gl.SHADER_STORAGE_BUFFER, 4*len(data), gl.Ptr(data), gl.STATIC_DRAW)
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(i), r.bufs[i])
	}
	if f != r.uploaded {
		p := pack(f)
		upload(0, p.tris)
		upload(1, p.shades)
		upload(2, p.nodes)
		upload(3, p.mats)
		upload(4, p.lights)
		upload(5, p.emit)
		upload(6, p.texels)
		r.uploaded = f
	}
	n := 4 * rect.Dx() * rect.Dy()
	upload(7, make([]float32, n))

	gl.UseProgram(r.prog)
	cfg := r.cfg.Tracer
	cam := f.Camera
	u := r.uniformLoc
	gl.Uniform3f(u("camPos"), float32(cam.Pos[0]), float32(cam.Pos[1]), float32(cam.Pos[2]))
	gl.Uniform3f(u("camRight"), float32(cam.Right[0]), float32(cam.Right[1]), float32(cam.Right[2]))
	gl.Uniform3f(u("camUp"), float32(cam.Up[0]), float32(cam.Up[1]), float32(cam.Up[2]))
	gl.Uniform3f(u("camForward"), float32(cam.Forward[0]), float32(cam.Forward[1]), float32(cam.Forward[2]))
	gl.Uniform1f(u("tanHalf"), float32(cam.TanHalf))
	gl.Uniform2i(u("frameSize"), int32(t.Width), int32(t.Height))
	gl.Uniform2i(u("regionMin"), int32(rect.Min.X), int32(rect.Min.Y))
	gl.Uniform2i(u("regionSize"), int32(rect.Dx()), int32(rect.Dy()))
	gl.Uniform2ui(u("seed"), uint32(t.Seed), uint32(t.Seed>>32))
	gl.Uniform1i(u("frame"), int32(t.Frame))
	gl.Uniform3f(u("sky"), float32(cfg.Sky[0]), float32(cfg.Sky[1]), float32(cfg.Sky[2]))
	gl.Uniform1i(u("maxDepth"), int32(cfg.MaxDepth))
	gl.Uniform1i(u("rrDepth"), int32(cfg.RouletteDepth))
	gl.Uniform1f(u("sampleClamp"), float32(cfg.SampleClamp))
	gl.Uniform1i(u("nLights"), int32(len(f.Lights)))
	gl.Uniform1i(u("nEmit"), int32(len(f.Emitters)))
	gl.Uniform1i(u("nNodes"), int32(len(f.Nodes)))

	gx, gy := uint32((rect.Dx()+7)/8), uint32((rect.Dy()+7)/8)
	for s := 0; s < t.Samples; s += r.cfg.SamplesPerDispatch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		gl.Uniform1i(u("sampleStart"), int32(s))
		gl.Uniform1i(u("sampleEnd"), int32(min(s+r.cfg.SamplesPerDispatch, t.Samples)))
		gl.DispatchCompute(gx, gy, 1)
		// Each dispatch adds to the sums the last one wrote.
		gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT)
		gl.Finish() // so cancellation is seen between dispatches
		if t.Progress != nil {
			t.Progress(min(s+r.cfg.SamplesPerDispatch, t.Samples), t.Samples)
		}
	}
	gl.MemoryBarrier(gl.BUFFER_UPDATE_BARRIER_BIT)
	out := make([]float32, n)
	gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, r.bufs[7])
	gl.GetBufferSubData(gl.SHADER_STORAGE_BUFFER, 0, 4*n, unsafe.Pointer(&out[0]))
	if e := gl.GetError(); e != gl.NO_ERROR {
		return nil, fmt.Errorf("OpenGL error 0x%x", e)
	}
	return out, nil
}
