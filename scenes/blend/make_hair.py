# Hair as each release makes it by default: the default startup file
# switched to Cycles, with hair on the default cube: a particle hair
# system on Blender 3.4, a Curves object on the cube's surface on 4.x and
# 5.x (Add > Curves > Empty Hair, then strands), both through compat.hair.
# Cycles renders strands as curves; thin strands cover a fraction of a
# pixel each. "Use Nodes" is ticked (the default tree). 96x96, few samples.
#   blender -b --factory-startup --python make_hair.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(96, 96)

compat.hair(bpy.data.objects["Cube"], count=400, length=0.6)
compat.compositor(scene)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
