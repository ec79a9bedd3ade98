package blender

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/renderer"
)

// linePrefix marks the driver's JSON lines among Blender's own output on the
// same stream. It is searched for anywhere in a line, not only at its start,
// because Blender's C code and the driver's Python buffer stdout separately.
const linePrefix = "@@conun@@ "

// errDied means the Blender process ended while we waited for it.
var errDied = errors.New("blender exited unexpectedly")

// wireTask is one task as the driver reads it from stdin (see render in
// driver.py). The region is explicit and top-left based, as in renderer.Task.
type wireTask struct {
	ID      uint64 `json:"id"`
	Frame   int    `json:"frame"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Samples int    `json:"samples"`
	Seed    uint64 `json:"seed"`
	X0      int    `json:"x0"`
	Y0      int    `json:"y0"`
	X1      int    `json:"x1"`
	Y1      int    `json:"y1"`
	Threads int    `json:"threads"`
	Out     string `json:"out"`
	Denoise bool   `json:"denoise"`
	// HDR asks for a 32-bit float OpenEXR of linear values instead of the
	// PNG.
	HDR bool `json:"hdr"`
	// Passes asks for a multilayer OpenEXR of the raw passes, compositor
	// and sequencer bypassed.
	Passes bool `json:"passes"`
	// Adaptive keeps the scene's adaptive sampling (the region then
	// includes a margin Go crops away).
	Adaptive bool `json:"adaptive,omitempty"`
	// Preview renders with Workbench instead of the scene's engine.
	Preview bool `json:"preview,omitempty"`
	// Finish makes the task a finish step: In is the stitched passes'
	// EXR, Out the frame in the scene's format (or Format/Depth).
	Finish  bool   `json:"finish,omitempty"`
	In      string `json:"in,omitempty"`
	Format  string `json:"format,omitempty"`
	Depth   string `json:"depth,omitempty"`
	Quality int    `json:"quality,omitempty"`
	// Compression, when set, overrides the PNG compression (0-100).
	Compression *int `json:"compression,omitempty"`
	// Alpha writes the finished frame as RGBA (FinishTask.Alpha).
	Alpha bool `json:"alpha,omitempty"`
	// Opaque renders a tile as RGB where the scene writes RGBA
	// (renderer.Task.Opaque).
	Opaque bool `json:"opaque,omitempty"`
}

func newWireTask(id uint64, t renderer.Task, out string, denoise bool) wireTask {
	r := renderRect(t)
	return wireTask{
		ID: id, Frame: t.Frame, Width: t.Width, Height: t.Height,
		Samples: t.Samples, Seed: t.Seed,
		X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y,
		Threads: t.Threads, Out: out, Denoise: denoise, HDR: t.HDR, Passes: t.Passes,
		Adaptive: t.AdaptiveSampling, Preview: t.Preview, Opaque: t.Opaque,
	}
}

// sceneInfo is the driver's "ready" message: what it read from the scene.
type sceneInfo struct {
	FrameStart int     `json:"frame_start"`
	FrameEnd   int     `json:"frame_end"`
	FrameStep  int     `json:"frame_step"`
	FPS        float64 `json:"fps"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	Engine     string  `json:"engine"`
	// What the scene uses (see renderer.SceneUsage).
	Compositing      bool       `json:"compositing"`
	Passes           []string   `json:"passes"`
	SpatialNodes     []string   `json:"spatial_nodes"`
	Denoise          bool       `json:"denoise"`
	AdaptiveSampling bool       `json:"adaptive_sampling"`
	Samples          int        `json:"samples"`
	ViewTransform    string     `json:"view_transform"`
	Look             string     `json:"look"`
	FileFormat       string     `json:"file_format"`
	ColorDepth       string     `json:"color_depth"`
	EXRCodec         string     `json:"exr_codec"`
	Layers           []string   `json:"layers"`
	LayerChannels    []string   `json:"layer_channels"`
	Quality          int        `json:"quality"`
	Compression      *int       `json:"compression"`
	Dither           *float32   `json:"dither"`
	Sequencer        bool       `json:"sequencer"`
	ViewLayers       []string   `json:"view_layers"`
	MotionBlur       bool       `json:"motion_blur"`
	ScreenEffects    []string   `json:"screen_effects"`
	Volumes          bool       `json:"volumes"`
	WholeFrame       []string   `json:"whole_frame"`
	Transparent      bool       `json:"transparent"`
	RenderRegion     bool       `json:"render_region"`
	Border           [4]float32 `json:"border"`
	CropToBorder     bool       `json:"crop_to_border"`
	ColorMode        string     `json:"color_mode"`
	Seed             int        `json:"seed"`
	AnimatedSeed     bool       `json:"animated_seed"`
	Stamp            []string   `json:"stamp"`
	Views            []string   `json:"views"`
	FileOutputs      []string   `json:"file_outputs"`
	Simulations      []string   `json:"simulations"`
	Scripts          []string   `json:"scripts"`
	StampLeftOut     []string   `json:"stamp_left_out"`
	OSL              bool       `json:"osl"` // Cycles shades with Open Shading Language
}

