//go:build linux && cgo

package gl

/*
#cgo linux LDFLAGS: -ldl -Wl,--as-needed
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <EGL/egl.h>
#include <EGL/eglext.h>

// libEGL is opened at run time, not linked, so a machine without it (or
// with a broken one) still runs the node: the gl renderer reports why it is
// unavailable and the CPU tracer works.
static void *egl_lib;
static PFNEGLGETPROCADDRESSPROC egl_getproc;

static void *conun_egl_proc(const char *name) {
	if (!egl_getproc) return NULL;
	return (void *)egl_getproc(name);
}

// glXGetProcAddress answers go-gl's own loader, which asks GLX, from EGL.
// Defined here, it leaves the binary nothing to take from libGL, which
// --as-needed then drops: the node needs no libGL, GLX or X11 to start,
// and only libEGL (opened at run time) to offer gl.
// In a process that also uses GLX (a Fyne window), the real one still
// answers until this package has opened EGL: found after this one, or,
// since --as-needed left libGL out and GLFW opens it privately, in libGL
// opened here (without that, `conun gui` could not start: Fyne's loader
// got NULL for every GL 2.1 function, measured under Xvfb).
typedef void (*conun_glproc)(void);
typedef conun_glproc (*conun_glx_getproc)(const unsigned char *);
static void *glx_lib;
void (*glXGetProcAddress(const unsigned char *name))(void) {
	if (egl_getproc) return (conun_glproc)conun_egl_proc((const char *)name);
	conun_glx_getproc next = (conun_glx_getproc)dlsym(RTLD_NEXT, "glXGetProcAddress");
	if (!next) {
		if (!glx_lib) glx_lib = dlopen("libGL.so.1", RTLD_NOW | RTLD_LOCAL);
		if (glx_lib) next = (conun_glx_getproc)dlsym(glx_lib, "glXGetProcAddress");
	}
	return next ? next(name) : NULL;
}

#define LOAD(T, name) T name = (T)dlsym(egl_lib, #name); \
	if (!name) name = (T)egl_getproc(#name); \
	if (!name) { snprintf(err, errlen, "libEGL has no %s", #name); return 0; }

// conun_egl_open makes an OpenGL 4.3 core context current on this thread
// with no window: on EGL device `device` when >= 0, else on Mesa's
// surfaceless platform, else the default display. It writes why not into err.
static int conun_egl_open(int device, char *err, int errlen, void **out_dpy, void **out_ctx, int *ndevices) {
	if (!egl_lib) {
		egl_lib = dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
		if (!egl_lib) { snprintf(err, errlen, "dlopen libEGL.so.1: %s", dlerror()); return 0; }
		egl_getproc = (PFNEGLGETPROCADDRESSPROC)dlsym(egl_lib, "eglGetProcAddress");
		if (!egl_getproc) { snprintf(err, errlen, "libEGL.so.1 has no eglGetProcAddress"); return 0; }
	}
	LOAD(PFNEGLGETDISPLAYPROC, eglGetDisplay)
	LOAD(PFNEGLINITIALIZEPROC, eglInitialize)
	LOAD(PFNEGLBINDAPIPROC, eglBindAPI)
	LOAD(PFNEGLCHOOSECONFIGPROC, eglChooseConfig)
	LOAD(PFNEGLCREATECONTEXTPROC, eglCreateContext)
	LOAD(PFNEGLMAKECURRENTPROC, eglMakeCurrent)
	LOAD(PFNEGLGETERRORPROC, eglGetError)
	LOAD(PFNEGLQUERYSTRINGPROC, eglQueryString)
	LOAD(PFNEGLCREATEPBUFFERSURFACEPROC, eglCreatePbufferSurface)
	PFNEGLQUERYDEVICESEXTPROC queryDevices = (PFNEGLQUERYDEVICESEXTPROC)egl_getproc("eglQueryDevicesEXT");
	PFNEGLGETPLATFORMDISPLAYEXTPROC platformDisplay = (PFNEGLGETPLATFORMDISPLAYEXTPROC)egl_getproc("eglGetPlatformDisplayEXT");

	EGLDisplay dpy = EGL_NO_DISPLAY;
	EGLDeviceEXT devs[16];
	EGLint n = 0;
	*ndevices = 0;
	if (queryDevices && queryDevices(16, devs, &n)) *ndevices = n;
	if (device >= 0) {
		if (!queryDevices || !platformDisplay) { snprintf(err, errlen, "EGL has no device enumeration (EGL_EXT_device_enumeration), so no GPU can be picked"); return 0; }
		if (device >= n) { snprintf(err, errlen, "GPU %d: EGL lists %d devices (0..%d)", device, n, n - 1); return 0; }
		dpy = platformDisplay(EGL_PLATFORM_DEVICE_EXT, devs[device], NULL);
	} else if (platformDisplay) {
		// A real GPU first (device 0), then Mesa's surfaceless platform.
		if (n > 0) dpy = platformDisplay(EGL_PLATFORM_DEVICE_EXT, devs[0], NULL);
		EGLint major, minor;
		if (dpy != EGL_NO_DISPLAY && !eglInitialize(dpy, &major, &minor)) dpy = EGL_NO_DISPLAY;
		if (dpy == EGL_NO_DISPLAY) dpy = platformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
	}
	if (dpy == EGL_NO_DISPLAY) dpy = eglGetDisplay(EGL_DEFAULT_DISPLAY);
	if (dpy == EGL_NO_DISPLAY) { snprintf(err, errlen, "no EGL display (error 0x%x)", eglGetError()); return 0; }
	EGLint major, minor;
	if (!eglInitialize(dpy, &major, &minor)) { snprintf(err, errlen, "eglInitialize: error 0x%x", eglGetError()); return 0; }
	if (!eglBindAPI(EGL_OPENGL_API)) { snprintf(err, errlen, "eglBindAPI(OpenGL): error 0x%x", eglGetError()); return 0; }
	const char *exts = eglQueryString(dpy, EGL_EXTENSIONS);
	int surfaceless = exts && strstr(exts, "EGL_KHR_surfaceless_context");
	EGLint cattr[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, surfaceless ? 0 : EGL_PBUFFER_BIT, EGL_NONE};
	EGLConfig cfg;
	EGLint ncfg = 0;
	if (!eglChooseConfig(dpy, cattr, &cfg, 1, &ncfg) || ncfg < 1) { snprintf(err, errlen, "no EGL config for desktop OpenGL (error 0x%x)", eglGetError()); return 0; }
	EGLint xattr[] = {
		EGL_CONTEXT_MAJOR_VERSION, 4, EGL_CONTEXT_MINOR_VERSION, 3,
		EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
	EGLContext ctx = eglCreateContext(dpy, cfg, EGL_NO_CONTEXT, xattr);
	if (ctx == EGL_NO_CONTEXT) { snprintf(err, errlen, "no OpenGL 4.3 core context (error 0x%x): compute shaders need 4.3", eglGetError()); return 0; }
	EGLSurface surf = EGL_NO_SURFACE;
	if (!surfaceless) {
		EGLint pattr[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
		surf = eglCreatePbufferSurface(dpy, cfg, pattr);
		if (surf == EGL_NO_SURFACE) { snprintf(err, errlen, "eglCreatePbufferSurface: error 0x%x", eglGetError()); return 0; }
	}
	if (!eglMakeCurrent(dpy, surf, surf, ctx)) { snprintf(err, errlen, "eglMakeCurrent: error 0x%x", eglGetError()); return 0; }
	*out_dpy = dpy;
	*out_ctx = ctx;
	return 1;
}

static void conun_egl_close(void *dpy, void *ctx) {
	PFNEGLMAKECURRENTPROC mk = (PFNEGLMAKECURRENTPROC)egl_getproc("eglMakeCurrent");
	PFNEGLDESTROYCONTEXTPROC destroy = (PFNEGLDESTROYCONTEXTPROC)egl_getproc("eglDestroyContext");
	if (mk) mk(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
	if (destroy) destroy(dpy, ctx);
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// eglContext is a current EGL context on the calling OS thread.
type eglContext struct {
	dpy, ctx unsafe.Pointer
	devices  int // EGL devices listed, 0 without device enumeration
}

// openEGL makes a headless OpenGL 4.3 core context current on the calling
// thread, which must be locked (runtime.LockOSThread). device < 0 picks the
// first that works.
func openEGL(device int) (*eglContext, error) {
	var buf [512]C.char
	var c eglContext
	var n C.int
	if C.conun_egl_open(C.int(device), &buf[0], C.int(len(buf)), &c.dpy, &c.ctx, &n) == 0 {
		return nil, errors.New(C.GoString(&buf[0]))
	}
	c.devices = int(n)
	return &c, nil
}

// procAddress looks up a GL function for go-gl's InitWithProcAddrFunc.
func procAddress(name string) unsafe.Pointer {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return C.conun_egl_proc(cs)
}

func (c *eglContext) close() { C.conun_egl_close(c.dpy, c.ctx) }
