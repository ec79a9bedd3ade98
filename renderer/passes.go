package renderer

import (
	"errors"
	"fmt"
	"image"
	"maps"
	"math"
	"slices"
	"strings"
)

// Passes is a multi-channel float image: the raw render passes of a tile or
// a frame, before any compositing or colour management. Channels are named
// as Blender names them in a multilayer OpenEXR, "ViewLayer.Combined.R",
// "ViewLayer.Depth.Z", "ViewLayer.Normal.X": view layer, pass, channel.
// Tiles of raw passes stitch exactly (Draw) into the frame's, which a finish
// step composites once (Finisher).
type Passes struct {
	// Rect is the image's bounds, in frame coordinates like HDR's.
	Rect image.Rectangle
	// Channels are sorted by name, each with Rect.Dx()*Rect.Dy() values.
	Channels []Channel
	// Meta holds Blender's string metadata of the scene, as OpenEXR
	// string attributes: its Cryptomatte layer names and manifests
	// ("cryptomatte/<id>/name", ".../manifest"), which its Cryptomatte
	// node reads, and its stamp fields (Scene, Camera, Note ...), which
	// a multilayer frame keeps. Draw fills a frame's from its first tile
	// (a multilayer frame's is its tiles' majority: farm's layerMeta).
	Meta map[string]string `json:",omitempty"`
}

// Channel is one named plane of a Passes image.
type Channel struct {
	// Name is "Layer.Pass.Channel" (Blender's multilayer naming).
	Name string
	// Pix holds the values row by row.
	Pix []float32
}

// NewPasses returns a Passes of zeros with bounds r and the named channels,
// sorted by name. It fails for a duplicate name or an image too large.
func NewPasses(r image.Rectangle, names []string) (*Passes, error) {
	if r.Dx() < 1 || r.Dy() < 1 || r.Dx() > MaxDimension || r.Dy() > MaxDimension {
		return nil, fmt.Errorf("passes: bounds %v: width and height must be 1..%d", r, MaxDimension)
	}
	names = slices.Clone(names)
	slices.Sort(names)
	p := &Passes{Rect: r, Channels: make([]Channel, len(names))}
	for i, n := range names {
		if i > 0 && names[i-1] == n {
			return nil, fmt.Errorf("passes: channel %q appears twice", n)
		}
		p.Channels[i] = Channel{Name: n, Pix: make([]float32, r.Dx()*r.Dy())}
	}
	return p, nil
}

// Names returns the channels' names in order.
func (p *Passes) Names() []string {
	out := make([]string, len(p.Channels))
	for i, c := range p.Channels {
		out[i] = c.Name
	}
	return out
}

// Channel returns the channel called name, or nil.
func (p *Passes) Channel(name string) *Channel {
	i, ok := slices.BinarySearchFunc(p.Channels, name, func(c Channel, n string) int { return strings.Compare(c.Name, n) })
	if !ok {
		return nil
	}
	return &p.Channels[i]
}

// ErrPassesMismatch is wrapped by Draw's error when a tile's channels are
// not the frame's: tiles of one frame must carry the same passes.
var ErrPassesMismatch = errors.New("passes do not match")

// Draw copies src into p where their bounds overlap, channel by channel:
// tiles are drawn into a frame at their own place. Both must have the same
// channels.
func (p *Passes) Draw(src *Passes) error {
	if !slices.Equal(p.Names(), src.Names()) {
		return fmt.Errorf("%w: tile has channels %s, frame has %s", ErrPassesMismatch,
			strings.Join(src.Names(), ","), strings.Join(p.Names(), ","))
	}
	if p.Meta == nil && src.Meta != nil {
		p.Meta = maps.Clone(src.Meta)
	}
	r := p.Rect.Intersect(src.Rect)
	n := r.Dx()
	for i := range p.Channels {
		dst, s := p.Channels[i].Pix, src.Channels[i].Pix
		for y := r.Min.Y; y < r.Max.Y; y++ {
			do := (y-p.Rect.Min.Y)*p.Rect.Dx() + r.Min.X - p.Rect.Min.X
			so := (y-src.Rect.Min.Y)*src.Rect.Dx() + r.Min.X - src.Rect.Min.X
			copy(dst[do:do+n], s[so:so+n])
		}
	}
	return nil
}

// Crop returns a copy of the part of p inside r (intersected with p's
// bounds): a check compares crops of raw passes, never composited pixels.
func (p *Passes) Crop(r image.Rectangle) *Passes {
	r = r.Intersect(p.Rect)
	out := &Passes{Rect: r, Channels: make([]Channel, len(p.Channels)), Meta: maps.Clone(p.Meta)}
	for i, c := range p.Channels {
		out.Channels[i] = Channel{Name: c.Name, Pix: make([]float32, r.Dx()*r.Dy())}
	}
	if r.Empty() {
		return out
	}
	_ = out.Draw(p) // same channels by construction
	return out
}

