package api

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TakeScene sets, for each of the job's settings the user did not give
// (given reports it by its CLI flag name: "res", "samples", "seed", "denoise",
// "format", "quality", "compression", "depth", "tiles", "region"), what the scene says, and returns what it took as
// words for the user. What an artist set up in the scene is what runs:
// the CLI and the app both start from it and never override it silently.
func (s *JobSpec) TakeScene(info renderer.SceneInfo, given func(setting string) bool) []string {
	u := info.Usage
	if u == nil {
		return nil // the scene says nothing of these (a glTF)
	}
	var taken []string
	if !given("res") && info.Width > 0 && info.Height > 0 {
		s.Resolution = tiler.Resolution{Width: info.Width, Height: info.Height}
		taken = append(taken, fmt.Sprintf("resolution %s", s.Resolution))
	}
	if !given("samples") && u.Samples > 0 {
		s.Samples = min(u.Samples, MaxSamples)
		taken = append(taken, Count(s.Samples, "sample"))
	}
	if !given("seed") && u.Seed > 0 {
		s.Seed = uint64(u.Seed)
		taken = append(taken, fmt.Sprintf("seed %d", s.Seed))
	}
	if u.AnimatedSeed {
		taken = append(taken, "animated seed (each frame's noise its own)")
	}
	if !given("denoise") && u.Denoise {
		s.Denoise = true
		taken = append(taken, "denoising")
	}
	if !given("format") && u.FileFormat != "" {
		format, ok := sceneFormats[u.FileFormat]
		switch {
		case !ok:
			// Said, not silently replaced: the artist chose that format.
			taken = append(taken, fmt.Sprintf("output format is %s, which the farm does not write: frames are PNG (choose png, jpeg, tiff, exr or exr-multilayer)", u.FileFormat))
		case format == FormatJPEG:
			s.Format = format
			if !given("quality") && u.Quality > 0 {
				s.Quality = u.Quality
			}
			taken = append(taken, fmt.Sprintf("JPEG output (quality %d)", s.JPEGQuality()))
		case format == FormatEXRLayers:
			if why := LayersRefusal(u, s.Denoise); why != "" {
				// Said, and the frames still OpenEXR: what the scene
				// renders as before, with the way to every pass.
				s.Format = FormatEXR
				taken = append(taken, "OpenEXR output, the image alone: no multilayer file, as "+why)
				break
			}
			s.Format = format
			taken = append(taken, "OpenEXR MultiLayer output ("+LayersOutput(u)+")")
		case format != "":
			s.Format = format
			taken = append(taken, map[string]string{FormatEXR: "OpenEXR", FormatTIFF: "TIFF"}[format]+" output")
		}
	}
	if !given("tiles") && len(u.WholeFrame) > 0 && s.Tiles.Cols*s.Tiles.Rows > 1 {
		// Tiles would not equal the whole frame: the scene's own render
		// decides, as it does for the settings above.
		s.Tiles = tiler.Grid{Cols: 1, Rows: 1}
		taken = append(taken, fmt.Sprintf("whole frames (%s; tiles would not match)", strings.Join(u.WholeFrame, "; ")))
	}
	if c := u.Compression; !given("compression") && u.FileFormat == "PNG" && (s.Format == "" || s.Format == FormatPNG) && c != nil && *c != DefaultPNGCompression {
		// A PNG scene's alone: Blender keeps the value, hidden, under
		// every other format. Its default is said by no word: it is the
		// farm's too.
		s.Compression = c
		taken = append(taken, fmt.Sprintf("PNG compression %d%%", *c))
	}
	if !given("depth") && (s.Format == "" || s.Format == FormatTIFF) && u.ColorDepth == "16" {
		s.Depth = 16
		taken = append(taken, "16-bit output")
	}
	// Said, not silently dropped: the farm cannot render it as the
	// scene's own render would.
	if u.Transparent && u.Sequencer {
		taken = append(taken, "transparent film through the sequencer, which the farm renders opaque")
	}
	if why := StampWords(u); why != "" {
		taken = append(taken, why)
	}
	if len(u.FileOutputs) > 0 {
		taken = append(taken, fmt.Sprintf("the compositor's File Output nodes (%s) are not run: the farm returns each frame, its composite", strings.Join(u.FileOutputs, ", ")))
	}
	if u.RenderRegion && u.Border != [4]float32{} && !given("region") { // an older node's inspection says no border
		if s.Region = BorderRegion(u.Border, u.CropToBorder, s.Resolution); s.Region != nil {
			taken = append(taken, "render region "+s.Region.String())
		}
	}
	return taken
}

// StampWords says how the farm draws a scene's burned-in stamp
// (SceneUsage.Stamp) where that differs from the scene's own render: the
// fields of one render left out, or no stamp at all through the
// sequencer; "" when it draws it as Blender does, or there is none.
func StampWords(u *renderer.SceneUsage) string {
	switch {
	case len(u.Stamp) == 0:
		return ""
	case u.Sequencer:
		return "no burned-in stamp: the scene renders through its sequencer, whose frames the farm cannot stamp once whole"
	case len(u.StampLeftOut) > 0:
		return fmt.Sprintf("burned-in stamp (%s) without %s: they describe one node's render, and the node checking it would draw others", stampLabels(u.Stamp), stampLabels(u.StampLeftOut))
	}
	return ""
}

// StampFields names a scene's stamp fields as Blender's Metadata panel
// does ("Date, Render Time, Frame").
func StampFields(u *renderer.SceneUsage) string { return stampLabels(u.Stamp) }

func stampLabels(fields []string) string {
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = cmp.Or(stampLabel[f], f)
	}
	return strings.Join(labels, ", ")
}

