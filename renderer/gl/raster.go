//go:build linux && cgo

package gl

import (
	"context"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"time"
	"unsafe"

	"github.com/go-gl/gl/v4.3-core/gl"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// rasterVersion identifies the raster shaders; bump it when pixels change.
const rasterVersion = "glr-1"

// RasterName is the raster preview's renderer kind: the name jobs and
// nodes use for it (unavailable.go declares it too, for other platforms).
const RasterName = "gl-raster"

// rasterSamples is the multisampling of the raster's frame buffer: edges
// antialiased about as the tracer's jittered samples smooth them.
const rasterSamples = 4

// ambientScale is the fraction of the sky's radiance the raster adds to
// every surface as its constant ambient: the light the tracer gathers from
// the sky and from other surfaces, which a preview without bounces lacks.
// Chosen by TestRasterAgreesWithTracer's measurements.
const ambientScale = 0.5

// Raster is the preview renderer: the tracer's world (pathtracer.Flatten:
// the same scenes, camera, animation and materials) drawn by classic
// rasterization, lit directly by the scene's lights, with no shadows and
// no global illumination. A frame takes milliseconds where the tracer
// takes seconds. It is safe for concurrent use: renders take turns on its
// one context.
type Raster struct {
	program
	vao  uint32
	vbo  uint32
	bufs [3]uint32 // materials, lights, texels
	// opaque and all count the uploaded world's triangles (under mu),
	// opaque ones first.
	opaque, all  int32
	nLights      int32
	fbo, resolve frameBuffer
}

// frameBuffer is a frame buffer object with its colour and depth
// renderbuffers, of one size.
type frameBuffer struct {
	fbo, colour, depth uint32
	size               image.Point
}

var _ renderer.Renderer = (*Raster)(nil)

// NewRaster brings up a GL context and compiles the raster shaders. Its
// error says why the preview cannot run here, as New's does.
func NewRaster(cfg Config) (*Raster, error) {
	r := &Raster{}
	if err := r.open(cfg, r.compile); err != nil {
		return nil, err
	}
	return r, nil
}

// compile builds the program, the vertex layout and the buffers; on the GL
// thread.
func (r *Raster) compile() error {
	prog, err := buildProgram(r.ctx.renderer, stage{gl.VERTEX_SHADER, "raster.vert"}, stage{gl.FRAGMENT_SHADER, "raster.frag"})
	if err != nil {
		return err
	}
	r.prog = prog
	gl.GenVertexArrays(1, &r.vao)
	gl.GenBuffers(1, &r.vbo)
	gl.GenBuffers(int32(len(r.bufs)), &r.bufs[0])
	gl.BindVertexArray(r.vao)
	gl.BindBuffer(gl.ARRAY_BUFFER, r.vbo)
	const stride = vertexFloats * 4
	gl.VertexAttribPointerWithOffset(0, 3, gl.FLOAT, false, stride, 0)
	gl.VertexAttribPointerWithOffset(1, 3, gl.FLOAT, false, stride, 3*4)
	gl.VertexAttribPointerWithOffset(2, 2, gl.FLOAT, false, stride, 6*4)
	gl.VertexAttribPointerWithOffset(3, 3, gl.FLOAT, false, stride, 8*4)
	gl.VertexAttribIPointerWithOffset(4, 1, gl.INT, stride, 11*4)
	for i := uint32(0); i < 5; i++ {
		gl.EnableVertexAttribArray(i)
	}
	return nil
}

// Close destroys the context; later calls do nothing.
func (r *Raster) Close() error {
	return r.close(func() {
		r.fbo.free()
		r.resolve.free()
		gl.DeleteBuffers(int32(len(r.bufs)), &r.bufs[0])
		gl.DeleteBuffers(1, &r.vbo)
		gl.DeleteVertexArrays(1, &r.vao)
	})
}

// Name returns RasterName.
func (r *Raster) Name() string { return RasterName }

// Version names the raster shaders, the GL renderer and driver and, when
// the tracer's settings are not the defaults, their hash: e.g.
// "glr-1-llvmpipe-mesa-22.3.6".
func (r *Raster) Version() string { return stackVersion(rasterVersion, r.ctx, r.pt) }

// Render draws the task's region. Samples, Seed, Denoise and
// AdaptiveSampling do not apply to a rasterized frame and are ignored: a
// preview of a job renders whatever the job asks for the final frames.
func (r *Raster) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	pix, f, elapsed, err := r.draw(ctx, t)
	if err != nil {
		return renderer.Result{}, err
	}
	rect := t.Rect()
	img, hdr := images(rect, pix, 1, t.HDR)
	if t.Progress != nil {
		t.Progress(1, 1)
	}
	log := fmt.Sprintf("gl-raster: %s frame %d region %v of %dx%d on %s: %d triangles, %d lights; drawn in %v\n",
		filepath.Base(t.Scene), t.Frame, rect, t.Width, t.Height, r.Device(), len(f.Tris), len(f.Lights)+len(f.Emitters), elapsed.Round(time.Microsecond))
	return renderer.Result{Image: img, HDR: hdr, Log: log}, nil
}

