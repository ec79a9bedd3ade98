package gui

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// The form's fields, as keys of FieldErrors.
const (
	FieldScene      = "scene"
	FieldFrames     = "frames"
	FieldResolution = "resolution"
	FieldSamples    = "samples"
	FieldSeed       = "seed"
	FieldTiles      = "tiles"
	FieldBudget     = "budget"
	FieldMaxPrice   = "max_price"
	FieldPriority   = "priority"
)

// FieldErrors maps a form field to the reason its value is rejected.
type FieldErrors map[string]string

// TrustRates maps each trust level (1 to len) to the fraction of tiles
// re-rendered elsewhere to check them. The steps are uneven on purpose: the
// low end is cheap insurance, the high end is for work that must be right.
var TrustRates = []float64{0.01, 0.02, 0.05, 0.10, 0.25}

// DefaultTrustLevel gives the CLI's default verify rate (5%).
const DefaultTrustLevel = 3

// TrustLabel says what a trust level means, with the number it maps to.
func TrustLabel(level int) string {
	rate := TrustRates[clampLevel(level)-1]
	return fmt.Sprintf("Trust level %d of %d: re-render %s of tiles on another node to check them", clampLevel(level), len(TrustRates), percent(rate))
}

func clampLevel(level int) int { return min(max(level, 1), len(TrustRates)) }

func percent(f float64) string { return strconv.FormatFloat(100*f, 'f', -1, 64) + "%" }

// RendererFor names the backend for a scene file by its extension, or ""
// when conun cannot render that kind of file.
func RendererFor(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gltf", ".glb":
		return "pathtracer"
	case ".blend":
		return "blender"
	}
	return ""
}

// Form is the new-render form's state: the text the artist typed, before it
// is checked. Its zero value is empty; NewForm fills the defaults.
type Form struct {
	ScenePath  string
	Frames     string
	Resolution string
	Samples    string
	Seed       string
	Tiles      string
	Budget     string
	MaxPrice   string
	// Priority orders the job among its coordinator's others (-1000 to
	// 1000, higher first).
	Priority   string
	TrustLevel int
	// Depth is the output PNG's bits per channel, 8 or 16.
	Depth int
	// Format is the frames' format: "" or "png", or "exr" for linear float
	// OpenEXR (Depth then does not apply).
	Format string
	// Quality and Compression are the scene's JPEG quality and PNG
	// compression as read from it (api.JobSpec.TakeScene); each goes into
	// the spec while the output is of its format, so an artist's scene
	// renders as saved, and another output choice drops it.
	Quality     int
	Compression *int
	// Denoise asks for the renderer's denoiser: the scene's own setting
	// when it has one.
	Denoise bool
	// Device is the device class the job renders on ("CPU", "CUDA"), ""
	// for any; Release the renderer release ("blender-4.3.2"), "" for
	// any: both picked from what the cluster's members advertise.
	Device, Release string
	// SceneFrames is the scene's own frame range when it could be read
	// (glTF), so frames outside it are caught before upload.
	SceneFrames *tiler.Frames
	// SceneFPS is the scene's frame rate when it could be read (0: not
	// known); the job keeps it so its flipbook plays at the scene's speed.
	SceneFPS float64
	// SceneBorder is the scene's render region as Blender keeps it
	// (renderer.SceneUsage.Border), nil without one, and SceneCrop its
	// crop: the job renders that region of whatever resolution the form
	// has, as Blender would (api.BorderRegion).
	SceneBorder *[4]float32
	SceneCrop   bool
	// WholeFrame renders the whole frame of a scene that has a render
	// region (a border left on by accident, as `--region full` does).
	WholeFrame bool
}

// NewForm returns the form with the CLI's defaults.
func NewForm() Form {
	res := api.DefaultResolution
	return Form{
		Frames: "1", Resolution: res.String(), Samples: strconv.Itoa(api.DefaultSamples), Seed: "0",
		Tiles: api.DefaultTiles(res).String(), Budget: "0", MaxPrice: "0", Priority: strconv.Itoa(api.DefaultPriority),
		TrustLevel: DefaultTrustLevel, Depth: api.DefaultDepth,
	}
}

