# conun's driver inside Blender. The Go side (process.go) starts
#
#   blender -b -Y --factory-startup --python driver.py -- MODE [ARG...]
#
# and talks to it in JSON lines. Messages to Go are printed on stdout behind
# PREFIX, so Go can tell them from Blender's own output on the same stream.
#
# Modes:
#   probe [devices]     print this Blender's version, CPU kernel class and
#                       denoiser support (and, with "devices", the compute
#                       devices Cycles finds), then exit
#   devices             print the compute devices Cycles can use, then exit
#   serve SCENE DEVICE  load SCENE once, print its info ("ready"), then render
#                       one task per line read from stdin until stdin ends
#
# The scene is opened here with use_scripts=False rather than named on the
# command line: Blender falls back to its default cube scene when a file named
# on the command line fails to load, and we would render the cube.
import json
import os
import subprocess
import sys
import traceback

import bpy

PREFIX = "@@conun@@ "


def send(**msg):
    # flush: Go waits for this line while Blender keeps running.
    sys.stdout.write(PREFIX + json.dumps(msg) + "\n")
    sys.stdout.flush()


def clean(err):
    # Blender's operator errors read "Error: ...\n"; Go adds its own context.
    s = str(err).strip()
    if s.startswith("Error: "):
        s = s[len("Error: "):]
    return s


class SceneError(Exception):
    """A problem with the scene itself: rendering it again will not help."""


def cycles_module():
    import _cycles  # Blender's built-in Cycles module

    return _cycles


def kernel_class():
    # Cycles picks the best CPU kernel the processor supports. system_info()
    # lists the capabilities Cycles checks for, lowest first, for example
    # "CPU device capabilities: SSE2 SSE3 SSE41 AVX AVX2"; the last one is
    # the kernel it runs (unless CYCLES_CPU_NO_* is set in the environment).
    for line in cycles_module().system_info().splitlines():
        if "CPU device capabilities:" in line:
            caps = line.split(":", 1)[1].split()
            if caps:
                return caps[-1].lower()
    return "unknown"


def probe(with_devices=False):
    c = cycles_module()
    extra = dict(devices=device_list()) if with_devices else {}
    send(
        **extra,
        probe=dict(
            version=bpy.app.version_string.split()[0],
            file_version=list(bpy.app.version_file),
            kernel=kernel_class(),
            oidn=bool(getattr(c, "with_openimagedenoise", False)),
            osl=bool(getattr(c, "with_osl", False)),
            gl=gl_possible(),
        )
    )


def cycles_prefs():
    return bpy.context.preferences.addons["cycles"].preferences


def devices():
    send(devices=device_list())


def device_list():
    # The same preferences API as Blender's own Preferences > System panel
    # (get_device_types and get_devices_for_type exist in 3.x, 4.x and 5.x;
    # the latter refreshes the list itself).
    out = ["CPU"]
    prefs = cycles_prefs()
    for t in prefs.get_device_types(bpy.context):
        kind = t[0]
        if kind == "NONE":
            continue
        try:
            found = prefs.get_devices_for_type(kind)
        except Exception:
            continue
        for d in found:
            if d.type == kind:
                out.append("%s:%s" % (kind, d.name))
    return out


def use_device(kind):
    """Selects the compute device for Cycles: CPU, or every GPU of one kind."""
    scene = bpy.context.scene
    if kind in ("", "CPU"):
        scene.cycles.device = "CPU"
        return
    prefs = cycles_prefs()
    kinds = [t[0] for t in prefs.get_device_types(bpy.context)]
    if kind not in kinds:
        raise RuntimeError("device %s: this Blender supports %s" % (kind, ", ".join(k for k in kinds if k != "NONE") or "CPU only"))
    prefs.compute_device_type = kind
    # One call: a second one may reallocate the device list and free the
    # entries of the first (Blender 4.x says so in refresh_devices). In 4.x
    # the list of a GPU kind also holds the CPU, which stays unused here.
    entries = prefs.get_devices_for_type(kind)
    if not any(d.type == kind for d in entries):
        raise RuntimeError("device %s: Blender found no %s device on this node" % (kind, kind))
    for d in entries:
        d.use = d.type == kind
    scene.cycles.device = "GPU"


def external_files(require_packed):
    """Lists files the scene needs from disk that are missing (or, when
    require_packed, every file it would read from disk at all), each with
    what is wrong, and why where Blender cannot pack it."""
    bad = []
    for coll in (bpy.data.images, bpy.data.libraries, bpy.data.volumes, bpy.data.fonts, bpy.data.cache_files):
        for item in coll:
            # Compared by type: bpy.data.images is a new collection object
            # at every access in Blender 3.4, so an identity test is never
            # true, and the in-memory images of every default scene ("Render
            # Result", "Viewer Node": source VIEWER; generated ones) counted
            # as missing files.
            is_image = isinstance(item, bpy.types.Image)
            if is_image and (item.source not in ("FILE", "SEQUENCE", "MOVIE", "TILED") or item.users == 0):
                continue  # generated images and render results live in memory
            if isinstance(item, (bpy.types.VectorFont, bpy.types.CacheFile)) and item.users == 0:
                continue
            if getattr(item, "packed_file", None) is not None:
                continue
            if is_image and any(True for _ in getattr(item, "packed_files", ())):
                continue  # UDIM tiles and multi-view images pack per file
            if not item.filepath or item.filepath == "<builtin>":
                continue  # never saved, or Blender's own font: nothing is read from disk
            # A linked image, font or volume is read beside its library,
            # and travels only packed inside that library's own file: a
            # packed library is the file as it was, its resources left out.
            lib = getattr(item, "library", None)
            path = bpy.path.abspath(item.filepath, library=lib)
            if is_image and item.source == "TILED":
                path = path.replace("<UDIM>", "1001")
            if require_packed:
                bad.append("%s (%s)" % (item.filepath, unpackable(item) or "not packed"))
            elif not os.path.exists(path):
                bad.append("%s (missing%s)" % (item.filepath, ", read by the library %s" % lib.filepath if lib else ""))
    for path, why, lib in unpackable_uses(bpy.context.scene):
        if path is None:  # a path the node tree builds: nothing to look for, nothing to pack
            if require_packed:
                bad.append(why)
        elif require_packed:
            bad.append("%s (%s)" % (path, why))
        elif not os.path.exists(bpy.path.abspath(path, library=lib)):
            bad.append("%s (missing: %s)" % (path, why))
    return bad


def unpackable_uses(scene):
    """Files the scene's modifiers, compositor, shader nodes and sequencer
    read that no data-block holds, so Blender has no way to pack them:
    (path, why, library).
    Left on the artist's disk, a node renders the mesh without its cached
    animation, or no clip, without a word."""
    out = []
    for ob in rendered_objects(scene):
        for md in ob.modifiers:
            if not md.show_render:
                continue
            if md.type == "MESH_CACHE" and md.filepath:
                out.append((md.filepath, "%s: the Mesh Cache modifier %s reads it, and Blender cannot pack it into a .blend" % (ob.name, md.name), ob.library))
            elif md.type == "OCEAN" and md.is_cached:
                # Measured on 3.4: gone from disk, 8,943 values differ at
                # 64x48; the bake deleted, 8,037 (the live ocean is not
                # its bake): the artist chooses which to send.
                out.append((md.filepath, "%s: the Ocean modifier %s reads its bake from it, and Blender cannot pack it into a .blend: delete the bake (Delete Bake), and nodes simulate the ocean as Blender does without one" % (ob.name, md.name), ob.library))
    # Every object of the scene: one hidden from the render is still
    # evaluated where another reads it (Object Info).
    for ob in scene.objects:
        for md in ob.modifiers:
            if md.type == "NODES" and md.show_render and md.node_group is not None:
                out.extend(geometry_imports(ob, md))
    if compositing(scene):
        for n in tree_nodes(comp_tree(scene)):
            if n.type == "MOVIECLIP" and n.clip is not None and n.clip.filepath:
                out.append((n.clip.filepath, "a movie clip the compositor's %s reads, which Blender cannot pack into a .blend" % n.name, n.clip.library))
    # Shader nodes reading a file of their own: an OSL script (a node
    # with OSL shades nothing without it) or an IES profile (a light
    # without it shines evenly). Each takes its file as a text instead.
    owners = [m for coll in (bpy.data.materials, bpy.data.worlds, bpy.data.lights) for m in coll if m.users and m.node_tree is not None]
    for owner in owners + [g for g in bpy.data.node_groups if g.users and g.bl_idname == "ShaderNodeTree"]:
        tree = owner if isinstance(owner, bpy.types.NodeTree) else owner.node_tree
        for n in tree.nodes:
            if n.mute or getattr(n, "mode", "") != "EXTERNAL" or not getattr(n, "filepath", ""):
                continue
            if n.type == "SCRIPT":
                out.append((n.filepath, "the OSL script the Script node %s of %s reads: set the node to Internal, the script a text in the .blend" % (n.name, owner.name), owner.library))
            elif n.type == "TEX_IES":
                out.append((n.filepath, "the IES profile the IES Texture node %s of %s reads: set the node to Internal, the profile a text in the .blend" % (n.name, owner.name), owner.library))
    # The sequencer's image and movie strips: no data-block holds them.
    if uses_sequencer(scene):
        for st in strips(scene):
            if st.type == "IMAGE" and len(st.elements) > 0:
                out.append((os.path.join(st.directory, st.elements[0].filename), "an image the sequencer's strip %s shows, which Blender cannot pack into a .blend" % st.name, scene.library))
            elif st.type == "MOVIE":
                out.append((st.filepath, "a movie the sequencer's strip %s plays, which Blender cannot pack into a .blend" % st.name, scene.library))
            elif st.type == "MOVIECLIP" and st.clip is not None and st.clip.filepath:
                out.append((st.clip.filepath, "a movie clip the sequencer's strip %s plays, which Blender cannot pack into a .blend" % st.name, st.clip.library))
    return out