// usage is the scene's usage as renderer.SceneInfo reports it.
func (i sceneInfo) usage() *renderer.SceneUsage {
	return &renderer.SceneUsage{
		Engine:      i.Engine,
		Compositing: i.Compositing, Passes: i.Passes, SpatialNodes: i.SpatialNodes,
		Denoise: i.Denoise, AdaptiveSampling: i.AdaptiveSampling, Samples: i.Samples,
		ViewTransform: i.ViewTransform, Look: i.Look,
		FileFormat: i.FileFormat, ColorDepth: i.ColorDepth, EXRCodec: i.EXRCodec, Layers: i.Layers, LayerChannels: i.LayerChannels, Quality: i.Quality, Compression: i.Compression,
		Dither: i.Dither, Sequencer: i.Sequencer, ViewLayers: i.ViewLayers, MotionBlur: i.MotionBlur,
		ScreenEffects: i.ScreenEffects, Volumes: i.Volumes, WholeFrame: i.WholeFrame,
		Transparent: i.Transparent, RenderRegion: i.RenderRegion, Border: i.Border, CropToBorder: i.CropToBorder, ColorMode: i.ColorMode, Seed: i.Seed, AnimatedSeed: i.AnimatedSeed,
		Stamp: i.Stamp, StampLeftOut: i.StampLeftOut, Views: i.Views, FileOutputs: i.FileOutputs, Simulations: i.Simulations, Scripts: i.Scripts,
	}
}

// probeInfo is the driver's answer in probe mode.
type probeInfo struct {
	Version     string `json:"version"`      // "3.4.1"
	FileVersion []int  `json:"file_version"` // [3, 4, 1]: the newest .blend it reads
	Kernel      string `json:"kernel"`       // "avx2"
	OIDN        bool   `json:"oidn"`
	GL          bool   `json:"gl"`  // an OpenGL context can be had: Eevee renders
	OSL         bool   `json:"osl"` // Cycles has Open Shading Language
}

// message is any line the driver sends; one of its fields is set.
type message struct {
	Ready   *sceneInfo `json:"ready"`
	Fatal   string     `json:"fatal"`
	Scene   bool       `json:"scene"` // Fatal is the scene's fault
	ID      uint64     `json:"id"`
	Done    bool       `json:"done"`
	Error   string     `json:"error"`
	Probe   *probeInfo `json:"probe"`
	Devices []string   `json:"devices"`
	// Sequencer: the packed scene's frame shows its sequencer.
	Sequencer bool `json:"sequencer"`
}

// process is one Blender running driver.py in serve mode with one scene
// loaded. Its tasks must not overlap: the caller serializes them.
type process struct {
	scene   string
	device  string // the Cycles device it renders on (Config.Device at its start)
	outDir  string // where its tasks' images go; removed by close
	proc    Proc
	msgs    chan message  // the driver's lines; closed at the end of output
	done    chan struct{} // closed once the process has been waited for
	waitErr error         // how it ended; set before done is closed
	info    sceneInfo

	mu       sync.Mutex
	progress ProgressFunc      // of the task in flight, or nil
	taskLog  *renderer.LogTail // the output of the task in flight, or nil
	loadLog  *renderer.LogTail // the output while the scene loaded
	tail     []string          // Blender's last lines of output, for errors

	closeOnce sync.Once
}

const tailLines = 30