// draw renders the task's region and returns its linear RGBA pixels, top
// row first, alpha the coverage of geometry (0 where only sky shows).
func (r *Raster) draw(ctx context.Context, t renderer.Task) ([]float32, *pathtracer.Flat, time.Duration, error) {
	f, err := r.pt.Flatten(ctx, t)
	if err != nil {
		return nil, nil, 0, err
	}
	began := time.Now()
	var pix []float32
	err = r.run(func() (err error) { pix, err = r.drawGL(f, t, t.Rect(), false); return err })
	if err != nil {
		return nil, nil, 0, fmt.Errorf("raster %s frame %d on %s: %w", filepath.Base(t.Scene), t.Frame, r.ctx.renderer, err)
	}
	return pix, f, time.Since(began), nil
}

// vertexFloats is a vertex's size in float32s: position, normal, UV,
// geometric normal, material info (raster.vert's attributes).
const vertexFloats = 12

// vertices returns f's triangles as raster.vert's vertices, opaque
// materials first (drawn with depth writes), then transmissive ones
// (blended over them), and how many triangles are opaque.
func vertices(f *pathtracer.Flat) ([]float32, int32) {
	out := make([]float32, 0, 3*vertexFloats*len(f.Tris))
	add := func(tr pathtracer.FlatTriangle) {
		ps := [3][3]float64{tr.P0, add3(tr.P0, tr.E1), add3(tr.P0, tr.E2)}
		info := 2 * tr.Material
		if tr.HasUV {
			info |= 1
		}
		for k, p := range ps {
			n := tr.Ng
			if tr.HasN {
				n = tr.N[k]
			}
			out = append(out, float32(p[0]), float32(p[1]), float32(p[2]),
				float32(n[0]), float32(n[1]), float32(n[2]),
				float32(tr.UV[k][0]), float32(tr.UV[k][1]),
				float32(tr.Ng[0]), float32(tr.Ng[1]), float32(tr.Ng[2]),
				math.Float32frombits(uint32(info)))
		}
	}
	transmissive := func(tr pathtracer.FlatTriangle) bool {
		m := f.Materials[tr.Material]
		return m.Transmission*(1-m.Metallic) > 0
	}
	var opaque int32
	for _, tr := range f.Tris {
		if !transmissive(tr) {
			add(tr)
			opaque++
		}
	}
	for _, tr := range f.Tris {
		if transmissive(tr) {
			add(tr)
		}
	}
	return out, opaque
}

