# conun's driver inside Blender. The Go side (process.go) starts
#
#   blender -b -Y --factory-startup --python driver.py -- MODE [ARG...]
#
# and talks to it in JSON lines. Messages to Go are printed on stdout behind
# PREFIX, so Go can tell them from Blender's own output on the same stream.
#
# Modes:
#   probe               print this Blender's version, CPU kernel class and
#                       denoiser support, then exit
#   devices             print the compute devices Cycles can use, then exit
#   serve SCENE DEVICE  load SCENE once, print its info ("ready"), then render
#                       one task per line read from stdin until stdin ends
#
# The scene is opened here with use_scripts=False rather than named on the
# command line: Blender falls back to its default cube scene when a file named
# on the command line fails to load, and we would render the cube.
import json
import os
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


def probe():
    c = cycles_module()
    send(
        probe=dict(
            version=bpy.app.version_string.split()[0],
            file_version=list(bpy.app.version_file),
            kernel=kernel_class(),
            oidn=bool(getattr(c, "with_openimagedenoise", False)),
            gl=gl_possible(),
        )
    )


def cycles_prefs():
    return bpy.context.preferences.addons["cycles"].preferences


def devices():
    # The same preferences API as Blender's own Preferences > System panel.
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
    send(devices=out)


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
    require_packed, every file it would read from disk at all)."""
    bad = []
    for coll in (bpy.data.images, bpy.data.libraries, bpy.data.volumes):
        is_image = coll is bpy.data.images
        for item in coll:
            if is_image and (item.source not in ("FILE", "SEQUENCE", "MOVIE", "TILED") or item.users == 0):
                continue  # generated images and render results live in memory
            if getattr(item, "packed_file", None) is not None:
                continue
            path = bpy.path.abspath(item.filepath, library=item.library)
            if is_image and item.source == "TILED":
                path = path.replace("<UDIM>", "1001")
            if require_packed:
                bad.append("%s (not packed)" % item.filepath)
            elif not os.path.exists(path):
                bad.append("%s (missing)" % item.filepath)
    return bad


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
        bpy.ops.wm.open_mainfile(filepath=scene_path, load_ui=False, use_scripts=False)
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
        hint = "pack them into the .blend (File > External Data > Pack Resources)"
        raise SceneError("external files: %s; %s" % (", ".join(sorted(bad)), hint))
    r = scene.render
    return dict(
        frame_start=scene.frame_start,
        frame_end=scene.frame_end,
        frame_step=scene.frame_step,
        fps=r.fps / r.fps_base,
        # Blender truncates the scaled resolution the same way.
        width=r.resolution_x * r.resolution_percentage // 100,
        height=r.resolution_y * r.resolution_percentage // 100,
        engine=r.engine,
    )


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
    # would not match the whole frame; see DEPENDENCIES.md.
    r.dither_intensity = 0.0
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
    # RGB, not RGBA: the result is opaque by definition (a transparent film
    # keeps its premultiplied colour and loses its alpha).
    if t.get("hdr"):
        # Float EXR holds the linear, scene-referred values: Blender applies
        # no view transform to float formats.
        s.file_format, s.color_mode, s.color_depth = "OPEN_EXR", "RGB", "32"
        s.exr_codec = "NONE"  # a temporary file read back at once
    else:
        s.file_format, s.color_mode, s.color_depth = "PNG", "RGB", "16"
        s.compression = 0  # a temporary file read back at once: speed over size
    r.use_file_extension = False
    r.filepath = t["out"]
    scene.frame_set(t["frame"])

    if r.engine == "CYCLES":
        c = scene.cycles
        c.samples = t["samples"]
        c.seed = t["seed"]
        c.use_animated_seed = False
        c.use_adaptive_sampling = False  # leaves seams at tile edges
        c.time_limit = 0.0  # a time limit would make the sample count vary
        if t["denoise"] and not getattr(cycles_module(), "with_openimagedenoise", False):
            raise RuntimeError("denoising asked for, but this Blender has no OpenImageDenoise")
        c.use_denoising = bool(t["denoise"])
        if t["denoise"]:
            c.denoiser = "OPENIMAGEDENOISE"
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
    send(ready=info)
    for line in sys.stdin:
        if not line.strip():
            continue
        t = json.loads(line)
        try:
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
        bpy.ops.wm.open_mainfile(filepath=src, load_ui=False, use_scripts=False)
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
    try:
        bpy.ops.file.pack_all()
        bpy.ops.wm.save_as_mainfile(filepath=dst, copy=True)
    except RuntimeError as e:
        send(fatal=clean(e), scene=True)
        return
    send(done=True)


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    mode = argv[0] if argv else ""
    if mode == "probe":
        probe()
    elif mode == "devices":
        devices()
    elif mode == "serve":
        serve(argv[1], argv[2], argv[3] == "packed")
    elif mode == "pack":
        pack(argv[1], argv[2])
    else:
        send(fatal="driver: unknown mode %r" % mode)


main()