// startProcess starts Blender on scene and waits until the scene is loaded.
// outDir is the process's own directory for results; close removes it.
func startProcess(ctx context.Context, cfg Config, driver, scene, outDir string) (*process, error) {
	packed := "any"
	if cfg.RequirePacked {
		packed = "packed"
	}
	proc, err := cfg.start(ctx, Launch{
		Binary: cfg.Binary,
		Args:   blenderArgs(driver, "serve", scene, cfg.Device, packed),
		Driver: driver, Scene: scene, OutDir: outDir,
	})
	if err != nil {
		os.RemoveAll(outDir)
		return nil, err
	}
	p := &process{
		scene: scene, device: cfg.Device, outDir: outDir, proc: proc,
		msgs: make(chan message, 4), done: make(chan struct{}),
		loadLog: new(renderer.LogTail),
	}
	p.taskLog = p.loadLog // until the scene is loaded
	go p.readOutput(proc.Output())
	go func() {
		p.waitErr = proc.Wait()
		close(p.done)
	}()

	for {
		select {
		case m, ok := <-p.msgs:
			switch {
			case !ok:
				err := p.diedErr("loading the scene")
				p.close()
				return nil, err
			case m.Ready != nil:
				p.info = *m.Ready
				p.mu.Lock()
				p.taskLog = nil
				p.mu.Unlock()
				return p, nil
			case m.Fatal != "" && m.Scene:
				p.close()
				return nil, &SceneError{Scene: scene, Reason: m.Fatal}
			case m.Fatal != "":
				p.close()
				return nil, fmt.Errorf("blender: scene %s: %s", scene, m.Fatal)
			}
		case <-ctx.Done():
			p.close()
			return nil, ctx.Err()
		}
	}
}

// blenderArgs is the command line of every Blender we run: background, no
// auto-run scripts, no user preferences or add-ons, our driver.
func blenderArgs(driver string, driverArgs ...string) []string {
	// --log render: Blender 5.x prints a render's "Sample N/M" status
	// lines (progress) only with its render log category on, when the
	// render is started from Python.
	args := []string{"-b", "-Y", "--factory-startup", "--log", "render", "--python", driver, "--"}
	return append(args, driverArgs...)
}

// readOutput owns msgs: it parses every line until the output ends.
func (p *process) readOutput(r io.ReadCloser) {
	defer r.Close()
	defer close(p.msgs)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, linePrefix); i >= 0 {
			var m message
			if err := json.Unmarshal([]byte(line[i+len(linePrefix):]), &m); err == nil {
				p.msgs <- m
				continue
			}
		}
		p.mu.Lock()
		if done, total, ok := parseProgress(line); ok && p.progress != nil {
			p.progress(done, total)
		}
		if p.taskLog != nil {
			p.taskLog.WriteLine(line)
		}
		if len(p.tail) == tailLines {
			p.tail = append(p.tail[:0], p.tail[1:]...)
		}
		p.tail = append(p.tail, line)
		p.mu.Unlock()
	}
	// Drain what a scanner error left, so Blender never blocks on a full pipe.
	io.Copy(io.Discard, r)
}

// render sends one task and waits for its answer. A cancelled ctx kills the
// process: Blender cannot be interrupted mid-frame through stdin. Blender's
// output while the task runs goes to log, when it is not nil.
func (p *process) render(ctx context.Context, t wireTask, progress ProgressFunc, log *renderer.LogTail) error {
	if log != nil {
		// A warm process loaded its scene once, for its first task: its
		// warnings then (a missing texture) belong to every task's log.
		if load := p.loadLog.String(); load != "" {
			log.WriteLine("--- loading the scene ---")
			log.Write([]byte(load))
			log.WriteLine("--- rendering ---")
		}
	}
	p.mu.Lock()
	p.progress, p.taskLog = progress, log
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.progress, p.taskLog = nil, nil
		p.mu.Unlock()
	}()

	line, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("blender: %w", err)
	}
	if _, err := p.proc.Stdin().Write(append(line, '\n')); err != nil {
		return p.diedErr("receiving a task")
	}
	for {
		select {
		case m, ok := <-p.msgs:
			switch {
			case !ok:
				return p.diedErr(fmt.Sprintf("rendering frame %d", t.Frame))
			case m.ID != t.ID:
				continue // not ours: cannot happen while tasks do not overlap
			case m.Error != "":
				return fmt.Errorf("blender: scene %s frame %d: %s", p.scene, t.Frame, m.Error)
			default:
				return nil
			}
		case <-ctx.Done():
			p.close()
			return ctx.Err()
		}
	}
}

// diedErr describes the end of the process with its exit status and its
// last lines of output, which hold Blender's own explanation.
func (p *process) diedErr(doing string) error {
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.close()
	}
	status := "killed"
	select {
	case <-p.done:
		status = "exit status 0"
		if p.waitErr != nil {
			status = p.waitErr.Error()
		}
	default:
	}
	p.mu.Lock()
	tail := strings.Join(p.tail, "\n")
	p.mu.Unlock()
	return fmt.Errorf("%w while %s (scene %s, %s); its last output:\n%s", errDied, doing, p.scene, status, tail)
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// close kills the process, waits until it and its output reader are done
// and removes its result directory. Killing is safe: the driver writes
// nothing that outlives a task.
func (p *process) close() {
	p.closeOnce.Do(func() {
		p.proc.Stdin().Close()
		p.proc.Kill()
		for range p.msgs {
		}
		<-p.done
		os.RemoveAll(p.outDir)
	})
}

