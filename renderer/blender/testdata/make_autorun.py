# Build 'autorun': a tiny scene with a registered text block (use_module) that
# Blender runs when it loads the file with auto-run scripts enabled. The
# script writes the marker file given on the command line; a render through
# the blender backend must never create it.
# Usage: blender -b --factory-startup --python make_autorun.py -- out.blend MARKER
import bpy, sys, os

argv = sys.argv[sys.argv.index("--") + 1:]
out, marker = os.path.abspath(argv[0]), os.path.abspath(argv[1])
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene

text = bpy.data.texts.new("autorun.py")
text.write("open(%r, 'w').write('scene code ran')\n" % marker)
text.use_module = True  # "Register": run on load when auto-run is allowed

bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.light_add(type="SUN")
bpy.ops.object.camera_add(location=(4, -4, 3), rotation=(1.1, 0, 0.785))
scene.camera = bpy.context.object
scene.render.engine = "CYCLES"
scene.cycles.use_adaptive_sampling = False
scene.cycles.use_denoising = False
scene.frame_start, scene.frame_end = 1, 1
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
print("SAVED", out)
