"""Renders the fidelity references (issue 16 item 4) with Blender's Cycles.

    blender -b --python tests/fidelity/make_references.py -- OUT_DIR
            [--glint build/glint] [--exrtool build/glint_exrtool]
            [--samples N] [--only NAME ...] [--lamp matched|point|sphere]
            [--room-width W]

(scripts/make-fidelity-references.sh does it, installing Debian's blender if
missing.) For each scene of scenes.py it renders glint's EXR first and reads
the scene glint drew from its settings ("scene": camera and model matrices,
field of view, the lamp's position, radius and radiant intensity per channel),
then builds the same scene in Cycles:
- the same OBJ meshes with the file's normals, smooth shaded;
- the camera at the inverse of glint's view matrix with its vertical field of
  view; pixel centres sampled as glint's --msaa 1 does (a 0.01 px Gaussian
  filter: Blender ignores a box filter's width);
- glint's lamp, a sphere of uniform radiance I / (pi r^2), coloured as
  glint's Kelvin colour. Cycles 3.4 has no sphere lamp: its point lamp (power
  P = 4 pi I, radiant intensity P / 4 pi) with a radius is a disc facing each
  shading point, a cone of half-angle atan(r / d) where the sphere's is
  asin(r / d), 7 % dimmer for a 40 mm lamp at 150 mm. By default (--lamp
  matched) the disc's radius and power are set so that its cone and radiance
  are the sphere's at the model's centre (point_lamp); --lamp point is the
  plain point lamp (the references made before this option: references.json
  names the lamp of each scene, none meaning point); --lamp sphere an
  emissive mesh sphere, exact but noisy (10 % a pixel at 256 samples), for
  checking the other two;
- no world light and no bounces: direct light only, as glint at --ambient 0;
  in a room (--room desk or studio) the world is glint's room: its radiance
  (scene_room_radiance, the same C function glint fills its cube map from)
  written by `glint_exrtool room` as a 4096 x 2048 equirectangular map
  (0.09 degrees a texel, read at the nearest texel) in Blender's layout on
  glint's axes, times glint's lamp intensity setting (a room's radiance is
  relative to the lamp's white), importance-sampled by Cycles; its light
  reaches a point only where the model does not hide it (exact visibility,
  what glint's per-vertex ambient and specular occlusion approximate), and
  is integrated over the exact BSDFs (where glint has the split sum, its
  prefiltered cube map and SH9 irradiance). Still no bounces;
- glint's layers per material of the file (shaders/lit.frag, docs/finishes.md
  "Paint under varnish"; a #rrggbb paint keeps each material's metallic and
  roughness, read from `glint info --json`)
  from Cycles nodes: the varnish's GGX lobe (F0 0.04) on top; under it a
  dielectric paint's Lambert diffuse times 1 - the coat's directional albedo
  (glint's fit, never below Fresnel at n.v; in a room the lobe's own albedo
  with the exact Fresnel, integrated, as glint's room), or a metallic paint's GGX lobe
  (F0 = its colour, alpha^2 = alpha_paint^2 + alpha_coat^2) times the same.
  The GGX lobes are Cycles' Principled BSDF with no diffuse, for its Fresnel
  per microfacet (at v.h, as glint's Schlick): the exact dielectric Fresnel
  for F0 0.04, and for a metal F0 = the colour brightening towards grazing
  along the same curve.
Writes OUT_DIR/NAME.exr (half float, RGBA premultiplied, ZIP), for the shadow
scenes also OUT_DIR/NAME-noshadow.exr (the lamp casting no shadow: the test
divides by it to find the penumbra), and OUT_DIR/references.json."""

import json
import math
import os
import subprocess
import sys
import tempfile

import bpy
from mathutils import Matrix, Vector

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import scenes  # noqa: E402

# The room map's width (its height is half): 0.09 degrees a texel, an eighth
# of glint's own cube map's, so the window's hard edges are where glint's
# function puts them to well under glint's own resolution.
ROOM_WIDTH = 4096


