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
	"sync"
	"sync/atomic"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
)

// Where the path tracer's container sees its files.
const (
	ptSceneDir = "/scene"
	ptOutDir   = "/out"
)

// The path tracer's warm containers: how many, and for how long.
const (
	// ptPerScene is how many containers one scene's tasks run in at once;
	// more of its tasks wait for a turn. Each task renders on every core
	// the container may use, so a container per concurrent task renders
	// no faster (measured on 2 cores with 2 and 4 callers: the same ms per
	// tile within noise; BenchmarkPathTracerConcurrent) and costs a scene
	// parse and a container's memory each.
	ptPerScene = 1
	// ptMaxIdle bounds the warm containers kept between tasks, over all
	// scenes; past it the least recently used is stopped. A node renders
	// a few jobs' scenes at a time, as the path tracer caches a few.
	ptMaxIdle = 4
	// ptIdleTimeout is how long a warm container outlives its last task,
	// as renderer/blender's DefaultIdleTimeout.
	ptIdleTimeout = 2 * time.Minute
)

// PathTracer is the path tracer run in the sandbox. A scene's tasks (and
// Inspect, since reading a scene is parsing untrusted input) run in a warm
// container of that scene: ptrender serves one request after another over
// the container's attached stdin and stdout, so a tile after the first pays
// no container start-up and finds its scene parsed. Each task still has the
// sandbox's Timeout: a task that runs past it, or whose caller gives up,
// kills its container, and the next task starts a fresh one; a warm
// container found dead is replaced. Tasks of one scene take turns on its
// container; tasks of different scenes run in parallel, in containers of
// their own. At most a few containers stay warm between tasks (the least
// recently used are stopped), none for long once idle, and Close stops
// them all.
//
// The container sees the scene file alone, so a .gltf must carry its
// buffers and images inside (data URIs), as a .glb does; the farm's scenes
// are single blobs anyway.
type PathTracer struct {
	s       *Sandbox
	cfg     pathtracer.Config
	version string

	perScene    int           // ptPerScene; tests change it
	maxIdle     int           // ptMaxIdle
	idleTimeout time.Duration // ptIdleTimeout

	nextID atomic.Uint64
	starts atomic.Int64   // containers started, for tests
	tasks  sync.WaitGroup // Render and Inspect calls in flight
	closes sync.WaitGroup // containers being stopped in the background

	mu     sync.Mutex
	closed bool
	done   chan struct{}       // closed by Close: waiting for a turn ends
	scenes map[string]*ptScene // by sceneKey, while tasks use or wait for it
	idle   []*ptBox            // warm and free, least recently used first
	live   map[*ptBox]bool     // every container started and not yet stopped
}

var _ renderer.Renderer = (*PathTracer)(nil)

// PathTracer returns the path tracer with settings cfg, run in the sandbox.
// Its pixels are those of pathtracer.New(cfg), bit for bit. Close it to
// stop its containers.
func (s *Sandbox) PathTracer(cfg pathtracer.Config) *PathTracer {
	return &PathTracer{
		s: s, cfg: cfg, version: pathtracer.New(cfg).Version(),
		perScene: ptPerScene, maxIdle: ptMaxIdle, idleTimeout: ptIdleTimeout,
		done: make(chan struct{}), scenes: map[string]*ptScene{}, live: map[*ptBox]bool{},
	}
}

// Name returns "pathtracer".
func (p *PathTracer) Name() string { return "pathtracer" }

// Version is the path tracer's version: the sandbox does not change pixels.
func (p *PathTracer) Version() string { return p.version }

// Inspect reads the scene's frame range and resolution in the scene's
// container (which then serves the scene's tasks).
func (p *PathTracer) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	var info renderer.SceneInfo
	err := p.do(ctx, scene, ptproto.Request{Inspect: true}, nil, func(m ptproto.Message, _ string) error {
		if m.Info == nil {
			return errors.New("sandbox: pathtracer inspect: no answer")
		}
		info = *m.Info
		return nil
	})
	if err != nil {
		return renderer.SceneInfo{}, err
	}
	return info, nil
}

