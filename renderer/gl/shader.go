//go:build linux && cgo

package gl

import (
	"embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/go-gl/gl/v4.3-core/gl"
)

// shaders holds the GLSL sources: the two renderers' programs and the
// pieces they share (layout.glsl, shading.glsl), so that the tracer and the
// raster shade a surface with the same code.
//
//go:embed *.comp *.vert *.frag *.glsl
var shaders embed.FS

var includeLine = regexp.MustCompile(`(?m)^#include "([a-z]+\.glsl)"$`)

// shaderSource returns the embedded shader name with its #include lines
// replaced by the files they name (GLSL has no includes of its own).
func shaderSource(name string) (string, error) {
	src, err := shaders.ReadFile(name)
	if err != nil {
		return "", err
	}
	var missing error
	out := includeLine.ReplaceAllStringFunc(string(src), func(line string) string {
		inc := includeLine.FindStringSubmatch(line)[1]
		b, err := shaders.ReadFile(inc)
		if err != nil {
			missing = fmt.Errorf("%s includes %s: %w", name, inc, err)
		}
		return string(b)
	})
	return out, missing
}

// stage is one shader of a program: its GL type and embedded file.
type stage struct {
	kind uint32 // gl.COMPUTE_SHADER, gl.VERTEX_SHADER, ...
	file string
}

// buildProgram compiles and links the stages into a program; on the GL
// thread. Its errors name the file and carry the driver's log, since a
// driver that refuses a shader is why a renderer is not offered.
func buildProgram(device string, stages ...stage) (uint32, error) {
	prog := gl.CreateProgram()
	for _, s := range stages {
		src, err := shaderSource(s.file)
		if err != nil {
			gl.DeleteProgram(prog)
			return 0, err
		}
		sh := gl.CreateShader(s.kind)
		csrc, free := gl.Strs(src + "\x00")
		gl.ShaderSource(sh, 1, csrc, nil)
		free()
		gl.CompileShader(sh)
		var ok int32
		gl.GetShaderiv(sh, gl.COMPILE_STATUS, &ok)
		if ok == 0 {
			err := fmt.Errorf("compile %s on %s: %s", s.file, device, shaderLog(sh, false))
			gl.DeleteShader(sh)
			gl.DeleteProgram(prog)
			return 0, err
		}
		gl.AttachShader(prog, sh)
		gl.DeleteShader(sh) // freed with the program
	}
	gl.LinkProgram(prog)
	var ok int32
	gl.GetProgramiv(prog, gl.LINK_STATUS, &ok)
	if ok == 0 {
		err := fmt.Errorf("link %s on %s: %s", stages[0].file, device, shaderLog(prog, true))
		gl.DeleteProgram(prog)
		return 0, err
	}
	return prog, nil
}

func shaderLog(obj uint32, program bool) string {
	var n int32
	if program {
		gl.GetProgramiv(obj, gl.INFO_LOG_LENGTH, &n)
	} else {
		gl.GetShaderiv(obj, gl.INFO_LOG_LENGTH, &n)
	}
	if n <= 0 {
		return "no log"
	}
	buf := make([]byte, n)
	if program {
		gl.GetProgramInfoLog(obj, n, nil, &buf[0])
	} else {
		gl.GetShaderInfoLog(obj, n, nil, &buf[0])
	}
	return strings.TrimRight(string(buf), "\x00\n")
}

// uniformLoc returns the location of prog's uniform name, looked up once
// and kept in cache; on the GL thread.
func uniformLoc(cache map[string]int32, prog uint32, name string) int32 {
	if l, ok := cache[name]; ok {
		return l
	}
	l := gl.GetUniformLocation(prog, gl.Str(name+"\x00"))
	cache[name] = l
	return l
}