// stampLabel is the Metadata panel's label of each stamp field, by the
// suffix of its use_stamp_ setting.
var stampLabel = map[string]string{
	"filename": "Filename", "date": "Date", "render_time": "Render Time", "memory": "Memory",
	"hostname": "Hostname", "time": "Time", "frame": "Frame", "frame_range": "Frame Range",
	"camera": "Camera", "lens": "Lens", "scene": "Scene", "marker": "Marker",
	"sequencer_strip": "Strip Name", "note": "Note",
}

// BorderRegion is the region of a res frame that a Blender border covers
// (Border: fractions min x, max x, min y, max y, origin bottom-left), as
// Blender works it out: each fraction, a float32, times the size,
// truncated to a whole pixel. A border that covers the whole frame is no
// region (Blender then renders without one): nil. An empty one is
// returned as it is, which Validate refuses (Blender's own render of it
// fails, "Image too small").
func BorderRegion(border [4]float32, crop bool, res tiler.Resolution) *Region {
	at := func(f float32, size int) int { return int(float32(f * float32(size))) }
	x0, x1 := at(border[0], res.Width), at(border[1], res.Width)
	y0, y1 := res.Height-at(border[3], res.Height), res.Height-at(border[2], res.Height)
	r := &Region{X0: x0, Y0: y0, X1: x1, Y1: y1, Crop: crop}
	if r.Rect() == res.Rect() {
		return nil
	}
	return r
}

// sceneFormats are the job formats (JobSpec.Format) of the output formats
// a Blender scene may be saved with, by Blender's names.
var sceneFormats = map[string]string{
	"PNG": "", "JPEG": FormatJPEG, "TIFF": FormatTIFF,
	"OPEN_EXR": FormatEXR, "OPEN_EXR_MULTILAYER": FormatEXRLayers,
}

// TilesExact refuses a split into tiles that the scene's inspection says
// cannot equal its whole frame (TakeScene renders such a scene whole
// unless the user asked for tiles). The CLI says it before uploading; the
// coordinator (farm.PlanFrames) says it to every client.
func TilesExact(spec JobSpec, u *renderer.SceneUsage) error {
	if u == nil || len(u.WholeFrame) == 0 || spec.Tiles.Cols*spec.Tiles.Rows == 1 {
		return nil
	}
	return fmt.Errorf("%w: tiles %s: %s, so tiles would not equal the whole frame: submit it with tiles 1x1", ErrBadJob, spec.Tiles, strings.Join(u.WholeFrame, "; "))
}

// LayersOutput says in words how the farm writes a multilayer frame of a
// scene (FormatEXRLayers): its float depth and compression, the scene's
// own where the farm writes it.
func LayersOutput(u *renderer.SceneUsage) string {
	depth := "32-bit float"
	if u.ColorDepth == "16" {
		depth = "half float colour, 32-bit float data passes"
	}
	codec := LayersCodec(u.EXRCodec)
	if codec != u.EXRCodec && u.EXRCodec != "" {
		return fmt.Sprintf("%s, %s compression: the scene's %s is not one the farm writes", depth, codec, u.EXRCodec)
	}
	return fmt.Sprintf("%s, %s compression", depth, codec)
}

// LayersRefusal says, in words, why the farm cannot write a scene's
// frames as OpenEXR MultiLayer (denoise: the job's denoising), or "" when
// it can. An explicit request is refused with it (farm.PlanFrames); a
// scene saved so renders single-layer OpenEXR and says it (TakeScene).
func LayersRefusal(u *renderer.SceneUsage, denoise bool) string {
	switch {
	case len(u.Layers) == 0 && u.Engine == "CYCLES":
		return "the node's Blender listed none of the scene's render passes"
	case len(u.Layers) == 0:
		return fmt.Sprintf("the farm lists the render passes of Cycles scenes only, and this one renders with %s", cmp.Or(u.Engine, "another engine"))
	case denoise:
		// Blender's file holds each view layer's denoised image and its
		// noisy one; the farm denoises the composite alone.
		return "the farm makes no denoised multilayer file (each view layer's Combined would stay noisy): with denoising off, every pass is written"
	case u.Sequencer:
		return "the scene renders through its video sequencer, whose frames are not render passes"
	case len(u.Stamp) > 0:
		// Blender burns it into the composite, or else the first view
		// layer's Combined: a pass the farm stitches from tiles.
		return "the scene burns its stamp into the image (Output > Metadata > Burn Into Image), which the farm draws into single-image frames alone"
	case u.Compositing && slices.ContainsFunc(u.Layers, func(p string) bool { return strings.HasPrefix(p, "Composite.") }):
		return `a view layer is named "Composite", as the file's layer of the composite is: rename it`
	}
	if n := LayerChannels(u); n > MaxLayerChannels {
		return fmt.Sprintf("its passes have %d channels (Cryptomatte's ranks and the composite counted), more than the %d a frame holds: turn some passes off", n, MaxLayerChannels)
	}
	return ""
}

// LayerChannels counts the channels of a multilayer frame of a scene:
// its passes' (SceneUsage.LayerChannels; four a pass where a node does
// not say) and the composite's four.
func LayerChannels(u *renderer.SceneUsage) int {
	n := len(u.LayerChannels)
	if n == 0 {
		n = 4 * len(u.Layers)
	}
	if u.Compositing {
		n += 4
	}
	return n
}

// LayersCodec is the OpenEXR compression, in Blender's names, a
// multilayer frame of a scene saved with codec is written with: the
// scene's own where the farm writes it (NONE, RLE, ZIPS, ZIP), else ZIP,
// which loses nothing (as PIZ; PXR24 rounds floats, B44 and DWA halves).
func LayersCodec(codec string) string {
	switch codec {
	case "NONE", "RLE", "ZIPS", "ZIP":
		return codec
	}
	return "ZIP"
}