func add3(a, b [3]float64) [3]float64 { return [3]float64{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }

// rasterLights returns the punctual lights followed by the emissive
// triangles as small area lights (raster.frag's kind 3), so a scene lit
// only by an emissive panel (the Cornell box) is lit in the preview too.
func rasterLights(f *pathtracer.Flat) []float32 {
	out := packLights(f)
	for _, e := range f.Emitters {
		tr := f.Tris[e]
		m := f.Materials[tr.Material]
		cr := [3]float64{
			tr.E1[1]*tr.E2[2] - tr.E1[2]*tr.E2[1],
			tr.E1[2]*tr.E2[0] - tr.E1[0]*tr.E2[2],
			tr.E1[0]*tr.E2[1] - tr.E1[1]*tr.E2[0],
		}
		area := math.Sqrt(cr[0]*cr[0]+cr[1]*cr[1]+cr[2]*cr[2]) / 2
		centroid := [3]float64{}
		for k := 0; k < 3; k++ {
			centroid[k] = tr.P0[k] + (tr.E1[k]+tr.E2[k])/3
		}
		rad := [3]float64{m.Emission[0] * area, m.Emission[1] * area, m.Emission[2] * area}
		out = v4(out, centroid, 3)
		out = v4(out, tr.Ng, 0)
		out = v4(out, rad, 0)
		out = append(out, float32(b2f(m.DoubleSided)), 0, 0, 0)
	}
	return out
}

// viewProj is the camera's view and projection as a row-major 4x4 matrix:
// a point lands on the film where the tracer's camera ray through that
// film point (cameraPose.direction) would meet it.
func viewProj(cam pathtracer.FlatCamera, aspect, near, far float64) [16]float32 {
	dot := func(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
	sx, sy := 1/(cam.TanHalf*aspect), 1/cam.TanHalf
	a, b := (far+near)/(far-near), -2*far*near/(far-near)
	row := func(v [3]float64, s, add float64) [4]float64 {
		return [4]float64{v[0] * s, v[1] * s, v[2] * s, -dot(v, cam.Pos)*s + add}
	}
	rows := [4][4]float64{row(cam.Right, sx, 0), row(cam.Up, sy, 0), row(cam.Forward, a, b), row(cam.Forward, 1, 0)}
	var m [16]float32
	for i, r := range rows {
		for j, v := range r {
			m[4*i+j] = float32(v)
		}
	}
	return m
}

// depthRange returns near and far planes that hold the whole world seen
// from the camera: depth along the view is linear, so over the BVH's root
// box it is least and greatest at corners. The near plane goes as far out
// as the world allows (at most 10^4 times closer than far) for depth
// precision: a light panel a hair below a ceiling must stay in front of it.
func depthRange(f *pathtracer.Flat) (near, far float64) {
	if len(f.Nodes) == 0 {
		return 0.01, 1
	}
	near, far = math.Inf(1), math.Inf(-1)
	box := [2][3]float64{f.Nodes[0].Min, f.Nodes[0].Max}
	for c := 0; c < 8; c++ {
		var d float64
		for k := 0; k < 3; k++ {
			d += (box[c>>k&1][k] - f.Camera.Pos[k]) * f.Camera.Forward[k]
		}
		near, far = math.Min(near, d), math.Max(far, d)
	}
	far = math.Max(far*1.01, 1e-3)
	return math.Max(near*0.99, far*1e-4), far
}

// MaterialMap returns, for each pixel of the task's region (row-major),
// the material drawn at its centre, or -1 for the sky: the raster's ID
// pass, comparable with pathtracer's MaterialMap (its centre rays), so a
// check can tell that both draw the same surfaces in the same places.
func (r *Raster) MaterialMap(ctx context.Context, t renderer.Task) ([]int32, error) {
	f, err := r.pt.Flatten(ctx, t)
	if err != nil {
		return nil, err
	}
	var pix []float32
	err = r.run(func() (err error) { pix, err = r.drawGL(f, t, t.Rect(), true); return err })
	if err != nil {
		return nil, fmt.Errorf("raster IDs of %s frame %d on %s: %w", filepath.Base(t.Scene), t.Frame, r.ctx.renderer, err)
	}
	ids := make([]int32, len(pix)/4)
	for i := range ids {
		ids[i] = int32(math.Round(float64(pix[4*i])))
	}
	return ids, nil
}

// drawGL uploads the world if it is not the one already there, draws it
// into a frame buffer the size of rect, and reads the pixels back; on the
// GL thread. With ids it draws material indices, one sample a pixel at its
// centre, every surface opaque.
func (r *Raster) drawGL(f *pathtracer.Flat, t renderer.Task, rect image.Rectangle, ids bool) ([]float32, error) {
	if f != r.uploaded {
		verts, opaque := vertices(f)
		gl.BindBuffer(gl.ARRAY_BUFFER, r.vbo)
		if len(verts) == 0 {
			verts = make([]float32, vertexFloats) // a buffer may not be empty
		}
		gl.BufferData(gl.ARRAY_BUFFER, 4*len(verts), gl.Ptr(verts), gl.STATIC_DRAW)
		mats, texels := packMaterials(f)
		lights := rasterLights(f)
		for i, data := range [][]float32{mats, lights, texels} {
			if len(data) == 0 {
				data = []float32{0, 0, 0, 0}
			}
			gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, r.bufs[i])
			gl.BufferData(gl.SHADER_STORAGE_BUFFER, 4*len(data), gl.Ptr(data), gl.STATIC_DRAW)
		}
		r.opaque, r.all = opaque, int32(len(f.Tris))
		r.nLights = int32(len(f.Lights) + len(f.Emitters))
		r.uploaded = f
	}
	for i := range r.bufs {
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(i), r.bufs[i])
	}
	size := rect.Size()
	r.fbo.ensure(size, rasterSamples)
	r.resolve.ensure(size, 0)

	target := r.fbo
	if ids {
		target = r.resolve // single-sampled: each pixel's centre
	}
	gl.BindFramebuffer(gl.FRAMEBUFFER, target.fbo)
	// The viewport is the whole frame, placed so rect lands on the buffer:
	// a tile's pixels are the same pixels of the whole frame.
	gl.Viewport(int32(-rect.Min.X), int32(rect.Max.Y-t.Height), int32(t.Width), int32(t.Height))
	sky := r.cfg.Tracer.Sky
	if ids {
		gl.ClearColor(-1, 0, 0, 0)
	} else {
		gl.ClearColor(float32(sky[0]), float32(sky[1]), float32(sky[2]), 0)
	}
	gl.ClearDepth(1)
	gl.Clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT)
	gl.Enable(gl.DEPTH_TEST)
	gl.DepthFunc(gl.LESS)
	gl.Disable(gl.CULL_FACE) // the tracer shades both sides of every surface

	gl.UseProgram(r.prog)
	near, far := depthRange(f)
	m := viewProj(f.Camera, float64(t.Width)/float64(t.Height), near, far)
	gl.UniformMatrix4fv(r.uniformLoc("viewProj"), 1, true, &m[0])
	cam := f.Camera.Pos
	gl.Uniform3f(r.uniformLoc("camPos"), float32(cam[0]), float32(cam[1]), float32(cam[2]))
	gl.Uniform3f(r.uniformLoc("ambient"), float32(sky[0]*ambientScale), float32(sky[1]*ambientScale), float32(sky[2]*ambientScale))
	gl.Uniform1i(r.uniformLoc("nLights"), r.nLights)
	gl.Uniform1i(r.uniformLoc("idPass"), int32(b2i(ids)))
	gl.BindVertexArray(r.vao)

	gl.Disable(gl.BLEND)
	gl.DepthMask(true)
	if ids {
		gl.DrawArrays(gl.TRIANGLES, 0, 3*r.all)
	} else {
		gl.DrawArrays(gl.TRIANGLES, 0, 3*r.opaque)
	}
	if r.all > r.opaque && !ids {
		gl.Enable(gl.BLEND)
		gl.BlendFunc(gl.ONE, gl.SRC1_COLOR)
		gl.DepthMask(false)
		gl.DrawArrays(gl.TRIANGLES, 3*r.opaque, 3*(r.all-r.opaque))
		gl.DepthMask(true)
		gl.Disable(gl.BLEND)
	}

	w, h := int32(size.X), int32(size.Y)
	if !ids {
		gl.BindFramebuffer(gl.READ_FRAMEBUFFER, r.fbo.fbo)
		gl.BindFramebuffer(gl.DRAW_FRAMEBUFFER, r.resolve.fbo)
		gl.BlitFramebuffer(0, 0, w, h, 0, 0, w, h, gl.COLOR_BUFFER_BIT, gl.NEAREST)
	}
	gl.BindFramebuffer(gl.READ_FRAMEBUFFER, r.resolve.fbo)
	raw := make([]float32, 4*size.X*size.Y)
	gl.PixelStorei(gl.PACK_ALIGNMENT, 4)
	gl.ReadPixels(0, 0, w, h, gl.RGBA, gl.FLOAT, unsafe.Pointer(&raw[0]))
	gl.BindFramebuffer(gl.FRAMEBUFFER, 0)
	if e := gl.GetError(); e != gl.NO_ERROR {
		return nil, fmt.Errorf("OpenGL error 0x%x", e)
	}
	// GL's rows run bottom up; frames top down.
	out := make([]float32, len(raw))
	row := 4 * size.X
	for y := 0; y < size.Y; y++ {
		copy(out[y*row:(y+1)*row], raw[(size.Y-1-y)*row:(size.Y-y)*row])
	}
	return out, nil
}

