# Helpers the scene builders share to build the same compositor on
# Blender 3.4, 4.x and 5.x. (Not a builder: build.sh runs make_*.py only.)
# 5.0 moved the compositor into a node group (scene.compositing_node_group,
# output through Group Output: the Composite node is gone), turned node
# settings into input sockets, and dropped the compositor's own Mix, Map
# Range and Separate XYZ nodes for the shader ones.
import bpy


def cycles_default(width, height, samples=16):
    """Blender's default startup file as an artist opens it, switched to
    Cycles (nothing else changed: denoise, adaptive sampling, Filmic/AgX
    stay on) and made tiny for tests. Returns the scene and its render
    settings."""
    bpy.ops.wm.read_homefile(use_factory_startup=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    r = scene.render
    r.resolution_x, r.resolution_y, r.resolution_percentage = width, height, 100
    scene.cycles.samples = samples
    return scene, r


def compositor(scene):
    """Turns the compositor on with Blender's default tree, Render Layers
    into the output, as ticking "Use Nodes" (or "New" in 5.x) does, and
    returns (tree, the Render Layers node, the output's image input)."""
    if hasattr(scene, "compositing_node_group"):
        tree = bpy.data.node_groups.new("Compositor Nodes", "CompositorNodeTree")
        tree.interface.new_socket("Image", in_out="OUTPUT", socket_type="NodeSocketColor")
        layers = tree.nodes.new("CompositorNodeRLayers")
        out = tree.nodes.new("NodeGroupOutput")
        tree.links.new(layers.outputs["Image"], out.inputs[0])
        scene.compositing_node_group = tree
        return tree, layers, out.inputs[0]
    scene.use_nodes = True
    tree = scene.node_tree
    return tree, tree.nodes["Render Layers"], tree.nodes["Composite"].inputs["Image"]


def inputs(node, **values):
    """Sets 5.x node settings, which are input sockets, by name (a menu's
    value is its item's name, e.g. Type="Fog Glow")."""
    for name, value in values.items():
        node.inputs[name].default_value = value


def mix(tree, blend="MIX"):
    """A colour mix node; returns (node, factor input, A input, B input,
    output)."""
    try:
        n = tree.nodes.new("CompositorNodeMixRGB")
        n.blend_type = blend
        return n, n.inputs[0], n.inputs[1], n.inputs[2], n.outputs[0]
    except RuntimeError:
        n = tree.nodes.new("ShaderNodeMix")
        n.data_type = "RGBA"
        n.blend_type = blend
        # Sockets of every data type share names: pick by identifier.
        by_id = {x.identifier: x for x in list(n.inputs) + list(n.outputs)}
        return n, by_id["Factor_Float"], by_id["A_Color"], by_id["B_Color"], by_id["Result_Color"]


def map_range(tree, from_min, from_max):
    """A clamped Map Range of a value to [0, 1]; returns (node, input, output)."""
    try:
        n = tree.nodes.new("CompositorNodeMapRange")
        n.use_clamp = True
        out = n.outputs["Value"]
    except RuntimeError:
        n = tree.nodes.new("ShaderNodeMapRange")
        n.clamp = True
        out = n.outputs["Result"]
    n.inputs["From Min"].default_value = from_min
    n.inputs["From Max"].default_value = from_max
    return n, n.inputs["Value"], out


def separate_xyz(tree):
    try:
        return tree.nodes.new("CompositorNodeSeparateXYZ")
    except (RuntimeError, AttributeError):
        return tree.nodes.new("ShaderNodeSeparateXYZ")


def hair(obj, count, length, seed=7):
    """Grows count straight strands of the given length on obj the way
    the release does by default: a Curves object on obj's surface where
    Curves can be written from Python (4.0 added add_curves), else a
    particle hair system. Roots and directions come from a seeded random
    generator, so a build gives the same strands every time."""
    if not hasattr(bpy.types.Curves, "add_curves"):
        mod = obj.modifiers.new("Hair", "PARTICLE_SYSTEM")
        ps = mod.particle_system
        ps.seed = seed
        s = ps.settings
        s.type = "HAIR"
        s.count = count
        s.hair_length = length
        s.hair_step = 3
        return obj
    import random

    rnd = random.Random(seed)
    data = bpy.data.hair_curves.new(obj.name + " Hair")
    steps = 4
    data.add_curves([steps] * count)
    positions = []
    for _ in range(count):
        # A root on a random face of the object's bounding box, growing
        # along that face's normal with a little jitter.
        axis, side = rnd.randrange(3), rnd.choice((-1.0, 1.0))
        root = [rnd.uniform(-1, 1) for _ in range(3)]
        root[axis] = side
        d = [rnd.uniform(-0.3, 0.3) for _ in range(3)]
        d[axis] = side
        norm = sum(v * v for v in d) ** 0.5
        for i in range(steps):
            f = length * i / (steps - 1) / norm
            positions.extend(root[k] * obj.dimensions[k] / 2 + d[k] * f for k in range(3))
    data.attributes["position"].data.foreach_set("vector", positions)
    radius = data.attributes.get("radius") or data.attributes.new("radius", "FLOAT", "POINT")
    radius.data.foreach_set("value", [0.01] * (count * steps))
    curves = bpy.data.objects.new(obj.name + " Hair", data)
    bpy.context.scene.collection.objects.link(curves)
    curves.matrix_world = obj.matrix_world
    data.surface = obj
    if obj.active_material:
        data.materials.append(obj.active_material)
    return curves
