package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"github.com/conun/conun/renderer"
)

// TaskRequest is the RPC a coordinator sends to a worker to lease it one task.
type TaskRequest struct {
	JobID string `json:"job"`
	Task  int    `json:"task"`
	// Source is the coordinator's base URL, where the scene blob can be
	// fetched if the worker lacks it.
	Source    string          `json:"source"`
	Renderer  string          `json:"renderer"`
	Scene     string          `json:"scene"`
	SceneName string          `json:"scene_name"`
	Frame     int             `json:"frame"`
	Width     int             `json:"width"`
	Height    int             `json:"height"`
	Samples   int             `json:"samples"`
	Seed      uint64          `json:"seed"`
	Region    image.Rectangle `json:"region"`
}

// Headers of a task's RPC response; the body is the region as a 16-bit PNG.
const (
	headerNode    = "X-Conun-Node"
	headerSeconds = "X-Conun-Render-Seconds"
)

// worker renders tasks leased to this node, at most slots at a time.
type worker struct {
	id        string
	renderers map[string]renderer.Renderer
	blobs     *Blobs
	hc        *http.Client
	slots     chan struct{}
	ctx       context.Context // cancelled when the node stops
}

// maxTaskRequest bounds an RPC's JSON body.
const maxTaskRequest = 64 << 10

func (w *worker) handleRender(rw http.ResponseWriter, r *http.Request) {
	var req TaskRequest
	if err := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxTaskRequest)).Decode(&req); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("task request: %w", err))
		return
	}
	rend, ok := w.renderers[req.Renderer]
	if !ok {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("this node has no %q renderer", req.Renderer))
		return
	}
	select {
	case w.slots <- struct{}{}:
		defer func() { <-w.slots }()
	default:
		httpError(rw, http.StatusServiceUnavailable, errors.New("all render slots are busy"))
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(w.ctx, cancel)
	defer stop()

	if _, err := w.blobs.Fetch(ctx, w.hc, req.Source, req.Scene); err != nil {
		status := http.StatusBadGateway
		if w.ctx.Err() != nil {
			status = http.StatusServiceUnavailable
		}
		httpError(rw, status, err)
		return
	}
	scene, err := w.blobs.Linked(req.Scene, filepath.Ext(req.SceneName))
	if err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	start := time.Now()
	res, err := rend.Render(ctx, renderer.Task{
		Scene: scene, Frame: req.Frame, Width: req.Width, Height: req.Height,
		Samples: req.Samples, Seed: req.Seed, Region: req.Region,
	})
	if err != nil {
		status := http.StatusInternalServerError
		switch {
		case w.ctx.Err() != nil:
			status, err = http.StatusServiceUnavailable, errors.New("node is shutting down")
		case errors.Is(err, renderer.ErrBadTask):
			status = http.StatusBadRequest
		}
		httpError(rw, status, fmt.Errorf("render job %s task %d: %w", req.JobID, req.Task, err))
		return
	}
	secs := time.Since(start).Seconds()
	var buf bytes.Buffer
	if err := png.Encode(&buf, shiftToOrigin(res.Image)); err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	rw.Header().Set("Content-Type", "image/png")
	rw.Header().Set(headerNode, w.id)
	rw.Header().Set(headerSeconds, strconv.FormatFloat(secs, 'f', 4, 64))
	rw.Write(buf.Bytes())
}

// shiftToOrigin returns img with its bounds moved to start at 0,0, sharing
// the pixels: PNG has no notion of an offset.
func shiftToOrigin(img *image.NRGBA64) *image.NRGBA64 {
	out := *img
	out.Rect = image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy())
	return &out
}

// httpError answers with a JSON error body that clients show to the user.
func httpError(rw http.ResponseWriter, status int, err error) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	json.NewEncoder(rw).Encode(map[string]string{"error": err.Error()})
}