// Render renders one task in the scene's container, within the sandbox's
// Timeout, which starts when the task's turn on the container comes. The
// error of a task the sandbox or the kernel stopped matches ErrTimeout,
// ErrOutOfMemory or ErrOutputLimit; that of a bad scene or task matches
// renderer.ErrBadTask.
func (p *PathTracer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if err := t.Validate(); err != nil {
		return renderer.Result{}, err
	}
	req := ptproto.Request{Task: t, Out: ptOutDir + "/result.png"}
	if t.HDR {
		req.OutEXR = ptOutDir + "/result.exr"
	}
	// ptrender reports a few times a second, so a small tile may end
	// before it reports at all: its end is reported here.
	var progress func(done, total int)
	reported := 0
	if t.Progress != nil {
		progress = func(done, total int) {
			reported = done
			t.Progress(done, total)
		}
	}
	var res renderer.Result
	began := time.Now()
	err := p.do(ctx, t.Scene, req, progress, func(_ ptproto.Message, outDir string) error {
		var err error
		if res.Image, err = readPNG(filepath.Join(outDir, "result.png"), t.Rect()); err != nil {
			return err
		}
		if t.HDR {
			if res.HDR, err = readEXR(filepath.Join(outDir, "result.exr"), t.Rect()); err != nil {
				return err
			}
		}
		if rows := t.Rect().Dy(); progress != nil && reported < rows {
			t.Progress(rows, rows)
		}
		return nil
	})
	if err != nil {
		return renderer.Result{}, err
	}
	// The container's path tracer prints nothing per task; what the host
	// saw of it is the task's log.
	res.Log = fmt.Sprintf("pathtracer in the sandbox: %s frame %d region %v of %dx%d: %d samples per pixel; %v in the container\n",
		filepath.Base(t.Scene), t.Frame, t.Rect(), t.Width, t.Height, t.Samples, time.Since(began).Round(time.Millisecond))
	return res, nil
}

// Close stops every container, waiting until they are removed. Calls in
// flight fail with ErrClosed, as do later ones.
func (p *PathTracer) Close() error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.done)
	}
	for _, b := range p.idle {
		b.timer.Stop()
	}
	p.idle = nil
	var boxes []*ptBox
	for b := range p.live {
		boxes = append(boxes, b)
	}
	clear(p.live)
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, b := range boxes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.close()
		}()
	}
	wg.Wait()
	p.tasks.Wait() // each closes the container it started
	p.closes.Wait()
	return nil
}

// ptScene is one scene's turns.
type ptScene struct {
	turns chan struct{} // a token per container of the scene in use
	refs  int           // tasks holding or waiting for a turn; guarded by PathTracer.mu
}

// boxState says what a request left of its container.
type boxState int

const (
	boxReady boxState = iota // it answered and may serve the next task
	boxSpent                 // alive, but not to be used again
	boxDead                  // it ended before it answered
)

// do runs one request in a container of the scene: a warm one, or a fresh
// one. finish reads the answer, and the result files from the container's
// output directory, which are removed after it.
func (p *PathTracer) do(ctx context.Context, scene string, req ptproto.Request, progress func(done, total int), finish func(ptproto.Message, string) error) error {
	key, err := sceneKey(scene)
	if err != nil {
		return err
	}
	sc, err := p.enter(key, scene)
	if err != nil {
		return err
	}
	defer p.leave(key, sc)
	select {
	case sc.turns <- struct{}{}:
	case <-p.done:
		return p.errClosed(scene)
	case <-ctx.Done():
		return fmt.Errorf("sandbox: pathtracer: scene %s: waiting for its container: %w", scene, context.Cause(ctx))
	}
	defer func() { <-sc.turns }()

	ctx, cancel := context.WithTimeoutCause(ctx, p.s.cfg.Timeout, ErrTimeout)
	defer cancel()
	req.Config, req.Task.Scene = p.cfg, ptSceneIn(scene)
	b := p.takeIdle(key)
	warm := b != nil
	for {
		if b == nil {
			if b, err = p.startBox(ctx, key, scene); err != nil {
				return err
			}
		}
		state, err := p.request(ctx, b, req, progress, finish)
		if state == boxReady && p.putIdle(b) {
			return err
		}
		p.stop(b) // the container is gone before the task returns
		switch {
		case state != boxDead:
			return err // it answered: its end is no concern of the task's
		case p.isClosed():
			return p.errClosed(scene)
		case warm && ctx.Err() == nil && diedByItself(b.waitErr):
			// The warm container was killed or crashed between tasks or
			// in this one: one more try, in a fresh container.
			b, warm = nil, false
			continue
		}
		return err
	}
}