def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    options = {"glint": os.path.join(ROOT, "build", "glint"),
               "exrtool": os.path.join(ROOT, "build", "glint_exrtool"),
               "samples": 1024, "only": [], "seed": 0, "lamp": "matched",
               "room_width": ROOM_WIDTH}
    out = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--glint", "--exrtool", "--lamp"):
            options[a[2:]] = argv[i + 1]
            i += 2
        elif a in ("--samples", "--seed", "--room-width"):
            options[a[2:].replace("-", "_")] = int(argv[i + 1])
            i += 2
        elif a == "--only":
            i += 1
            while i < len(argv) and not argv[i].startswith("--"):
                options["only"].append(argv[i])
                i += 1
        elif out is None:
            out = a
            i += 1
        else:
            sys.exit("make_references.py: unexpected argument " + a)
    if out is None:
        sys.exit("usage: blender -b --python make_references.py -- OUT_DIR [options]")
    return out, options


def glint_scene(options, scene, model_path, work):
    """glint's own scene, as it drew it: from its EXR's settings."""
    exr = os.path.join(work, scene["name"] + "-glint.exr")
    subprocess.run([options["glint"]] + scenes.glint_args(scene, model_path, exr), check=True)
    text = subprocess.run([options["exrtool"], "settings", exr], check=True,
                          capture_output=True, text=True).stdout
    drawn = json.loads(text)
    # Each file material's own paint (what a #rrggbb paint keeps of it).
    info = json.loads(subprocess.run([options["glint"], "info", model_path, "--json"], check=True,
                                     capture_output=True, text=True).stdout)
    drawn["parts"] = {part["material"]: {"metallic": part["paint"]["metallic"],
                                         "roughness": part["paint"]["roughness"]}
                      for part in info["parts"]}
    return drawn


def read_obj(path):
    """Positions, and faces as lists of (position, normal) indices; the normals;
    each face's material (usemtl) name."""
    positions, normals, faces, materials = [], [], [], []
    material = ""
    with open(path) as f:
        for line in f:
            if line.startswith("usemtl "):
                material = line.split(None, 1)[1].strip()
            elif line.startswith("v "):
                positions.append(tuple(float(x) for x in line.split()[1:4]))
            elif line.startswith("vn "):
                normals.append(tuple(float(x) for x in line.split()[1:4]))
            elif line.startswith("f "):
                face = []
                for corner in line.split()[1:]:
                    parts = corner.split("/")
                    face.append((int(parts[0]) - 1, int(parts[2]) - 1))
                faces.append(face)
                materials.append(material)
    return positions, normals, faces, materials


def build_mesh(path, model_matrix):
    """The mesh, with a material slot per usemtl name (in first-use order)."""
    positions, normals, faces, materials = read_obj(path)
    mesh = bpy.data.meshes.new("model")
    mesh.from_pydata(positions, [], [[v for v, _ in face] for face in faces])
    mesh.validate(clean_customdata=False)
    mesh.polygons.foreach_set("use_smooth", [True] * len(mesh.polygons))
    mesh.use_auto_smooth = True
    loop_normals = [normals[n] for face in faces for _, n in face]
    mesh.normals_split_custom_set(loop_normals)
    slots = list(dict.fromkeys(materials))
    mesh.polygons.foreach_set("material_index", [slots.index(m) for m in materials])
    obj = bpy.data.objects.new("model", mesh)
    obj.matrix_world = matrix(model_matrix)
    bpy.context.scene.collection.objects.link(obj)
    return obj, slots


def matrix(column_major):
    return Matrix([[column_major[c * 4 + r] for c in range(4)] for r in range(4)])


