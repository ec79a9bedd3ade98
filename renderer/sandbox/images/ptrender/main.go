// Command ptrender is the path tracer's program inside the sandbox's
// conun-pathtracer image: it runs one ptproto.Request, given as its only
// argument, and reports on stdout. It is a program of its own rather than
// `conun render` so that the image holds nothing but the path tracer, and
// so that progress and errors come back in a form the sandbox parses.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
)

func main() {
	if err := run(); err != nil {
		send(ptproto.Message{Error: err.Error()})
		os.Exit(1)
	}
}

var mu sync.Mutex // one line at a time from the render goroutines

func send(m ptproto.Message) {
	b, _ := json.Marshal(m)
	mu.Lock()
	defer mu.Unlock()
	os.Stdout.Write(append([]byte(ptproto.Prefix+string(b)), '\n'))
}

func run() error {
	if len(os.Args) != 2 {
		return fmt.Errorf("usage: ptrender REQUEST-JSON")
	}
	var req ptproto.Request
	if err := json.Unmarshal([]byte(os.Args[1]), &req); err != nil {
		return fmt.Errorf("request: %w", err)
	}
	r := pathtracer.New(req.Config)
	ctx := context.Background()
	if req.Inspect {
		info, err := r.Inspect(ctx, req.Task.Scene)
		if err != nil {
			return err
		}
		send(ptproto.Message{Info: &info})
		return nil
	}
	req.Task.Progress = func(done, total int) { send(ptproto.Message{Done: done, Total: total}) }
	res, err := r.Render(ctx, req.Task)
	if err != nil {
		return err
	}
	img := *res.Image
	img.Rect = img.Rect.Sub(img.Rect.Min) // a PNG has no offset
	if err := renderer.WritePNG(req.Out, &img, 16); err != nil {
		return err
	}
	if req.Task.HDR {
		h := *res.HDR
		h.Rect = h.Rect.Sub(h.Rect.Min)
		return exr.WriteFile(req.OutEXR, &h, exr.Options{})
	}
	return nil
}
