package sandbox

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// libraryScenes builds, from Blender's default startup file, a library
// (assets/lib.blend: the cube moved aside and made red) and a scene that links
// from it as a studio's shot links its assets (main.blend: the default
// scene without its own cube), in Cycles at 64x48; how, row says. Each
// .blend is saved in the folder given, the libraries by relative path.
const libraryScenes = `import bpy, os
d, row = %q, %q
os.makedirs(os.path.join(d, 'assets'))
def home():
    bpy.ops.wm.read_homefile(use_factory_startup=True)
    s = bpy.context.scene
    s.render.engine = 'CYCLES'
    s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = 64, 48, 100
    s.cycles.samples = 4
    return s
def link(path, kind, name):
    with bpy.data.libraries.load(path, link=True, relative='absolute path' not in row) as (src, dst):
        setattr(dst, kind, [name])
    return getattr(dst, kind)[0]
def instance(s, coll):
    ob = bpy.data.objects.new(coll.name + ' instance', None)
    ob.instance_type, ob.instance_collection = 'COLLECTION', coll
    s.collection.objects.link(ob)
home()
cube = bpy.data.objects['Cube']
cube.location.x = 1.5
mat = cube.active_material
bsdf = mat.node_tree.nodes['Principled BSDF']
bsdf.inputs['Base Color'].default_value = (0.8, 0.05, 0.05, 1)
if row.startswith('texture'):
    img = bpy.data.images.new('Grid', 16, 16)
    img.generated_type = 'COLOR_GRID'
    img.filepath_raw = os.path.join(d, 'assets', 'grid.png')
    img.file_format = 'PNG'
    img.save()
    img.source = 'FILE'
    img.filepath = img.filepath_raw  # saved as //grid.png, beside the library
    tex = mat.node_tree.nodes.new('ShaderNodeTexImage')
    tex.image = img
    mat.node_tree.links.new(tex.outputs['Color'], bsdf.inputs['Roughness'])  # the cube stays red
    if row == 'texture packed':
        img.pack()  # inside the library's file
    if row == 'texture movie':
        img.source = 'MOVIE'
    if row.endswith('name taken'):
        info = mat.node_tree.nodes.new('ShaderNodeObjectInfo')
        mat.node_tree.links.new(info.outputs['Random'], bsdf.inputs['Metallic'])
lib = os.path.join(d, 'assets', 'lib.blend')
bpy.ops.wm.save_as_mainfile(filepath=lib)
s = home()
if not row.endswith('name taken'):
    bpy.data.objects.remove(bpy.data.objects['Cube'])
main = os.path.join(d, 'main.blend')
bpy.ops.wm.save_as_mainfile(filepath=main)  # relative paths from here
if 'through another library' in row:
    # sets/set.blend keeps a collection of its own holding the linked cube.
    os.makedirs(os.path.join(d, 'sets'))
    set_path = os.path.join(d, 'sets', 'set.blend')
    bpy.data.objects.remove(bpy.data.objects['Camera'])
    bpy.data.objects.remove(bpy.data.objects['Light'])
    bpy.ops.wm.save_as_mainfile(filepath=set_path)
    coll = bpy.data.collections.new('Set')
    s.collection.children.link(coll)
    coll.objects.link(link(lib, 'objects', 'Cube'))
    bpy.ops.wm.save_as_mainfile(filepath=set_path)
    s = home()
    bpy.data.objects.remove(bpy.data.objects['Cube'])
    bpy.ops.wm.save_as_mainfile(filepath=main)
    instance(s, link(set_path, 'collections', 'Set'))
    if row.endswith('and directly'):
        s.collection.objects.link(link(lib, 'collections', 'Collection').objects['Light'])
elif row == 'collection instanced':
    instance(s, link(lib, 'collections', 'Collection'))
elif row.endswith('override moved'):
    coll = link(lib, 'collections', 'Collection')
    s.collection.children.link(coll)
    over = coll.override_hierarchy_create(s, bpy.context.view_layer)
    s.collection.children.unlink(coll)
    for ob in over.all_objects:
        if ob.name.startswith('Cube'):
            ob.location.z = 0.8
else:
    s.collection.objects.link(link(lib, 'objects', 'Cube'))
bpy.ops.wm.save_as_mainfile(filepath=main)
`

