# The default startup file switched to Cycles, with a compositor that reads
# passes besides Combined, as relighting and fog set-ups do: Depth through
# a Map Range into a Mix that fogs the frame with distance, and the Normal
# pass through a Separate XYZ tinting it (a simple rim light). Then a Blur,
# so the frame needs its neighbours. Tiles must carry Depth and Normal for
# the finish step. 120x72, few samples.
#   blender -b --factory-startup --python make_passes.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(120, 72)
vl = scene.view_layers[0]
vl.use_pass_z = True
vl.use_pass_normal = True

tree, layers, output = compat.compositor(scene)
_, fog_in, fog_out = compat.map_range(tree, 6.0, 14.0)
_, mix_fac, mix_a, mix_b, mix_out = compat.mix(tree)
mix_b.default_value = (0.6, 0.7, 0.9, 1.0)
sep = compat.separate_xyz(tree)
_, rim_fac, rim_a, rim_b, rim_out = compat.mix(tree, "ADD")
rim_b.default_value = (0.3, 0.1, 0.0, 1.0)
blur = tree.nodes.new("CompositorNodeBlur")
if hasattr(blur, "size_x"):
    blur.size_x = blur.size_y = 3
else:
    blur.inputs["Size"].default_value = (3, 3)
tree.links.new(layers.outputs["Depth"], fog_in)
tree.links.new(fog_out, mix_fac)
tree.links.new(layers.outputs["Image"], mix_a)
tree.links.new(mix_out, rim_a)
tree.links.new(layers.outputs["Normal"], sep.inputs[0])
tree.links.new(sep.outputs["Z"], rim_fac)
tree.links.new(rim_out, blur.inputs["Image"])
tree.links.new(blur.outputs["Image"], output)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
