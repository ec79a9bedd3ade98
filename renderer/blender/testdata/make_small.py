# Build a small, compressed Cycles scene (a cube, a sun, a camera) with the
# Blender that runs this. testdata/saved-by-4.3.blend was made with it by
# Blender 4.3.2 (the conun-blender:*-blender-4.3.2 image) and is committed:
# an older Blender must refuse it with a clear error (TestBadScenes).
#   docker run --rm -v $PWD:/t -w /t IMAGE blender -b --factory-startup \
#     --python-exit-code 1 --python make_small.py -- saved-by-4.3.blend
import bpy, sys, os

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene
bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.light_add(type="SUN")
bpy.ops.object.camera_add(location=(4, -4, 3), rotation=(1.1, 0, 0.785))
scene.camera = bpy.context.object
scene.render.engine = "CYCLES"
scene.cycles.use_adaptive_sampling = False
scene.cycles.use_denoising = False
scene.frame_start, scene.frame_end = 1, 1
bpy.ops.wm.save_as_mainfile(filepath=out, compress=True)
print("SAVED", out)
