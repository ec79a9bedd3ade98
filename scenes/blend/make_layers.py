# Two view layers combined in the compositor, as artists split foreground
# and background: the default startup file switched to Cycles, a ground
# plane added; view layer "Back" renders the plane with the cube as a
# holdout, view layer "Fore" the cube alone on a transparent film. The
# compositor lays Fore over Back (Alpha Over), then a Glare (streaks) on
# the result. Tiles must carry both layers' Combined. 128x80, few samples.
#   blender -b --factory-startup --python make_layers.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(128, 80)
r.film_transparent = True

bpy.ops.mesh.primitive_plane_add(size=12, location=(0, 0, -1))
ground = bpy.context.object
cube = bpy.data.objects["Cube"]
back_coll = bpy.data.collections.new("Back")
fore_coll = bpy.data.collections.new("Fore")
scene.collection.children.link(back_coll)
scene.collection.children.link(fore_coll)
for coll in ground.users_collection:
    coll.objects.unlink(ground)
back_coll.objects.link(ground)
for coll in cube.users_collection:
    coll.objects.unlink(cube)
fore_coll.objects.link(cube)

back = scene.view_layers[0]
back.name = "Back"
fore = scene.view_layers.new("Fore")
# Back: the cube is a holdout (it cuts its shape out of the ground).
back.layer_collection.children["Fore"].holdout = True
# Fore: the cube alone; the ground still shadows nothing.
fore.layer_collection.children["Back"].exclude = True

tree, rl_back, output = compat.compositor(scene)
rl_back.layer = "Back"
rl_fore = tree.nodes.new("CompositorNodeRLayers")
rl_fore.layer = "Fore"
over = tree.nodes.new("CompositorNodeAlphaOver")
glare = tree.nodes.new("CompositorNodeGlare")
if hasattr(glare, "glare_type"):
    glare.glare_type, glare.threshold = "STREAKS", 0.5
else:
    compat.inputs(glare, Type="Streaks", Threshold=0.5)
# Inputs Fac, Image (back), Image (front) up to 4.x; Background,
# Foreground, ... in 5.x.
back_in, fore_in = (over.inputs[1], over.inputs[2]) if over.inputs[0].name == "Fac" else (over.inputs["Background"], over.inputs["Foreground"])
tree.links.new(rl_back.outputs["Image"], back_in)
tree.links.new(rl_fore.outputs["Image"], fore_in)
tree.links.new(over.outputs["Image"], glare.inputs["Image"])
tree.links.new(glare.outputs["Image"], output)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
