# Motion blur as artists set it: the default startup file switched to
# Cycles, the default cube animated (keyframes on location and rotation
# either side of frame 1, as an artist's "I" key gives) and Render >
# Motion Blur ticked with its default shutter (0.5 frames, centred on the
# frame). Each pixel integrates the cube's motion over the shutter, so a
# tile must see the same motion as the whole frame. "Use Nodes" is ticked
# (the default tree), so the farm renders raw passes and finishes the
# frame once. Render frame 1. 128x80, few samples.
#   blender -b --factory-startup --python make_motionblur.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(128, 80)
r.use_motion_blur = True

cube = bpy.data.objects["Cube"]
for frame, x, turn in ((0, -1.2, 0.0), (2, 1.2, 0.9)):
    cube.location.x = x
    cube.rotation_euler.z = turn
    cube.keyframe_insert("location", frame=frame)
    cube.keyframe_insert("rotation_euler", frame=frame)
scene.frame_set(1)
compat.compositor(scene)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
