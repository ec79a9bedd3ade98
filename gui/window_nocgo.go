//go:build !cgo

package gui

import (
	"context"
	"errors"
)

// haveWindow reports whether this build can open a window: Fyne's desktop
// driver (GLFW, OpenGL) needs cgo, and this build has none.
const haveWindow = false

// errNoWindow is Run's answer in a build without cgo, so that the rest of
// conun (nodes, CLI) still builds with CGO_ENABLED=0.
var errNoWindow = errors.New("this conun was built without cgo (CGO_ENABLED=0): the GUI needs cgo and the GL and X11 headers; rebuild with CGO_ENABLED=1")

// Run opens the app's window; in this build it cannot, and says why.
func Run(ctx context.Context, cfg Config) error { return errNoWindow }

func run(ctx context.Context, cfg Config, ready func(*ui)) error { return errNoWindow }
