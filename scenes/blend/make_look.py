# Colour management as artists set it: the default startup file switched
# to Cycles, Filmic (AgX on Blender 4.x) with a "Medium High Contrast"
# look, exposure, gamma and RGB curves, written as a 16-bit PNG; the
# compositor darkens the corners with a vignette (an Ellipse Mask, blurred,
# multiplied in), which depends on each pixel's place in the whole frame.
# 96x64, few samples.
#   blender -b --factory-startup --python make_look.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(96, 64)
r.image_settings.color_depth = "16"

v = scene.view_settings
names = [t.identifier for t in v.bl_rna.properties["view_transform"].enum_items]
v.view_transform = "AgX" if "AgX" in names else "Filmic"
# Looks are named after their view transform in 3.x and 4.x, plainly in
# older and newer releases; the enum's items depend on the context.
for look in (v.view_transform + " - Medium High Contrast", "Medium High Contrast"):
    try:
        v.look = look
        break
    except TypeError:
        pass
assert v.look != "None", "no Medium High Contrast look"
v.exposure = 0.4
v.gamma = 1.1
v.use_curve_mapping = True
c = v.curve_mapping.curves[3].points  # the combined curve
c.new(0.5, 0.56)
v.curve_mapping.update()

tree, layers, output = compat.compositor(scene)
mask = tree.nodes.new("CompositorNodeEllipseMask")
if hasattr(mask, "width"):
    mask.width, mask.height = 0.9, 0.8
else:
    mask.inputs["Size"].default_value = (0.9, 0.8)
blur = tree.nodes.new("CompositorNodeBlur")
if hasattr(blur, "size_x"):
    blur.size_x = blur.size_y = 12
else:
    blur.inputs["Size"].default_value = (12, 12)
_, mul_fac, mul_a, mul_b, mul_out = compat.mix(tree, "MULTIPLY")
tree.links.new(mask.outputs["Mask"], blur.inputs["Image"])
tree.links.new(layers.outputs["Image"], mul_a)
tree.links.new(blur.outputs["Image"], mul_b)
tree.links.new(mul_out, output)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
