# Build 'eevee': a tiny scene that renders with Eevee, whose engine is
# BLENDER_EEVEE in Blender 3.x and BLENDER_EEVEE_NEXT in 4.2 to 4.4.
# Usage: blender -b --factory-startup --python make_eevee.py -- OUT.blend
import bpy, sys, os

out = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene
bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.light_add(type="SUN")
bpy.ops.object.camera_add(location=(4, -4, 3), rotation=(1.1, 0, 0.785))
scene.camera = bpy.context.object
engines = [e.identifier for e in scene.render.bl_rna.properties["engine"].enum_items]
scene.render.engine = "BLENDER_EEVEE_NEXT" if "BLENDER_EEVEE_NEXT" in engines else "BLENDER_EEVEE"
scene.frame_start, scene.frame_end = 1, 1
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
print("SAVED", out, scene.render.engine)