// ensure makes b a frame buffer of size with float colour and depth,
// multisampled when samples > 0, keeping the one it has when the size is
// the same (the frames of a preview).
func (b *frameBuffer) ensure(size image.Point, samples int32) {
	if b.fbo != 0 && b.size == size {
		return
	}
	b.free()
	b.size = size
	gl.GenFramebuffers(1, &b.fbo)
	gl.BindFramebuffer(gl.FRAMEBUFFER, b.fbo)
	gl.GenRenderbuffers(1, &b.colour)
	gl.GenRenderbuffers(1, &b.depth)
	store := func(rb uint32, format uint32) {
		gl.BindRenderbuffer(gl.RENDERBUFFER, rb)
		if samples > 0 {
			gl.RenderbufferStorageMultisample(gl.RENDERBUFFER, samples, format, int32(size.X), int32(size.Y))
		} else {
			gl.RenderbufferStorage(gl.RENDERBUFFER, format, int32(size.X), int32(size.Y))
		}
	}
	store(b.colour, gl.RGBA32F)
	store(b.depth, gl.DEPTH_COMPONENT32F)
	gl.FramebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, b.colour)
	gl.FramebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.RENDERBUFFER, b.depth)
}

func (b *frameBuffer) free() {
	if b.fbo == 0 {
		return
	}
	gl.DeleteFramebuffers(1, &b.fbo)
	gl.DeleteRenderbuffers(1, &b.colour)
	gl.DeleteRenderbuffers(1, &b.depth)
	*b = frameBuffer{}
}
