"""The fidelity scenes (issue 16 item 4): their geometry, written as OBJ files
that glint and Blender both read, and how glint renders each. Shared by
make_references.py (run inside Blender's Python) and test_fidelity.py (plain
python3): nothing here may need more than the standard library."""

import math
import os

SIZE = 160  # pixels, square: small enough for CI, big enough to resolve a gloss highlight

# What glint's names mean (docs/finishes.md, src/scene/scene_finish.c,
# src/scene/scene_paint.c): the varnish's perceptual roughness (GGX alpha =
# roughness^2, F0 0.04) and the paints' linear colour, metallic and roughness.
FINISH_ROUGHNESS = {"matte": 0.80, "satin": 0.42, "gloss": 0.10}
COAT_F0 = 0.04
RED = "#a33b2c"


def srgb_to_linear(c):
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


PAINTS = {
    "white-primer": {"colour": (0.80, 0.80, 0.80), "metallic": 0.0, "roughness": 0.70},
    RED: {"colour": tuple(srgb_to_linear(int(RED[i:i + 2], 16) / 255) for i in (1, 3, 5)),
          "metallic": 0.0, "roughness": 0.70},
    "gold": {"colour": (1.000, 0.710, 0.315), "metallic": 1.0, "roughness": 0.30},
}


def _scene(name, model, finish, paint, highlight=False, penumbra=False, extra=(), room=None,
           same_as=None):
    """room: glint's --room (its radiance lights Cycles' world); same_as: a
    scene whose reference this one shares and whose glint EXR it must match
    pixel for pixel (no reference of its own)."""
    scene = {"name": name, "model": model, "finish": finish, "paint": paint,
             "highlight": highlight, "penumbra": penumbra, "extra": list(extra)}
    if room:
        scene["room"] = room
    if same_as:
        scene["same_as"] = same_as
    return scene


# The scenes: a 20 mm sphere under matte, satin and gloss over white, red and
# gold paint; the gloss sphere under 2, 10 and 40 mm lamps; a sphere and a cube
# on a floor for the shadows (the camera higher, to see the floor); the bust.
SCENES = [
    _scene("sphere-matte-white", "sphere", "matte", "white-primer"),
    _scene("sphere-satin-white", "sphere", "satin", "white-primer", highlight=True),
    _scene("sphere-gloss-white", "sphere", "gloss", "white-primer", highlight=True),
    _scene("sphere-gloss-white-lamp2", "sphere", "gloss", "white-primer", highlight=True,
           extra=["--light-radius", "2"]),
    _scene("sphere-gloss-white-lamp40", "sphere", "gloss", "white-primer", highlight=True,
           extra=["--light-radius", "40"]),
    _scene("sphere-matte-red", "sphere", "matte", RED),
    _scene("sphere-satin-red", "sphere", "satin", RED, highlight=True),
    _scene("sphere-gloss-red", "sphere", "gloss", RED, highlight=True),
    _scene("sphere-matte-gold", "sphere", "matte", "gold"),
    _scene("sphere-satin-gold", "sphere", "satin", "gold", highlight=True),
    _scene("sphere-gloss-gold", "sphere", "gloss", "gold", highlight=True),
    _scene("floor-satin-white", "floor", "satin", "white-primer", penumbra=True,
           extra=["--camera-elevation", "40"]),
    _scene("floor-matte-white-lamp20", "floor", "matte", "white-primer", penumbra=True,
           extra=["--camera-elevation", "40", "--light-radius", "20", "--light-distance", "150"]),
    # The ends of the specular criterion's range (issue 16 item 2): the smallest
    # lamp seen from furthest (2 mm at 500 mm, 0.2 degrees) and the biggest from
    # nearest (40 mm at 150 mm, 15 degrees), under gloss, satin and matte.
    _scene("sphere-gloss-white-lamp2-far", "sphere", "gloss", "white-primer", highlight=True,
           extra=["--light-radius", "2", "--light-distance", "500"]),
    _scene("sphere-satin-white-lamp2-far", "sphere", "satin", "white-primer", highlight=True,
           extra=["--light-radius", "2", "--light-distance", "500"]),
    _scene("sphere-gloss-white-lamp40-near", "sphere", "gloss", "white-primer", highlight=True,
           extra=["--light-radius", "40", "--light-distance", "150"]),
    _scene("sphere-satin-white-lamp40-near", "sphere", "satin", "white-primer", highlight=True,
           extra=["--light-radius", "40", "--light-distance", "150"]),
    _scene("sphere-matte-white-lamp40-near", "sphere", "matte", "white-primer", highlight=True,
           extra=["--light-radius", "40", "--light-distance", "150"]),
    _scene("bust-satin-white", "bust", "satin", "white-primer", penumbra=True),
    _scene("bust-gloss-red", "bust", "gloss", RED),
    _scene("bust-satin-gold", "bust", "satin", "gold"),
    # Issue 16's penumbra criterion on the sample (2-20 mm lamps at 30-90
    # degrees, on a floor and on the sample): the bust's own shadows under the
    # default lamp (bust-satin-white above) and under the criterion's corners,
    # a 2 mm lamp at 30 degrees and a 20 mm lamp overhead.
    _scene("bust-satin-white-lamp2-e30", "bust", "satin", "white-primer", penumbra=True,
           extra=["--light-radius", "2", "--light-elevation", "30"]),
    _scene("bust-satin-white-lamp20-e90", "bust", "satin", "white-primer", penumbra=True,
           extra=["--light-radius", "20", "--light-elevation", "90"]),
    # The rooms (docs/lighting.md "Rooms"): the dark room is the scenes above
    # (with --ambient 0 it adds nothing: the same pixels, checked on the bust);
    # the desk and the studio light Cycles' world with glint's own radiance.
    _scene("bust-satin-white-dark", "bust", "satin", "white-primer", room="dark",
           same_as="bust-satin-white"),
    _scene("sphere-matte-white-desk", "sphere", "matte", "white-primer", room="desk"),
    _scene("sphere-satin-white-desk", "sphere", "satin", "white-primer", room="desk"),
    _scene("sphere-gloss-white-desk", "sphere", "gloss", "white-primer", room="desk"),
    _scene("sphere-satin-gold-desk", "sphere", "satin", "gold", room="desk"),
    _scene("bust-satin-white-desk", "bust", "satin", "white-primer", room="desk"),
    _scene("sphere-gloss-white-studio", "sphere", "gloss", "white-primer", room="studio"),
    _scene("bust-satin-white-studio", "bust", "satin", "white-primer", room="studio"),
]


