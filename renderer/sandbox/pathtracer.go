package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
	"github.com/moby/moby/api/types/mount"
)

// Where the path tracer's container sees its files.
const (
	ptSceneDir = "/scene"
	ptOutDir   = "/out"
)

// PathTracer is the path tracer run in the sandbox: one container per task
// (and per Inspect, since reading a scene is parsing untrusted input). The
// container sees the scene file alone, so a .gltf must carry its buffers and
// images inside (data URIs), as a .glb does; the farm's scenes are single
// blobs anyway.
type PathTracer struct {
	s       *Sandbox
	cfg     pathtracer.Config
	version string
}

var _ renderer.Renderer = (*PathTracer)(nil)

// PathTracer returns the path tracer with settings cfg, run in the sandbox.
// Its pixels are those of pathtracer.New(cfg), bit for bit.
func (s *Sandbox) PathTracer(cfg pathtracer.Config) *PathTracer {
	return &PathTracer{s: s, cfg: cfg, version: pathtracer.New(cfg).Version()}
}

// Name returns "pathtracer".
func (p *PathTracer) Name() string { return "pathtracer" }

// Version is the path tracer's version: the sandbox does not change pixels.
func (p *PathTracer) Version() string { return p.version }

// Inspect reads the scene's frame range and resolution in a container.
func (p *PathTracer) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	var info *renderer.SceneInfo
	err := p.run(ctx, renderer.Task{Scene: scene}, true, nil, func(m ptproto.Message) {
		if m.Info != nil {
			info = m.Info
		}
	})
	if err != nil {
		return renderer.SceneInfo{}, err
	}
	if info == nil {
		return renderer.SceneInfo{}, errors.New("sandbox: pathtracer inspect: no answer")
	}
	return *info, nil
}

// Render renders one task in a container of its own, killed and removed at
// the sandbox's Timeout.
func (p *PathTracer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if err := t.Validate(); err != nil {
		return renderer.Result{}, err
	}
	var res renderer.Result
	read := func(outDir string) error {
		var err error
		if res.Image, err = readPNG(filepath.Join(outDir, "result.png"), t.Rect()); err != nil || !t.HDR {
			return err
		}
		res.HDR, err = readEXR(filepath.Join(outDir, "result.exr"), t.Rect())
		return err
	}
	err := p.run(ctx, t, false, read, func(m ptproto.Message) {
		if t.Progress != nil && m.Total > 0 {
			t.Progress(m.Done, m.Total)
		}
	})
	if err != nil {
		return renderer.Result{}, err
	}
	return res, nil
}

// run runs ptrender on one request; read, if set, collects the result from
// the output directory before it is removed.
func (p *PathTracer) run(ctx context.Context, t renderer.Task, inspect bool, read func(outDir string) error, onMsg func(ptproto.Message)) error {
	s := p.s
	ctx, cancel := context.WithTimeoutCause(ctx, s.cfg.Timeout, ErrTimeout)
	defer cancel()

	sceneIn := ptSceneDir + "/scene" + strings.ToLower(filepath.Ext(t.Scene))
	sceneMount, staged, err := s.bindFile(t.Scene, sceneIn)
	if err != nil {
		return err
	}
	if staged != "" {
		defer os.RemoveAll(staged)
	}
	mounts := []mount.Mount{sceneMount}
	outDir := ""
	if !inspect {
		if outDir, err = os.MkdirTemp(s.cfg.WorkDir, "task-"); err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		defer os.RemoveAll(outDir)
		m, err := s.bindOut(outDir, ptOutDir)
		if err != nil {
			return err
		}
		mounts = append(mounts, m)
	}
	req := ptproto.Request{Config: p.cfg, Task: t, Inspect: inspect}
	req.Task.Scene = sceneIn
	if !inspect {
		req.Out = ptOutDir + "/result.png"
		if t.HDR {
			req.OutEXR = ptOutDir + "/result.exr"
		}
	}
	arg, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	b, err := s.start(ctx, spec{
		kind: "pathtracer", image: s.cfg.PathTracerImage,
		cmd:    []string{"/ptrender", string(arg)},
		mounts: mounts, outDir: outDir,
	})
	if err != nil {
		return err
	}
	// The wall clock and the caller's cancellation both end in a kill.
	stop := context.AfterFunc(ctx, func() {
		if cause := context.Cause(ctx); errors.Is(cause, ErrTimeout) {
			b.kill(ErrTimeout, s.cfg.Timeout.String())
		} else {
			b.kill(cause, "cancelled")
		}
	})
	defer stop()
	var failure string
	tail := b.lines(func(line string) {
		i := strings.Index(line, ptproto.Prefix)
		if i < 0 {
			return
		}
		var m ptproto.Message
		if json.Unmarshal([]byte(line[i+len(ptproto.Prefix):]), &m) != nil {
			return
		}
		if m.Error != "" {
			failure = m.Error
		}
		onMsg(m)
	})
	werr := b.Wait()
	switch {
	case failure != "":
		return fmt.Errorf("sandbox: pathtracer: scene %s: %s", t.Scene, failure)
	case werr != nil:
		return errTail(fmt.Errorf("scene %s: %w", t.Scene, werr), tail)
	case read != nil:
		return read(outDir)
	}
	return nil
}

// readPNG decodes the 16-bit PNG ptrender wrote into an image with bounds
// rect.
func readPNG(path string, rect image.Rectangle) (*image.NRGBA64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pathtracer result: %w", err)
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pathtracer result: %w", err)
	}
	var n *image.NRGBA64
	switch m := src.(type) {
	case *image.NRGBA64:
		n = m
	case *image.RGBA64:
		// image/png writes an opaque image as RGB and reads it back as
		// RGBA64, whose bytes are NRGBA64's when alpha is opaque.
		if m.Opaque() {
			n = &image.NRGBA64{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
		}
	}
	if n == nil || n.Bounds().Size() != rect.Size() {
		return nil, fmt.Errorf("sandbox: pathtracer result: a %T of %v for region %v", src, src.Bounds(), rect)
	}
	n.Rect = rect
	return n, nil
}

// readEXR decodes the float pixels ptrender wrote into an image with bounds
// rect. The box is untrusted like any scene: the decoder bounds what it
// reads, and the size must be the region's.
func readEXR(path string, rect image.Rectangle) (*renderer.HDR, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pathtracer result: %w", err)
	}
	defer f.Close()
	m, err := exr.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pathtracer result: %w", err)
	}
	if m.Rect.Size() != rect.Size() {
		return nil, fmt.Errorf("sandbox: pathtracer result: %v float pixels for region %v", m.Rect.Size(), rect)
	}
	m.Rect = rect
	return m, nil
}