class Nodes:
    """A small helper over a material's node tree: math on scalars."""

    def __init__(self, material):
        material.use_nodes = True
        self.tree = material.node_tree
        self.tree.nodes.clear()

    def node(self, kind, **inputs):
        n = self.tree.nodes.new(kind)
        for key, value in inputs.items():
            self.set(n.inputs[int(key[1:])] if key.startswith("i") else n.inputs[key], value)
        return n

    def set(self, socket, value):
        if hasattr(value, "bl_idname") or hasattr(value, "is_output"):
            self.tree.links.new(value if hasattr(value, "is_output") else value.outputs[0], socket)
        else:
            socket.default_value = value

    def math(self, op, a, b=0.0):
        n = self.tree.nodes.new("ShaderNodeMath")
        n.operation = op
        self.set(n.inputs[0], a)
        self.set(n.inputs[1], b)
        return n.outputs[0]

    def specular(self, roughness, f0, metallic):
        """A GGX lobe with Fresnel per microfacet (at v.h, as glint's): Cycles'
        Principled BSDF with no diffuse (black, or metallic). Dielectric:
        specular 0.5 is F0 0.04 (IOR 1.5), the exact dielectric Fresnel;
        metallic: F0 = the colour, brightening towards grazing as the
        dielectric Fresnel does, as Schlick's does."""
        n = self.tree.nodes.new("ShaderNodeBsdfPrincipled")
        n.distribution = "GGX"
        n.subsurface_method = "BURLEY"
        n.inputs["Base Color"].default_value = (*f0, 1.0) if metallic else (0.0, 0.0, 0.0, 1.0)
        n.inputs["Metallic"].default_value = 1.0 if metallic else 0.0
        n.inputs["Specular"].default_value = 0.5
        n.inputs["Specular Tint"].default_value = 0.0
        n.inputs["Roughness"].default_value = roughness
        n.inputs["Sheen"].default_value = 0.0
        n.inputs["Clearcoat"].default_value = 0.0
        n.inputs["Transmission"].default_value = 0.0
        return n.outputs[0]

    def scale_shader(self, shader, factor):
        """factor x shader: a mix with nothing."""
        mix = self.tree.nodes.new("ShaderNodeMixShader")
        self.set(mix.inputs["Fac"], factor)
        self.set(mix.inputs[2], shader)
        return mix.outputs[0]

    def scale_colour(self, colour, factor):
        """colour (RGB socket or tuple) times a scalar socket."""
        mix = self.tree.nodes.new("ShaderNodeMixRGB")
        mix.blend_type = "MULTIPLY"
        mix.inputs["Fac"].default_value = 1.0
        self.set(mix.inputs["Color1"], colour if not isinstance(colour, tuple) else (*colour, 1.0))
        rgb = self.tree.nodes.new("ShaderNodeCombineColor")
        for k in range(3):
            self.set(rgb.inputs[k], factor)
        self.set(mix.inputs["Color2"], rgb.outputs[0])
        return mix.outputs[0]


def fresnel_dielectric(cos_i, eta):
    """The exact unpolarised Fresnel reflectance of a dielectric of index eta."""
    g2 = eta * eta - 1.0 + cos_i * cos_i
    if g2 <= 0.0:
        return 1.0
    g = math.sqrt(g2)
    a = (g - cos_i) / (g + cos_i)
    b = (cos_i * (g + cos_i) - 1.0) / (cos_i * (g - cos_i) + 1.0)
    return 0.5 * a * a * (1.0 + b * b)