def glint_args(scene, model_path, out_path, shadows=True):
    """The glint command line (after `glint`) that renders the scene's EXR:
    direct light only (--ambient 0: the dark room's fill; a room's walls are
    its own fill), one centre sample per pixel (--msaa 1)."""
    args = ["render", model_path, "--size", "%dx%d" % (SIZE, SIZE), "--msaa", "1",
            "--ambient", "0", "--finish", scene["finish"], "--paint", "all=" + scene["paint"]]
    args += scene["extra"]
    if "room" in scene:
        args += ["--room", scene["room"]]
    if not shadows:
        args.append("--no-shadows")
    return args + ["-o", out_path, "-q", "--overwrite"]


def _write_obj(path, positions, normals, faces, comment):
    """faces: lists of (position index, normal index), 0-based."""
    with open(path, "w") as out:
        out.write("# %s; units: mm\n" % comment)
        for p in positions:
            out.write("v %.6f %.6f %.6f\n" % p)
        for n in normals:
            out.write("vn %.6f %.6f %.6f\n" % n)
        for face in faces:
            out.write("f " + " ".join("%d//%d" % (v + 1, n + 1) for v, n in face) + "\n")


def _sphere(centre, radius, positions, normals, faces, rings=32, segments=64):
    base = len(positions)
    for i in range(rings + 1):
        theta = math.pi * i / rings
        for j in range(segments + 1):
            phi = 2 * math.pi * j / segments
            n = (math.sin(theta) * math.cos(phi), math.cos(theta), -math.sin(theta) * math.sin(phi))
            positions.append(tuple(c + radius * a for c, a in zip(centre, n)))
            normals.append(n)
    for i in range(rings):
        for j in range(segments):
            a = base + i * (segments + 1) + j
            b = a + segments + 1
            quad = [a, b, b + 1, a + 1]  # counter-clockwise seen from outside
            if i == 0:
                quad = [a, b, b + 1]
            elif i == rings - 1:
                quad = [a, b, a + 1]
            faces.append([(v, v) for v in quad])


def _box(centre, half, angle_deg, positions, normals, faces):
    """A box turned about the vertical, flat faces (each face its own normal)."""
    c, s = math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))

    def turn(v):
        return (c * v[0] + s * v[2], v[1], -s * v[0] + c * v[2])

    for axis in range(3):
        for sign in (1, -1):
            n = [0.0, 0.0, 0.0]
            n[axis] = sign
            u = [0.0, 0.0, 0.0]
            u[(axis + 1) % 3] = 1
            w = [0.0, 0.0, 0.0]
            w[(axis + 2) % 3] = 1
            corners = []
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                local = [half[k] * (n[k] + a * u[k] + b * w[k]) for k in range(3)]
                corners.append(tuple(centre[k] + turn(local)[k] for k in range(3)))
            if sign < 0:
                corners.reverse()
            normals.append(turn(n))
            first = len(positions)
            positions.extend(corners)
            faces.append([(first + k, len(normals) - 1) for k in range(4)])


def write_models(folder, bust_path):
    """The models by name: sphere and floor written into `folder`, the bust as it is."""
    os.makedirs(folder, exist_ok=True)
    positions, normals, faces = [], [], []
    _sphere((0.0, 0.0, 0.0), 10.0, positions, normals, faces)
    sphere = os.path.join(folder, "sphere.obj")
    _write_obj(sphere, positions, normals, faces, "a 20 mm sphere")
    positions, normals, faces = [], [], []
    # A 70 mm floor (y up), a 20 mm sphere resting on it, a 16 mm cube turned 30 degrees.
    normals.append((0.0, 1.0, 0.0))
    positions += [(-35.0, 0.0, -35.0), (-35.0, 0.0, 35.0), (35.0, 0.0, 35.0), (35.0, 0.0, -35.0)]
    faces.append([(0, 0), (1, 0), (2, 0), (3, 0)])
    _sphere((-6.0, 10.0, 8.0), 10.0, positions, normals, faces)
    _box((14.0, 8.0, -8.0), (8.0, 8.0, 8.0), 30.0, positions, normals, faces)
    floor = os.path.join(folder, "floor.obj")
    _write_obj(floor, positions, normals, faces, "a sphere and a cube on a 70 mm floor")
    return {"sphere": sphere, "floor": floor, "bust": os.path.abspath(bust_path)}
