# Cryptomatte in the compositor, as artists isolate an object: the default
# startup file switched to Cycles, a second object (a sphere), the view
# layer's Cryptomatte Object pass on, and a Cryptomatte node picking the
# cube whose matte tints it red over the frame. Tiles must carry the
# CryptoObject passes. 96x64, few samples.
#   blender -b --factory-startup --python make_cryptomatte.py -- out.blend
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compat  # noqa: E402

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
scene, r = compat.cycles_default(96, 64)
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.7, location=(1.6, -1.2, 0.2))
scene.view_layers[0].use_pass_cryptomatte_object = True

tree, layers, output = compat.compositor(scene)
crypto = tree.nodes.new("CompositorNodeCryptomatteV2")
crypto.source = "RENDER"
crypto.scene = scene
crypto.layer_name = "ViewLayer.CryptoObject"
crypto.matte_id = "Cube"
_, mix_fac, mix_a, mix_b, mix_out = compat.mix(tree)
mix_b.default_value = (0.9, 0.1, 0.05, 1.0)
tree.links.new(layers.outputs["Image"], crypto.inputs["Image"])
tree.links.new(layers.outputs["Image"], mix_a)
tree.links.new(crypto.outputs["Matte"], mix_fac)
tree.links.new(mix_out, output)
bpy.ops.wm.save_as_mainfile(filepath=out)
print("SAVED", out)
