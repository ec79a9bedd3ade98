// Package blender renders .blend scenes with Blender's command-line program,
// keeping one long-lived ("warm") Blender process per scene so that tile
// tasks do not each pay Blender's start-up and scene load (~0.8 s).
//
// Safety: every Blender runs in the background (-b) with auto-run scripts
// disabled (-Y) and factory settings (no user add-ons); the scene is opened
// by our own driver script (driver.py, embedded) with use_scripts=False, so
// code embedded in a scene never runs. Config.Start lets renderer/sandbox
// run every Blender in a locked-down container instead of as a child
// process; each process writes only into a directory of its own.
//
// Protocol: the driver loads the scene once, answers with the scene's info,
// then reads one JSON task per line on stdin and answers one JSON line per
// task on stdout, behind a prefix that sets it apart from Blender's own
// output (see process.go). A cold render is the same process given one task.
//
// Pixels: a task renders at its own resolution, samples and seed
// (cycles.seed; hashed with the frame where the scene's seed is animated,
// as Blender's own render does), with denoising and dither off, adaptive sampling off
// unless the task keeps the scene's (then with a margin, AdaptiveMargin),
// the scene's own colour management (view transform, look), and persistent
// data on in the warm process, into a 16-bit PNG decoded into the task's
// rectangle: RGBA where the scene writes RGBA (Blender's default) and the
// task is not Opaque, as Blender maps the two modes' colours another way;
// else RGB, alpha opaque. With a transparent film the output is RGB and
// the colour stays premultiplied (black where nothing was hit). Regions use a
// render border with crop. Tiles stitched that way match the whole frame and
// warm renders match cold ones bit for bit on most scenes; see sameRender in
// the tests for the measured exceptions.
//
// Versions: run on Debian's Blender 3.4 and 4.3 (renderer/sandbox's images)
// with the same driver, which detects features rather than versions. A
// scene saved by a newer Blender than this one is refused (a SceneError)
// from its header before Blender opens it: Blender 3.4 crashed loading a
// 4.3 file.
//
// Compositing: a scene's compositor (glare, blur, lens distortion, two view
// layers over each other, Cryptomatte) sees only the tile it runs on, so
// composited tiles differ from the whole frame. A task with Passes renders
// the raw passes instead (compositor and sequencer off; a multilayer EXR of
// Combined and every pass the compositor reads, SceneUsage.Passes), which
// stitch exactly, and Finish composites the stitched frame once with the
// scene's own compositor, colour management, dither and output format:
// measured bit-identical to blender -b FILE -f on Blender 3.4 and 4.3.
//
// Not handled here: the sequencer's output (Finish writes the compositor's),
// denoising in the finish step (Debian's Blender has no OpenImageDenoise to
// test it with), and Eevee scenes, which render with
// Eevee (samples from the task, no seed), which needs an OpenGL context:
// Debian's Blender 3.4 found one through Mesa's surfaceless EGL here
// without a display (renderer/sandbox's images carry Mesa for it). Where
// there is none (no EGL and no display) an Eevee task fails with that
// reason.
package blender

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conun/conun/renderer"
)

//go:embed driver.py
var driverScript []byte

// Config holds the settings of a Renderer. The zero value works: Blender from
// PATH, a temporary work dir, warm processes with DefaultIdleTimeout, CPU.
type Config struct {
	// Binary is the Blender executable, a path or a name looked up in PATH;
	// "" means "blender".
	Binary string
	// WorkDir holds the driver script and the images Blender writes before
	// they are decoded; "" means a new temporary dir, removed by Close.
	WorkDir string
	// IdleTimeout is how long a warm process waits for its next task before
	// it is stopped; 0 means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// NoWarm renders every task in its own Blender process (start, load the
	// scene, render one task, exit): slower, but nothing stays running.
	NoWarm bool
	// Device is the Cycles compute device: "" or "CPU", or a GPU backend
	// ("CUDA", "OPTIX", "HIP", "METAL", "ONEAPI"), which renders on every
	// device of that kind that Devices reports. New asks Cycles which
	// devices it finds (in the same Blender run as its probe); a GPU kind it
	// does not find renders on the CPU instead, and DeviceNote says why.
	Device string
	// Denoise turns Cycles' OpenImageDenoise on for every task. New fails
	// with ErrNoDenoiser when this Blender lacks it (Debian's does). Denoised
	// tiles do not stitch into the denoised whole frame exactly.
	Denoise bool
	// RequirePacked refuses scenes that read any file besides the .blend
	// itself (unpacked images, linked libraries, volumes), so that a scene
	// from the farm never reads the node's disk. Off, only missing files are
	// an error.
	RequirePacked bool
	// Start, if set, starts every Blender run (probe, devices, each scene's
	// process) in place of a child process of the node: renderer/sandbox
	// uses it to run Blender in a container. nil runs Binary directly.
	Start StartFunc
}

