package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/moby/moby/api/types/mount"
)

// Blender is the Blender backend with every Blender run in a container of
// the Blender image: the probe at start, and each scene's warm process, in
// one long-lived container per scene that serves the scene's tasks over its
// attached stdin and stdout. Each task still has the sandbox's Timeout: a
// task that runs past it kills its scene's container (the next task starts
// a fresh one).
type Blender struct {
	*blender.Renderer
	s *Sandbox

	mu    sync.Mutex
	exits map[string]*ExitError // by scene: the last container the sandbox killed
}

var _ renderer.Renderer = (*Blender)(nil)

// Blender returns the Blender backend configured by cfg, run in the
// sandbox. cfg.Binary is ignored (the image's blender runs) and cfg.Start
// is the sandbox's. A GPU device (cfg.Device other than CPU) needs the
// sandbox's GPUs on; one Blender does not find in the container renders on
// the CPU (see blender.Config.Device). Close it to stop its containers.
func (s *Sandbox) Blender(cfg blender.Config) (*Blender, error) {
	dev := strings.ToUpper(cfg.Device)
	gpu := dev != "" && dev != "CPU"
	if gpu && s.cfg.GPUs.None() {
		return nil, fmt.Errorf("sandbox: blender device %s needs GPUs in the sandbox: turn them on (Config.GPUs, a node's --gpus) or render on the CPU", cfg.Device)
	}
	b := &Blender{s: s, exits: map[string]*ExitError{}}
	cfg.Binary = "blender"
	// A probe (a run with no scene: at start, and each Reprobe) runs with
	// the GPUs a GPU render would get, so it finds what one would; a
	// scene's run gets them only while Blender found the device, at the
	// last probe.
	cfg.Start = func(ctx context.Context, l blender.Launch) (blender.Proc, error) {
		return b.start(ctx, l, gpu && (l.Scene == "" || b.Renderer.Device() != "CPU"))
	}
	r, err := blender.New(cfg)
	if err != nil {
		return nil, err
	}
	b.Renderer = r
	return b, nil
}

// start runs one Blender in a container that sees the driver and the scene
// read-only, at their host paths so that the driver's arguments hold, and
// the process's own output directory.
func (b *Blender) start(ctx context.Context, l blender.Launch, gpu bool) (blender.Proc, error) {
	s := b.s
	var mounts []mount.Mount
	var remove []string
	fail := func(err error) (blender.Proc, error) {
		for _, p := range remove {
			removeAll(p)
		}
		return nil, err
	}
	for _, f := range []string{l.Driver, l.Scene} {
		if f == "" {
			continue
		}
		m, staged, err := s.bindFile(f, f)
		if err != nil {
			return fail(err)
		}
		if staged != "" {
			remove = append(remove, staged)
		}
		mounts = append(mounts, m)
	}
	if l.OutDir != "" {
		m, err := s.bindOut(l.OutDir, l.OutDir)
		if err != nil {
			return fail(err)
		}
		mounts = append(mounts, m)
	}
	args := l.Args
	if s.blenderArgs != nil {
		args = s.blenderArgs(l)
	}
	box, err := s.start(ctx, spec{
		kind: "blender", image: s.cfg.BlenderImage,
		cmd:    append([]string{"blender"}, args...),
		mounts: mounts, outDir: l.OutDir, stdin: true, gpu: gpu,
	})
	if err != nil {
		return fail(err)
	}
	box.remove = remove
	return &blenderProc{box: box, b: b, scene: l.Scene}, nil
}

// blenderProc notes why the sandbox ended its container, so that Render
// can return the reason as an error callers can match.
type blenderProc struct {
	*box
	b     *Blender
	scene string
}

func (p *blenderProc) Wait() error {
	err := p.box.Wait()
	var ee *ExitError
	if errors.As(err, &ee) && ee.Reason != nil && p.scene != "" {
		p.b.mu.Lock()
		p.b.exits[p.scene] = ee
		p.b.mu.Unlock()
	}
	return err
}

// Render renders one task in the scene's container, within the sandbox's
// Timeout. The error of a task the sandbox or the kernel stopped matches
// ErrTimeout, ErrOutOfMemory or ErrOutputLimit.
func (b *Blender) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, b.s.cfg.Timeout, ErrTimeout)
	defer cancel()
	b.forget(t.Scene)
	res, err := b.Renderer.Render(ctx, t)
	return res, b.explain(ctx, t.Scene, err)
}

// Inspect loads the scene in its container (which then serves the scene's
// tasks), within the sandbox's Timeout.
func (b *Blender) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, b.s.cfg.Timeout, ErrTimeout)
	defer cancel()
	b.forget(scene)
	info, err := b.Renderer.Inspect(ctx, scene)
	return info, b.explain(ctx, scene, err)
}

// forget drops the scene's last container end before a call, so that
// explain sees only what happened during it.
func (b *Blender) forget(scene string) {
	b.mu.Lock()
	delete(b.exits, absPath(scene))
	b.mu.Unlock()
}

// explain adds to err why the sandbox ended the scene's container, if it
// did, so that callers can match the reason with errors.Is.
func (b *Blender) explain(ctx context.Context, scene string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(context.Cause(ctx), ErrTimeout) {
		return fmt.Errorf("sandbox: blender: scene %s: %w (%s): its container was killed", scene, ErrTimeout, b.s.cfg.Timeout)
	}
	b.mu.Lock()
	ee := b.exits[absPath(scene)]
	b.mu.Unlock()
	if ee != nil {
		return fmt.Errorf("%w: %w", ee, err)
	}
	return err
}