def lobe_albedo(n_dot_v, roughness, f0, grid=128):
    """The directional albedo of the varnish's GGX lobe (height-correlated
    Smith, the exact Fresnel of index 1.5, F0 0.04, at v.h, as Cycles' own
    lobe) over the hemisphere: scene_layers_coat_exact, the integral glint's
    room table holds (importance-sampled grid)."""
    eta = (1.0 + math.sqrt(f0)) / (1.0 - math.sqrt(f0))
    alpha = max(roughness * roughness, 1e-3)
    a2 = alpha * alpha
    nv = min(max(n_dot_v, 1e-4), 1.0)
    vx = math.sqrt(1.0 - nv * nv)
    total = 0.0
    for i in range(grid):
        xi = (i + 0.5) / grid
        cos_h = math.sqrt((1.0 - xi) / (1.0 + (a2 - 1.0) * xi))
        sin_h = math.sqrt(1.0 - cos_h * cos_h)
        for j in range(grid):
            v_dot_h = vx * sin_h * math.cos(2.0 * math.pi * (j + 0.5) / grid) + nv * cos_h
            if v_dot_h <= 0.0:
                continue
            nl = 2.0 * v_dot_h * cos_h - nv
            if nl <= 0.0:
                continue
            smith = 0.5 / (nl * math.sqrt(nv * nv * (1 - a2) + a2) +
                           nv * math.sqrt(nl * nl * (1 - a2) + a2))
            fresnel = fresnel_dielectric(v_dot_h, eta)
            total += 4.0 * smith * fresnel * nl * v_dot_h / cos_h
    return total / (grid * grid)


# Where the room's coat albedo is sampled: denser towards grazing, where a
# gloss coat's rises steeply.
ALBEDO_KNOTS = tuple([0.0, 0.005, 0.01] + [0.02 * k for k in range(1, 16)] +
                     [0.3 + 0.05 * k for k in range(1, 15)])


def albedo_knots(roughness, f0):
    """lobe_albedo at ALBEDO_KNOTS, to be joined by straight lines: within
    0.0005 of the integral between them for matte and satin, 0.008 for gloss
    at the last hundredth of n.v (printed)."""
    ys = [lobe_albedo(x, roughness, f0) for x in ALBEDO_KNOTS]
    worst = 0.0
    for k in range(len(ALBEDO_KNOTS) - 1):
        x = 0.5 * (ALBEDO_KNOTS[k] + ALBEDO_KNOTS[k + 1])
        worst = max(worst, abs(0.5 * (ys[k] + ys[k + 1]) - lobe_albedo(x, roughness, f0)))
    print("make_references: coat albedo at roughness %.2f, piecewise linear within %.4f"
          % (roughness, worst), flush=True)
    return ys


