// Package gl is a path tracer on the GPU: renderer/pathtracer's integrator
// in an OpenGL 4.3 compute shader, through a headless EGL context (no
// display), on any GPU whose driver ships EGL, or on Mesa's llvmpipe.
//
// It traces the world renderer/pathtracer builds (Flatten: the same glTF
// loading, limits, BVH, materials, lights and camera), uploaded to shader
// storage buffers, with the same per-sample RNG streams seeded from (seed,
// frame, x, y, sample). So a tile equals the same pixels of the whole frame
// on the same GPU and driver, and its pixels stay close to the CPU
// tracer's. They are not the same: the GPU works in single precision, so
// Version names the GL renderer and driver, and the farm compares and
// stitches tiles only between nodes of one stack.
//
// Raster ("gl-raster") draws the same world by classic rasterization, for
// previews: the tracer's BRDF (shading.glsl, shared with the tracer's
// shader) lit directly by the scene's lights, without shadows or bounces,
// in milliseconds a frame.
package gl

import "github.com/conun/conun/renderer/pathtracer"

// Config holds the settings of a Renderer. Start from DefaultConfig.
type Config struct {
	// Tracer holds the integrator's settings (depth, sky, clamp, limits),
	// the same as the CPU tracer's so their pixels agree.
	Tracer pathtracer.Config
	// Device picks an EGL device (a GPU) by index; -1 takes the first that
	// gives a context.
	Device int
	// SamplesPerDispatch bounds the samples one compute dispatch traces, so
	// no single GPU call runs long enough for a driver watchdog to kill it.
	// Raster draws each frame in one call and ignores it.
	SamplesPerDispatch int
}

// DefaultConfig returns the settings whose pixels Version names.
func DefaultConfig() Config {
	return Config{Tracer: pathtracer.DefaultConfig(), Device: -1, SamplesPerDispatch: 16}
}
