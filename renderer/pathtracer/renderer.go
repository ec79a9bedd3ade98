// Package pathtracer is a pure-Go path tracer for self-contained glTF 2.0
// scenes, deterministic to the bit whatever the tiling or thread count.
//
// It renders triangle meshes with glTF metallic-roughness materials (plus
// KHR_materials_transmission, _ior and _emissive_strength), punctual lights
// (KHR_lights_punctual), emissive meshes as area lights, node animation, and
// a constant sky. Every random number a pixel uses is derived from (seed,
// frame, x, y, sample), so a tile renders to exactly the pixels the whole
// frame has there: the property the farm's checking depends on.
//
// Units: emissive radiance 1.0 and sky 1.0 display as white. Punctual light
// intensities are used as radiometric values scaled by Config.LightScale: a
// point or spot light of intensity I (candela in glTF) has radiant intensity
// I*LightScale W/sr, a directional light of intensity E (lux) gives
// irradiance E*LightScale W/m². With the default scale 1 this matches
// three.js's physically based lights without exposure, not Blender's watts.
//
// Simplifications, all deliberate: transmission is a smooth dielectric that
// refracts (closed meshes behave as solid glass, ignoring roughness and
// KHR_materials_volume); alpha modes render as OPAQUE; only the base colour
// texture is used (no normal, emissive, occlusion or metallic-roughness
// maps); light range is ignored; skins and morph targets are ignored.
package pathtracer

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/conun/conun/renderer"
)

// version identifies the pixels this code produces with DefaultConfig.
// Bump it whenever a change alters any pixel, so a checker never compares
// a worker's tile with a different renderer's.
const version = "pt-1"

// maxSceneBytes bounds the scene file read into memory.
const maxSceneBytes = 256 << 20

// Config holds the settings of a Renderer. Start from DefaultConfig.
type Config struct {
	// MaxDepth is the most times a path scatters after leaving the camera.
	MaxDepth int
	// RouletteDepth is the bounce from which Russian roulette may end paths
	// whose throughput has become small.
	RouletteDepth int
	// Sky is the constant linear RGB radiance of everything outside the
	// scene: the background and an ambient light.
	Sky [3]float64
	// FPS turns frame numbers into animation time: frame F is at time
	// (F-1)/FPS seconds.
	FPS float64
	// LightScale converts KHR_lights_punctual intensities into radiance
	// units; see the package documentation.
	LightScale float64
	// SampleClamp caps the brightest channel of a single sample's radiance,
	// trading a little energy for far fewer fireflies at low sample
	// counts. Zero disables it.
	SampleClamp float64
	// CacheSize is the number of parsed scenes kept in memory.
	CacheSize int
	// Limits bounds what a scene may make the renderer allocate; a scene
	// over them is refused (a *LimitError) before it is. Zero fields take
	// DefaultLimits' values.
	Limits Limits
}

// DefaultConfig returns the settings whose pixels Version names.
func DefaultConfig() Config {
	return Config{
		MaxDepth:      8,
		RouletteDepth: 3,
		Sky:           [3]float64{0.45, 0.55, 0.7},
		FPS:           24,
		LightScale:    1,
		SampleClamp:   10,
		CacheSize:     4,
		Limits:        DefaultLimits(),
	}
}

func (c Config) validate() error {
	switch {
	case c.MaxDepth < 1 || c.MaxDepth > 1024:
		return fmt.Errorf("pathtracer config: MaxDepth %d: must be 1..1024", c.MaxDepth)
	case c.RouletteDepth < 1:
		return fmt.Errorf("pathtracer config: RouletteDepth %d: must be >= 1", c.RouletteDepth)
	case !(c.FPS > 0 && c.FPS <= 1000):
		return fmt.Errorf("pathtracer config: FPS %g: must be in (0, 1000]", c.FPS)
	case !(c.LightScale >= 0) || math.IsInf(c.LightScale, 0):
		return fmt.Errorf("pathtracer config: LightScale %g: must be finite and >= 0", c.LightScale)
	case !(c.SampleClamp >= 0):
		return fmt.Errorf("pathtracer config: SampleClamp %g: must be >= 0", c.SampleClamp)
	case !allFinite(c.Sky[:]) || c.Sky[0] < 0 || c.Sky[1] < 0 || c.Sky[2] < 0:
		return fmt.Errorf("pathtracer config: Sky %v: must be finite and >= 0", c.Sky)
	}
	return nil
}

