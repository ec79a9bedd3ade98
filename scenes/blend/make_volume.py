# A volume as artists make one: the default startup file switched to
# Cycles, the default cube's material given a Principled Volume (the
# surface unlinked, as "Volume" materials of the Material tab are) over a
# ground plane, lit by the default light. Light scatters inside the
# smoke-like cube, so every pixel's samples walk through the volume.
# "Use Nodes" is ticked (the default tree). 112x72, few samples.
#   blender -b --factory-startup --python make_volume.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(112, 72)

mat = bpy.data.objects["Cube"].active_material
nodes, links = mat.node_tree.nodes, mat.node_tree.links
output = nodes["Material Output"]
for link in list(output.inputs["Surface"].links):
    links.remove(link)
vol = nodes.new("ShaderNodeVolumePrincipled")
vol.inputs["Color"].default_value = (0.8, 0.5, 0.3, 1.0)
vol.inputs["Density"].default_value = 1.5
links.new(vol.outputs["Volume"], output.inputs["Volume"])

bpy.ops.mesh.primitive_plane_add(size=12, location=(0, 0, -1))
compat.compositor(scene)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
