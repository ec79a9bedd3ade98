# Build 'texture': a plane with an image texture under a sun, viewed from
# above: the smallest scene that reads an image. By default the image is
# packed into the .blend (what the farm needs); with --external it stays a
# file next to the .blend (texture.png), so tests can delete it and check the
# missing-texture error. The resolution percentage is 50, so the scene's
# effective resolution is 160x120.
# Usage: blender -b --factory-startup --python make_texture.py -- out.blend [--external]
import bpy, sys, os, math

argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
out = os.path.abspath(argv[0] if argv else "texture.blend")
external = "--external" in argv
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene

# a 64x64 image: coloured stripes, so a wrong or missing texture shows
W = H = 64
img = bpy.data.images.new("stripes", W, H, alpha=False)
px = []
for y in range(H):
    for x in range(W):
        px += [(x // 8) % 2 * 0.9, y / H, 0.5 * ((y // 16) % 2), 1.0]
img.pixels.foreach_set(px)
png = os.path.join(os.path.dirname(out), os.path.splitext(os.path.basename(out))[0] + ".png")
img.filepath_raw = png
img.file_format = "PNG"
img.save()
bpy.data.images.remove(img)
img = bpy.data.images.load(png)

m = bpy.data.materials.new("Stripes")
m.use_nodes = True
nt = m.node_tree
tex = nt.nodes.new("ShaderNodeTexImage")
tex.image = img
tex.interpolation = "Closest"
nt.links.new(tex.outputs["Color"], nt.nodes["Principled BSDF"].inputs["Base Color"])
bpy.ops.mesh.primitive_plane_add(size=2)
bpy.context.object.data.materials.append(m)

bpy.ops.object.light_add(type="SUN", rotation=(math.radians(20), 0, 0))
bpy.context.object.data.energy = 3.0
bpy.ops.object.camera_add(location=(0, 0, 2.4), rotation=(0, 0, 0))
scene.camera = bpy.context.object

if external:
    img.filepath = "//" + os.path.basename(png)  # relative, as artists save them
else:
    bpy.ops.file.pack_all()
    os.remove(png)

scene.render.engine = "CYCLES"
scene.cycles.device = "CPU"
scene.cycles.samples = 16
scene.cycles.use_adaptive_sampling = False
scene.cycles.use_denoising = False
scene.render.resolution_x, scene.render.resolution_y = 320, 240
scene.render.resolution_percentage = 50
scene.frame_start, scene.frame_end = 1, 1
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False, relative_remap=False)
print("SAVED", out, "packed:", [i.name for i in bpy.data.images if i.packed_file])