// Renderer is the path tracer. It is safe for concurrent use; parsed scenes
// and built frames are shared between calls through a small cache.
type Renderer struct {
	cfg   Config
	cache *sceneCache
}

var _ renderer.Renderer = (*Renderer)(nil)

// New returns a Renderer with the given settings. Invalid settings are
// reported by Render and Inspect.
func New(cfg Config) *Renderer {
	return &Renderer{cfg: cfg, cache: newSceneCache(cfg.CacheSize, cfg.Limits)}
}

// Name returns "pathtracer".
func (r *Renderer) Name() string { return "pathtracer" }

// Version identifies the pixels this renderer produces: the code version,
// plus a hash of the settings when they differ from DefaultConfig's, since
// they change pixels too.
func (r *Renderer) Version() string {
	d := DefaultConfig()
	c := r.cfg
	c.CacheSize, c.Limits = d.CacheSize, d.Limits // they do not change pixels
	if c == d {
		return version
	}
	h := sha256.New()
	for _, v := range []float64{float64(c.MaxDepth), float64(c.RouletteDepth), c.Sky[0], c.Sky[1], c.Sky[2], c.FPS, c.LightScale, c.SampleClamp} {
		binary.Write(h, binary.LittleEndian, v)
	}
	return fmt.Sprintf("%s-%x", version, h.Sum(nil)[:4])
}

// load reads and parses a scene through the cache. Errors in the scene
// itself wrap renderer.ErrBadTask; a file that cannot be read does not,
// since that may be the node's fault rather than the job's.
func (r *Renderer) load(path string) (*cacheEntry, error) {
	if err := r.cfg.validate(); err != nil {
		return nil, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: scene %s is not a regular file", renderer.ErrBadTask, path)
	}
	if st.Size() > maxSceneBytes {
		return nil, fmt.Errorf("%w: scene %s is %d bytes, more than the %d allowed", renderer.ErrBadTask, path, st.Size(), maxSceneBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", path, err)
	}
	e, err := r.cache.scene(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", renderer.ErrBadTask, err)
	}
	return e, nil
}

// Inspect reads the scene's frame range. glTF has no output resolution, so
// Width and Height are 0.
func (r *Renderer) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	if err := ctx.Err(); err != nil {
		return renderer.SceneInfo{}, err
	}
	e, err := r.load(scene)
	if err != nil {
		return renderer.SceneInfo{}, err
	}
	start, end := e.sc.frameRange(r.cfg.FPS)
	return renderer.SceneInfo{FrameStart: start, FrameEnd: end, FPS: r.cfg.FPS}, nil
}