def geometry_imports(ob, md):
    """The files a Geometry Nodes modifier's Import nodes read (4.3: OBJ,
    PLY, STL; 5.x: CSV, Text and VDB too), as unpackable_uses gives them;
    the path None where nodes make it. Gone from disk, a node imports
    nothing and renders the frame without it (an error in its log, none
    in its answer): measured on 4.3 and 5.2, the default cube replaced by
    an imported OBJ, 438 values differ at 64x48. Only the nodes that feed
    the tree's output count, over links not muted; a path comes from the
    node, or from the modifier's panel through groups and reroutes."""
    out = []

    def path_of(sock, groups):
        links = [l for l in sock.links if not l.is_muted]
        if not links:
            return sock.default_value
        src = links[0].from_socket
        if src.node.type == "REROUTE":
            return path_of(src.node.inputs[0], groups)
        if src.node.type != "GROUP_INPUT":
            return None
        if not groups:
            return modifier_input(md, src.identifier)
        outer = next((i for i in groups[-1].inputs if i.identifier == src.identifier), None)
        return None if outer is None else path_of(outer, groups[:-1])

    def walk(tree, groups):
        todo = [n for n in tree.nodes if n.type == "GROUP_OUTPUT" and n.is_active_output]
        reached = set()
        while todo:
            n = todo.pop()
            if n.as_pointer() in reached:
                continue
            reached.add(n.as_pointer())
            todo += [l.from_node for i in n.inputs for l in i.links if not l.is_muted]
            if n.mute:
                continue
            if n.type == "GROUP" and n.node_tree is not None:
                walk(n.node_tree, groups + [n])
            sock = n.inputs.get("Path") if n.bl_idname.startswith("GeometryNodeImport") else None
            if sock is None:
                continue
            path = path_of(sock, groups)
            if path == "":
                continue
            why = "%s: the Geometry Nodes modifier %s reads it with its %s node %s, and Blender cannot pack it into a .blend: import the file into the scene (File > Import) and read it with an Object Info node" % (
                ob.name, md.name, n.bl_label, n.name)
            if path is None:
                why = "a file whose path the node tree builds: " + why.replace(" reads it ", " reads one ", 1)
            out.append((path, why, tree.library or ob.library))

    walk(md.node_group, [])
    return out


def modifier_input(md, identifier):
    """A Geometry Nodes modifier's input as set in its panel: an ID
    property of the modifier up to 4.x, md.properties.inputs in 5.x."""
    props = getattr(md, "properties", None)
    if props is not None:
        return getattr(getattr(props.inputs, identifier, None), "value", None)
    return md.get(identifier)


def unknown_colour_names(scene):
    """The colour management names the scene keeps that this Blender's
    configuration has not, where Blender reads them back empty and says
    nothing on loading: a Convert Colorspace node's spaces, the output's
    own view (Override; 5.x warns of it). Blender's warnings name the
    scene's view, look, display and images' spaces."""
    out = []
    im = scene.render.image_settings
    if getattr(im, "color_management", "") == "OVERRIDE":
        if im.view_settings.view_transform == "" or im.display_settings.display_device == "":
            out.append("the output's own view transform or display (Color Management: Override)")
    if compositing(scene):
        for n in tree_nodes(comp_tree(scene)):
            if n.type == "CONVERT_COLORSPACE" and "" in (n.from_color_space, n.to_color_space):
                out.append("a colour space of the compositor's node %s" % n.name)
    return out


def tree_nodes(tree, seen=None):
    """The nodes of a node tree and of the groups it uses (each group
    once, however often used), muted ones and their groups left out."""
    seen = set() if seen is None else seen
    if tree is None or tree.as_pointer() in seen:
        return
    seen.add(tree.as_pointer())
    for n in tree.nodes:
        if n.mute:
            continue
        yield n
        if n.type == "GROUP":
            yield from tree_nodes(n.node_tree, seen)


def linked_resources():
    """The linked images, fonts and volumes read from disk beside their
    libraries (not packed inside them)."""
    return [i for coll in (bpy.data.images, bpy.data.volumes, bpy.data.fonts) for i in coll
            if i.library is not None and i.filepath not in ("", "<builtin>") and i.packed_file is None
            and not any(True for _ in getattr(i, "packed_files", ()))
            and not (isinstance(i, bpy.types.Image) and i.source not in ("FILE", "SEQUENCE", "MOVIE", "TILED"))]


