package main

import (
	"fmt"
	"log/slog"

	"github.com/conun/conun/renderer/gl"
)

// newGLRenderer brings up the GPU path tracer on EGL device gpu (-1: the
// first that works). When it cannot, it returns nil and why, which the node
// logs and gives as its reason for refusing gl tasks.
func newGLRenderer(gpu int, sandboxed bool, log *slog.Logger) (*gl.Renderer, string) {
	cfg := gl.DefaultConfig()
	cfg.Device = gpu
	r, err := gl.New(cfg)
	if err != nil {
		why := fmt.Sprintf("no OpenGL context with compute shaders on this node: %v", err)
		log.Warn(fmt.Sprintf("--renderers gl: not offered: %v; this node renders on the CPU (pathtracer) only. A GPU driver with EGL, or Mesa (libegl1 libegl-mesa0 libgl1-mesa-dri), brings it up", err))
		return nil, why
	}
	log.Info(fmt.Sprintf("gl renderer %s on %s", r.Version(), r.Device()))
	if sandboxed {
		// The GPU is not passed into the Docker sandbox: the scene is
		// parsed by the same bounded Go loader the coordinator uses, and
		// no scene code runs, as for the unsandboxed pathtracer.
		log.Warn("gl renders run outside the Docker sandbox (in this process, on the GPU): glTF scenes carry no code, and the loader is the path tracer's bounded one")
	}
	return r, ""
}