// request sends req to b and waits for its answer. A cancelled ctx kills
// the container: ptrender cannot be interrupted mid-render.
func (p *PathTracer) request(ctx context.Context, b *ptBox, req ptproto.Request, progress func(done, total int), finish func(ptproto.Message, string) error) (boxState, error) {
	req.ID = p.nextID.Add(1)
	line, err := json.Marshal(req)
	if err != nil {
		return boxReady, fmt.Errorf("sandbox: %w", err)
	}
	kill := context.AfterFunc(ctx, func() {
		if cause := context.Cause(ctx); errors.Is(cause, ErrTimeout) {
			b.kill(ErrTimeout, p.s.cfg.Timeout.String())
		} else {
			b.kill(cause, "cancelled")
		}
	})
	defer clearDir(b.outDir)
	if _, err := b.Stdin().Write(append(line, '\n')); err != nil {
		b.kill(nil, "") // its output then ends, below
	}
	for m := range b.msgs {
		switch {
		case m.ID != req.ID:
			continue // not ours: cannot happen while requests take turns
		case !m.End:
			if progress != nil && m.Total > 0 {
				progress(m.Done, m.Total)
			}
			continue
		}
		state := boxReady
		if !kill() {
			state = boxSpent // it answered as it was being killed
		}
		if m.Error != "" {
			return state, &taskError{msg: fmt.Sprintf("sandbox: pathtracer: scene %s: %s", b.scene, m.Error), bad: m.Bad}
		}
		if err := finish(m, b.outDir); err != nil {
			return boxSpent, err // what it wrote is not what it should: no more tasks for it
		}
		return state, nil
	}
	kill()
	<-b.done
	werr := b.waitErr
	if werr == nil {
		werr = errors.New("sandbox: pathtracer container exited before it answered")
	}
	return boxDead, errTail(fmt.Errorf("scene %s: %w", b.scene, werr), b.tail)
}

// diedByItself reports whether a container's end, err from its Wait, was
// neither the sandbox's doing nor the kernel's for a limit: killed from
// outside, or crashed.
func diedByItself(err error) bool {
	var ee *ExitError
	return err == nil || errors.As(err, &ee) && ee.Reason == nil
}

// taskError is a request's failure as ptrender reported it; the container
// is fine.
type taskError struct {
	msg string
	bad bool // the task's or the scene's fault
}

func (e *taskError) Error() string { return e.msg }

// Is makes errors.Is(err, renderer.ErrBadTask) true for a bad task.
func (e *taskError) Is(target error) bool { return e.bad && target == renderer.ErrBadTask }

// ptSceneIn is where the container sees the scene.
func ptSceneIn(scene string) string {
	return ptSceneDir + "/scene" + strings.ToLower(filepath.Ext(scene))
}

// sceneKey names a scene's containers: the file, by path and identity, so
// that a file replaced or changed under the same name gets fresh ones.
func sceneKey(scene string) (string, error) {
	abs, err := filepath.Abs(scene)
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("sandbox: %s is not a regular file", scene)
	}
	dev, ino := fileID(fi)
	return fmt.Sprintf("%s@%d:%d:%d:%d", abs, dev, ino, fi.Size(), fi.ModTime().UnixNano()), nil
}

// clearDir empties a directory, leaving the directory itself.
func clearDir(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
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
