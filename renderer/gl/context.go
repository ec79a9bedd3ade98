//go:build linux && cgo

package gl

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/go-gl/gl/v4.3-core/gl"
)

// glContext is an OpenGL context and the one OS-thread-locked goroutine
// that owns it: GL calls are only legal on the thread the context is
// current on, so every call runs through do.
type glContext struct {
	calls    chan func()
	done     chan struct{}
	renderer string // GL_RENDERER
	version  string // GL_VERSION
	devices  int    // EGL devices listed (0 without device enumeration)
}

// newContext starts the owner goroutine and brings a context up on it:
// EGL device `device` (< 0: the first that works), GL functions loaded,
// compute shaders and 64-bit integers (the RNG) checked.
func newContext(device int) (*glContext, error) {
	c := &glContext{calls: make(chan func()), done: make(chan struct{})}
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the context
		defer close(c.done)
		e, err := openEGL(device)
		if err != nil {
			errc <- fmt.Errorf("EGL: %w", err)
			return
		}
		defer e.close()
		c.devices = e.devices
		if err := gl.InitWithProcAddrFunc(procAddress); err != nil {
			errc <- fmt.Errorf("load OpenGL functions: %w", err)
			return
		}
		c.renderer = gl.GoStr(gl.GetString(gl.RENDERER))
		c.version = gl.GoStr(gl.GetString(gl.VERSION))
		var major, minor int32
		gl.GetIntegerv(gl.MAJOR_VERSION, &major)
		gl.GetIntegerv(gl.MINOR_VERSION, &minor)
		if major < 4 || major == 4 && minor < 3 {
			errc <- fmt.Errorf("OpenGL %d.%d (%s): compute shaders need 4.3", major, minor, c.renderer)
			return
		}
		if !hasExtension("GL_ARB_gpu_shader_int64") {
			errc <- fmt.Errorf("%s has no GL_ARB_gpu_shader_int64, which the per-pixel RNG needs", c.renderer)
			return
		}
		errc <- nil
		for f := range c.calls {
			f()
		}
	}()
	if err := <-errc; err != nil {
		<-c.done
		return nil, err
	}
	return c, nil
}

func hasExtension(name string) bool {
	var n int32
	gl.GetIntegerv(gl.NUM_EXTENSIONS, &n)
	for i := int32(0); i < n; i++ {
		if gl.GoStr(gl.GetStringi(gl.EXTENSIONS, uint32(i))) == name {
			return true
		}
	}
	return false
}

// do runs f on the context's thread and waits for it.
func (c *glContext) do(f func()) {
	ran := make(chan struct{})
	c.calls <- func() { defer close(ran); f() }
	<-ran
}

// close ends the owner goroutine and destroys the context.
func (c *glContext) close() {
	close(c.calls)
	<-c.done
}

// stack names the GL implementation in a form fit for a version string:
// "llvmpipe (LLVM 15.0.6, 256 bits)" and "4.5 (Core Profile) Mesa 22.3.6"
// give "llvmpipe-mesa-22.3.6". Pixels differ between GPU stacks, so tiles
// are only compared and stitched within one.
func stack(rend, ver string) string {
	name := strings.ToLower(strings.Fields(rend + " gl")[0])
	if i := strings.Index(strings.ToLower(rend), "/"); i > 0 { // "NVIDIA H200/PCIe/SSE2"
		name = strings.ToLower(strings.ReplaceAll(rend[:i], " ", "-"))
	}
	drv := ver
	if i := strings.Index(ver, "Mesa "); i >= 0 {
		drv = "mesa-" + strings.Fields(ver[i+5:])[0]
	} else if f := strings.Fields(ver); len(f) > 0 {
		drv = strings.ToLower(f[len(f)-1]) // "4.6.0 NVIDIA 550.54" -> "550.54"
	}
	return name + "-" + drv
}