def build_material(scene, part=None):
    """glint's varnish over its paint (see the module's docstring). A
    #rrggbb paint is a new colour on the file's surface: it keeps the part's
    metallic and roughness (docs/finishes.md), `part` as glint info reads it."""
    paint = dict(scenes.PAINTS[scene["paint"]])
    if scene["paint"].startswith("#") and part is not None:
        paint["metallic"] = part["metallic"]
        paint["roughness"] = part["roughness"]
    coat_r = scenes.FINISH_ROUGHNESS[scene["finish"]]
    coat_alpha = max(coat_r * coat_r, 1e-3)
    material = bpy.data.materials.new(scene["name"])
    n = Nodes(material)
    geometry = n.tree.nodes.new("ShaderNodeNewGeometry")
    dot = n.tree.nodes.new("ShaderNodeVectorMath")
    dot.operation = "DOT_PRODUCT"
    n.set(dot.inputs[0], geometry.outputs["Normal"])
    n.set(dot.inputs[1], geometry.outputs["Incoming"])
    nv = n.math("MAXIMUM", dot.outputs["Value"], 1e-4)
    nv = n.math("MINIMUM", nv, 1.0)
    s = n.math("POWER", n.math("SUBTRACT", 1.0, nv), 5.0)
    f0 = scenes.COAT_F0
    # The coat's directional albedo: glint's env_albedo (Karis's fit) at the
    # coat's roughness, never below Fresnel at n.v.
    rx, ry = -coat_r + 1.0, -0.0275 * coat_r + 0.0425
    rz, rw = -0.572 * coat_r + 1.04, 0.022 * coat_r - 0.04
    a004 = n.math("ADD", n.math("MULTIPLY", n.math("MINIMUM", rx * rx,
                                                   n.math("POWER", 2.0,
                                                          n.math("MULTIPLY", nv, -9.28))),
                                rx), ry)
    env_x = n.math("ADD", n.math("MULTIPLY", a004, -1.04), rz)
    env_y = n.math("ADD", n.math("MULTIPLY", a004, 1.04), rw)
    fit = n.math("ADD", n.math("MULTIPLY", env_x, f0), env_y)
    coat_albedo = n.math("MAXIMUM", fit, n.math("ADD", n.math("MULTIPLY", s, 1.0 - f0), f0))
    if scene.get("room", "dark") != "dark":
        # In a room glint's coat takes its albedo pre-integrated with the
        # exact Fresnel, not fitted (lit.frag's room_env): the same integral
        # here, piecewise linear in n.v (a sum of hinges in math nodes).
        ys = albedo_knots(coat_r, f0)
        coat_albedo = ys[0]  # y0 + the sum of each knot's change of slope
        slope = 0.0
        for k in range(len(ys) - 1):
            step = (ys[k + 1] - ys[k]) / (ALBEDO_KNOTS[k + 1] - ALBEDO_KNOTS[k])
            hinge = n.math("MAXIMUM", n.math("SUBTRACT", nv, ALBEDO_KNOTS[k]), 0.0)
            coat_albedo = n.math("ADD", coat_albedo, n.math("MULTIPLY", hinge, step - slope))
            slope = step
    transmit = n.math("SUBTRACT", 1.0, coat_albedo)

    coat = n.specular(coat_r, (f0, f0, f0), False)
    if paint["metallic"] > 0.5:
        paint_alpha = max(paint["roughness"] ** 2, 1e-3)
        alpha = math.sqrt(paint_alpha ** 2 + coat_alpha ** 2)
        below = n.scale_shader(n.specular(math.sqrt(alpha), paint["colour"], True), transmit)
    else:
        diffuse = n.tree.nodes.new("ShaderNodeBsdfDiffuse")
        diffuse.inputs["Roughness"].default_value = 0.0  # Lambert
        n.set(diffuse.inputs["Color"], n.scale_colour(paint["colour"], transmit))
        below = diffuse.outputs[0]
    add = n.tree.nodes.new("ShaderNodeAddShader")
    n.set(add.inputs[0], coat)
    n.set(add.inputs[1], below)
    out = n.tree.nodes.new("ShaderNodeOutputMaterial")
    out.target = "CYCLES"
    n.set(out.inputs["Surface"], add.outputs[0])
    return material


def setup_render(options, size):
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    cycles = scene.cycles
    cycles.device = "CPU"
    cycles.samples = options["samples"]
    cycles.use_adaptive_sampling = False
    cycles.use_denoising = False
    cycles.seed = options["seed"]
    # Direct light only, as glint at --ambient 0.
    cycles.max_bounces = 0
    cycles.diffuse_bounces = 0
    cycles.glossy_bounces = 0
    cycles.transmission_bounces = 0
    cycles.volume_bounces = 0
    cycles.transparent_max_bounces = 0
    cycles.sample_clamp_direct = 0.0
    cycles.sample_clamp_indirect = 0.0
    cycles.caustics_reflective = False
    cycles.caustics_refractive = False
    # Pixel centres, as glint's single sample per pixel.
    cycles.pixel_filter_type = "GAUSSIAN"
    cycles.filter_width = 0.01
    world = bpy.data.worlds.new("black")
    world.use_nodes = False
    world.color = (0.0, 0.0, 0.0)
    scene.world = world
    scene.render.film_transparent = True
    scene.render.resolution_x = size
    scene.render.resolution_y = size
    scene.render.resolution_percentage = 100
    scene.view_settings.view_transform = "Standard"
    settings = scene.render.image_settings
    settings.file_format = "OPEN_EXR"
    settings.color_mode = "RGBA"
    settings.color_depth = "16"
    settings.exr_codec = "ZIP"
    return scene


