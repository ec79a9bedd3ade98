//go:build cgo

package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// haveWindow reports whether this build can open a window: Fyne's desktop
// driver (GLFW, OpenGL) needs cgo.
const haveWindow = true

// Run opens the app's window and returns when the window is closed or ctx
// ends. It stops the local node if the app started one.
func Run(ctx context.Context, cfg Config) error {
	return run(ctx, cfg, nil)
}

// run is Run with a hook for the Xvfb tests, which drive the real window:
// ready, when set, is called with the app's screens before the window
// shows (on the goroutine that runs the window).
func run(ctx context.Context, cfg Config, ready func(*ui)) error {
	a := app.NewWithID("io.conun.gui")
	u := newUI(a, cfg, fyne.Do)
	if ready != nil {
		ready(u)
	}
	// ctx's end closes the window; a window closed first stops the
	// watcher without a Quit, which Fyne reports as an error once its
	// loop is gone.
	closed := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(a.Quit)
		case <-closed:
		}
	}()
	u.start()
	u.win.ShowAndRun()
	close(closed)
	return u.close()
}
