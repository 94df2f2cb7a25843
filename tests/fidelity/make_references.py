"""Renders the fidelity references (issue 16 item 4) with Blender's Cycles.

    blender -b --python tests/fidelity/make_references.py -- OUT_DIR
            [--glint build/glint] [--exrtool build/glint_exrtool]
            [--samples N] [--only NAME ...]

(scripts/make-fidelity-references.sh does it, installing Debian's blender if
missing.) For each scene of scenes.py it renders glint's EXR first and reads
the scene glint drew from its settings ("scene": camera and model matrices,
field of view, the lamp's position, radius and radiant intensity per channel),
then builds the same scene in Cycles:
- the same OBJ meshes with the file's normals, smooth shaded;
- the camera at the inverse of glint's view matrix with its vertical field of
  view; pixel centres sampled as glint's --msaa 1 does (a 0.01 px Gaussian
  filter: Blender ignores a box filter's width);
- a point lamp of glint's radius with power P = 4 pi I (Cycles' point lamp of
  power P has radiant intensity P / 4 pi), coloured as glint's Kelvin colour;
- no world light and no bounces: direct light only, as glint at --ambient 0;
- glint's layers (shaders/lit.frag, docs/finishes.md "Paint under varnish")
  from Cycles nodes: the varnish's GGX lobe (F0 0.04) on top; under it a
  dielectric paint's Lambert diffuse times 1 - the coat's directional albedo
  (glint's fit, never below Fresnel at n.v), or a metallic paint's GGX lobe
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
from mathutils import Matrix

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import scenes  # noqa: E402


def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    options = {"glint": os.path.join(ROOT, "build", "glint"),
               "exrtool": os.path.join(ROOT, "build", "glint_exrtool"),
               "samples": 1024, "only": [], "seed": 0}
    out = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--glint", "--exrtool"):
            options[a[2:]] = argv[i + 1]
            i += 2
        elif a in ("--samples", "--seed"):
            options[a[2:]] = int(argv[i + 1])
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
    return json.loads(text)


def read_obj(path):
    """Positions, and faces as lists of (position, normal) indices; the normals."""
    positions, normals, faces = [], [], []
    with open(path) as f:
        for line in f:
            if line.startswith("v "):
                positions.append(tuple(float(x) for x in line.split()[1:4]))
            elif line.startswith("vn "):
                normals.append(tuple(float(x) for x in line.split()[1:4]))
            elif line.startswith("f "):
                face = []
                for corner in line.split()[1:]:
                    parts = corner.split("/")
                    face.append((int(parts[0]) - 1, int(parts[2]) - 1))
                faces.append(face)
    return positions, normals, faces


def build_mesh(path, model_matrix):
    positions, normals, faces = read_obj(path)
    mesh = bpy.data.meshes.new("model")
    mesh.from_pydata(positions, [], [[v for v, _ in face] for face in faces])
    mesh.validate(clean_customdata=False)
    mesh.polygons.foreach_set("use_smooth", [True] * len(mesh.polygons))
    mesh.use_auto_smooth = True
    loop_normals = [normals[n] for face in faces for _, n in face]
    mesh.normals_split_custom_set(loop_normals)
    obj = bpy.data.objects.new("model", mesh)
    obj.matrix_world = matrix(model_matrix)
    bpy.context.scene.collection.objects.link(obj)
    return obj


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


def build_material(scene):
    """glint's varnish over its paint (see the module's docstring)."""
    paint = scenes.PAINTS[scene["paint"]]
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


def build_scene(options, scene_def, model_path, drawn):
    scene = setup_render(options, scenes.SIZE)
    view = drawn["scene"]
    model = build_mesh(model_path, view["model_matrix"])
    model.data.materials.append(build_material(scene_def))
    camera_data = bpy.data.cameras.new("camera")
    camera_data.sensor_fit = "VERTICAL"
    camera_data.angle_y = math.radians(view["fov_y_deg"])
    camera_data.clip_start = 1.0
    camera_data.clip_end = 100000.0
    camera = bpy.data.objects.new("camera", camera_data)
    camera.matrix_world = matrix(view["view_matrix"]).inverted()
    scene.collection.objects.link(camera)
    scene.camera = camera
    intensity = view["lamp_intensity"]
    peak = max(intensity)
    lamp_data = bpy.data.lights.new("lamp", "POINT")
    lamp_data.shadow_soft_size = view["lamp_radius_mm"]
    lamp_data.energy = 4.0 * math.pi * peak
    lamp_data.color = tuple(i / peak for i in intensity)
    lamp = bpy.data.objects.new("lamp", lamp_data)
    lamp.location = view["lamp_position"]
    scene.collection.objects.link(lamp)
    return scene, model


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
            drawn = glint_scene(options, scene_def, models[scene_def["model"]], work)
            scene, model = build_scene(options, scene_def, models[scene_def["model"]], drawn)
            render(scene, os.path.join(out, name + ".exr"))
            if scene_def["penumbra"]:
                model.visible_shadow = False
                render(scene, os.path.join(out, name + "-noshadow.exr"))
            args = scenes.glint_args(scene_def, "MODEL", name + ".exr")
            index["scenes"][name] = {
                "definition": scene_def,
                "glint": "glint " + " ".join(args),
                "scene": drawn["scene"],
                "cycles": {"blender": bpy.app.version_string, "samples": options["samples"],
                           "seed": options["seed"], "pixel_filter": "gaussian 0.01 px",
                           "bounces": 0},
            }
            print("make_references: %s done" % name, flush=True)
    index["scenes"] = dict(sorted(index["scenes"].items()))
    with open(index_path, "w") as f:
        json.dump(index, f, indent=1, sort_keys=True)
        f.write("\n")


main()
