// Package api is the farm's client API as data: job specs, states, events,
// statuses and reports, members, wallets, manifests, and the Client that
// talks to a node. The CLI and the desktop app import this package alone,
// so they carry none of the node's machinery (gossip, store, chain).
package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"path"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// ErrBadJob is wrapped by every error that rejects a job spec, so the client
// API can answer 400 with the reason.
var ErrBadJob = errors.New("bad job")

// JobSpec is everything that decides a job's pixels and its price. Its hash
// is the job's identity.
type JobSpec struct {
	// Scene is the sha256 (hex) of the scene blob, uploaded before submit.
	Scene string `json:"scene"`
	// SceneName is the scene's file name; its extension picks the loader.
	SceneName string `json:"scene_name"`
	// Renderer is the backend's name, e.g. "pathtracer".
	Renderer string       `json:"renderer"`
	Frames   tiler.Frames `json:"frames"`
	// FPS is the scene's frame rate, which plays the frames back (the
	// app's flipbook); it changes no pixel. 0: not known.
	FPS        float64          `json:"fps,omitempty"`
	Resolution tiler.Resolution `json:"resolution"`
	Samples    int              `json:"samples"`
	Seed       uint64           `json:"seed"`
	Tiles      tiler.Grid       `json:"tiles"`
	// Region, when set, is the scene's render region: only it is
	// rendered (nil: the whole frame).
	Region *Region `json:"region,omitempty"`
	// Depth is the output's bits per channel: 8 or 16 (PNG, TIFF); JPEG
	// is 8 only.
	Depth int `json:"depth"`
	// Format is the frames' file format: "png" (the default, also ""),
	// "jpeg", "tiff", "exr": linear, scene-referred 32-bit float
	// OpenEXR, for compositing, or "exr-multilayer": every render pass
	// and the composite in one OpenEXR, at the scene's own float depth
	// and compression. Depth does not apply to either.
	Format string `json:"format,omitempty"`
	// Quality is a JPEG frame's quality, 1 to 100 (0: 90, Blender's
	// default); it applies to JPEG only.
	Quality int `json:"quality,omitempty"`
	// Compression is a PNG frame's compression, 0 to 100 as Blender's
	// own setting (0: none, the fastest and largest; 100: the smallest);
	// nil means DefaultPNGCompression, Blender's default. It changes the
	// file's size and the time to write it, never a pixel.
	Compression *int `json:"compression,omitempty"`
	// Budget is the most the requester will pay for the job, in tokens;
	// 0 means no limit. It is locked in escrow once the chain is wired in.
	Budget Tokens `json:"budget,omitzero"`
	// VerifyRate is the fraction of tasks spot-checked by re-rendering,
	// 0 to 1; used once the verifier is wired in.
	VerifyRate float64 `json:"verify_rate,omitempty"`
	// Device, when set, asks for a compute device class ("CPU", "CUDA",
	// "OPTIX", "HIP", "METAL"): only nodes whose renderer version names it
	// ("blender-3.4.1/cycles-cuda") get the job's tasks.
	Device string `json:"device,omitempty"`
	// Denoise asks for the renderer's denoiser; only nodes whose renderer
	// version advertises one ("+oidn") get the job's tasks.
	Denoise bool `json:"denoise,omitempty"`
	// RendererVersion, when set, restricts the job to nodes running exactly
	// this build of the renderer ("blender-4.3.2/cycles-cpu+oidn", for
	// pixel-exact continuity) or, without a '/', any build of this release
	// ("blender-4.3.2", what the app's form offers).
	RendererVersion string `json:"renderer_version,omitempty"`
	// MaxPrice, when above 0, excludes nodes asking more per task.
	MaxPrice Tokens `json:"max_price,omitzero"`
	// Priority orders a coordinator's jobs: higher first, then oldest.
	Priority int `json:"priority,omitempty"`
	// Nonce tells apart two submissions of the same spec.
	Nonce string `json:"nonce,omitempty"`
	// Preview asks for a preview pass first (preview.go): the job waits
	// in JobAwaiting, its budget not yet locked, until its requester
	// approves it.
	Preview bool `json:"preview,omitempty"`
	// PreviewOf marks the preview pass of the job it names: unpaid and
	// unchecked. Only a coordinator sets it (PreviewSpec); a submitted
	// spec carrying it is refused.
	PreviewOf string `json:"preview_of,omitempty"`
}

// Region is a render region (Blender's border): the part of the frame a
// job renders, in pixels of the frame (origin top-left, X1 and Y1
// exclusive). Cropped, each frame is the region alone; otherwise it is
// the whole frame, empty outside the region (black, or transparent where
// the output has alpha), as Blender's own render writes it.
type Region struct {
	X0   int  `json:"x0"`
	Y0   int  `json:"y0"`
	X1   int  `json:"x1"`
	Y1   int  `json:"y1"`
	Crop bool `json:"crop,omitempty"`
}

