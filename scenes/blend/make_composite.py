# A scene made the way artists make them: Blender's default startup file
# (cube, light, camera, Filmic, denoising and adaptive sampling on),
# switched to Cycles, with a compositor of spatial nodes after the Render
# Layers: Glare (fog glow) then Lens Distortion. Every pixel of the frame
# depends on far-away pixels, so tiles composited one by one cannot match
# the whole frame; conun renders raw passes per tile and composites once.
# A bright emissive sphere gives the glare something to bloom. 160x96, few
# samples.
#   blender -b --factory-startup --python make_composite.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(160, 96)

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.4, location=(1.2, -1.4, 1.2))
glow = bpy.data.materials.new("glow")
glow.use_nodes = True
em = glow.node_tree.nodes.new("ShaderNodeEmission")
em.inputs["Strength"].default_value = 40.0
em.inputs["Color"].default_value = (1.0, 0.6, 0.2, 1.0)
glow.node_tree.links.new(em.outputs[0], glow.node_tree.nodes["Material Output"].inputs["Surface"])
bpy.context.object.data.materials.append(glow)

tree, layers, output = compat.compositor(scene)
glare = tree.nodes.new("CompositorNodeGlare")
if hasattr(glare, "glare_type"):
    glare.glare_type, glare.quality, glare.size = "FOG_GLOW", "HIGH", 7
else:  # 5.x: settings are inputs; Size is relative
    compat.inputs(glare, Type="Fog Glow", Quality="High", Size=0.7)
lens = tree.nodes.new("CompositorNodeLensdist")
# "Distort" in 3.4, "Distortion" in 4.x and 5.x.
lens.inputs["Distort" if "Distort" in lens.inputs else "Distortion"].default_value = -0.08
lens.inputs["Dispersion"].default_value = 0.02
tree.links.new(layers.outputs["Image"], glare.inputs["Image"])
tree.links.new(glare.outputs["Image"], lens.inputs["Image"])
tree.links.new(lens.outputs["Image"], output)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