// TestBlenderLinkedLibraries: on each image, a scene that links its
// assets from other .blend files, as studios build shots: submit's pack
// puts the libraries inside the .blend it sends, and a node that reads
// nothing else renders the frame Blender renders of the files in place.
// Pack Resources alone leaves libraries out: such a scene once reached
// the nodes with the library on the artist's disk, and every task failed.
// A library's own texture kept on disk beside it (an asset library's
// usual way) does not travel inside the packed library: the pack packs it
// into a copy of the library, linked in its stead, whatever links it (an
// override, another library) and whatever names the scene's own data
// takes; a movie, which Blender cannot pack, is named with its library.
func TestBlenderLinkedLibraries(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{RequirePacked: true})
		for _, tc := range []struct {
			row     string
			refused string // what the pack says instead of packing; "" packs
			// oldest: on 3.4 alone, the oldest release. Later ones take
			// each of these ways to link in a row below, a texture on
			// disk and a copy of the library with them: 90 s of CI.
			oldest bool
		}{
			{"object linked", "", true},
			{"collection instanced", "", true},
			{"through another library", "", true},
			{"override moved", "", false},
			{"texture packed", "", false},
			// Packed into a copy of the library, which travels.
			{"texture on disk", "", true},
			{"texture on disk, through another library", "", false},
			{"texture on disk, through another library and directly", "", false},
			{"linked by absolute path", "", false},
			{"texture on disk, override moved", "", false},
			// The scene keeps its own Cube, and the asset's material
			// hashes its object's name (Object Info Random): a copy
			// made local would be "Cube.001", another frame.
			{"texture on disk, name taken", "", false},
			{"texture movie", "files the .blend reads that cannot travel with it: //grid.png (an image movie, read by the linked library //assets/lib.blend, which Blender cannot pack into a .blend)", false},
		} {
			if tc.oldest && !blenderOlder(img.version, "4.0") {
				continue
			}
			t.Run(strings.NewReplacer(" ", "_", ",", "").Replace(tc.row), func(t *testing.T) {
				main, packed := buildAndPack(t, s, libraryScenes, tc.row, "main.blend", tc.refused)
				if packed == "" {
					return
				}
				// A node keeps the scene at a depth of its own.
				deeper := filepath.Join(t.TempDir(), "a", "b", "packed.blend")
				if err := os.MkdirAll(filepath.Dir(deeper), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := copyFile(deeper, packed); err != nil {
					t.Fatal(err)
				}
				task := renderer.Task{Scene: deeper, Frame: 1, Width: 64, Height: 48, Samples: 4}
				node := renderImage(t, b, task).Image
				own := f12(t, s, main, task, "s.render.image_settings.color_depth = '16'", "s.render.dither_intensity = 0")
				nearExact(t, "the packed scene's frame on a node vs Blender's of the files in place", node, own)
				if n := reddish(node); n < 50 {
					t.Errorf("Blender %s: %d red pixels on the node's frame: the linked cube is not in it", img.version, n)
				}
			})
		}
	})
}

// buildAndPack builds a scene with script (given its folder and row) by
// the image's Blender, into a new folder, as the file name says, and packs
// it as submit does. Where refused is set, the pack must refuse saying
// it, and packed is ""; else it must pack.
func buildAndPack(t *testing.T, s *Sandbox, script, row, name, refused string) (src, packed string) {
	t.Helper()
	dir := t.TempDir()
	if out, err := runBlender(s, nil, dir, "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr",
		fmt.Sprintf(script, dir, row)); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	src = filepath.Join(dir, name)
	packed, out := packOutput(t, s, src)
	if refused != "" {
		if !strings.Contains(out, refused) || strings.Contains(out, `"done": true`) {
			t.Fatalf("pack: want %q, got:\n%s", refused, out)
		}
		return src, ""
	}
	if !strings.Contains(out, `"done": true`) {
		t.Fatalf("pack did not answer done:\n%s", out)
	}
	return src, packed
}

// reddish counts the pixels of img whose red is twice their green and
// blue and bright: the libraries' cube, seen.
func reddish(img *image.NRGBA64) int {
	n := 0
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.NRGBA64At(x, y)
			if c.R > 8000 && int(c.R) > 2*int(c.G) && int(c.R) > 2*int(c.B) {
				n++
			}
		}
	}
	return n
}

