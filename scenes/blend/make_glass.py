# Build 'glass': refractive glass objects on a checker floor, lit by a small,
# strong area light plus an emissive sphere (caustic paths -> fireflies).
# Usage: blender -b --factory-startup --python make_glass.py -- out.blend
import bpy, sys, os, math

argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
out = os.path.abspath(argv[0] if argv else "glass.blend")
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene


def glass(name, color=(1, 1, 1), ior=1.45, rough=0.0):
    m = bpy.data.materials.new(name)
    m.use_nodes = True
    nt = m.node_tree
    nt.nodes.remove(nt.nodes["Principled BSDF"])
    g = nt.nodes.new("ShaderNodeBsdfGlass")
    g.inputs["Color"].default_value = (*color, 1)
    g.inputs["IOR"].default_value = ior
    g.inputs["Roughness"].default_value = rough
    nt.links.new(g.outputs[0], nt.nodes["Material Output"].inputs["Surface"])
    return m


# checker floor
fm = bpy.data.materials.new("CheckerFloor")
fm.use_nodes = True
nt = fm.node_tree
ck = nt.nodes.new("ShaderNodeTexChecker")
ck.inputs["Scale"].default_value = 12
ck.inputs["Color1"].default_value = (0.8, 0.8, 0.8, 1)
ck.inputs["Color2"].default_value = (0.1, 0.1, 0.12, 1)
nt.links.new(ck.outputs["Color"], nt.nodes["Principled BSDF"].inputs["Base Color"])
nt.nodes["Principled BSDF"].inputs["Roughness"].default_value = 0.6
bpy.ops.mesh.primitive_plane_add(size=8)
bpy.context.object.data.materials.append(fm)

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.6, location=(-0.8, 0, 0.6), segments=64, ring_count=32)
bpy.ops.object.shade_smooth()
bpy.context.object.data.materials.append(glass("ClearGlass"))
bpy.ops.mesh.primitive_monkey_add(size=0.9, location=(0.7, 0.2, 0.55), rotation=(math.radians(-10), 0, math.radians(210)))
o = bpy.context.object
o.modifiers.new("sub", "SUBSURF").levels = 2
bpy.ops.object.shade_smooth()
o.data.materials.append(glass("AmberGlass", color=(1.0, 0.6, 0.2), ior=1.5))
bpy.ops.mesh.primitive_cylinder_add(radius=0.25, depth=0.9, location=(0.1, 1.0, 0.45))
bpy.context.object.data.materials.append(glass("FrostedGlass", color=(0.7, 0.9, 1.0), rough=0.15))

# emissive sphere (hit-able light => refractive caustics with path tracing)
em = bpy.data.materials.new("Emit")
em.use_nodes = True
ent = em.node_tree
ent.nodes.remove(ent.nodes["Principled BSDF"])
e = ent.nodes.new("ShaderNodeEmission")
e.inputs["Strength"].default_value = 60
e.inputs["Color"].default_value = (1.0, 0.95, 0.85, 1)
ent.links.new(e.outputs[0], ent.nodes["Material Output"].inputs["Surface"])
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.12, location=(-2.0, -1.2, 2.2))
bpy.context.object.data.materials.append(em)

bpy.ops.object.light_add(type="AREA", location=(1.5, -1.5, 3.0))
L = bpy.context.object
L.data.size = 0.3
L.data.energy = 300
L.rotation_euler = (math.radians(30), 0, math.radians(45))

world = bpy.data.worlds.new("World")
scene.world = world
world.use_nodes = True
world.node_tree.nodes["Background"].inputs["Color"].default_value = (0.05, 0.06, 0.08, 1)

bpy.ops.object.camera_add(location=(0.0, -4.2, 2.0), rotation=(math.radians(68), 0, 0))
scene.camera = bpy.context.object
scene.camera.data.lens = 35

scene.render.engine = "CYCLES"
c = scene.cycles
c.device = "CPU"
c.samples = 64
c.use_adaptive_sampling = False
c.use_denoising = False
c.caustics_reflective = True
c.caustics_refractive = True
c.blur_glossy = 0.5
c.max_bounces = 12
c.transmission_bounces = 12
c.glossy_bounces = 6
scene.render.resolution_x, scene.render.resolution_y = 640, 360
scene.render.resolution_percentage = 100
scene.frame_start, scene.frame_end = 1, 1  # a still
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
print("SAVED", out)
