// Package external runs any program as a renderer: a studio's own
// renderer, or a test's cheating one, behind renderer.Renderer.
//
// # The contract
//
// For every task the command is started once, with the task as JSON on
// its standard input:
//
//	{"scene": "/path/scene.blend", "frame": 7, "region": [x0, y0, x1, y1],
//	 "res": [w, h], "samples": 64, "seed": 1, "threads": 0,
//	 "out": "/tmp/conun-external-123/out.png"}
//
// region is the pixel rectangle to render in frame coordinates (origin top
// left, x1 and y1 exclusive) of a w x h frame; frame numbers start at 0,
// as Blender's do;
// threads caps the threads used, 0 meaning all cores. The command writes a
// PNG of exactly the region's size (8 or 16 bits, RGB or RGBA) to out and
// exits 0. Anything it prints on standard output is ignored; on failure it
// exits non-zero, and the end of its standard error is reported. The same
// task must give the same pixels every time: checkers re-render crops of
// it and compare.
//
// The command line is split like a shell's simple command (see Split) but
// no shell runs it. It runs in a process group of its own, killed when the
// task is cancelled.
//
// # Inspect
//
// An optional second command answers Inspect: it gets {"scene": path} on
// standard input and prints {"frame_start": 1, "frame_end": 24, "fps": 24,
// "width": 1920, "height": 1080} (resolution 0 when the scene has none).
// Without one, Inspect only checks that the scene is a readable file and
// reports frames 1 to UnknownFrameEnd, so a job must name its frames.
package external

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/conun/conun/renderer"
)

// UnknownFrameEnd is the last frame Inspect reports when no inspect
// command is configured: the scene's real range is unknown.
const UnknownFrameEnd = 1 << 20

// Config holds a Renderer's optional settings. The zero value works.
type Config struct {
	// InspectCommand, if set, is run by Inspect; see the package
	// documentation.
	InspectCommand string
	// Env holds extra NAME=value environment variables for the commands,
	// on top of this process's environment.
	Env []string
	// Dir is the commands' working directory; empty means this process's.
	Dir string
	// TempDir is where each task's output directory is made; empty means
	// os.TempDir().
	TempDir string
	// StderrTail is how many bytes of the end of standard error an error
	// quotes; 0 means 2 KiB.
	StderrTail int
	// WaitDelay is how long to wait, after the command exits or is
	// killed, for processes it left behind to close its output; 0 means
	// 2 s.
	WaitDelay time.Duration
}

// DefaultConfig returns the zero Config with its defaults spelled out.
func DefaultConfig() Config {
	return Config{StderrTail: 2048, WaitDelay: 2 * time.Second}
}

// Renderer runs an external command per task. It is safe for concurrent
// use: each task gets its own process and output directory.
type Renderer struct {
	kind    string
	command string
	argv    []string
	inspect []string
	cfg     Config
}

var _ renderer.Renderer = (*Renderer)(nil)