// DefaultIdleTimeout is how long a warm Blender outlives its last task by
// default: long enough for the next tile of the same job, short enough not
// to hold a scene's memory for a job that has ended.
const DefaultIdleTimeout = 2 * time.Minute

// DefaultConfig returns a Config that renders on the CPU with warm processes.
func DefaultConfig() Config {
	return Config{Binary: "blender", IdleTimeout: DefaultIdleTimeout, Device: "CPU"}
}

var (
	// ErrNoDenoiser is returned by New when Config.Denoise is set and this
	// Blender was built without OpenImageDenoise.
	ErrNoDenoiser = errors.New("this Blender has no OpenImageDenoise (Debian's package lacks it): turn denoising off or use a Blender from blender.org")
	// ErrBadScene is matched (errors.Is) by every SceneError.
	ErrBadScene = errors.New("scene cannot be rendered")
	// ErrClosed is returned for calls after Close.
	ErrClosed = errors.New("blender renderer closed")
)

// SceneError reports a problem with the scene itself (corrupt file, saved by
// a newer Blender, missing or unpacked external files, no camera): rendering
// it again, here or on another node, will not help.
type SceneError struct {
	Scene  string // the scene's path
	Reason string // what Blender or the driver found
}

func (e *SceneError) Error() string { return "blender: scene " + e.Scene + ": " + e.Reason }

// Is makes errors.Is(err, ErrBadScene) true.
func (e *SceneError) Is(target error) bool { return target == ErrBadScene }

// Renderer renders tasks with Blender. It is safe for concurrent use: tasks of
// different scenes run in parallel, tasks of one scene queue on its warm
// process. Close stops every Blender it started.
type Renderer struct {
	cfg        Config
	workDir    string
	ownWorkDir bool
	driverPath string
	want       string                 // the device Config.Device asked for, upper case
	state      atomic.Pointer[probed] // the last probe's answer: set by New, replaced by Reprobe
	probes     atomic.Int64           // Blender runs that probed, for Probes
	nextID     atomic.Uint64
	starts     atomic.Int64 // Blender processes started for scenes, for tests
	hashes     sceneHashes

	mu     sync.Mutex // guards the fields below and every warm.proc
	closed bool
	warm   map[string]*warm
}

var (
	_ renderer.Renderer = (*Renderer)(nil)
	_ renderer.Finisher = (*Renderer)(nil)
)

// warm is the warm process of one scene, started on first use.
type warm struct {
	sem   chan struct{} // holds one token while a task (or start-up) uses proc
	proc  *process      // nil until started, and after it dies or idles out
	timer *time.Timer   // stops proc after the idle timeout
}

