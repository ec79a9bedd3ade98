package pathtracer

import "fmt"

// Limits bounds what one scene may make the loader and a frame's build
// allocate. Every count is checked before the thing counted is allocated:
// the JSON's arrays while the document is scanned, before it is decoded
// (jsonscan.go), and the memory a scene will take from the accessors'
// declared sizes and the images' headers, before any buffer is read or
// image decoded (budget.go). A zero field means its default, so a Config
// built without Limits (or sent by an older node) is still bounded.
//
// The defaults are far above any scene this renderer is meant for and far
// below what hurts a node. The bundled scenes use at most 8 nodes, 20
// accessors, 4,562 triangles, 15 animation keys, 400-odd JSON values and
// 64x64 textures (TestLimitsFitBundledScenes loads them under a hundredth
// of the defaults). The path tracer has always refused more than 2^20
// triangles a frame; a scene at that cap built of 10-triangle props needs
// 100,000 nodes, the node limit, and 4096x4096 is the largest texture
// production assets commonly ship. Memory binds before the triangle cap
// (at about 950,000 triangles), so the worst scene the defaults admit
// costs about 1 GiB beyond its own bytes, where a 40 MB file of empty
// nodes took 8 GB before limits existed.
type Limits struct {
	// Nodes, Meshes, Primitives (all meshes together), Accessors,
	// BufferViews, Buffers, Materials, Textures, Images, Samplers, Cameras,
	// Scenes, Skins, Lights (KHR_lights_punctual), Animations and Channels
	// (all animations together) bound the document's arrays.
	Nodes, Meshes, Primitives, Accessors, BufferViews, Buffers int
	Materials, Textures, Images, Samplers, Cameras, Scenes     int
	Skins, Lights, Animations, Channels                        int
	// Children bounds the entries of all nodes' children lists together,
	// and SceneRoots those of all scenes' node lists.
	Children, SceneRoots int
	// JSONValues bounds every value in the JSON document (each number,
	// string, object and array counts once), and ExtrasValues those inside
	// "extras", which decode into generic maps at several times the cost.
	JSONValues, ExtrasValues int
	// JSONDepth bounds the nesting of the JSON document.
	JSONDepth int
	// NodeDepth bounds the node hierarchy's depth (a root is depth 1).
	NodeDepth int
	// AnimationKeys bounds the keyframes of all channels together.
	AnimationKeys int
	// Triangles bounds one frame's triangles, counting each instance of a
	// mesh: instancing lets a small file reference one mesh from many nodes.
	Triangles int
	// TexturePixels bounds one image's decoded pixels, read from its header.
	TexturePixels int
	// Memory bounds the bytes the scene is estimated to take once loaded
	// plus one built frame: accessor data, textures, triangles and BVH.
	// A Renderer caches up to Config.CacheSize scenes and a few built
	// frames of each (cache.go), so what one node holds at worst is a
	// small multiple of it.
	Memory int64
}

// DefaultLimits returns the limits a render node uses.
func DefaultLimits() Limits {
	return Limits{
		Nodes:         100_000,
		Meshes:        65_536,
		Primitives:    100_000,
		Accessors:     262_144,
		BufferViews:   262_144,
		Buffers:       1024,
		Materials:     16_384,
		Textures:      4096,
		Images:        4096,
		Samplers:      4096,
		Cameras:       4096,
		Scenes:        1024,
		Skins:         4096,
		Lights:        4096,
		Animations:    16_384,
		Channels:      262_144,
		Children:      100_000,
		SceneRoots:    100_000,
		JSONValues:    8 << 20,
		ExtrasValues:  1 << 20,
		JSONDepth:     64,
		NodeDepth:     1024,
		AnimationKeys: 4 << 20,
		Triangles:     1 << 20,
		TexturePixels: 4096 * 4096,
		Memory:        1 << 30,
	}
}

// orDefault fills l's zero fields from DefaultLimits.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	for _, f := range []struct{ v, d *int }{
		{&l.Nodes, &d.Nodes}, {&l.Meshes, &d.Meshes}, {&l.Primitives, &d.Primitives},
		{&l.Accessors, &d.Accessors}, {&l.BufferViews, &d.BufferViews}, {&l.Buffers, &d.Buffers},
		{&l.Materials, &d.Materials}, {&l.Textures, &d.Textures}, {&l.Images, &d.Images},
		{&l.Samplers, &d.Samplers}, {&l.Cameras, &d.Cameras}, {&l.Scenes, &d.Scenes},
		{&l.Skins, &d.Skins}, {&l.Lights, &d.Lights}, {&l.Animations, &d.Animations},
		{&l.Channels, &d.Channels}, {&l.Children, &d.Children}, {&l.SceneRoots, &d.SceneRoots},
		{&l.JSONValues, &d.JSONValues}, {&l.ExtrasValues, &d.ExtrasValues},
		{&l.JSONDepth, &d.JSONDepth}, {&l.NodeDepth, &d.NodeDepth},
		{&l.AnimationKeys, &d.AnimationKeys}, {&l.Triangles, &d.Triangles},
		{&l.TexturePixels, &d.TexturePixels},
	} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	if l.Memory <= 0 {
		l.Memory = d.Memory
	}
	return l
}

// LimitError is a scene refused for holding more of something than its
// Limits allow. Callers can tell it apart with errors.As; its message names
// what is over and by how much.
type LimitError struct {
	What  string // plural noun: "nodes", "bytes of memory"
	Have  int64  // how many the scene has (or at least, when counting stopped early)
	Limit int64
	// AtLeast is set when counting stopped at the first one over the limit,
	// so Have is a lower bound.
	AtLeast bool
}

func (e *LimitError) Error() string {
	more := ""
	if e.AtLeast {
		more = "more than "
	}
	return fmt.Sprintf("scene has %s%d %s; the limit is %d", more, e.Have, e.What, e.Limit)
}

// over returns a *LimitError when have exceeds limit, else nil.
func over(what string, have, limit int64) error {
	if have > limit {
		return &LimitError{What: what, Have: have, Limit: limit}
	}
	return nil
}