// fileScene is Blender's default scene in Cycles at 64x48 reading one
// file from beside it, saved in the folder given; what file, row says.
const fileScene = `import bpy, os, shutil
d, row = %q, %q
s = bpy.context.scene
s.render.engine = 'CYCLES'
s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = 64, 48, 100
s.cycles.samples = 4
cube = bpy.data.objects['Cube']
if row.startswith('font'):
    font = os.path.join(d, 'mono.woff2')
    shutil.copy(os.path.join(bpy.utils.system_resource('DATAFILES', path='fonts'), 'DejaVuSansMono.woff2'), font)
    text = bpy.data.curves.new('Label', 'FONT')
    text.body, text.size, text.extrude = 'conun', 1.2, 0.1
    text.font = bpy.data.fonts.load(font)
    ob = bpy.data.objects.new('Label', text)
    ob.location = (-2, -2, 1.2)
    s.collection.objects.link(ob)
elif row == 'alembic cache':
    open(os.path.join(d, 'anim.abc'), 'wb').close()
    bpy.ops.cachefile.open(filepath=os.path.join(d, 'anim.abc'))
    cube.modifiers.new('Cache', 'MESH_SEQUENCE_CACHE').cache_file = bpy.data.cache_files[0]
elif row == 'image sequence':
    img = bpy.data.images.new('Frames', 8, 8)
    for f in (1, 2):
        img.filepath_raw = os.path.join(d, 'seq_%%04d.png' %% f)
        img.file_format = 'PNG'
        img.save()
    seq = bpy.data.images.load(os.path.join(d, 'seq_0001.png'))
    seq.source = 'SEQUENCE'
    mat = cube.active_material
    tex = mat.node_tree.nodes.new('ShaderNodeTexImage')
    tex.image = seq
    mat.node_tree.links.new(tex.outputs['Color'], mat.node_tree.nodes['Principled BSDF'].inputs['Base Color'])
elif row == 'mesh cache':
    open(os.path.join(d, 'anim.pc2'), 'wb').close()
    md = cube.modifiers.new('Cache', 'MESH_CACHE')
    md.cache_format, md.filepath = 'PC2', os.path.join(d, 'anim.pc2')
elif row == 'movie clip':
    img = bpy.data.images.new('Plate', 8, 8)
    img.filepath_raw = os.path.join(d, 'plate.png')
    img.file_format = 'PNG'
    img.save()
    if hasattr(s, 'compositing_node_group'):  # 5.x: a group with an output
        tree = s.compositing_node_group = bpy.data.node_groups.new('Compositor Nodes', 'CompositorNodeTree')
        tree.interface.new_socket('Image', in_out='OUTPUT', socket_type='NodeSocketColor')
        tree.links.new(tree.nodes.new('CompositorNodeRLayers').outputs['Image'], tree.nodes.new('NodeGroupOutput').inputs[0])
    else:
        s.use_nodes = True
        tree = s.node_tree
    tree.nodes.new('CompositorNodeMovieClip').clip = bpy.data.movieclips.load(img.filepath_raw)
elif row in ('osl script', 'ies profile'):
    name = 'shader.osl' if row == 'osl script' else 'lamp.ies'
    with open(os.path.join(d, name), 'w') as f:
        f.write('shader s(output color Out = 0) {}\n' if row == 'osl script' else 'IESNA:LM-63-2002\n')
    n = cube.active_material.node_tree.nodes.new('ShaderNodeScript' if row == 'osl script' else 'ShaderNodeTexIES')
    n.mode, n.filepath = 'EXTERNAL', os.path.join(d, name)
elif row == 'sequencer strip':
    img = bpy.data.images.new('Title', 8, 8)
    img.filepath_raw = os.path.join(d, 'title.png')
    img.file_format = 'PNG'
    img.save()
    ed = s.sequence_editor_create()
    (ed.strips if hasattr(ed, 'strips') else ed.sequences).new_image('Title', img.filepath_raw, 1, 1)
elif row.startswith('import'):  # 4.3+: a Geometry Nodes Import node reads a file
    obj = os.path.join(d, 'tri.obj')
    with open(obj, 'w') as f:
        f.write('v 0 0 2\nv 1 0 2\nv 0 1 2\nf 1 2 3\n')
    def group(name, path_input):
        g = bpy.data.node_groups.new(name, 'GeometryNodeTree')
        g.interface.new_socket('Geometry', in_out='OUTPUT', socket_type='NodeSocketGeometry')
        if path_input:
            g.interface.new_socket('Path', in_out='INPUT', socket_type='NodeSocketString')
        return g
    nested = row == 'import path from the modifier through a group'
    g = group('Import', row.startswith('import path from the modifier'))
    inner = group('Inner', True) if nested else g
    imp = inner.nodes.new('GeometryNodeImportOBJ')
    out = inner.nodes.new('NodeGroupOutput')
    if row != 'import not connected':
        inner.links.new(imp.outputs[0], out.inputs[0])
    if row.startswith('import path from the modifier'):
        inner.links.new(inner.nodes.new('NodeGroupInput').outputs['Path'], imp.inputs['Path'])
    if nested:
        call = g.nodes.new('GeometryNodeGroup')
        call.node_tree = inner
        g.links.new(g.nodes.new('NodeGroupInput').outputs['Path'], call.inputs['Path'])
        g.links.new(call.outputs[0], g.nodes.new('NodeGroupOutput').inputs[0])
    owner = cube
    if row == 'import hidden, read by object info':
        owner = bpy.data.objects.new('Src', bpy.data.meshes.new('Src'))
        s.collection.objects.link(owner)
        owner.hide_render = True
        r = group('Read', False)
        info = r.nodes.new('GeometryNodeObjectInfo')
        info.inputs['Object'].default_value = owner
        r.links.new(info.outputs['Geometry'], r.nodes.new('NodeGroupOutput').inputs[0])
        cube.modifiers.new('Read', 'NODES').node_group = r
    md = owner.modifiers.new('Import', 'NODES')
    md.node_group = g
    if row.startswith('import path from the modifier'):
        sock = g.interface.items_tree['Path']
        if hasattr(md, 'properties'):  # 5.x
            getattr(md.properties.inputs, sock.identifier).value = obj
        else:
            md[sock.identifier] = obj
    elif row == 'import path the tree makes':
        src = g.nodes.new('FunctionNodeInputString')
        src.string = obj
        g.links.new(src.outputs[0], imp.inputs['Path'])
    else:
        imp.inputs['Path'].default_value = obj
bpy.ops.wm.save_as_mainfile(filepath=os.path.join(d, 'scene.blend'))
if row == 'font missing':
    os.remove(font)
`

