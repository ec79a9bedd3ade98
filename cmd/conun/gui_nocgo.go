//go:build !cgo || !gui

package main

import (
	"context"
	"errors"
	"io"
)

// runGUI explains why this build has no GUI. The desktop app is built in
// with `make gui` (the gui build tag and cgo): Fyne's window needs the GL
// and X11 headers, and the toolkit's start-up (locale detection, which
// logs noise where LANG=C) has no place in every CLI run of a studio's
// scripts.
func runGUI(ctx context.Context, args []string, stdout io.Writer) error {
	return errors.New("this conun was built without the desktop app: run `make gui` (it needs gcc and the GL/X11 headers: apt-get install gcc libgl1-mesa-dev xorg-dev)")
}