// Render renders the task's region. The result's pixels depend only on the
// scene, the settings, Seed, Frame, Width, Height and Samples: never on the
// region's shape or Threads.
func (r *Renderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if err := t.Validate(); err != nil {
		return renderer.Result{}, err
	}
	if t.Denoise {
		return renderer.Result{}, fmt.Errorf("%w: the path tracer has no denoiser: render more samples instead", renderer.ErrBadTask)
	}
	w, err := r.frameWorld(t)
	if err != nil {
		return renderer.Result{}, err
	}

	tr := &tracer{
		w:        w,
		maxDepth: r.cfg.MaxDepth,
		rrDepth:  r.cfg.RouletteDepth,
		sky:      vec3{r.cfg.Sky[0], r.cfg.Sky[1], r.cfg.Sky[2]},
		clamp:    r.cfg.SampleClamp,
	}
	rect := t.Rect()
	img := image.NewNRGBA64(rect)
	var hdr *renderer.HDR
	if t.HDR {
		hdr = renderer.NewHDR(rect)
	}

	threads := t.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	threads = min(threads, rect.Dy())
	began := time.Now()
	// Rows are handed out one at a time: each row is written by exactly one
	// goroutine and each pixel is computed alone, so the schedule cannot
	// change a single bit.
	var next, rowsDone atomic.Int64
	next.Store(int64(rect.Min.Y))
	var wg sync.WaitGroup
	for i := 0; i < threads; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				y := int(next.Add(1) - 1)
				if y >= rect.Max.Y {
					return
				}
				for x := rect.Min.X; x < rect.Max.X; x++ {
					c := tr.pixel(x, y, t)
					img.SetNRGBA64(x, y, color.NRGBA64{renderer.SRGB16(c.x), renderer.SRGB16(c.y), renderer.SRGB16(c.z), 0xffff})
					if hdr != nil {
						hdr.Set(x, y, [4]float32{float32(c.x), float32(c.y), float32(c.z), 1})
					}
				}
				if t.Progress != nil {
					t.Progress(int(rowsDone.Add(1)), rect.Dy())
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return renderer.Result{}, fmt.Errorf("render %s frame %d: %w", filepath.Base(t.Scene), t.Frame, err)
	}
	// The path tracer prints nothing as it goes: its log is a summary of
	// what the task cost, which is what tells a slow scene from a slow node.
	log := fmt.Sprintf("pathtracer: %s frame %d region %v of %dx%d: %d samples per pixel, %d threads, %d lights, BVH of %d triangles in %d nodes, %d materials; rendered in %v\n",
		filepath.Base(t.Scene), t.Frame, rect, t.Width, t.Height, t.Samples, threads, len(w.lights), len(w.tris), len(w.nodes), len(w.mats), time.Since(began).Round(time.Millisecond))
	return renderer.Result{Image: img, HDR: hdr, Log: log}, nil
}

// frameWorld returns the world of the task's frame, built once and shared
// through the cache.
func (r *Renderer) frameWorld(t renderer.Task) (*world, error) {
	e, err := r.load(t.Scene)
	if err != nil {
		return nil, err
	}
	start, end := e.sc.frameRange(r.cfg.FPS)
	if t.Frame < start || t.Frame > end {
		return nil, fmt.Errorf("%w: frame %d is outside the scene's range %d-%d", renderer.ErrBadTask, t.Frame, start, end)
	}
	key := frameKey{frame: t.Frame, lightScale: r.cfg.LightScale, fps: r.cfg.FPS}
	if !e.sc.animated() {
		key.frame, key.fps = 1, 0 // every frame of a still is the same world
	}
	return e.world(key, func() *world {
		return e.sc.buildWorld(float64(t.Frame-1)/r.cfg.FPS, r.cfg.LightScale)
	}), nil
}

// pixel returns the mean linear radiance of pixel (x, y). Samples are
// summed in index order, so the float sum is the same on every run.
func (tr *tracer) pixel(x, y int, t renderer.Task) vec3 {
	var sum vec3
	cam := &tr.w.cam
	for s := 0; s < t.Samples; s++ {
		rg := newRNG(t.Seed, t.Frame, x, y, s)
		fx := float64(x) + rg.float()
		fy := float64(y) + rg.float()
		L := tr.radiance(cam.pos, cam.direction(fx, fy, t.Width, t.Height), &rg)
		if !L.finite() {
			continue // a numerical accident; dropping it beats a NaN pixel
		}
		if m := L.maxComp(); tr.clamp > 0 && m > tr.clamp {
			L = L.scale(tr.clamp / m)
		}
		sum = sum.add(L)
	}
	return sum.scale(1 / float64(t.Samples))
}
