package main

import (
	"fmt"
	"log/slog"
	"slices"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
)

// withRaster adds gl-raster after gl to a --renderers list that names gl
// and not gl-raster: a node with the GL tracer also offers the raster
// preview of the same scenes, which costs it nothing until a preview job
// comes (the preview jobs of submit --preview ask for gl-raster).
func withRaster(kinds []string) []string {
	i := slices.Index(kinds, "gl")
	if i < 0 || slices.Contains(kinds, gl.RasterName) {
		return kinds
	}
	return slices.Insert(slices.Clone(kinds), i+1, gl.RasterName)
}

// newGLKind brings up the GL renderer of kind ("gl" or "gl-raster") on EGL
// device gpu (-1: the first that works). When it cannot, it returns nil
// and why, which the node logs and gives as its reason for refusing that
// kind's tasks.
func newGLKind(kind string, gpu int, sandboxed bool, log *slog.Logger) (renderer.Renderer, string) {
	cfg := gl.DefaultConfig()
	cfg.Device = gpu
	var (
		r      renderer.Renderer
		device string
		err    error
	)
	if kind == gl.RasterName {
		var rr *gl.Raster
		if rr, err = gl.NewRaster(cfg); err == nil {
			r, device = rr, rr.Device()
		}
	} else {
		var tr *gl.Renderer
		if tr, err = gl.New(cfg); err == nil {
			r, device = tr, tr.Device()
		}
	}
	if err != nil {
		why := fmt.Sprintf("no OpenGL 4.3 context on this node: %v", err)
		log.Warn(fmt.Sprintf("--renderers %s: not offered: %v; this node renders on the CPU (pathtracer) only. A GPU driver with EGL, or Mesa (libegl1 libegl-mesa0 libgl1-mesa-dri), brings it up", kind, err))
		return nil, why
	}
	log.Info(fmt.Sprintf("%s renderer %s on %s", kind, r.Version(), device))
	if sandboxed {
		// The GPU is not passed into the Docker sandbox: the scene is
		// parsed by the same bounded Go loader the coordinator uses, and
		// no scene code runs, as for the unsandboxed pathtracer.
		log.Warn(kind + " renders run outside the Docker sandbox (in this process, on the GPU): glTF scenes carry no code, and the loader is the path tracer's bounded one")
	}
	return r, ""
}