def room_world(options, room, strength, work):
    """Cycles' world lit by glint's room: the map `glint_exrtool room` writes
    (Blender's equirectangular layout on glint's axes: glint's matrices go into
    Blender unchanged, so a world direction is the same three numbers in both),
    read at the nearest texel, times the lamp's intensity setting."""
    path = os.path.join(work, "room-%s-%d.exr" % (room, options["room_width"]))
    if not os.path.exists(path):
        subprocess.run([options["exrtool"], "room", room, str(options["room_width"]), path],
                       check=True)
    image = bpy.data.images.load(path)
    image.colorspace_settings.name = "Non-Color"  # the radiance as it is: linear sRGB
    world = bpy.data.worlds.new(room)
    world.use_nodes = True
    tree = world.node_tree
    tree.nodes.clear()
    texture = tree.nodes.new("ShaderNodeTexEnvironment")
    texture.image = image
    texture.interpolation = "Closest"
    texture.projection = "EQUIRECTANGULAR"
    background = tree.nodes.new("ShaderNodeBackground")
    background.inputs["Strength"].default_value = strength
    tree.links.new(texture.outputs["Color"], background.inputs["Color"])
    out = tree.nodes.new("ShaderNodeOutputWorld")
    tree.links.new(background.outputs[0], out.inputs["Surface"])
    # Importance-sample the map at its own resolution's scale: the window is
    # ten times the lamp's white over a few percent of the sphere.
    world.cycles.sampling_method = "MANUAL"
    world.cycles.sample_map_resolution = 2048
    bpy.context.scene.world = world


def build_scene(options, scene_def, model_path, drawn, work):
    scene = setup_render(options, scenes.SIZE)
    room = drawn["lamp"].get("room", "dark")
    if room != "dark":
        room_world(options, room, drawn["lamp"]["intensity"], work)
    view = drawn["scene"]
    model, slots = build_mesh(model_path, view["model_matrix"])
    for slot in slots:
        model.data.materials.append(build_material(scene_def, drawn["parts"].get(slot)))
    camera_data = bpy.data.cameras.new("camera")
    camera_data.sensor_fit = "VERTICAL"
    camera_data.angle_y = math.radians(view["fov_y_deg"])
    camera_data.clip_start = 1.0
    camera_data.clip_end = 100000.0
    camera = bpy.data.objects.new("camera", camera_data)
    camera.matrix_world = matrix(view["view_matrix"]).inverted()
    scene.collection.objects.link(camera)
    scene.camera = camera
    if options["lamp"] == "sphere":
        sphere_lamp(view)
    else:
        centre = model.matrix_world @ (sum((Vector(c) for c in model.bound_box), Vector()) / 8.0)
        matched = options["lamp"] == "matched"
        point_lamp(view, (Vector(view["lamp_position"]) - centre).length if matched else None)
    return scene, model


def point_lamp(view, matched_at):
    """Cycles 3.4's point lamp: power P = 4 pi I. With a radius it is a disc
    facing each shading point of radiance P / (4 pi^2 r^2): a cone of
    half-angle atan(r / d) where glint's sphere spans asin(r / d), so it is
    dimmer than the sphere by d^2 / (d^2 + r^2), 7 % for a 40 mm lamp at
    150 mm, 0.16 % for 10 mm at 250 mm. Matched at a distance d0 (the
    model's centre), the disc's radius is the one whose cone is the sphere's
    there, r d0 / sqrt(d0^2 - r^2), and its power gives the sphere's radiance:
    exact at d0, and for a 40 mm lamp at 150 mm within 1 % over a 20 mm
    sphere (d0 +- 10 mm)."""
    intensity = view["lamp_intensity"]
    peak = max(intensity)
    radius, power = view["lamp_radius_mm"], 4.0 * math.pi * peak
    if matched_at is not None and radius > 0.0:
        radius = radius * matched_at / math.sqrt(matched_at ** 2 - radius ** 2)
        power *= (matched_at ** 2 + radius ** 2) / matched_at ** 2
    lamp_data = bpy.data.lights.new("lamp", "POINT")
    lamp_data.shadow_soft_size = radius
    lamp_data.energy = power
    lamp_data.color = tuple(i / peak for i in intensity)
    lamp = bpy.data.objects.new("lamp", lamp_data)
    lamp.location = view["lamp_position"]
    bpy.context.scene.collection.objects.link(lamp)