// Rect is the region's rectangle in the frame.
func (r Region) Rect() image.Rectangle { return image.Rect(r.X0, r.Y0, r.X1, r.Y1) }

// String says the region as a user reads it: "24x13 at 4,10 (the frame
// cropped to it)".
func (r Region) String() string {
	s := fmt.Sprintf("%dx%d at %d,%d", r.X1-r.X0, r.Y1-r.Y0, r.X0, r.Y0)
	if r.Crop {
		return s + " (the frame cropped to it)"
	}
	return s + " (the rest of the frame left empty)"
}

// Area is the part of each frame the job renders: its region, or the
// whole frame.
func (s JobSpec) Area() image.Rectangle {
	if s.Region != nil {
		return s.Region.Rect()
	}
	return s.Resolution.Rect()
}

// RegionRect is the render region's rectangle, empty without one (what
// a task is told of it: renderer.Task.Area).
func (s JobSpec) RegionRect() image.Rectangle {
	if s.Region == nil {
		return image.Rectangle{}
	}
	return s.Region.Rect()
}

// FinishRect is what a finish task composites: a cropped region alone,
// else the whole frame. An uncropped region is composited within its
// whole frame (nothing outside it rendered), as Blender composites it:
// measured, Lens Distortion centres on the frame, not on the region.
func (s JobSpec) FinishRect() image.Rectangle {
	if s.Region != nil && s.Region.Crop {
		return s.Region.Rect()
	}
	return s.Resolution.Rect()
}

// FrameSize is the size of the frames the job writes: the region's when
// it is cropped, else the resolution.
func (s JobSpec) FrameSize() tiler.Resolution {
	if s.Region != nil && s.Region.Crop {
		return tiler.Resolution{Width: s.Region.X1 - s.Region.X0, Height: s.Region.Y1 - s.Region.Y0}
	}
	return s.Resolution
}

// Plan lists the job's tile tasks (tiler.Plan over its Area), as every
// node numbers them.
func (s JobSpec) Plan() []tiler.Tile { return tiler.Plan(s.Frames, s.Area(), s.Tiles) }

// badJob marks an error from another package's validation as ErrBadJob
// without adding a second "bad ..." prefix to its message.
type badJob struct{ err error }

func (e badJob) Error() string   { return e.err.Error() }
func (e badJob) Unwrap() []error { return []error{ErrBadJob, e.err} }

// MaxSamples bounds samples per pixel; far beyond what any job needs.
const MaxSamples = 1 << 16

// Validate checks the spec's fields on their own; the coordinator also checks
// them against the scene (frame range) at submit.
func (s JobSpec) Validate() error {
	if len(s.Scene) != 64 || strings.Trim(s.Scene, "0123456789abcdef") != "" {
		return fmt.Errorf("%w: scene %q is not a sha256 hex digest", ErrBadJob, s.Scene)
	}
	if s.SceneName == "" || path.Base(s.SceneName) != s.SceneName {
		return fmt.Errorf("%w: scene name %q must be a plain file name", ErrBadJob, s.SceneName)
	}
	if s.Renderer == "" {
		return fmt.Errorf("%w: no renderer named", ErrBadJob)
	}
	for _, err := range []error{s.Frames.Validate(), s.Resolution.Validate(), s.Tiles.Validate()} {
		if err != nil {
			return badJob{err}
		}
	}
	if r := s.Region; r != nil && (r.Rect().Empty() || !r.Rect().In(s.Resolution.Rect())) {
		return fmt.Errorf("%w: render region %v: must be a non-empty part of the %s frame (an empty one fails in Blender too, \"Image too small\")", ErrBadJob, r.Rect(), s.Resolution)
	}
	if s.Samples < 1 || s.Samples > MaxSamples {
		return fmt.Errorf("%w: samples %d: must be between 1 and %d", ErrBadJob, s.Samples, MaxSamples)
	}
	if s.Budget.Cmp(maxBudget) > 0 {
		return fmt.Errorf("%w: budget %s: must be between 0 and 1000000000000000000 tokens", ErrBadJob, s.Budget)
	}
	if !(s.FPS >= 0 && s.FPS <= 1000) {
		return fmt.Errorf("%w: fps %g: must be between 0 (not known) and 1000", ErrBadJob, s.FPS)
	}
	if s.Priority < -1000 || s.Priority > 1000 {
		return fmt.Errorf("%w: priority %d: must be between -1000 and 1000", ErrBadJob, s.Priority)
	}
	if !(s.VerifyRate >= 0 && s.VerifyRate <= 1) {
		return fmt.Errorf("%w: verify rate %v: must be between 0 and 1", ErrBadJob, s.VerifyRate)
	}
	switch strings.ToUpper(s.Device) {
	case "", "CPU", "CUDA", "OPTIX", "HIP", "METAL", "ONEAPI":
	default:
		return fmt.Errorf("%w: device %q: want CPU, CUDA, OPTIX, HIP, METAL or ONEAPI", ErrBadJob, s.Device)
	}
	if _, ok := frameExt[s.Format]; !ok {
		return fmt.Errorf("%w: format %q: want %s", ErrBadJob, s.Format, formatNames)
	}
	if s.Depth != 8 && s.Depth != 16 {
		return fmt.Errorf("%w: depth %d: must be 8 or 16", ErrBadJob, s.Depth)
	}
	if s.Format == FormatJPEG && s.Depth != 8 {
		return fmt.Errorf("%w: depth %d: JPEG is 8 bits per channel only: use --depth 8, or --format png or tiff for 16", ErrBadJob, s.Depth)
	}
	if s.Quality != 0 && s.Format != FormatJPEG {
		return fmt.Errorf("%w: quality %d: applies to JPEG frames only (format %q)", ErrBadJob, s.Quality, s.Format)
	}
	if s.Quality < 0 || s.Quality > 100 {
		return fmt.Errorf("%w: quality %d: must be between 1 and 100", ErrBadJob, s.Quality)
	}
	if c := s.Compression; c != nil {
		if s.Format != "" && s.Format != FormatPNG {
			return fmt.Errorf("%w: compression %d: applies to PNG frames only (format %q)", ErrBadJob, *c, s.Format)
		}
		if *c < 0 || *c > 100 {
			return fmt.Errorf("%w: compression %d: must be between 0 and 100", ErrBadJob, *c)
		}
	}
	if s.PreviewOf != "" {
		if _, err := ParseJobID(s.PreviewOf); err != nil || s.Preview {
			return fmt.Errorf("%w: preview_of %q: must name the previewed job's 16-digit id, on a spec without preview", ErrBadJob, s.PreviewOf)
		}
	}
	return nil
}

