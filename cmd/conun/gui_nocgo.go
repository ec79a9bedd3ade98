//go:build !cgo

package main

import (
	"context"
	"errors"
	"io"
)

// runGUI explains why this build has no GUI: Fyne's window needs cgo and
// the GL/X11 headers, and a build without them leaves the toolkit out
// entirely (it would otherwise still start up with every command).
func runGUI(ctx context.Context, args []string, stdout io.Writer) error {
	return errors.New("this conun was built without the desktop app: install the GL and X11 headers (apt-get install gcc libgl1-mesa-dev xorg-dev, or run make test once) and rebuild with make build")
}