// New returns a Renderer offering renderer kind (its Name) by running
// command. It fails when the kind is not a plain word or a command line
// cannot be split.
func New(kind, command string, cfg Config) (*Renderer, error) {
	if kind == "" || strings.ContainsAny(kind, "= \t\n/\\") {
		return nil, fmt.Errorf("%w: renderer kind %q: must be a non-empty word without '=', '/' or blanks", ErrBadCommand, kind)
	}
	argv, err := Split(command)
	if err != nil {
		return nil, err
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("%w: renderer %s: the command is empty", ErrBadCommand, kind)
	}
	d := DefaultConfig()
	if cfg.StderrTail <= 0 {
		cfg.StderrTail = d.StderrTail
	}
	if cfg.WaitDelay <= 0 {
		cfg.WaitDelay = d.WaitDelay
	}
	r := &Renderer{kind: kind, command: command, argv: argv, cfg: cfg}
	if cfg.InspectCommand != "" {
		if r.inspect, err = Split(cfg.InspectCommand); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ParseSpec splits a --renderer-cmd value, KIND=CMD, into its parts.
func ParseSpec(spec string) (kind, command string, err error) {
	kind, command, ok := strings.Cut(spec, "=")
	if !ok || kind == "" || strings.TrimSpace(command) == "" {
		return "", "", fmt.Errorf("%w: --renderer-cmd %q: want KIND=COMMAND, e.g. cycles='/opt/render.sh --gpu'", ErrBadCommand, spec)
	}
	return kind, command, nil
}

// Name returns the renderer kind given to New.
func (r *Renderer) Name() string { return r.kind }

// Version returns kind-external-HASH, HASH being a short hash of the
// command line. Only the command line is hashed, so a studio that updates
// its renderer in place should change the command (a versioned path, a
// --version-like argument) for checkers to be matched correctly.
func (r *Renderer) Version() string {
	sum := sha256.Sum256([]byte(r.command))
	return r.kind + "-external-" + hex.EncodeToString(sum[:4])
}

// request is the task as the command reads it.
type request struct {
	Scene   string `json:"scene"`
	Frame   int    `json:"frame"`
	Region  [4]int `json:"region"`
	Res     [2]int `json:"res"`
	Samples int    `json:"samples"`
	Seed    uint64 `json:"seed"`
	Threads int    `json:"threads"`
	Out     string `json:"out"`
}

// Render runs the command for t and reads the PNG it writes.
func (r *Renderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if err := t.Validate(); err != nil {
		return renderer.Result{}, err
	}
	if t.HDR {
		// The contract's output is a PNG: no float pixels to give.
		return renderer.Result{}, fmt.Errorf("%w: renderer %s writes PNG only: it cannot give a job EXR output", renderer.ErrBadTask, r.kind)
	}
	dir, err := os.MkdirTemp(r.cfg.TempDir, "conun-external-*")
	if err != nil {
		return renderer.Result{}, fmt.Errorf("renderer %s: %w", r.kind, err)
	}
	defer os.RemoveAll(dir)
	rect := t.Rect()
	out := filepath.Join(dir, "out.png")
	in, _ := json.Marshal(request{
		Scene:   t.Scene,
		Frame:   t.Frame,
		Region:  [4]int{rect.Min.X, rect.Min.Y, rect.Max.X, rect.Max.Y},
		Res:     [2]int{t.Width, t.Height},
		Samples: t.Samples,
		Seed:    t.Seed,
		Threads: t.Threads,
		Out:     out,
	})
	log := new(renderer.LogTail)
	if err := r.run(ctx, r.argv, in, io.Discard, log); err != nil {
		return renderer.Result{}, renderer.WithLog(fmt.Errorf("renderer %s: frame %d region %v: %w", r.kind, t.Frame, rect, err), log.String())
	}
	img, err := readPNG(out, rect)
	if err != nil {
		return renderer.Result{}, renderer.WithLog(fmt.Errorf("renderer %s: frame %d region %v: %w", r.kind, t.Frame, rect, err), log.String())
	}
	return renderer.Result{Image: img, Log: log.String()}, nil
}

// ErrBadOutput is wrapped by errors about the image a command wrote.
var ErrBadOutput = errors.New("bad renderer output")

// readPNG reads the command's output and places it at rect. The size is
// checked from the header before any pixel is decoded, and the file size
// is bounded, so a misbehaving command cannot make us allocate much more
// than the region needs.
func readPNG(path string, rect image.Rectangle) (*image.NRGBA64, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: the command exited 0 but wrote no %s", ErrBadOutput, filepath.Base(path))
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stored (uncompressed) deflate of 16-bit RGBA rows, doubled for
	// slack, plus room for ancillary chunks.
	limit := 2*int64(rect.Dx()*rect.Dy()*8+rect.Dy()) + 1<<20
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read output: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: output is larger than %d bytes", ErrBadOutput, limit)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: output is not a PNG: %w", ErrBadOutput, err)
	}
	if cfg.Width != rect.Dx() || cfg.Height != rect.Dy() {
		return nil, fmt.Errorf("%w: output is %dx%d, want the region's %dx%d", ErrBadOutput, cfg.Width, cfg.Height, rect.Dx(), rect.Dy())
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: decode output: %w", ErrBadOutput, err)
	}
	img := image.NewNRGBA64(rect)
	draw.Draw(img, rect, src, src.Bounds().Min, draw.Src)
	return img, nil
}