// JPEGQuality is the quality a JPEG job's frames are written with: its
// Quality, or Blender's default of 90.
func (s JobSpec) JPEGQuality() int {
	if s.Quality == 0 {
		return 90
	}
	return s.Quality
}

// DefaultPNGCompression is Blender's default PNG compression, 15%: zlib's
// fastest level.
const DefaultPNGCompression = renderer.DefaultPNGCompression

// PNGCompression is the compression a PNG job's frames are written with:
// its Compression, or Blender's default.
func (s JobSpec) PNGCompression() int {
	if s.Compression == nil {
		return DefaultPNGCompression
	}
	return *s.Compression
}

// Hash is the sha256 of the spec's JSON encoding. Field order is fixed by the
// struct, so the same spec always hashes the same.
func (s JobSpec) Hash() string {
	b, _ := json.Marshal(s) // a struct of plain fields cannot fail to encode
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// maxBudget is the largest budget a job may ask: 10^18 tokens, past any
// supply, as the float budget's bound was.
var maxBudget = MustTokens("1000000000000000000")

// ID is the job's short identity: the first 16 hex digits of Hash.
func (s JobSpec) ID() string { return s.Hash()[:16] }

// ParseFormat turns a user's format name into JobSpec.Format: "" for PNG,
// the default, so a PNG job's spec (and so its ID) is the same however it
// was asked for; "jpg" and "tif" are the extensions' spellings.
func ParseFormat(s string) (string, error) {
	switch f := strings.ToLower(s); f {
	case "", FormatPNG:
		return "", nil
	case "jpg":
		return FormatJPEG, nil
	case "tif":
		return FormatTIFF, nil
	default:
		if _, ok := frameExt[f]; ok {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w: format %q: want %s", ErrBadJob, s, formatNames)
}

// FrameName is the file name of frame n of a job's output in format
// (JobSpec.Format; "" is PNG), with the extension Blender gives it.
func FrameName(n int, format string) string {
	ext, ok := frameExt[format]
	if !ok {
		ext = format // not a job's format: Validate refuses it first
	}
	return fmt.Sprintf("frame_%04d.%s", n, ext)
}

// Output formats of a job's frames (JobSpec.Format).
const (
	FormatPNG  = "png"
	FormatEXR  = "exr"
	FormatJPEG = "jpeg"
	FormatTIFF = "tiff"
	// FormatEXRLayers is OpenEXR MultiLayer, as Blender writes it: every
	// pass of every view layer rendered, and the composite of a
	// composited scene, in one file of linear float channels.
	FormatEXRLayers = "exr-multilayer"
)

// frameExt is each format's file extension, as Blender names its files.
var frameExt = map[string]string{"": "png", FormatPNG: "png", FormatEXR: "exr", FormatEXRLayers: "exr", FormatJPEG: "jpg", FormatTIFF: "tif"}

// formatNames lists the formats for error messages.
const formatNames = "png, jpeg, tiff, exr or exr-multilayer"

// Prefix returns the first n bytes of s, or s when it is shorter: for
// showing a hash or an address from a node's answer, which a client must
// not trust to be as long as it should be.
func Prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