// errNoAnswer means a one-shot run of the driver ended without its
// message: Blender failed (or crashed) before the driver could answer.
var errNoAnswer = errors.New("no answer from the driver")

// runDriver runs Blender with the driver in a one-shot mode (probe, devices)
// and returns the driver's message.
func runDriver(ctx context.Context, cfg Config, driver, mode string, args ...string) (message, error) {
	return runLaunch(ctx, cfg, mode, Launch{Driver: driver}, args...)
}

// runLaunch is runDriver for a run that touches more than the driver (l
// names the paths; its Binary and Args are filled in here).
func runLaunch(ctx context.Context, cfg Config, mode string, l Launch, args ...string) (message, error) {
	m, _, err := runLaunchOutput(ctx, cfg, mode, l, args...)
	return m, err
}

// runLaunchOutput is runLaunch giving Blender's output too.
func runLaunchOutput(ctx context.Context, cfg Config, mode string, l Launch, args ...string) (message, string, error) {
	l.Binary = cfg.Binary
	l.Args = blenderArgs(l.Driver, append([]string{mode}, args...)...)
	proc, err := cfg.start(ctx, l)
	if err != nil {
		return message{}, "", err
	}
	stop := context.AfterFunc(ctx, func() { proc.Kill() })
	output := proc.Output()
	out, _ := io.ReadAll(output)
	output.Close()
	err = proc.Wait()
	stop()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	if m, ok := parseAnswer(string(out)); ok {
		return m, string(out), nil
	}
	if err == nil {
		err = errNoAnswer
	} else if ctx.Err() == nil {
		err = fmt.Errorf("%w (%v)", errNoAnswer, err)
	}
	return message{}, string(out), fmt.Errorf("blender: %s %s: %w; output:\n%s", cfg.Binary, mode, err, lastLines(string(out), tailLines))
}

// runProbe reads Blender's version and abilities; withDevices adds the
// compute devices Cycles finds (Devices' list) to the same run.
func runProbe(ctx context.Context, cfg Config, driver string, withDevices bool) (probeInfo, []string, error) {
	args := []string{}
	if withDevices {
		args = append(args, "devices")
	}
	m, err := runDriver(ctx, cfg, driver, "probe", args...)
	if err != nil {
		return probeInfo{}, nil, err
	}
	if m.Probe == nil || withDevices && len(m.Devices) == 0 {
		return probeInfo{}, nil, fmt.Errorf("blender: probe: unexpected answer %+v", m)
	}
	return *m.Probe, m.Devices, nil
}

// Devices lists the compute devices this Blender can render on, through
// Cycles' own preferences API: always "CPU", then one "KIND:name" per GPU,
// for example "CUDA:NVIDIA GeForce RTX 3090" or "OPTIX:NVIDIA GeForce RTX
// 3090". KIND is what Config.Device takes. It runs Blender once (about 1 s).
func (r *Renderer) Devices(ctx context.Context) ([]string, error) {
	m, err := runDriver(ctx, r.cfg, r.driverPath, "devices")
	if err != nil {
		return nil, err
	}
	if len(m.Devices) == 0 {
		return nil, fmt.Errorf("blender: devices: unexpected answer %+v", m)
	}
	return m.Devices, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// sceneHashes caches the content hash of scene files by path, size and
// modification time, so a scene is hashed once, not once per tile.
type sceneHashes struct {
	mu   sync.Mutex
	byID map[string]sceneHash
}

type sceneHash struct {
	size    int64
	modTime time.Time
	sum     string
}

// key names a scene's warm process: its path and content, so a scene file
// replaced under the same name gets a fresh process.
func (h *sceneHashes) key(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	h.mu.Lock()
	c, ok := h.byID[path]
	h.mu.Unlock()
	if ok && c.size == st.Size() && c.modTime.Equal(st.ModTime()) {
		return path + "@" + c.sum, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	c = sceneHash{size: st.Size(), modTime: st.ModTime(), sum: hex.EncodeToString(sum.Sum(nil))}
	h.mu.Lock()
	if h.byID == nil {
		h.byID = map[string]sceneHash{}
	}
	h.byID[path] = c
	h.mu.Unlock()
	return path + "@" + c.sum, nil
}
