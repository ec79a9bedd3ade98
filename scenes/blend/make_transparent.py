# A transparent film, as artists set it for compositing elsewhere: the
# default startup file switched to Cycles, Film > Transparent ticked,
# written as Blender's default 8-bit RGBA PNG, no compositor. Blender's own
# render has alpha 0 wherever the world shows. 96x64, few samples.
#   blender -b --factory-startup --python make_transparent.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(96, 64)
r.film_transparent = True
r.image_settings.color_mode = "RGBA"
bpy.ops.wm.save_as_mainfile(filepath=out)