def pack_library_resources(outdir):
    """Where a linked library keeps its own images, fonts or volumes on
    disk beside it (as asset libraries keep them), points every library
    at a copy of it with them packed, made in outdir by another run of
    this Blender (each library opened with its scripts off), the copies
    linking each other side by side; so the resources travel inside the
    libraries when they are packed. Making such assets local instead
    renamed those whose names the scene's own data has ("Cube.001"), and
    Cycles' Object Info Random and Cryptomatte hash names: the frame
    changed. Libraries the artist packed stay as they are."""
    if not linked_resources():
        return
    # An indirect library's path is relative to the main file too (3.4,
    # 4.3, 5.2), not to the library linking it.
    libs = [(lib, os.path.normpath(bpy.path.abspath(lib.filepath))) for lib in bpy.data.libraries if lib.packed_file is None]
    names = {path: "conun-library-%d.blend" % n for n, (_, path) in enumerate(libs)}
    for lib, path in libs:
        copy = os.path.join(outdir, names[path])
        code = ("import bpy, os, json\n"
                "bpy.ops.wm.open_mainfile(filepath=%r, load_ui=False, use_scripts=False)\n"
                "names = json.loads(%r)\n"
                "for l in bpy.data.libraries:\n"
                "    p = os.path.normpath(bpy.path.abspath(l.filepath))\n"
                "    if p in names and l.packed_file is None:\n"
                "        l.filepath = '//' + names[p]\n"
                "try:\n"
                "    bpy.ops.file.pack_all()\n"
                "except RuntimeError:\n"
                "    pass  # a file missing: what the scene reads of it is named by its own check\n"
                # Paths kept as the library has them (those of files left
                # unpacked are named to the artist as they are).
                "bpy.ops.wm.save_as_mainfile(filepath=%r, copy=True, relative_remap=False)\n" % (path, json.dumps(names), copy))
        run = subprocess.run([bpy.app.binary_path, "-b", "-Y", "--factory-startup", "--python-exit-code", "1", "--python-expr", code],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if run.returncode != 0 or not os.path.exists(copy):
            said = [l.rsplit("Error: ", 1)[1] for l in run.stdout.splitlines()
                    if "Error: " in l and "Traceback" not in l and "script failed" not in l]
            raise RuntimeError("packing the files of the library %s into it: %s" % (lib.filepath, said[-1] if said else "Blender exited with %d" % run.returncode))
    for lib, path in libs:
        try:
            rel = bpy.path.relpath(os.path.join(outdir, names[path]))  # Blender packs no library by an absolute path
        except ValueError:  # Windows: another drive than the scene's
            raise RuntimeError("the packed copy of the library %s is on another drive than the scene: set TMP to a folder on the scene's drive" % lib.filepath)
        copies[rel] = lib.filepath
        lib.filepath = rel
    depth = lambda lib: 0 if lib.parent is None else 1 + depth(lib.parent)
    for lib, _ in sorted(libs, key=lambda lp: depth(lp[0]), reverse=True):
        lib.reload()


# The libraries pack_library_resources replaced with packed copies: each
# copy's path, and the library's own, which errors name.
copies = {}


def unpackable(item):
    """Why Blender's packing leaves item on disk; "" where it packs it."""
    lib = getattr(item, "library", None)
    name = copies.get(lib.filepath, lib.filepath) if lib is not None else ""
    where = ", read by the linked library %s" % name if lib is not None else ""
    if isinstance(item, bpy.types.CacheFile):
        return "an Alembic or USD cache%s, which Blender cannot pack into a .blend" % where
    if isinstance(item, bpy.types.Image) and item.source in ("SEQUENCE", "MOVIE"):
        return "an image %s%s, which Blender cannot pack into a .blend" % ("sequence" if item.source == "SEQUENCE" else "movie", where)
    if isinstance(item, bpy.types.Volume) and item.is_sequence:
        return "a sequence of OpenVDB files%s, which Blender cannot pack into a .blend" % where
    if lib is not None:
        return "read by the linked library %s, and not packed inside it" % name
    return ""


def check_version(doing):
    """Refuses the open file if a newer Blender saved it: such a file may
    open without complaint and lose data. (Go checks the file's header
    before starting Blender too: an older Blender may crash while loading
    a much newer file.)"""
    if tuple(bpy.data.version) > tuple(bpy.app.version_file):
        mine = bpy.app.version_string.split()[0]
        who = ("the Blender that packs it, " if doing == "pack" else "this node's Blender ") + mine
        raise SceneError(
            "saved by Blender %d.%d (file version %s), newer than %s: %s it with Blender %d.%d or newer"
            % (bpy.data.version[0], bpy.data.version[1], ".".join(map(str, bpy.data.version)),
               who, doing, bpy.data.version[0], bpy.data.version[1])
        )


gl = {}  # whether an OpenGL context can be had, once asked


def gl_possible():
    """Reports whether Blender can get the OpenGL context Eevee renders in:
    through EGL, or GLX with a display. Without one, Blender 3.4 crashes
    and 4.3 exits once Eevee starts (measured in the sandbox images, which
    have no libEGL), so the task fails with the reason instead."""
    if "ok" not in gl:
        import ctypes.util

        display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        gl["ok"] = bool(display) or ctypes.util.find_library("EGL") is not None
    return gl["ok"]


def load(scene_path, require_packed):
    try:
        reopen(scene_path)
    except RuntimeError as e:
        raise SceneError(clean(e))
    check_version("render")
    scene = bpy.context.scene
    if scene.camera is None:
        raise SceneError("scene %r has no camera" % scene.name)
    if scene.render.engine not in ("CYCLES", "BLENDER_EEVEE", "BLENDER_EEVEE_NEXT"):
        raise SceneError("render engine %s is not supported: use Cycles or Eevee" % scene.render.engine)
    bad = external_files(require_packed)
    if bad:
        hint = "pack them into the .blend: conun submit packs the images, fonts, volumes and linked libraries Blender can pack, and refuses a scene with files it cannot"
        raise SceneError("external files: %s; %s" % (", ".join(sorted(bad)), hint))
    r = scene.render
    own.clear()
    own.update(scene_settings(scene))
    own["path"] = scene_path
    own["packed"] = require_packed
    own["fresh"] = True
    own["engine"] = r.engine
    info = dict(
        frame_start=scene.frame_start,
        frame_end=scene.frame_end,
        frame_step=scene.frame_step,
        fps=r.fps / r.fps_base,
        # Blender truncates the scaled resolution the same way.
        width=r.resolution_x * r.resolution_percentage // 100,
        height=r.resolution_y * r.resolution_percentage // 100,
        engine=r.engine,
    )
    info.update(usage(scene))
    if scene_path not in zones_of:
        try:
            zones_of[scene_path] = simulation_zones(scene, scene_path, info["simulations"])  # may reopen: scene is stale
        except Exception as e:
            # Refused with the reason, as a scene's fault, not the node's.
            zones_of[scene_path] = ["its simulation zones could not be read (%s)" % clean(e)]
            reopen(scene_path)
    info["simulations"] = info["simulations"] + zones_of[scene_path]
    return info


# What simulation_zones found for each file this process loaded: it steps
# through frames and reopens the file, once, not at every reload.
zones_of = {}


# The scene's own settings as saved, read once at load: render() changes
# some of them for tiles, and finish() must use the saved ones (output
# format, dither) to write the frame as Blender's own render would.
own = {}

# media_type (5.x: IMAGE, MULTI_LAYER_IMAGE, VIDEO) before file_format,
# whose choices depend on it.
IMAGE_SETTINGS = ("media_type", "file_format", "color_mode", "color_depth", "exr_codec", "compression", "quality", "use_preview")


def scene_settings(scene):
    r = scene.render
    s = r.image_settings
    return dict(
        image={k: getattr(s, k) for k in IMAGE_SETTINGS if hasattr(s, k)},
        dither=r.dither_intensity,
        use_compositing=r.use_compositing,
        use_sequencer=r.use_sequencer,
        # Through the sequencer the frame has no stamp (the finish leaves
        # the sequencer out, and api.StampWords says so).
        stamp=bool(r.use_stamp) and not uses_sequencer(scene),
        adaptive=bool(scene.cycles.use_adaptive_sampling) if r.engine == "CYCLES" else False,
        animated_seed=bool(scene.cycles.use_animated_seed) if r.engine == "CYCLES" else False,
        denoising_data={v.name: bool(v.cycles.denoising_store_passes) for v in scene.view_layers
                        if hasattr(getattr(v, "cycles", None), "denoising_store_passes")},
    )


def set_image_settings(s, values):
    # file_format first: the other enums' choices depend on it. A value
    # the format does not take (a depth of another format) is skipped.
    for k in IMAGE_SETTINGS:
        if k in values:
            try:
                setattr(s, k, values[k])
            except (TypeError, AttributeError, ValueError):
                pass


def comp_tree(scene):
    """The scene's compositor node tree, or None when it has none in use:
    scene.node_tree with "Use Nodes" up to Blender 4.x, a node group
    assigned to scene.compositing_node_group from 5.0."""
    if hasattr(scene, "compositing_node_group"):
        return scene.compositing_node_group
    return scene.node_tree if scene.use_nodes else None


# The compositor's output node: Composite up to 4.x, the node group's
# Group Output from 5.0 (which dropped the Composite node).
OUTPUT_NODES = ("COMPOSITE", "GROUP_OUTPUT")


def set_format(s, fmt):
    """Sets a file format: 5.x lists OPEN_EXR_MULTILAYER only under the
    MULTI_LAYER_IMAGE media type, the others under IMAGE."""
    if hasattr(s, "media_type"):
        s.media_type = "MULTI_LAYER_IMAGE" if fmt == "OPEN_EXR_MULTILAYER" else "IMAGE"
    s.file_format = fmt


def compositing(scene):
    """Reports whether Blender's own render of the scene runs its compositor."""
    tree = comp_tree(scene)
    return bool(tree is not None and scene.render.use_compositing
                and any(n.type in OUTPUT_NODES and not n.mute for n in tree.nodes))


def simulations(scene):
    """The scene's physics simulations that its frames cannot be rendered
    apart with, as words: unbaked, or baked to files beside the .blend.
    Blender simulates them as its animation render steps through the
    frames; the farm renders each frame cold, or after another frame, on
    many nodes. Measured on 3.4 (the default cube with a Cloth modifier
    falling on a plane, 20 frames): frame 20 rendered cold differs from
    the animation render's in 1160 of 6144 pixels; an emitter's particles
    differ at frame 20 after frame 7 in one Blender from a cold render;
    and a rigid body cube's frame 20 after frames 1-19 in one Blender
    differs from a cold one (in 1964 pixels). Baked into the .blend, a
    cloth's frame 20 is the same whichever way it is rendered.
    Geometry Nodes simulation zones are simulation_zones'."""
    out = []

    def check(owner, what, cache):
        if cache is None:
            return
        if not cache.is_baked:
            out.append("%s: %s is not baked" % (owner, what))
        elif cache.use_disk_cache:
            out.append("%s: %s is baked to files beside the .blend (Disk Cache)" % (owner, what))

    rbw = scene.rigidbody_world
    if rbw is not None and rbw.enabled and rbw.collection is not None:
        check(scene.name, "the rigid body world", rbw.point_cache)
    for ob in rendered_objects(scene):
        for md in ob.modifiers:
            if not md.show_render:
                continue
            if md.type in ("CLOTH", "SOFT_BODY"):
                check(ob.name, md.name, md.point_cache)
            elif md.type == "DYNAMIC_PAINT" and md.ui_type == "CANVAS" and md.canvas_settings is not None:
                for surface in md.canvas_settings.canvas_surfaces:
                    if surface.surface_format == "VERTEX":  # an image sequence is baked to files by hand
                        check(ob.name, "%s (%s)" % (md.name, surface.name), surface.point_cache)
            elif md.type == "FLUID" and md.fluid_type == "DOMAIN":
                out.append("%s: %s is a fluid domain, whose cache is a folder beside the .blend" % (ob.name, md.name))
            elif md.type == "PARTICLE_SYSTEM":
                psys = md.particle_system
                st = psys.settings
                dynamic = st.type == "EMITTER" and st.physics_type != "NO" or st.type == "HAIR" and psys.use_hair_dynamics
                if dynamic:
                    check(ob.name, "particle system %s" % psys.name, psys.point_cache)
    return out


def script_drivers():
    """The drivers whose Python expressions do not run here, as words.
    Scenes open with their scripts off (a hostile scene runs no code on a
    node), and Blender then evaluates only simple expressions ("frame *
    0.3") and a restricted Python ("round(t * 0.3, 2)"); a driver beyond
    that (a lambda, a function an add-on or a text block registers) keeps
    its value and Blender renders the driven thing standing still.
    Measured on 3.4, 4.3 and 5.2: the default cube driven along x by
    "(lambda f: f * 0.3)(t)", frame 5 with scripts off vs on, 2,085-2,094
    of 12,288 values differ. Each expression is put to the test Blender
    itself puts it to with scripts off, whether or not anything has
    evaluated it yet (a driver of an object hidden in the viewport is
    not); one that does not compile, or reads nothing, fails in any
    Blender and is not named."""
    import _bpy
    secure = getattr(_bpy, "_driver_secure_code_test", None)
    out = []
    seen = set()

    def runs(d):
        if secure is None:
            return d.is_valid  # only what has been evaluated: better than nothing
        try:
            code = compile(d.expression, "<driver>", "eval")
        except SyntaxError:
            return True  # broken as it is, in the artist's Blender too
        ns = dict(bpy.app.driver_namespace)
        ns.update({v.name: 0 for v in d.variables}, frame=0, self=None)
        return secure(code, namespace=ns, verbose=False)

    def check(owner, idb):
        ad = getattr(idb, "animation_data", None)
        if ad is None or idb.as_pointer() in seen:
            return
        seen.add(idb.as_pointer())
        for fc in ad.drivers:
            d = fc.driver
            if fc.mute or d.type != "SCRIPTED" or d.is_simple_expression:
                continue
            if any(broken_variable(v) for v in d.variables) or runs(d):
                continue
            try:
                array = hasattr(idb.path_resolve(fc.data_path), "__len__")
            except ValueError:
                array = False  # a path to nothing: named as it is
            where = "%s[%d]" % (fc.data_path, fc.array_index) if array else fc.data_path
            out.append("%s: the driver of %s (%s) does not run" % (owner, where, d.expression))

    for idb in bpy.data.user_map():
        check(idb.name, idb)
        tree = getattr(idb, "node_tree", None)  # a material's, world's or scene's own nodes
        if tree is not None:
            check("%s nodes" % idb.name, tree)
    return sorted(out)


def broken_variable(v):
    """Whether a driver variable reads nothing in any Blender: a name
    Blender refuses, or a target without its data-block."""
    targets = {"SINGLE_PROP": 1, "TRANSFORMS": 1, "LOC_DIFF": 2, "ROTATION_DIFF": 2}.get(v.type, 0)
    return not v.is_name_valid or any(tg.id is None for tg in list(v.targets)[:targets])


def rendered_objects(scene):
    """The objects a render of the scene shows: the scene's own, and
    those of the collections its objects instance (a simulation inside
    an instanced collection simulates as much as one in the scene)."""
    seen, out = set(), []

    def walk(objects):
        for ob in objects:
            if ob.hide_render or ob.name_full in seen:
                continue  # not rendered itself (one another's nodes read is not looked at)
            seen.add(ob.name_full)
            out.append(ob)
            coll = ob.instance_collection if ob.instance_type == "COLLECTION" else None
            if coll is not None:
                walk(coll.all_objects)
    walk(scene.objects)
    return out


def simulation_zones(scene, path, physics):
    """The scene's Geometry Nodes simulation zones that its frames cannot
    be rendered apart with, as words: baked to files beside the .blend,
    or not baked. Like a physics simulation, a zone steps as Blender's
    animation render steps through the frames, one step a frame, and a
    frame rendered cold starts it again: measured on 4.3.2, a cube moved
    0.1 a frame by a zone stood at x 1.2 in frame 20 rendered cold and at
    3.0 in the animation's. Blender's Python says nothing of whether a
    zone's packed bake holds data, so this asks the frames themselves: a
    frame evaluated cold, as a node renders it, against the same frame
    reached by stepping from the first, each from the file as saved.
    Both in the depsgraph Python reads, the viewport's, as saved: it is
    the one whose frames Blender's animation render steps through, so a
    zone whose modifier is hidden in the viewport does not step there
    either (measured on 4.3.2 and 5.2.2: its frame 3 is the cold one),
    and one whose object is hidden from renders but read by another's
    Object Info does. physics is simulations' words, whose objects' own
    differences are theirs. It may reopen the file: the caller's scene
    is stale after."""
    if not any(m.type == "NODES" and m.node_group is not None and sim_outputs(m.node_group)
               for ob in bpy.data.objects for m in ob.modifiers):
        return []  # the common case: no zone anywhere, no reopening
    first, end = scene.frame_start, scene.frame_end
    out, packed = [], {}
    for ob in evaluated_objects():
        for md, node, target, start in zones(ob, first):
            what = "%s: simulation zone %s of %s" % (ob.name_full, node.name, md.name)
            if target == "DISK":
                out.append("%s bakes to files beside the .blend (Bake Target Disk)" % what)
            elif target is None:
                out.append("%s bakes to files beside the .blend (this Blender packs no bakes)" % what)
            else:
                packed.setdefault(ob.name_full, []).append((what, start))
    # Two steps past the latest start (and the first frame): one step a
    # frame, so a cold evaluation (at most one step from whatever the
    # file was saved at) cannot come out as the animation's. Where the
    # last frame is one step past the first, a cold evaluation may be the
    # animation's: as a node's render of it then is.
    frame = min(max([first] + [s for zs in packed.values() for _, s in zs]) + 2, end)
    if not packed or frame <= first:
        return out  # none packed, or the frames end before a zone steps twice
    cold = frame_geometry(frame)
    reopen(path)
    for f in range(first, frame):
        bpy.context.scene.frame_set(f)
    stepped = frame_geometry(frame)
    reopen(path)
    differ = {name for name in cold.keys() | stepped.keys() if cold.get(name) != stepped.get(name)}
    # A zone's object may show through another (a Geometry Nodes Object
    # Info): a difference elsewhere, but for a physics simulation's own
    # object, counts against every zone when none of theirs differs.
    differ -= {w.split(": ", 1)[0] for w in physics}
    # What is hidden from renders shows only through what reads it.
    differ -= {name for name in differ if name in bpy.data.objects and bpy.data.objects[name].hide_render}
    named = [name for name in packed if name in differ]
    for name in named or (list(packed) if differ else []):
        out += ["%s is not baked (frame %d rendered on its own is not the animation's)" % (what, frame) for what, _ in packed[name]]
    return out


def zones(ob, first):
    """The simulation zones ob's render evaluates that Blender's animation
    render steps, as (modifier, Simulation Output node, bake target, first
    frame): a modifier hidden in the viewport is not stepped (the
    animation render reads its bake, which a packed file holds, or renders
    it cold, as a node does). 4.1 on name each zone's bake; 3.6 and 4.0
    bake every zone to the modifier's folder; before 4.2 a bake is always
    on disk (target None)."""
    for md in ob.modifiers:
        if md.type != "NODES" or not md.show_render or not md.show_viewport or md.node_group is None:
            continue
        bakes = getattr(md, "bakes", ())
        if bakes and all(hasattr(b, "node") for b in bakes):
            found = [(b.node, b) for b in bakes if b.node is not None and b.node.bl_idname == SIM_OUTPUT and not b.node.mute]
        else:
            found = [(n, None) for n in sim_outputs(md.node_group)]
        for node, b in found:
            target = getattr(b, "bake_target", None) if b is not None else getattr(md, "bake_target", None)
            if target == "INHERIT":
                target = md.bake_target
            custom = b is not None and getattr(b, "use_custom_simulation_frame_range", False)
            yield md, node, target, b.frame_start if custom else first


SIM_OUTPUT = "GeometryNodeSimulationOutput"


def sim_outputs(tree, seen=None):
    """The Simulation Output nodes of a geometry node tree and of the
    groups it uses (each once), muted ones left out."""
    seen = set() if seen is None else seen
    seen.add(tree.as_pointer())
    out = []
    for n in tree.nodes:
        if n.mute:
            continue
        if n.bl_idname == SIM_OUTPUT:
            out.append(n)
        elif n.type == "GROUP" and n.node_tree is not None and n.node_tree.as_pointer() not in seen:
            out += sim_outputs(n.node_tree, seen)
    return out


def evaluated_objects():
    """The objects the viewport's depsgraph evaluates, by name: those it
    shows (the scene's, those of collections instanced by objects, nodes
    or particles) and those they read (an Object Info's, shown or not)."""
    dg = bpy.context.evaluated_depsgraph_get()
    obs = {i.original.name_full: i.original for i in dg.ids if isinstance(i, bpy.types.Object)}
    return [obs[k] for k in sorted(obs)]


def reopen(path):
    """Opens the .blend at path as the driver always does: without its
    UI or its scripts (an autorun script is the scene's own code)."""
    bpy.ops.wm.open_mainfile(filepath=path, load_ui=False, use_scripts=False)


# Attribute data types: the foreach_get field, values per element, and
# the array type it fills (None: a list; Debian's Blender has no numpy).
ATTRIBUTE_FIELDS = {
    "FLOAT": ("value", 1, "f"), "INT": ("value", 1, "i"), "INT8": ("value", 1, "i"),
    "BOOLEAN": ("value", 1, None), "FLOAT2": ("vector", 2, "f"), "INT32_2D": ("value", 2, "i"),
    "FLOAT_VECTOR": ("vector", 3, "f"), "FLOAT_COLOR": ("color", 4, "f"),
    "BYTE_COLOR": ("color", 4, "f"), "QUATERNION": ("value", 4, "f"),
}


def frame_geometry(frame):
    """Sets the frame and hashes what the render would see of each object:
    its instances' placements and their geometry's attributes, each
    geometry hashed once however many instances show it."""
    import array
    import hashlib
    bpy.context.scene.frame_set(frame)
    dg = bpy.context.evaluated_depsgraph_get()
    sums, data_sums = {}, {}

    def data_sum(data):
        key = data.as_pointer()
        if key not in data_sums:
            d = hashlib.sha256()
            for a in sorted(getattr(data, "attributes", None) or (), key=lambda a: (a.domain, a.name)):
                field = ATTRIBUTE_FIELDS.get(a.data_type)
                if field is None or a.name.startswith("."):
                    continue
                n = len(a.data) * field[1]
                values = [False] * n if field[2] is None else array.array(field[2], bytes(4 * n))
                a.data.foreach_get(field[0], values)
                d.update(repr((a.name, a.domain, n)).encode())
                d.update(repr(values).encode() if field[2] is None else values.tobytes())
            data_sums[key] = d.hexdigest().encode()
        return data_sums[key]

    for inst in dg.object_instances:
        ob = inst.object
        h = sums.setdefault(ob.original.name_full, hashlib.sha256())
        h.update(repr([tuple(row) for row in inst.matrix_world]).encode())
        if ob.data is not None:
            h.update(data_sum(ob.data))
    # And every object the depsgraph evaluates, shown in the viewport or
    # not (hidden there, a render still shows it, stepped as evaluated).
    for i in dg.ids:
        if isinstance(i, bpy.types.Object) and i.data is not None and i.original.name_full not in sums:
            h = sums.setdefault(i.original.name_full, hashlib.sha256())
            h.update(data_sum(i.data))
    return {name: h.hexdigest() for name, h in sums.items()}


def file_outputs(scene):
    """The compositor's File Output nodes that its own render runs, in its
    tree and in the node groups it uses, as (name, node): each writes
    files of its own, beside the frame. A node in a group is named after
    the group ("Passes/File Output")."""
    tree = comp_tree(scene)
    if tree is None or not scene.render.use_compositing:
        return []
    out = []
    seen = {tree.as_pointer()}  # each group once, however often used

    def walk(tree, prefix):
        for n in tree.nodes:
            if n.mute:
                continue
            if n.type == "OUTPUT_FILE":
                out.append((prefix + n.name, n))
            elif n.type == "GROUP" and n.node_tree is not None and n.node_tree.as_pointer() not in seen:
                seen.add(n.node_tree.as_pointer())
                walk(n.node_tree, prefix + n.node_tree.name + "/")
    walk(tree, "")
    return out


def mute_file_outputs(scene):
    """Mutes the compositor's File Output nodes: a tile's would write the
    tile's pixels, a finish's files the farm does not return, and either
    would write to a path the scene chose. The frame is the composite.
    (A node in a group is muted in the group, for every user of it: this
    process never saves the file.)"""
    for _, n in file_outputs(scene):
        n.mute = True


def layer_nodes(scene):
    """The compositor's Render Layers nodes that read this scene's render."""
    if not compositing(scene):
        return []
    return [n for n in comp_tree(scene).nodes
            if n.type == "R_LAYERS" and not n.mute and (n.scene is None or n.scene == scene)]


def pass_name(socket_name):
    # The Render Layers node names Combined's sockets Image and Alpha.
    return "Combined" if socket_name in ("Image", "Alpha") else socket_name


def passes_read(scene):
    """Lists "ViewLayer.Pass" for Combined of every view layer the frame
    shows, and every pass the compositor reads from a Render Layers node:
    what tiles must carry so that the finish step can composite."""
    nodes = layer_nodes(scene)
    if not nodes:
        layer = bpy.context.view_layer.name
        return ["%s.Combined" % layer]
    out = set()
    for n in nodes:
        for o in n.outputs:
            if o.enabled and o.is_linked:
                out.add("%s.%s" % (n.layer, pass_name(o.name)))
        out.add("%s.Combined" % n.layer)
    for n in comp_tree(scene).nodes:
        # Cryptomatte nodes read their passes from the render itself.
        if n.type == "CRYPTOMATTE_V2" and not n.mute and getattr(n, "source", "") == "RENDER":
            # layer_name is "ViewLayer.CryptoObject"; its passes are
            # numbered ranks, CryptoObject00, CryptoObject01, ...
            if n.layer_name:
                out.add(n.layer_name)
    return sorted(out)


def layers_read(scene):
    """Lists "ViewLayer.Pass" for every pass of every view layer a Cycles
    render of the scene writes to a multilayer file, as Cycles lists them
    to Blender (Cryptomatte's without their rank number, as Go names
    them), and their channels as the file names them ("ViewLayer.Pass.R",
    a channel a letter of the pass's channel ids: every rank's). Listed as
    a tile of raw passes renders: without denoising, whose "Noisy Image"
    pass such a tile has not. A Cycles whose module lists no passes so
    gives none: the farm then writes no multilayer frame."""
    import importlib
    try:
        engine = importlib.import_module("cycles.engine")
        list_passes = engine.list_render_passes
    except (ImportError, AttributeError):
        return [], []
    layers = [v for v in scene.view_layers if v.use]
    if getattr(scene.render, "use_single_layer", False):
        layers = [bpy.context.view_layer]
    c = scene.cycles
    denoising = c.use_denoising
    c.use_denoising = False
    try:
        out, channels = set(), set()
        for v in layers:
            for name, chans, _ in list_passes(scene, v):
                channels.update("%s.%s.%s" % (v.name, name, ch) for ch in chans)
                if name.startswith("Crypto"):
                    name = name.rstrip("0123456789")
                out.add("%s.%s" % (v.name, name))
    except Exception:  # a release whose list differs: no multilayer frames
        return [], []
    finally:
        c.use_denoising = denoising
    return sorted(out), sorted(channels)


SPATIAL_NODES = {"GLARE", "BLUR", "BOKEHBLUR", "DEFOCUS", "LENSDIST", "FILTER", "DBLUR", "VECBLUR",
                 "DENOISE", "DILATEERODE", "DESPECKLE", "INPAINT", "SUNBEAMS", "TRANSLATE", "TRANSFORM",
                 "ROTATE", "SCALE", "FLIP", "CROP", "DISPLACE", "MAP_UV", "STABILIZE2D", "MOVIEDISTORTION",
                 "PIXELATE", "KUWAHARA", "CORNERPIN", "PLANETRACKDEFORM", "BILATERALBLUR", "ANTIALIASING",
                 "ELLIPSEMASK", "BOXMASK", "KEYINGSCREEN", "KEYING", "DOUBLEEDGEMASK", "SPLIT", "CRYPTOMATTE_V2",
                 # Statistics of the whole image: a crop's average (Tone
                 # Map), minimum and maximum (Normalize), mean and spread
                 # (Levels) are not the frame's.
                 "TONEMAP", "NORMALIZE", "LEVELS",
                 # Pixels placed in the frame: an image, clip, mask or
                 # texture lands where the frame (or a crop of it) is.
                 "IMAGE", "MOVIECLIP", "MASK", "TEXTURE"}


def spatial_nodes(tree, seen=None):
    """The types of the compositor's nodes (SPATIAL_NODES) whose pixels depend
    on other pixels or on their place in the frame, in tree and in the node
    groups it uses: a Glare in a group spreads as one outside does. Z Combine
    and ID Mask count where they anti-alias (a filter over neighbours)."""
    seen = set() if seen is None else seen  # each group once, however often used
    seen.add(tree.as_pointer())
    out = set()
    for n in tree.nodes:
        if n.mute:
            continue
        if n.type == "GROUP" and n.node_tree is not None and n.node_tree.as_pointer() not in seen:
            out |= spatial_nodes(n.node_tree, seen)
        elif n.type in SPATIAL_NODES or (n.type == "ZCOMBINE" and antialiased(n, "use_antialias_z")) \
                or (n.type == "ID_MASK" and antialiased(n, "use_antialiasing")):
            out.add(n.type)
    return out


def antialiased(n, prop):
    """Whether a Z Combine or ID Mask node anti-aliases: its property before
    Blender 4.5, its Anti-Alias input after (linked, it may be on)."""
    socket = n.inputs.get("Anti-Alias")
    if socket is not None:
        return socket.is_linked or bool(getattr(socket, "default_value", False))
    return bool(getattr(n, prop, False))


def uses_sequencer(scene):
    """Reports whether the scene's own render goes through its sequencer:
    it is on and has strips."""
    return bool(scene.render.use_sequencer and len(strips(scene)) > 0)


def strips(scene):
    """The sequencer's strips (sequences_all up to 4.x, strips_all in 5.x)."""
    ed = scene.sequence_editor
    if ed is None:
        return []
    return getattr(ed, "strips_all", None) or getattr(ed, "sequences_all", [])


def has_volumes(scene):
    """Whether the scene renders a volume: a Volume object, or a volume
    shader linked into the world's or a rendered object's material output."""
    def linked(tree, kind):
        return tree is not None and any(
            n.type == kind and "Volume" in n.inputs and n.inputs["Volume"].is_linked for n in tree.nodes)
    w = scene.world
    if w is not None and w.use_nodes and linked(w.node_tree, "OUTPUT_WORLD"):
        return True
    for ob in scene.objects:
        if ob.hide_render:
            continue
        if ob.type == "VOLUME":
            return True
        for slot in getattr(ob, "material_slots", ()):
            m = slot.material
            if m is not None and m.use_nodes and linked(m.node_tree, "OUTPUT_MATERIAL"):
                return True
    return False


def whole_frame_reasons(scene, volumes):
    """Why tiles of this scene cannot equal its whole frame in this
    Blender, measured, as words for the user; [] when they can."""
    reasons = []
    if volumes and bpy.app.version >= (5, 0, 0) and not getattr(scene.cycles, "volume_biased", True):
        # Measured on 5.2.2 (scenes/blend/make_volume.py): a region of
        # the frame rendered alone differs from the same pixels of the
        # whole render in 795 of 1248 values, run after run (the whole
        # frame repeats bit-exactly; 3.4 and 4.3 tile exactly, and so
        # does 5.2 with Render > Light Paths > Volumes > Biased).
        reasons.append("Blender %d.%d samples unbiased volumes differently when a region of the frame is rendered alone" % bpy.app.version[:2])
    return reasons


def freestyle_reasons(scene):
    """Why Freestyle keeps tiles of this scene from equaling its whole
    frame, whatever the engine; [] when it draws no lines."""
    if scene.render.use_freestyle and any(v.use and v.use_freestyle for v in scene.view_layers):
        # Measured on 3.4.1, 4.3.2 and 5.2.2 (the default cube in Cycles,
        # absolute 2 px lines): a quarter of the frame rendered alone
        # differs from the whole render in 303 (282 on 4.3 and 5.2) of
        # 9216 values, by up to 19018/65535: strokes are drawn from the
        # region rendered.
        return ["Freestyle draws its lines from the region rendered"]
    return []


# The fields of a burned-in stamp (Output > Metadata), by the suffixes of
# their use_stamp_ settings.
STAMP_FIELDS = ("filename", "date", "render_time", "memory", "hostname", "time", "frame", "frame_range",
                "camera", "lens", "scene", "marker", "sequencer_strip", "note")

# Those that describe one render on one machine: when it ran, how long it
# took, the .blend's path there, its memory and its name. A finish draws
# the stamp without them: its checker, another node, would draw others,
# and fail the finish for it.
STAMP_ONE_RENDER = ("filename", "date", "render_time", "memory", "hostname")


def stamp_fields(r):
    """The fields the scene's own render burns into its image ("Burn Into
    Image"); [] when it burns none."""
    if not r.use_stamp:
        return []
    return [f for f in STAMP_FIELDS if getattr(r, "use_stamp_" + f, False)]


def usage(scene):
    """What the scene uses that decides how a frame may be split and
    finished (see renderer.SceneInfo)."""
    r = scene.render
    stamp = stamp_fields(r)
    out = dict(
        compositing=compositing(scene),
        passes=passes_read(scene),
        view_transform=scene.view_settings.view_transform,
        look=scene.view_settings.look,
        file_format=r.image_settings.file_format,
        color_depth=r.image_settings.color_depth,
        exr_codec=getattr(r.image_settings, "exr_codec", ""),
        quality=getattr(r.image_settings, "quality", 0),
        compression=getattr(r.image_settings, "compression", None),
        dither=r.dither_intensity,
        sequencer=uses_sequencer(scene),
        view_layers=[v.name for v in scene.view_layers if v.use],
        motion_blur=bool(r.use_motion_blur),
        transparent=bool(r.film_transparent),
        render_region=bool(r.use_border),
        # The region's edges as Blender keeps them (float32 fractions,
        # origin bottom-left): the farm works out its pixels as Blender
        # does.
        border=[r.border_min_x, r.border_max_x, r.border_min_y, r.border_max_y],
        crop_to_border=bool(r.use_crop_to_border),
        color_mode=r.image_settings.color_mode,
        file_outputs=sorted(name for name, _ in file_outputs(scene)),
        simulations=simulations(scene),
        scripts=script_drivers(),
        stamp=stamp,
        stamp_left_out=[f for f in stamp if f in STAMP_ONE_RENDER],
        # Output > Stereoscopy: the views each frame renders (left and
        # right), each written as its own image or side by side.
        views=[v.name for v in r.views if v.use] if r.use_multiview else [],
    )
    if out["compositing"]:
        out["spatial_nodes"] = sorted(spatial_nodes(comp_tree(scene)))
    if r.engine == "CYCLES":
        out["denoise"] = bool(scene.cycles.use_denoising)
        out["adaptive_sampling"] = bool(scene.cycles.use_adaptive_sampling)
        out["samples"] = scene.cycles.samples
        out["seed"] = scene.cycles.seed
        out["animated_seed"] = bool(scene.cycles.use_animated_seed)
        out["volumes"] = has_volumes(scene)
        out["whole_frame"] = whole_frame_reasons(scene, out["volumes"])
        out["layers"], out["layer_channels"] = layers_read(scene)
        # Render > Shading System > Open Shading Language: a Blender built
        # without OSL (Debian's 3.4, 4.3, 5.2) renders such a scene with
        # SVM instead, silently, and its Script nodes give nothing.
        out["osl"] = bool(scene.cycles.shading_system)
    else:
        e = scene.eevee
        out["samples"] = e.taa_render_samples
        # Screen-space effects see only the rendered region: a tile of
        # them cannot equal the whole frame. (Names of Blender 3.x; 4.2's
        # Eevee Next dropped some, and getattr keeps those out.)
        flags = (("use_bloom", "bloom"), ("use_ssr", "ssr"), ("use_gtao", "ao"),
                 ("use_motion_blur", "motion_blur"), ("use_volumetric_lights", "volumetrics"))
        out["screen_effects"] = [name for attr, name in flags if getattr(e, attr, False)]
        if bpy.app.version >= (4, 2):
            # Eevee Next. Measured on Blender's default scene at 128x96 on
            # llvmpipe: a region rendered alone differs from the same
            # pixels of the whole frame in 0.4-2% of its values on 4.3.2
            # and 6-21% on 5.2.2, by up to 1,740/65,535 (2,318 in a
            # quarter of the 64x48 frame), at its edges and up to 18
            # pixels in, with shadows, fast GI or reprojection off alike;
            # the whole frame rendered twice is the same bit for bit.
            # (With Overscan on, a region inside the frame came within
            # 13/65,535, and one at its corner went 3,134 off.)
            out["whole_frame"] = ["Eevee (Blender 4.2 and later) renders a region alone otherwise than within its frame"]
    out["whole_frame"] = out.get("whole_frame", []) + freestyle_reasons(scene)
    return out


last = {"frame": None}  # the frame of the previous task in this process


def render(t):
    """Renders one task (see process.go's wireTask) into t["out"]."""
    scene = bpy.context.scene
    r = scene.render
    w, h = t["width"], t["height"]
    r.resolution_x, r.resolution_y, r.resolution_percentage = w, h, 100
    x0, y0, x1, y1 = t["x0"], t["y0"], t["x1"], t["y1"]
    whole = (x0, y0, x1, y1) == (0, 0, w, h)
    r.use_border = not whole
    r.use_crop_to_border = not whole
    if not whole:
        # Blender's border origin is bottom-left and it truncates
        # fraction*size to whole pixels, so aim at pixel centres.
        r.border_min_x = (x0 + 0.5) / w
        r.border_max_x = (x1 + 0.5) / w
        r.border_min_y = (h - y1 + 0.5) / h
        r.border_max_y = (h - y0 + 0.5) / h
    # Dither is seeded by the position inside the cropped image, so tiles
    # would not match the whole frame (DEPENDENCIES.md): the farm adds the
    # scene's to the stitched 8-bit frame (renderer.Dither).
    r.dither_intensity = 0.0
    # A burned-in stamp is drawn in the corner of whatever is rendered:
    # each tile, each check's crop, would have its own. The finish draws
    # it once, over the whole frame (finish()).
    r.use_stamp = False
    # Keep Cycles' scene data (BVH, shaders, images) between the renders of
    # one frame: measured here, 16 tiles then cost 0.92-0.96x the whole frame
    # instead of 1.16-1.19x, with the same pixels. Across a frame change
    # Cycles would update the kept data in place (a BVH refit, not a build),
    # a different computation from a cold render's, so a new frame starts
    # from nothing: switching the option off frees the kept data (that is
    # what its RNA update does).
    if last["frame"] != t["frame"]:
        r.use_persistent_data = False
    r.use_persistent_data = True
    if t["threads"] > 0:
        r.threads_mode, r.threads = "FIXED", t["threads"]
    else:
        r.threads_mode = "AUTO"
    s = r.image_settings
    # Raw passes bypass the compositor and sequencer, whose spatial nodes
    # would see only this tile; the finish step runs them on the whole
    # frame. Other tasks render as the scene says.
    passes = bool(t.get("passes"))
    r.use_compositing = own["use_compositing"] and not passes
    r.use_sequencer = own["use_sequencer"] and not passes
    mute_file_outputs(scene)
    # The frame's colour mode: RGBA where the scene writes RGBA (Blender's
    # default) and the job's format keeps it, else RGB. Blender maps the
    # pixels of the two another way: 5.2.2's AgX differs by up to 2/65535
    # (TestBlenderColorModes), and a pixel a compositor makes transparent
    # is premultiplied in RGB, straight in RGBA (TestOpaqueTasks). A
    # transparent film renders RGB: its tile keeps the premultiplied
    # colour and loses its alpha, which the finish restores from the raw
    # passes.
    if hasattr(s, "media_type"):
        s.media_type = "MULTI_LAYER_IMAGE" if passes else "IMAGE"
    if passes:
        # Every pass of every view layer, 32-bit float, as Blender names
        # them ("ViewLayer.Combined.R"); Go keeps the ones the frame needs.
        set_format(s, "OPEN_EXR_MULTILAYER")
        s.color_depth = "32"
        if hasattr(s, "use_exr_interleave"):
            # 5.x writes one part per pass unless interleaved: the
            # single-part file renderer/exr reads.
            s.use_exr_interleave = True
        s.exr_codec = "NONE"  # a temporary file read back at once
    elif t.get("hdr"):
        # Float EXR holds the linear, scene-referred values: Blender applies
        # no view transform to float formats.
        s.file_format, s.color_mode, s.color_depth = "OPEN_EXR", "RGB", "32"
        s.exr_codec = "NONE"  # a temporary file read back at once
    else:
        rgba = own["image"].get("color_mode") == "RGBA" and not r.film_transparent and not t.get("opaque")
        s.file_format, s.color_mode, s.color_depth = "PNG", "RGBA" if rgba else "RGB", "16"
        s.compression = 0  # a temporary file read back at once: speed over size
    r.use_file_extension = False
    r.filepath = t["out"]
    scene.frame_set(t["frame"])

    # A preview renders with Workbench (solid shading, no global
    # illumination): a look at the animation in a fraction of the time.
    # The engine is set on every task, so the next real task renders with
    # the scene's own.
    preview = bool(t.get("preview"))
    r.engine = "BLENDER_WORKBENCH" if preview else own["engine"]
    if preview:
        if not gl_possible():
            raise RuntimeError("a preview renders with Workbench, which needs an OpenGL context (EGL, or GLX with a display), which this node lacks")
    elif r.engine == "CYCLES":
        c = scene.cycles
        c.samples = t["samples"]
        c.seed = t["seed"]
        # The scene's own: an animated seed is the seed hashed with the
        # frame, the same for every tile and check of a frame, and the
        # noise of an animation then changes from frame to frame instead
        # of standing still over the picture.
        c.use_animated_seed = own["animated_seed"]
        # Adaptive sampling leaves seams at tile edges unless Go asked for
        # it with a margin around the region (Task.AdaptiveSampling).
        c.use_adaptive_sampling = bool(t.get("adaptive")) and own["adaptive"]
        c.time_limit = 0.0  # a time limit would make the sample count vary
        # Raw passes of a denoised frame stay noisy: the finish step
        # denoises the stitched frame, guided by each view layer's
        # denoising data (albedo, normal), which the tiles carry. Storing
        # it needs no denoiser.
        data = passes and bool(t["denoise"])
        for v in scene.view_layers:
            if v.name in own["denoising_data"]:
                v.cycles.denoising_store_passes = own["denoising_data"][v.name] or data
        denoise = bool(t["denoise"]) and not data
        if denoise and not getattr(cycles_module(), "with_openimagedenoise", False):
            raise RuntimeError("denoising asked for, but this Blender has no OpenImageDenoise")
        c.use_denoising = denoise
        if denoise:
            c.denoiser = "OPENIMAGEDENOISE"
        if c.shading_system and (c.device != "CPU" or not getattr(cycles_module(), "with_osl", False)):
            raise RuntimeError("the scene shades with Open Shading Language (Render > Shading System), which this node's Blender lacks (or its GPU): it would render with SVM and its Script nodes would give nothing")
    else:
        if not gl_possible():
            raise RuntimeError("Eevee needs an OpenGL context (EGL, or GLX with a display), which this node lacks: render the scene with Cycles, or on a node that has one")
        scene.eevee.taa_render_samples = t["samples"]

    if os.path.exists(t["out"]):
        os.remove(t["out"])
    last["frame"] = None  # unknown state if the render fails
    bpy.ops.render.render(write_still=True)
    last["frame"] = t["frame"]
    if not os.path.exists(t["out"]):
        raise RuntimeError("Blender finished without writing %s" % t["out"])


def finish(t):
    """Composites one whole frame from its stitched raw passes, the
    multilayer EXR t["in"], and writes it to t["out"] as the scene's own
    render would be written: the scene's compositor, colour management
    (view transform, look, exposure, gamma, curves), dither and output
    format. Each Render Layers node is muted and its links moved to an
    Image node that reads the EXR's layer of the same name: with no Render
    Layers node left, Blender's render composites without rendering. The
    scene is changed, so it is reloaded before the next task."""
    scene = bpy.context.scene
    r = scene.render
    own["dirty"] = True
    w, h = t["width"], t["height"]
    r.resolution_x, r.resolution_y, r.resolution_percentage = w, h, 100
    r.use_border = False
    r.use_crop_to_border = False
    r.dither_intensity = own["dither"]
    r.use_persistent_data = False
    r.use_sequencer = False  # the sequencer's strips are not composited here
    mute_file_outputs(scene)
    # The scene's stamp, once over the whole frame, as its own render
    # burns it; without the fields of one render (STAMP_ONE_RENDER), so
    # that the node checking this finish draws the same.
    r.use_stamp = own["stamp"]
    for f in STAMP_ONE_RENDER:
        if hasattr(r, "use_stamp_" + f):
            setattr(r, "use_stamp_" + f, False)
    if t["threads"] > 0:
        r.threads_mode, r.threads = "FIXED", t["threads"]
    else:
        r.threads_mode = "AUTO"
    s = r.image_settings
    set_image_settings(s, own["image"])
    if t.get("format"):
        set_format(s, t["format"])
    if t.get("depth"):
        s.color_depth = t["depth"]
    if t.get("quality"):
        s.quality = t["quality"]
    if t.get("compression") is not None:
        s.compression = t["compression"]
    if t.get("alpha"):
        s.color_mode = "RGBA"
    r.use_file_extension = False
    r.filepath = t["out"]
    scene.frame_set(t["frame"])

    img = bpy.data.images.load(t["in"], check_existing=False)
    # Raw values, never converted: the passes are scene-linear already, and
    # data passes (normals, depth, vectors) must stay as they are.
    img.colorspace_settings.is_data = True
    nodes = layer_nodes(scene)
    if not nodes:
        # No compositor: the frame is the view layer's Combined pass. A
        # one-node tree feeds it to the output, so that the same render
        # call colour-manages and writes it.
        r.use_compositing = True
        tree, out_socket, alpha_socket = output_tree(scene)
        im = tree.nodes.new("CompositorNodeImage")
        im.image = img
        im.layer = bpy.context.view_layer.name
        tree.links.new(output(im, "Image"), out_socket)
        if alpha_socket is not None:
            tree.links.new(output(im, "Alpha"), alpha_socket)
        images = [im]
    else:
        r.use_compositing = True
        tree = comp_tree(scene)
        images = []
        for n in nodes:
            im = tree.nodes.new("CompositorNodeImage")
            images.append(im)
            im.image = img
            try:
                im.layer = n.layer
            except TypeError:
                raise RuntimeError("the raw passes have no view layer %r" % n.layer)
            links = [(o.name, l.to_socket) for o in n.outputs if o.enabled for l in o.links]
            n.mute = True
            for name, to in links:
                tree.links.new(output(im, name), to)
        for n in tree.nodes:
            if n.type == "CRYPTOMATTE_V2" and getattr(n, "source", "") == "RENDER":
                layer = n.layer_name
                n.source = "IMAGE"
                n.image = img
                n.layer_name = layer
    if t.get("denoise"):
        if not getattr(cycles_module(), "with_openimagedenoise", False):
            raise RuntimeError("denoising asked for, but this Blender has no OpenImageDenoise")
        for im in images:
            denoise_image(tree, im)
    if os.path.exists(t["out"]):
        os.remove(t["out"])
    bpy.ops.render.render(write_still=True)
    if not os.path.exists(t["out"]):
        raise RuntimeError("Blender finished without writing %s" % t["out"])


def denoise_image(tree, im):
    """Puts a Denoise node between an Image node's Combined output and
    everything it feeds, guided by the layer's denoising albedo and
    normal: the stitched frame denoised whole, before the compositor, as
    Cycles denoises a whole-frame render before compositing."""
    src = output(im, "Image")
    to = [l.to_socket for l in tree.links if l.from_socket == src]
    dn = tree.nodes.new("CompositorNodeDenoise")
    if hasattr(dn, "use_hdr"):
        dn.use_hdr = True  # scene-linear light, as Cycles denoises it
    tree.links.new(src, dn.inputs["Image"])
    tree.links.new(output(im, "Denoising Normal"), dn.inputs["Normal"])
    tree.links.new(output(im, "Denoising Albedo"), dn.inputs["Albedo"])
    for socket in to:
        tree.links.new(dn.outputs[0], socket)


def output_tree(scene):
    """Gives the scene a compositor of nothing but an output node (the
    scene is reloaded after the finish) and returns the tree, the output's
    image input and its alpha input (None where there is none)."""
    if hasattr(scene, "compositing_node_group"):
        tree = bpy.data.node_groups.new("conun finish", "CompositorNodeTree")
        tree.interface.new_socket("Image", in_out="OUTPUT", socket_type="NodeSocketColor")
        scene.compositing_node_group = tree
        out = tree.nodes.new("NodeGroupOutput")
        return tree, out.inputs[0], None
    scene.use_nodes = True
    tree = scene.node_tree
    for n in list(tree.nodes):
        tree.nodes.remove(n)
    comp = tree.nodes.new("CompositorNodeComposite")
    return tree, comp.inputs["Image"], comp.inputs["Alpha"]


def output(node, name):
    """The Image node's output for a Render Layers output name: Blender 3.4
    calls Combined's sockets Combined and Alpha there, Image and Alpha on
    Render Layers."""
    if name in node.outputs:
        return node.outputs[name]
    if name == "Image" and "Combined" in node.outputs:
        return node.outputs["Combined"]
    raise RuntimeError("the raw passes have no %s pass for the compositor (passes: %s)"
                       % (name, ", ".join(o.name for o in node.outputs)))


device_of = {}  # the device serve() was given, for reloads


def reload_if_dirty():
    if own.get("dirty"):
        load(own["path"], own["packed"])
        if bpy.context.scene.render.engine == "CYCLES":
            use_device(device_of["scene"])
        last["frame"] = None


def serve(scene_path, device, require_packed):
    try:
        info = load(scene_path, require_packed)
        if bpy.context.scene.render.engine == "CYCLES":
            use_device(device)
    except SceneError as e:
        send(fatal=str(e), scene=True)
        return
    except Exception as e:
        send(fatal=clean(e))
        return
    device_of["scene"] = device
    send(ready=info)
    for line in sys.stdin:
        if not line.strip():
            continue
        t = json.loads(line)
        try:
            if t.get("finish") and not own.get("fresh"):
                # Composited after a render in the same process, the frame
                # came out as that render's uncomposited Combined (measured
                # on 3.4.1, 4.3.2 and 5.2.2: every scene with a spatial node
                # then differs from blender -f): a finish starts from the
                # file as saved. The reload is cheap: 6 ms of the finish
                # of BenchmarkFinish's 640x360 scene, measured.
                own["dirty"] = True
            reload_if_dirty()
            own["fresh"] = False
            if t.get("finish"):
                finish(t)
            else:
                render(t)
            send(id=t["id"], done=True)
        except Exception as e:
            # The process keeps serving: one bad task does not cost the warm scene.
            send(id=t["id"], error=clean(e), trace=traceback.format_exc(limit=3))


def pack(src, dst):
    """Packs every external file the scene uses into a copy of it, so the
    farm ships one self-contained blob; missing files are an error that
    lists them."""
    try:
        reopen(src)
    except RuntimeError as e:
        send(fatal=clean(e), scene=True)
        return
    try:
        check_version("pack")  # saving it here would drop what this Blender does not know
    except SceneError as e:
        send(fatal=str(e), scene=True)
        return
    bad = external_files(False)
    if bad:
        send(fatal="missing external files: %s; put them next to the .blend where it expects them, or pack them in Blender" % ", ".join(sorted(bad)), scene=True)
        return
    foreign = unknown_colour_names(bpy.context.scene)
    if foreign:
        send(fatal="colour management names Blender's own configuration has not (from a studio's OpenColorIO configuration, the OCIO "
             "environment variable, where the scene was made?): %s; nodes render with Blender's own configuration and would put its "
             "defaults in their place: choose names it has (start Blender without OCIO to see them)" % ", ".join(foreign), scene=True)
        return
    try:
        pack_library_resources(os.path.dirname(dst))
        # Pack Resources (pack_all) leaves linked .blend libraries out:
        # they are packed on their own, as the files they are (3.4, 4.3,
        # 5.2 render a packed library's objects as the linked ones).
        for lib in bpy.data.libraries:
            if lib.packed_file is None and not lib.filepath.startswith("//"):
                try:
                    lib.filepath = bpy.path.relpath(lib.filepath)  # Blender packs no library by an absolute path
                except ValueError:  # Windows: another drive
                    raise RuntimeError("the library %s is on another drive than the scene: Blender packs a library only by a relative path" % lib.filepath)
        if len(bpy.data.libraries) > 0:
            bpy.ops.file.pack_libraries()
        # pack_all packs Geometry Nodes bakes kept on disk too (4.2+), and
        # fails on one whose folder is gone.
        bpy.ops.file.pack_all()
    except RuntimeError as e:
        msg = clean(e)
        if msg.endswith(("meta is no directory", "meta is not a directory")):  # 4.3, 5.2
            msg = "a Geometry Nodes bake kept on disk has no files (%s): bake it again beside the .blend, or bake it packed (Bake Target Packed)" % msg
        send(fatal=msg, scene=True)
        return
    # What packing left on disk would be missing on every node (they read
    # nothing but the .blend): refused here, where the artist can mend it,
    # not by every node after the job is accepted.
    left = external_files(True)
    if left:
        send(fatal="files the .blend reads that cannot travel with it: %s" % ", ".join(sorted(left)), scene=True)
        return
    try:
        bpy.ops.wm.save_as_mainfile(filepath=dst, copy=True)
    except RuntimeError as e:
        send(fatal=clean(e), scene=True)
        return
    # Blender's own warnings on loading it name the colour management
    # names it replaced (the Go side reads them off the output); the
    # sequencer's matter only where the frame shows the sequencer.
    send(done=True, sequencer=uses_sequencer(bpy.context.scene))


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    mode = argv[0] if argv else ""
    if mode == "probe":
        probe(argv[1:2] == ["devices"])
    elif mode == "devices":
        devices()
    elif mode == "serve":
        serve(argv[1], argv[2], argv[3] == "packed")
    elif mode == "pack":
        pack(argv[1], argv[2])
    else:
        send(fatal="driver: unknown mode %r" % mode)


main()