// Spec checks every field and returns the job spec the form describes, with
// Scene (the hash) left for the upload to fill. Every rejected field is in
// the FieldErrors, each with its reason, so the form can show them all at
// once; the spec is only meaningful when there are none.
func (f Form) Spec() (api.JobSpec, FieldErrors) {
	errs := FieldErrors{}
	spec := api.JobSpec{Depth: f.Depth, Format: f.Format, Denoise: f.Denoise, VerifyRate: TrustRates[clampLevel(f.TrustLevel)-1],
		Device: f.Device, RendererVersion: f.Release}
	if f.SceneFPS > 0 && f.SceneFPS <= 1000 { // an odd rate plays at the default
		spec.FPS = f.SceneFPS
	}
	if spec.Depth == 0 {
		spec.Depth = api.DefaultDepth
	}
	switch spec.Format {
	case api.FormatJPEG:
		spec.Quality = f.Quality
	case "", api.FormatPNG:
		spec.Compression = f.Compression
	}

	path := strings.TrimSpace(f.ScenePath)
	switch {
	case path == "":
		errs[FieldScene] = "pick a scene file (.blend, .gltf or .glb)"
	case RendererFor(path) == "":
		errs[FieldScene] = fmt.Sprintf("%s: conun renders .blend, .gltf and .glb files, not %q", filepath.Base(path), filepath.Ext(path))
	default:
		spec.SceneName, spec.Renderer = filepath.Base(path), RendererFor(path)
	}

	var err error
	if spec.Frames, err = tiler.ParseFrames(strings.TrimSpace(f.Frames)); err != nil {
		errs[FieldFrames] = reason(err)
	} else if sf := f.SceneFrames; sf != nil && (spec.Frames.Start < sf.Start || spec.Frames.End > sf.End) {
		errs[FieldFrames] = fmt.Sprintf("frames %s: the scene has frames %d-%d", spec.Frames, sf.Start, sf.End)
	}
	if spec.Resolution, err = tiler.ParseResolution(strings.TrimSpace(f.Resolution)); err != nil {
		errs[FieldResolution] = reason(err)
	}
	if f.SceneBorder != nil && !f.WholeFrame && errs[FieldResolution] == "" {
		spec.Region = api.BorderRegion(*f.SceneBorder, f.SceneCrop, spec.Resolution)
	}
	if spec.Tiles, err = tiler.ParseGrid(strings.TrimSpace(f.Tiles)); err != nil {
		errs[FieldTiles] = reason(err)
	} else if errs[FieldResolution] == "" && (spec.Tiles.Cols > spec.Resolution.Width || spec.Tiles.Rows > spec.Resolution.Height) {
		errs[FieldTiles] = fmt.Sprintf("tiles %s: more tiles than pixels in a %s frame", spec.Tiles, spec.Resolution)
	}

	if n, err := strconv.Atoi(strings.TrimSpace(f.Samples)); err != nil || n < 1 || n > api.MaxSamples {
		errs[FieldSamples] = fmt.Sprintf("samples %q: want a whole number from 1 to %d", f.Samples, api.MaxSamples)
	} else {
		spec.Samples = n
	}
	if n, err := strconv.ParseUint(strings.TrimSpace(f.Seed), 10, 64); err != nil {
		errs[FieldSeed] = fmt.Sprintf("seed %q: want a whole number >= 0", f.Seed)
	} else {
		spec.Seed = n
	}
	if n, err := strconv.Atoi(strings.TrimSpace(f.Priority)); err != nil || n < -1000 || n > 1000 {
		errs[FieldPriority] = fmt.Sprintf("priority %q: want a whole number from -1000 to 1000 (higher renders first)", f.Priority)
	} else {
		spec.Priority = n
	}
	if spec.Budget, err = tokens(f.Budget); err != nil {
		errs[FieldBudget] = "budget " + err.Error()
	}
	if spec.MaxPrice, err = tokens(f.MaxPrice); err != nil {
		errs[FieldMaxPrice] = "max price " + err.Error()
	}
	return spec, errs
}

// tokens reads an amount of tokens; empty means 0, no limit.
func tokens(s string) (api.Tokens, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return api.Tokens{}, nil
	}
	v, err := api.ParseTokens(s)
	if err != nil {
		return v, fmt.Errorf("want tokens >= 0, 0 for no limit: %w", err)
	}
	return v, nil
}

// reason strips the sentinel's prefix ("bad job spec: ") that tiler puts on
// its errors: next to the field it says nothing the user needs.
func reason(err error) string {
	msg := err.Error()
	if errors.Is(err, tiler.ErrBadSpec) {
		msg = strings.TrimPrefix(msg, tiler.ErrBadSpec.Error()+": ")
	}
	return msg
}

// newNonce returns a random nonce, so re-submitting a spec makes a new job
// instead of finding the old one (the job id is the spec's hash).
func newNonce() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
