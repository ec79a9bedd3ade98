# Blender's own default scene (cube, light, camera) as it opens from the
# default startup file, with its default settings kept: Eevee, Filmic,
# Cycles' denoising and adaptive sampling on, 8-bit PNG output, dither on.
# Only what keeps tests fast changes (64x48, few samples), and the
# compositor's "Use Nodes" is ticked, which gives the default tree (Render
# Layers -> Composite), as an artist does on the Compositing tab. It holds
# the in-memory "Render Result" and "Viewer Node" images every default
# scene has: the scenes of factory_settings(use_empty=True) have none.
#   blender -b --factory-startup --python make_default.py -- out.blend [cycles]
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

argv = sys.argv[sys.argv.index("--") + 1:]
out = os.path.abspath(argv[0])
bpy.ops.wm.read_homefile(use_factory_startup=True)
scene = bpy.context.scene
if "cycles" in argv[1:]:
    # What most artists do first: switch to Cycles, nothing else.
    scene.render.engine = "CYCLES"
r = scene.render
r.resolution_x, r.resolution_y, r.resolution_percentage = 64, 48, 100
scene.cycles.samples = 16
scene.eevee.taa_render_samples = 4
compat.compositor(scene)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
