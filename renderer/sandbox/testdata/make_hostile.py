# Build 'hostile': a tiny Cycles scene carrying one text block per attack on
# the node that renders it. Blender never runs a scene's Python by itself
# (the backend passes -Y and loads with use_scripts=False); the hostile tests
# run these blocks on purpose with --python-text NAME, inside the sandbox, to
# prove that each attack fails or is killed there. Each block prints
# "ATTACK name: what happened" and exits with status 3 when it is contained.
# One more block, autorun.py, is registered: it runs on load when auto-run
# scripts are allowed, and the backend must never let it.
#
# Usage: blender -b --factory-startup --python make_hostile.py -- OUT.blend \
#          HOST_IP PORT KEY_FILE ESCAPE_DIR MEM_BYTES
# The driver's last argument at render time (added by the test) is the
# process's output directory.
import bpy, sys

argv = sys.argv[sys.argv.index("--") + 1:]
out, host_ip, port, key, escape, mem = argv[0], argv[1], int(argv[2]), argv[3], argv[4], int(argv[5])

prelude = "import os, sys, socket, time, bpy\n" \
    "def report(name, *what):\n" \
    "    print('ATTACK %s: %s' % (name, '; '.join(what)), flush=True)\n" \
    "    os._exit(3)\n"

attacks = {
    "net": f"""
res = []
for addr in [({host_ip!r}, {port}), ('127.0.0.1', {port}), ('1.1.1.1', 80)]:
    try:
        socket.create_connection(addr, timeout=3).close()
        res.append('%s:%d CONNECTED' % addr)
    except OSError as e:
        res.append('%s:%d %s' % (addr[0], addr[1], e))
try:
    socket.getaddrinfo('deb.debian.org', 80)
    res.append('dns RESOLVED')
except OSError as e:
    res.append('dns %s' % e)
report('net', *res)
""",
    "read": f"""
res = []
for p in ['/etc/shadow', {key!r}]:
    try:
        res.append('%s READ %r' % (p, open(p).read()))
    except OSError as e:
        res.append('%s %s' % (p, e))
scene_dir = os.path.dirname(bpy.data.filepath)
res.append('scene dir holds %s' % sorted(os.listdir(scene_dir)))
report('read', *res)
""",
    "write": f"""
res = []
for p in ['/escape', '/usr/escape', os.path.join(os.path.dirname(bpy.data.filepath), 'escape'),
          os.path.join({escape!r}, 'escape'), os.path.dirname(sys.argv[-1]) + '/escape', '/tmp/inside-ok']:
    try:
        open(p, 'w').write('escaped')
        res.append('%s %s' % (p, 'ok (the box tmpfs)' if p.startswith('/tmp/inside') else 'WRITTEN'))
    except OSError as e:
        res.append('%s %s' % (p, e))
report('write', *res)
""",
    "fork": """
n = 0
try:
    while True:
        if os.fork() == 0:
            time.sleep(3600)
            os._exit(0)
        n += 1
except OSError as e:
    report('fork', 'forked %d, then %s' % (n, e))
""",
    "mem": f"""
hog = b'x' * {mem}
report('mem', 'ALLOCATED %d bytes' % len(hog))
""",
    "disk": """
res = []
chunk = b'x' * (1 << 20)
for d in ['/tmp', sys.argv[-1]]:
    n = 0
    try:
        with open(os.path.join(d, 'fill'), 'wb') as f:
            while n < 4096:
                f.write(chunk)
                f.flush()
                n += 1
        res.append('%s FILLED %d MiB' % (d, n))
    except OSError as e:
        res.append('%s after %d MiB: %s' % (d, n, e))
    # Said at once: filling the output dir may get the box killed.
    print('ATTACK disk so far: ' + '; '.join(res), flush=True)
report('disk', *res)
""",
    "sleep": """
time.sleep(10 ** 6)
""",
}

bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene
for name, body in attacks.items():
    bpy.data.texts.new(name).write(prelude + body)
# A registered block ("Register", use_module) runs by itself whenever the
# file loads with auto-run scripts allowed: a render that loads the scene
# as the backend does must never see it.
auto = bpy.data.texts.new("autorun.py")
auto.write(prelude + "report('autorun', 'the registered script ran on load')\n")
auto.use_module = True
bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.light_add(type="SUN")
bpy.ops.object.camera_add(location=(4, -4, 3), rotation=(1.1, 0, 0.785))
scene.camera = bpy.context.object
scene.render.engine = "CYCLES"
scene.cycles.use_denoising = False
bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
print("SAVED", out)
