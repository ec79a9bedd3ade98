# Build 'classroom-lite': floor/walls, desk, chair, glossy + diffuse objects,
# an area light, a plain world colour (no HDRI), and a PACKED image texture
# (a generated "poster" PNG that is packed into the .blend with pack_all).
# Usage: blender -b --factory-startup --python make_classroom_lite.py -- out.blend
import bpy, sys, os, math

argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
out = os.path.abspath(argv[0] if argv else "classroom_lite.blend")

bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene


def mat(name, color, rough=0.5, metal=0.0, spec=0.5):
    m = bpy.data.materials.new(name)
    m.use_nodes = True
    b = m.node_tree.nodes["Principled BSDF"]
    b.inputs["Base Color"].default_value = (*color, 1.0)
    b.inputs["Roughness"].default_value = rough
    b.inputs["Metallic"].default_value = metal
    # Blender 4.0 renamed the Principled BSDF's "Specular" input.
    b.inputs["Specular" if "Specular" in b.inputs else "Specular IOR Level"].default_value = spec
    return m


def box(name, loc, scale, m):
    bpy.ops.mesh.primitive_cube_add(location=loc)
    o = bpy.context.object
    o.name = name
    o.scale = scale
    o.data.materials.append(m)
    return o


wood = mat("Wood", (0.35, 0.18, 0.08), rough=0.35)          # semi-glossy
wall = mat("Wall", (0.75, 0.72, 0.65), rough=0.9)           # diffuse
floor = mat("Floor", (0.25, 0.25, 0.28), rough=0.15)        # glossy floor
chrome = mat("Chrome", (0.9, 0.9, 0.9), rough=0.05, metal=1.0)
red = mat("RedPlastic", (0.6, 0.03, 0.03), rough=0.2)
board = mat("Board", (0.02, 0.12, 0.05), rough=0.7)

# room
box("Floor", (0, 0, -0.05), (6, 6, 0.05), floor)
box("BackWall", (0, 3, 1.5), (6, 0.05, 1.6), wall)
box("SideWall", (-3.5, 0, 1.5), (0.05, 6, 1.6), wall)
box("Blackboard", (0.3, 2.93, 1.7), (1.6, 0.02, 0.6), board)
# desk
box("DeskTop", (0, 0.5, 0.75), (1.0, 0.5, 0.03), wood)
for i, (x, y) in enumerate([(-0.9, 0.1), (0.9, 0.1), (-0.9, 0.9), (0.9, 0.9)]):
    box(f"DeskLeg{i}", (x, y, 0.36), (0.04, 0.04, 0.36), chrome)
# chair
box("ChairSeat", (0.2, -0.35, 0.45), (0.3, 0.3, 0.03), wood)
box("ChairBack", (0.2, -0.63, 0.8), (0.3, 0.03, 0.35), wood)
for i, (x, y) in enumerate([(-0.07, -0.62), (0.47, -0.62), (-0.07, -0.08), (0.47, -0.08)]):
    box(f"ChairLeg{i}", (x, y, 0.22), (0.025, 0.025, 0.22), chrome)
# props on the desk
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.18, location=(-0.5, 0.5, 0.96), segments=48, ring_count=24)
bpy.context.object.data.materials.append(chrome)
bpy.ops.object.shade_smooth()
bpy.ops.mesh.primitive_monkey_add(size=0.35, location=(0.35, 0.55, 0.95), rotation=(0, 0, math.radians(200)))
mk = bpy.context.object
mk.modifiers.new("sub", "SUBSURF").levels = 2
bpy.ops.object.shade_smooth()
mk.data.materials.append(red)
bpy.ops.mesh.primitive_cylinder_add(radius=0.08, depth=0.25, location=(0.0, 0.75, 0.9))
bpy.context.object.data.materials.append(mat("Mug", (0.1, 0.3, 0.7), rough=0.1))

# --- packed image texture: generate a poster PNG, load it, pack it ---------
W, H = 256, 256
img = bpy.data.images.new("poster", W, H, alpha=False)
px = []
for y in range(H):
    for x in range(W):
        c = ((x // 32) + (y // 32)) % 2
        px += [0.9 if c else 0.1, x / W, y / H, 1.0]
img.pixels.foreach_set(px)
tmp_png = os.path.join(os.path.dirname(out), "poster_src.png")
img.filepath_raw = tmp_png
img.file_format = "PNG"
img.save()
bpy.data.images.remove(img)
img = bpy.data.images.load(tmp_png)
pm = bpy.data.materials.new("Poster")
pm.use_nodes = True
nt = pm.node_tree
tex = nt.nodes.new("ShaderNodeTexImage")
tex.image = img
nt.links.new(tex.outputs["Color"], nt.nodes["Principled BSDF"].inputs["Base Color"])
bpy.ops.mesh.primitive_plane_add(size=1, location=(-3.44, 1.2, 1.6), rotation=(math.radians(90), 0, math.radians(90)))
poster = bpy.context.object
poster.scale = (1.2, 0.9, 1)
poster.data.materials.append(pm)
bpy.ops.file.pack_all()            # pack every external file into the .blend
os.remove(tmp_png)                 # prove the render no longer needs it

# --- light, world, camera ----------------------------------------------------
bpy.ops.object.light_add(type="AREA", location=(0.5, 0.0, 2.9))
L = bpy.context.object
L.data.shape = "RECTANGLE"
L.data.size, L.data.size_y = 2.0, 1.0
L.data.energy = 400
world = bpy.data.worlds.new("World")
scene.world = world
world.use_nodes = True
world.node_tree.nodes["Background"].inputs["Color"].default_value = (0.35, 0.4, 0.5, 1)
world.node_tree.nodes["Background"].inputs["Strength"].default_value = 0.6

bpy.ops.object.camera_add(location=(2.6, -3.0, 1.7), rotation=(math.radians(75), 0, math.radians(38)))
scene.camera = bpy.context.object
scene.camera.data.lens = 28

# --- render settings -----------------------------------------------------------
scene.render.engine = "CYCLES"
scene.cycles.device = "CPU"
scene.cycles.samples = 64
scene.cycles.use_adaptive_sampling = False
scene.cycles.use_denoising = False
scene.render.resolution_x, scene.render.resolution_y = 640, 360
scene.render.resolution_percentage = 100
scene.frame_start, scene.frame_end = 1, 1  # a still
scene.render.image_settings.file_format = "PNG"
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
print("SAVED", out, "packed:", [i.name for i in bpy.data.images if i.packed_file])
