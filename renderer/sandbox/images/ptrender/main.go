// Command ptrender is the path tracer's program inside the sandbox's
// conun-pathtracer image. Run as `ptrender serve`, it reads ptproto.Requests
// from stdin, one JSON object a line, runs them one after another and
// reports on stdout, until stdin ends. One container serves a scene's
// tasks, so a tile pays no container start-up and the parsed scene stays
// in memory between tiles. It is a program of its own rather than `conun
// render` so that the image holds nothing but the path tracer, and so that
// progress and errors come back in a form the sandbox parses.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
)

// progressEvery is the least time between two progress messages of a
// render.
const progressEvery = 100 * time.Millisecond

func main() {
	if len(os.Args) != 2 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: ptrender serve (ptproto requests on stdin, one JSON object a line)")
		os.Exit(2)
	}
	if err := serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "ptrender: %v\n", err)
		os.Exit(1)
	}
}

// server answers requests. It keeps one path tracer, so the scene parsed
// for a task is there for the next.
type server struct {
	mu  sync.Mutex // one line at a time from the render goroutines
	out io.Writer

	cfg pathtracer.Config
	r   *pathtracer.Renderer
}

// serve answers every request line of in on out until in ends. A line that
// is not a request is answered with an error, and serving goes on.
func serve(in io.Reader, out io.Writer) error {
	sv := &server{out: out}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), ptproto.MaxRequest)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var req ptproto.Request
		if err := json.Unmarshal(line, &req); err != nil {
			// The ID, if it was read, lets the sandbox match the answer.
			sv.send(ptproto.Message{ID: req.ID, End: true, Error: fmt.Sprintf("request: %v", err)})
			continue
		}
		m := ptproto.Message{ID: req.ID, End: true}
		info, err := sv.run(req)
		if err != nil {
			m.Error, m.Bad = err.Error(), errors.Is(err, renderer.ErrBadTask)
		}
		m.Info = info
		sv.send(m)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading requests: %w", err)
	}
	return nil
}

func (sv *server) send(m ptproto.Message) {
	b, _ := json.Marshal(m)
	sv.mu.Lock()
	defer sv.mu.Unlock()
	sv.out.Write(append([]byte(ptproto.Prefix+string(b)), '\n'))
}

// run runs one request: the scene's info for an inspection, else the
// render, written to the request's files.
func (sv *server) run(req ptproto.Request) (*renderer.SceneInfo, error) {
	if sv.r == nil || req.Config != sv.cfg {
		sv.r, sv.cfg = pathtracer.New(req.Config), req.Config
	}
	ctx := context.Background()
	if req.Inspect {
		info, err := sv.r.Inspect(ctx, req.Task.Scene)
		if err != nil {
			return nil, err
		}
		return &info, nil
	}
	if req.Out == "" || req.Task.HDR && req.OutEXR == "" {
		return nil, errors.New("request: no output file named")
	}
	// Every message crosses the Docker Engine, which costs a small tile
	// a fifth of its time when each row sends one; the last is not sent,
	// the End that follows says as much.
	last := time.Now()
	req.Task.Progress = func(done, total int) {
		sv.mu.Lock()
		now := time.Now()
		due := done < total && now.Sub(last) >= progressEvery
		if due {
			last = now
		}
		sv.mu.Unlock()
		if due {
			sv.send(ptproto.Message{ID: req.ID, Done: done, Total: total})
		}
	}
	res, err := sv.r.Render(ctx, req.Task)
	if err != nil {
		return nil, err
	}
	img := *res.Image
	img.Rect = img.Rect.Sub(img.Rect.Min) // a PNG has no offset
	if err := renderer.WritePNG(req.Out, &img, 16); err != nil {
		return nil, err
	}
	if req.Task.HDR {
		h := *res.HDR
		h.Rect = h.Rect.Sub(h.Rect.Min)
		return nil, exr.WriteFile(req.OutEXR, &h, exr.Options{})
	}
	return nil, nil
}