SPHERE_SEGMENTS, SPHERE_RINGS = 96, 48


def sphere_lamp(view):
    """glint's lamp as it models it: a sphere of uniform radiance L, so of
    radiant intensity I = pi r^2 L: an emissive mesh sphere (its radius grown
    so that its outline's area is the circle's), hidden from the camera,
    shadowing its own far side."""
    intensity = view["lamp_intensity"]
    peak = max(intensity)
    r = view["lamp_radius_mm"]
    polygon = 0.5 * SPHERE_SEGMENTS * math.sin(2.0 * math.pi / SPHERE_SEGMENTS) / math.pi
    bpy.ops.mesh.primitive_uv_sphere_add(segments=SPHERE_SEGMENTS, ring_count=SPHERE_RINGS,
                                         radius=r / math.sqrt(polygon),
                                         location=view["lamp_position"])
    lamp = bpy.context.active_object
    material = bpy.data.materials.new("lamp")
    material.use_nodes = True
    tree = material.node_tree
    tree.nodes.clear()
    emission = tree.nodes.new("ShaderNodeEmission")
    emission.inputs["Color"].default_value = (*(i / peak for i in intensity), 1.0)
    emission.inputs["Strength"].default_value = peak / (math.pi * r * r)
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    out.target = "CYCLES"
    tree.links.new(emission.outputs[0], out.inputs["Surface"])
    lamp.data.materials.append(material)
    lamp.visible_camera = False


def render(scene, path):
    scene.render.filepath = path
    bpy.ops.render.render(write_still=True)


def main():
    out, options = parse_args()
    os.makedirs(out, exist_ok=True)
    index_path = os.path.join(out, "references.json")
    index = {"scenes": {}}
    if os.path.exists(index_path):
        with open(index_path) as f:
            index = json.load(f)
    with tempfile.TemporaryDirectory() as work:
        models = scenes.write_models(os.path.join(work, "models"),
                                     os.path.join(ROOT, "assets", "sample", "bust.obj"))
        for scene_def in scenes.SCENES:
            name = scene_def["name"]
            if options["only"] and name not in options["only"]:
                continue
            if "same_as" in scene_def:
                continue  # its twin's reference; the test checks glint's pixels are the same
            drawn = glint_scene(options, scene_def, models[scene_def["model"]], work)
            scene, model = build_scene(options, scene_def, models[scene_def["model"]], drawn,
                                       work)
            render(scene, os.path.join(out, name + ".exr"))
            if scene_def["penumbra"]:
                model.visible_shadow = False
                render(scene, os.path.join(out, name + "-noshadow.exr"))
            args = scenes.glint_args(scene_def, "MODEL", name + ".exr")
            index["scenes"][name] = {
                "definition": scene_def,
                "glint": "glint " + " ".join(args),
                "scene": drawn["scene"],
                "file_paints": drawn["parts"],
                "cycles": {"blender": bpy.app.version_string, "samples": options["samples"],
                           "seed": options["seed"], "pixel_filter": "gaussian 0.01 px",
                           "bounces": 0, "lamp": options["lamp"]},
            }
            if drawn["lamp"].get("room", "dark") != "dark":
                index["scenes"][name]["cycles"]["world"] = {
                    "room": drawn["lamp"]["room"], "strength": drawn["lamp"]["intensity"],
                    "map": "glint_exrtool room, %d x %d equirectangular, closest texel"
                           % (options["room_width"], options["room_width"] // 2)}
            print("make_references: %s done" % name, flush=True)
    index["scenes"] = dict(sorted(index["scenes"].items()))
    with open(index_path, "w") as f:
        json.dump(index, f, indent=1, sort_keys=True)
        f.write("\n")


main()