// TestBlenderFilesThatCannotTravel: submit's pack packs a scene's fonts
// with its images, and refuses, naming the file and why, what would be
// missing on every node: a font gone from disk (Blender draws its own
// font instead, silently), an Alembic cache, an image sequence, a Mesh
// Cache modifier's file, a compositor's movie clip, a sequencer's image
// strip (which Blender cannot pack; the nodes' Blenders read no Alembic
// either), an OSL script or IES profile read from a file, a Geometry
// Nodes Import node's file (4.3, 5.2; its path in the node, in the
// modifier's panel, through a group, or made by the tree; on an object
// hidden from the render that the Cube reads); an Import node that feeds
// nothing reads nothing, and packs.
// Before, these packed without a word: the font and the cache came out
// wrong on every frame, and the sequence failed every task on the nodes.
func TestBlenderFilesThatCannotTravel(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{RequirePacked: true})
		type row struct {
			row     string
			refused string // what the pack says instead of packing; "" packs
		}
		rows := []row{
			{"font beside", ""},
			{"font missing", "missing external files: //mono.woff2 (missing)"},
			{"alembic cache", "files the .blend reads that cannot travel with it: //anim.abc (an Alembic or USD cache, which Blender cannot pack into a .blend)"},
			{"image sequence", "files the .blend reads that cannot travel with it: //seq_0001.png (an image sequence, which Blender cannot pack into a .blend)"},
			{"mesh cache", "anim.pc2 (Cube: the Mesh Cache modifier Cache reads it, and Blender cannot pack it into a .blend)"},
			{"movie clip", "plate.png (a movie clip the compositor's Movie Clip reads, which Blender cannot pack into a .blend)"},
			{"osl script", "shader.osl (the OSL script the Script node Script of Material reads: set the node to Internal"},
			{"ies profile", "lamp.ies (the IES profile the IES Texture node IES Texture of Material reads: set the node to Internal"},
			{"sequencer strip", "title.png (an image the sequencer's strip Title shows, which Blender cannot pack into a .blend)"},
		}
		if !blenderOlder(img.version, "4.2") { // Import nodes came in 4.2
			const imports = "Cube: the Geometry Nodes modifier Import reads %s with its Import OBJ node Import OBJ, and Blender cannot pack it into a .blend: import the file into the scene"
			rows = append(rows,
				row{"import node", "/tri.obj (" + fmt.Sprintf(imports, "it")},
				row{"import path from the modifier", "/tri.obj (" + fmt.Sprintf(imports, "it")},
				row{"import path from the modifier through a group", "/tri.obj (" + fmt.Sprintf(imports, "it")},
				row{"import path the tree makes", "a file whose path the node tree builds: " + fmt.Sprintf(imports, "one")},
				// Hidden from the render, read by the Cube's Object Info.
				row{"import hidden, read by object info", "/tri.obj (Src" + strings.TrimPrefix(fmt.Sprintf(imports, "it"), "Cube")},
				// Feeds nothing: the node reads nothing, and the scene packs.
				row{"import not connected", ""})
		}
		for _, tc := range rows {
			t.Run(strings.ReplaceAll(tc.row, " ", "_"), func(t *testing.T) {
				src, packed := buildAndPack(t, s, fileScene, tc.row, "scene.blend", tc.refused)
				if packed == "" {
					return
				}
				task := renderer.Task{Scene: packed, Frame: 1, Width: 64, Height: 48, Samples: 4}
				nearExact(t, "the packed scene's frame on a node vs Blender's of the files in place", renderImage(t, b, task).Image,
					f12(t, s, src, task, "s.render.image_settings.color_depth = '16'", "s.render.dither_intensity = 0"))
			})
		}
	})
}
