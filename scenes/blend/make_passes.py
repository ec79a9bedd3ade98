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

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
bpy.ops.wm.read_homefile(use_factory_startup=True)
scene = bpy.context.scene
scene.render.engine = "CYCLES"
r = scene.render
r.resolution_x, r.resolution_y, r.resolution_percentage = 120, 72, 100
scene.cycles.samples = 16
vl = scene.view_layers[0]
vl.use_pass_z = True
vl.use_pass_normal = True

scene.use_nodes = True
tree = scene.node_tree
layers = tree.nodes["Render Layers"]
comp = tree.nodes["Composite"]
fog = tree.nodes.new("CompositorNodeMapRange")
fog.inputs["From Min"].default_value = 6.0
fog.inputs["From Max"].default_value = 14.0
fog.use_clamp = True
mix = tree.nodes.new("CompositorNodeMixRGB")
mix.inputs[2].default_value = (0.6, 0.7, 0.9, 1.0)
sep = tree.nodes.new("CompositorNodeSeparateXYZ") if hasattr(bpy.types, "CompositorNodeSeparateXYZ") else None
rim = tree.nodes.new("CompositorNodeMixRGB")
rim.blend_type = "ADD"
blur = tree.nodes.new("CompositorNodeBlur")
blur.size_x = blur.size_y = 3
tree.links.new(layers.outputs["Depth"], fog.inputs["Value"])
tree.links.new(fog.outputs["Value"], mix.inputs["Fac"])
tree.links.new(layers.outputs["Image"], mix.inputs[1])
tree.links.new(mix.outputs["Image"], rim.inputs[1])
if sep is not None:
    tree.links.new(layers.outputs["Normal"], sep.inputs[0])
    tree.links.new(sep.outputs["Z"], rim.inputs["Fac"])
else:
    tree.links.new(layers.outputs["Normal"], rim.inputs["Fac"])
rim.inputs[2].default_value = (0.3, 0.1, 0.0, 1.0)
tree.links.new(rim.outputs["Image"], blur.inputs["Image"])
tree.links.new(blur.outputs["Image"], comp.inputs["Image"])
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