// Keep returns p with only the channels whose "Layer.Pass" is in passes;
// a numbered pass ("Layer.CryptoObject00") is kept for its unnumbered name
// ("Layer.CryptoObject"), as Blender's Cryptomatte ranks are numbered.
// The channels are shared, not copied.
func (p *Passes) Keep(passes []string) *Passes {
	out := &Passes{Rect: p.Rect, Meta: p.Meta}
	for _, c := range p.Channels {
		if pass, ok := PassOf(c.Name); ok && slices.Contains(passes, pass) {
			out.Channels = append(out.Channels, c)
		}
	}
	return out
}

// PassOf returns the pass a channel belongs to, as SceneUsage.Passes names
// it: "Layer.Pass" of "Layer.Pass.Channel", without the rank number of a
// Cryptomatte pass ("Layer.CryptoObject00.R" is "Layer.CryptoObject").
func PassOf(channel string) (pass string, ok bool) {
	i := strings.LastIndexByte(channel, '.')
	if i < 0 {
		return "", false
	}
	pass = channel[:i]
	if j := strings.LastIndexByte(pass, '.'); j >= 0 && strings.HasPrefix(pass[j+1:], "Crypto") {
		pass = strings.TrimRight(pass, "0123456789")
	}
	return pass, true
}

// DenoisingPasses returns the passes a denoiser needs besides the noisy
// image, for every view layer whose Combined pass is among passes
// ("ViewLayer.Combined"): its "Denoising Albedo" and "Denoising Normal",
// as Cycles names them when a view layer stores its denoising data. They
// travel with tiles whose frame is denoised whole in the finish step.
func DenoisingPasses(passes []string) []string {
	var out []string
	for _, p := range passes {
		if layer, ok := strings.CutSuffix(p, ".Combined"); ok {
			out = append(out, layer+".Denoising Albedo", layer+".Denoising Normal")
		}
	}
	slices.Sort(out)
	return out
}

// Finite reports whether every value is a finite number: renderers never
// produce NaN or infinities, so a tile holding one is broken or forged.
func (p *Passes) Finite() bool {
	for _, c := range p.Channels {
		for _, v := range c.Pix {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return false
			}
		}
	}
	return true
}

// Combined returns the first view layer's Combined pass (in name order,
// or layer's when given) as an HDR image, alpha 1 where it has none; nil
// when there is none. It is the linear preview of a raw-pass tile.
func (p *Passes) Combined(layer string) *HDR {
	if layer == "" {
		for _, c := range p.Channels {
			if l, ok := strings.CutSuffix(c.Name, ".Combined.R"); ok {
				layer = l
				break
			}
		}
	}
	var src [4]*Channel
	for k, ch := range []string{"R", "G", "B", "A"} {
		src[k] = p.Channel(layer + ".Combined." + ch)
	}
	if src[0] == nil || src[1] == nil || src[2] == nil {
		return nil
	}
	m := NewHDR(p.Rect)
	for k, c := range src {
		for i := 0; i < p.Rect.Dx()*p.Rect.Dy(); i++ {
			v := float32(1)
			if c != nil {
				v = c.Pix[i]
			}
			m.Pix[4*i+k] = v
		}
	}
	return m
}

// Unrendered is the value Blender's render result holds in a pass where
// nothing was rendered, outside an uncropped render region, which its
// compositor then reads: Depth is "far", 1e11 before Blender 5 and 1e10
// since, Vector its largest speed, 10000, and every other pass 0
// (measured on 3.4.1, 4.3.2 and 5.2.2; the releases between 4.3 and 5.0
// are taken to be 4.3's). pass is "Layer.Pass"; build the renderer's.
func Unrendered(pass string, build Build) float32 {
	switch pass[strings.LastIndexByte(pass, '.')+1:] {
	case "Depth":
		if build.AtLeast(nearerFarSince) {
			return 1e10
		}
		return 1e11
	case "Vector":
		return 10000
	}
	return 0
}

// nearerFarSince is the first Blender release whose unrendered Depth is
// 1e10 (Unrendered).
const nearerFarSince = "5.0"

// FillOutside sets every channel of p outside r to what Blender's render
// result holds where nothing was rendered (Unrendered of build): the
// frame of an uncropped render region as Blender's compositor sees it.
func (p *Passes) FillOutside(r image.Rectangle, build Build) {
	w := p.Rect.Dx()
	for _, c := range p.Channels {
		pass, ok := PassOf(c.Name)
		if !ok {
			continue
		}
		v := Unrendered(pass, build)
		for y := p.Rect.Min.Y; y < p.Rect.Max.Y; y++ {
			row := c.Pix[(y-p.Rect.Min.Y)*w : (y-p.Rect.Min.Y+1)*w]
			for x := p.Rect.Min.X; x < p.Rect.Max.X; x++ {
				if !image.Pt(x, y).In(r) {
					row[x-p.Rect.Min.X] = v
				}
			}
		}
	}
}