// New checks that Blender runs (one short Blender run to read its version and
// CPU kernel) and returns a Renderer.
func New(cfg Config) (*Renderer, error) {
	if cfg.Binary == "" {
		cfg.Binary = "blender"
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	cfg.Device = strings.ToUpper(cfg.Device)
	if cfg.Device == "" {
		cfg.Device = "CPU"
	}
	r := &Renderer{cfg: cfg, want: cfg.Device, warm: map[string]*warm{}}
	if cfg.WorkDir == "" {
		dir, err := os.MkdirTemp("", "conun-blender-")
		if err != nil {
			return nil, fmt.Errorf("blender: work dir: %w", err)
		}
		r.workDir, r.ownWorkDir = dir, true
	} else {
		if err := os.MkdirAll(cfg.WorkDir, 0o755); err != nil {
			return nil, fmt.Errorf("blender: work dir: %w", err)
		}
		r.workDir = cfg.WorkDir
	}
	r.driverPath = filepath.Join(r.workDir, "conun_driver.py")
	if err := os.WriteFile(r.driverPath, driverScript, 0o644); err != nil {
		r.removeWorkDir()
		return nil, fmt.Errorf("blender: write driver: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := r.runProbe(ctx)
	if err != nil {
		r.removeWorkDir()
		return nil, err
	}
	if cfg.Denoise && !st.info.OIDN {
		r.removeWorkDir()
		return nil, fmt.Errorf("blender %s: %w", st.info.Version, ErrNoDenoiser)
	}
	r.state.Store(st)
	return r, nil
}

func (r *Renderer) removeWorkDir() {
	if r.ownWorkDir {
		os.RemoveAll(r.workDir)
	}
}

// Name returns "blender".
func (r *Renderer) Name() string { return "blender" }

// Version names Blender's version and the Cycles device class that renders,
// for example "blender-3.4.1/cycles-cpu-avx2" or "blender-4.2.0/cycles-cuda".
// The CPU kernel is part of it because Cycles' AVX2, AVX and SSE4.1 kernels
// give slightly different pixels, so a checker should match a worker's.
func (r *Renderer) Version() string {
	st := r.state.Load()
	dev := "cpu-" + st.info.Kernel
	if st.device != "CPU" {
		dev = strings.ToLower(st.device)
	}
	b := renderer.Build{Name: "blender", Version: st.info.Version, Device: "cycles-" + dev}
	if st.info.OIDN {
		b.Features = append(b.Features, "oidn") // this node can denoise, for jobs that ask
	}
	if st.info.GL {
		b.Features = append(b.Features, "gl") // this node renders Eevee scenes
	}
	if st.info.OSL && st.device == "CPU" {
		// This node renders scenes shaded with OSL: on the CPU, where
		// Cycles runs OSL (CUDA, HIP, Metal and oneAPI shade with SVM).
		b.Features = append(b.Features, "osl")
	}
	return b.String()
}

// Device is the Cycles device this renderer renders on: Config.Device, or
// "CPU" when Blender found no device of that kind (at the last probe).
func (r *Renderer) Device() string { return r.state.Load().device }

// DeviceNote says why the renderer renders on the CPU although Config.Device
// asked for a GPU kind; "" when it renders on what was asked for. A node
// logs it at start.
func (r *Renderer) DeviceNote() string { return r.state.Load().note }

// CanDenoise reports whether this Blender has OpenImageDenoise, so a node
// advertises denoising only where it works.
func (r *Renderer) CanDenoise() bool { return r.state.Load().info.OIDN }

// Inspect loads the scene (in its warm process, which then serves the scene's
// tasks) and returns its frame range, frame rate and resolution, scaled by
// the scene's resolution percentage. Problems with the file come back as a
// *SceneError.
func (r *Renderer) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	var info sceneInfo
	if r.cfg.NoWarm {
		p, err := r.start(ctx, scene)
		if err != nil {
			return renderer.SceneInfo{}, err
		}
		info = p.info
		p.close()
	} else {
		err := r.withWarm(ctx, scene, func(p *process) error {
			info = p.info
			return nil
		})
		if err != nil {
			return renderer.SceneInfo{}, err
		}
	}
	si := renderer.SceneInfo{
		FrameStart: info.FrameStart, FrameEnd: info.FrameEnd, FPS: info.FPS,
		Width: info.Width, Height: info.Height, Usage: info.usage(),
	}
	if info.FrameStep > 1 {
		si.FrameStep = info.FrameStep
	}
	switch {
	case strings.HasPrefix(info.Engine, "BLENDER_EEVEE"):
		si.Needs = "gl" // Eevee renders through OpenGL
	case info.OSL:
		si.Needs = "osl" // only a Blender with OSL renders it as the scene says
	}
	// The Blender that saved the scene is the oldest that can render it:
	// an older one misreads the file, or crashes on it.
	if v, ok, err := readBlendVersion(scene); err == nil && ok {
		si.MinVersion = v.String()
	}
	return si, nil
}

// Render renders one task. The image's bounds are t.Rect(). t.Progress, if
// set, hears the samples done.
func (r *Renderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if err := t.Validate(); err != nil {
		return renderer.Result{}, err
	}
	if t.Denoise && !t.Passes && !r.state.Load().info.OIDN { // raw passes are denoised in the finish step
		return renderer.Result{}, fmt.Errorf("%w: %w", renderer.ErrBadTask, ErrNoDenoiser)
	}
	if t.Seed > math.MaxInt32 {
		return renderer.Result{}, fmt.Errorf("%w: seed %d: Blender's seed must be <= %d", renderer.ErrBadTask, t.Seed, math.MaxInt32)
	}
	id := r.nextID.Add(1)
	progress := ProgressFunc(t.Progress)
	var res renderer.Result
	var log *renderer.LogTail
	// The image is read inside the process's turn: its directory goes away
	// with the process.
	renderIn := func(p *process) error {
		log = new(renderer.LogTail) // a retry's log is its own
		ext := ".png"
		if t.HDR || t.Passes {
			ext = ".exr"
		}
		out := filepath.Join(p.outDir, fmt.Sprintf("task-%d%s", id, ext))
		defer os.Remove(out)
		if err := p.render(ctx, newWireTask(id, t, out, r.cfg.Denoise || t.Denoise), progress, log); err != nil {
			return err
		}
		var err error
		if t.Passes {
			keep := t.Keep
			if len(keep) == 0 {
				keep = p.info.Passes
				if t.Denoise || r.cfg.Denoise {
					keep = append(slices.Clone(keep), renderer.DenoisingPasses(keep)...)
				}
			}
			res, err = readPasses(out, renderRect(t), keep)
		} else {
			res, err = readResult(out, renderRect(t), t.HDR)
		}
		if err == nil && renderRect(t) != t.Rect() {
			res = cropResult(res, t.Rect())
		}
		return err
	}

	if r.cfg.NoWarm {
		if err := r.renderCold(ctx, t.Scene, renderIn); err != nil {
			return renderer.Result{}, withLog(err, log)
		}
		res.Log = log.String()
		return res, nil
	}
	var died error
	err := r.withWarm(ctx, t.Scene, func(p *process) error {
		err := renderIn(p)
		if errors.Is(err, errDied) && ctx.Err() == nil {
			died = err // fall back below, outside the warm process's turn
			return nil
		}
		return err
	})
	if err == nil && died != nil {
		if r.isClosed() {
			return renderer.Result{}, ErrClosed
		}
		err = r.renderCold(ctx, t.Scene, renderIn)
		if err != nil {
			err = fmt.Errorf("%w (the warm Blender had died: %v)", err, died)
		}
	}
	if err != nil {
		return renderer.Result{}, withLog(err, log)
	}
	res.Log = log.String()
	return res, nil
}

// withLog attaches the task's log, when it got as far as having one, to
// its error.
func withLog(err error, log *renderer.LogTail) error {
	if log == nil {
		return err
	}
	return renderer.WithLog(err, log.String())
}

// AdaptiveMargin is the margin, in pixels, around a region rendered with
// the scene's adaptive sampling (Task.AdaptiveSampling), cropped away
// after: Cycles decides where to stop sampling from a pixel's neighbours
// too, so a region's edge pixels need theirs. Measured on 4x4 tiles of
// 160x96 (256 samples, threshold 0.05): 165 of 61440 values differed from
// the whole frame with no margin, 9 with 2 px, none with 4, 8 or 16 px
// (and none with 2-8 px at 1024 samples, threshold 0.01). Twice the
// largest margin that was needed; Flamenco's tiled stills use 16.
const AdaptiveMargin = 8

// renderRect is the rectangle Blender renders for t: its region, grown by
// AdaptiveMargin within the job's render region (the frame without one)
// when t keeps adaptive sampling.
func renderRect(t renderer.Task) image.Rectangle {
	r := t.Rect()
	if !t.AdaptiveSampling {
		return r
	}
	return r.Inset(-AdaptiveMargin).Intersect(t.AreaRect())
}

// renderCold renders one task in a Blender process of its own.
func (r *Renderer) renderCold(ctx context.Context, scene string, renderIn func(*process) error) error {
	p, err := r.start(ctx, scene)
	if err != nil {
		return err
	}
	defer p.close()
	return renderIn(p)
}

// withWarm runs fn with the scene's warm process, starting it when needed.
// fn has the process to itself; a process that died during fn is dropped.
func (r *Renderer) withWarm(ctx context.Context, scene string, fn func(*process) error) error {
	key, err := r.hashes.key(scene)
	if err != nil {
		return &SceneError{Scene: scene, Reason: err.Error()}
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return ErrClosed
	}
	w := r.warm[key]
	if w == nil {
		w = &warm{sem: make(chan struct{}, 1)}
		w.timer = time.AfterFunc(r.cfg.IdleTimeout, func() { r.reap(w) })
		r.warm[key] = w
	}
	r.mu.Unlock()

	select {
	case w.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() {
		r.mu.Lock()
		if !r.closed {
			w.timer.Reset(r.cfg.IdleTimeout)
		}
		r.mu.Unlock()
		<-w.sem
	}()

	r.mu.Lock()
	p := w.proc
	var stale *process
	if p != nil && p.device != r.Device() {
		// Started before a re-probe changed the device: its pixels
		// would be the old device's, or it renders on a GPU that is gone.
		stale, p, w.proc = p, nil, nil
	}
	r.mu.Unlock()
	if stale != nil {
		stale.close()
	}
	if p == nil || p.exited() {
		p, err = r.start(ctx, scene)
		if err != nil {
			return err
		}
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			p.close()
			return ErrClosed
		}
		w.proc = p
		r.mu.Unlock()
	}
	err = fn(p)
	if p.exited() || (err != nil && ctx.Err() != nil) {
		// A cancelled render is killed (Blender cannot be interrupted
		// mid-frame through stdin); the next task starts a fresh process.
		r.mu.Lock()
		if w.proc == p {
			w.proc = nil
		}
		r.mu.Unlock()
		p.close()
	}
	return err
}

// reap stops a warm process that has been idle for the idle timeout. A busy
// one is left alone: its task resets the timer when it ends.
func (r *Renderer) reap(w *warm) {
	select {
	case w.sem <- struct{}{}:
	default:
		return
	}
	defer func() { <-w.sem }()
	r.mu.Lock()
	p := w.proc
	w.proc = nil
	r.mu.Unlock()
	if p != nil {
		p.close()
	}
}

func (r *Renderer) start(ctx context.Context, scene string) (*process, error) {
	abs, err := filepath.Abs(scene)
	if err != nil {
		return nil, &SceneError{Scene: scene, Reason: err.Error()}
	}
	st := r.state.Load()
	if err := checkBlendVersion(abs, st.info.FileVersion, st.info.Version, "render"); err != nil {
		return nil, err
	}
	// Each process writes into a directory of its own, so that a sandbox
	// can give it that one directory and no other scene's results.
	outDir, err := os.MkdirTemp(r.workDir, "proc-")
	if err != nil {
		return nil, fmt.Errorf("blender: %w", err)
	}
	r.starts.Add(1)
	cfg := r.cfg
	cfg.Device = st.device
	return startProcess(ctx, cfg, r.driverPath, abs, outDir)
}

func (r *Renderer) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// warmCount returns how many warm processes are running (for tests).
func (r *Renderer) warmCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, w := range r.warm {
		if w.proc != nil && !w.proc.exited() {
			n++
		}
	}
	return n
}

// Close stops every warm Blender, waits for them to exit and removes the
// work dir it created. Renders in flight fail with ErrClosed or a died error.
func (r *Renderer) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	var procs []*process
	for _, w := range r.warm {
		w.timer.Stop()
		if w.proc != nil {
			procs = append(procs, w.proc)
			w.proc = nil
		}
	}
	r.mu.Unlock()
	for _, p := range procs {
		p.close()
	}
	r.removeWorkDir()
	return nil
}
