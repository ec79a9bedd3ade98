package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/conun/conun/farm/api"
)

// uploadScene sends a scene's bytes to the node and returns its hash,
// drawing the upload's progress on stderr when that is a terminal: a
// gigabyte takes minutes on a home uplink, in which nothing else moves.
// A script's log gets none of it, and stdout (the job's id) never.
func uploadScene(ctx context.Context, c *api.Client, scene sceneArg) (string, error) {
	if !isTerminal(os.Stderr) {
		return c.Upload(ctx, scene.data)
	}
	m := &uploadMeter{w: os.Stderr, name: scene.name}
	h, err := c.UploadWith(ctx, scene.data, m.progress)
	m.end()
	return h, err
}

// uploadMeter redraws one line in place with an upload's progress, when
// its whole percent changes.
type uploadMeter struct {
	w     io.Writer
	name  string
	pct   int
	drawn bool
}

func (m *uploadMeter) progress(sent, total int64) {
	pct := api.Percent(sent, total)
	if m.drawn && pct == m.pct {
		return
	}
	m.pct, m.drawn = pct, true
	fmt.Fprintf(m.w, "\r\033[Kuploading %s: %s", m.name, api.Share(sent, total))
}

// end clears the line: what follows on the terminal (the job's id, its
// progress bar) starts on a clean one.
func (m *uploadMeter) end() {
	if m.drawn {
		fmt.Fprint(m.w, "\r\033[K")
	}
}