// sceneInfo is what an inspect command prints.
type sceneInfo struct {
	FrameStart int     `json:"frame_start"`
	FrameEnd   int     `json:"frame_end"`
	FPS        float64 `json:"fps"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
}

// Inspect reports the scene's frame range: from the inspect command when
// there is one, and otherwise 1 to UnknownFrameEnd after checking that the
// scene is a regular file.
func (r *Renderer) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	st, err := os.Stat(scene)
	if err != nil {
		return renderer.SceneInfo{}, fmt.Errorf("renderer %s: scene: %w", r.kind, err)
	}
	if !st.Mode().IsRegular() {
		return renderer.SceneInfo{}, fmt.Errorf("%w: scene %s is not a regular file", renderer.ErrBadTask, scene)
	}
	if r.inspect == nil {
		return renderer.SceneInfo{FrameStart: 1, FrameEnd: UnknownFrameEnd, FPS: 24}, nil
	}
	in, _ := json.Marshal(struct {
		Scene string `json:"scene"`
	}{scene})
	var out bytes.Buffer
	if err := r.run(ctx, r.inspect, in, &limitWriter{w: &out, n: 64 << 10}, nil); err != nil {
		return renderer.SceneInfo{}, fmt.Errorf("renderer %s: inspect %s: %w", r.kind, scene, err)
	}
	var info sceneInfo
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		return renderer.SceneInfo{}, fmt.Errorf("%w: renderer %s: inspect %s printed no scene info: %w", ErrBadOutput, r.kind, scene, err)
	}
	switch {
	case info.FrameStart < 0 || info.FrameEnd < info.FrameStart:
		return renderer.SceneInfo{}, fmt.Errorf("%w: scene %s: frames %d-%d: must start at >= 0 and not end before they start", renderer.ErrBadTask, scene, info.FrameStart, info.FrameEnd)
	case info.Width < 0 || info.Height < 0 || info.Width > renderer.MaxDimension || info.Height > renderer.MaxDimension:
		return renderer.SceneInfo{}, fmt.Errorf("%w: scene %s: resolution %dx%d out of range", renderer.ErrBadTask, scene, info.Width, info.Height)
	}
	return renderer.SceneInfo{FrameStart: info.FrameStart, FrameEnd: info.FrameEnd, FPS: info.FPS, Width: info.Width, Height: info.Height}, nil
}

// run starts argv with stdin, waits for it, and reports a failure with the
// end of its standard error. Cancelling ctx kills its process group. With
// a log, stdout and stderr are kept there too (a task's log).
func (r *Renderer) run(ctx context.Context, argv []string, stdin []byte, stdout io.Writer, log *renderer.LogTail) error {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Stdout = stdout
	stderr := &tailBuffer{max: r.cfg.StderrTail}
	cmd.Stderr = stderr
	if log != nil {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(stdout, log), io.MultiWriter(stderr, log)
	}
	cmd.Dir = r.cfg.Dir
	if len(r.cfg.Env) > 0 {
		cmd.Env = append(os.Environ(), r.cfg.Env...)
	}
	cmd.WaitDelay = r.cfg.WaitDelay
	setProcessGroup(cmd)
	err := cmd.Run()
	killGroup(cmd)
	if ctx.Err() != nil {
		return fmt.Errorf("%s killed: %w", filepath.Base(argv[0]), context.Cause(ctx))
	}
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // it exited 0; only a process it left behind held its output
	}
	if err != nil {
		if tail := strings.TrimSpace(stderr.String()); tail != "" {
			return fmt.Errorf("%s: %w; stderr: %s", filepath.Base(argv[0]), err, tail)
		}
		return fmt.Errorf("%s: %w (no stderr)", filepath.Base(argv[0]), err)
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf []byte
	cut bool
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
		t.cut = true
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	if t.cut {
		return "..." + string(t.buf)
	}
	return string(t.buf)
}

// limitWriter fails once more than n bytes are written, so a chatty
// inspect command cannot fill memory.
type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.n {
		return 0, fmt.Errorf("%w: more than 64 KiB of output", ErrBadOutput)
	}
	l.n -= len(p)
	return l.w.Write(p)
}
