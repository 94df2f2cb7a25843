#!/usr/bin/env python3
"""make_models.py SAMPLE_OBJ OUTDIR: the files painters really have, made from glint's sample.

Issue 14's acceptance tests (tests/cli/test_real_files.sh) load these; each is what a common
tool writes, generated here so that no third-party model is committed:

  bust-zup.stl      binary STL, Z-up as printing files are: (x, y, z) -> (x, -z, y), so the
                    OBJ's front (+Z) faces -Y (Blender's and the slicers' convention); ONE solid
  bust.3mf          3MF package, unit="millimeter", Z-up as above, one object with a
                    basematerials group (one base per sample part, its Kd as displaycolor) and a
                    build item that places it on a bed (a translation), as slicers save
  bust-bambu.3mf    3MF as Bambu Studio and OrcaSlicer save it (so most of MakerWorld's): the
                    root model's one object made of components, one per sample part, whose meshes
                    live in another model part (3D/Objects/object_1.model) named by the production
                    extension's p:path; p:UUIDs everywhere, a painted triangle's paint_color, the
                    slicer's settings (each part's name and filament) and the filaments' colours
                    (bust.3mf's) in its project settings, a thumbnail beside; no 3MF materials
  bust.glb          binary glTF 2.0, Y-up, positions in METRES (the spec's unit), one mesh with
                    a primitive and a material per part (baseColorFactor = Kd)
  colours.ply       binary little-endian PLY with per-vertex uchar red/green/blue: a 30 mm cube
                    made of two boxes, the left (x < 0) pure red, the right pure green, Y-up
  colours-ascii.ply the same as ASCII PLY
  colours.obj       the same as OBJ with vertex colours (`v x y z r g b`, as ZBrush writes)
  sphere-slab.stl   binary STL, Z-up: a UV sphere (radius 10 mm) resting on a separate
                    40 x 40 x 3 mm slab, two disconnected shells in one solid
  sphere-slab-inside-out.stl  the same wound inside out (every triangle's corners and facet
                    normal turned inwards), as an export or a mirror that forgot to turn them
  bust-x20.obj      the sample with every vertex scaled 20x (1.5 m tall), with bust.mtl beside

Deterministic: the same sample gives the same bytes (no time stamps; fixed zip dates).
Python 3 standard library only."""
import json
import math
import os
import shutil
import struct
import sys
import zipfile


# ---- the sample --------------------------------------------------------------------------------

def read_obj(path):
    """Positions, normals and parts [(name, [(v, vn) x3 per triangle])] of an OBJ whose faces
    are triangles (the sample's are)."""
    positions, normals, parts, current = [], [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split()
            if not word:
                continue
            if word[0] == "v":
                positions.append(tuple(float(x) for x in word[1:4]))
            elif word[0] == "vn":
                normals.append(tuple(float(x) for x in word[1:4]))
            elif word[0] == "usemtl":
                current = (word[1], [])
                parts.append(current)
            elif word[0] == "f":
                if current is None:
                    current = ("default", [])
                    parts.append(current)
                corners = []
                for c in word[1:]:
                    fields = c.split("/")
                    v = int(fields[0]) - 1
                    vn = int(fields[2]) - 1 if len(fields) > 2 and fields[2] else v
                    corners.append((v, vn))
                for k in range(1, len(corners) - 1):  # a fan, should a face not be a triangle
                    current[1].append((corners[0], corners[k], corners[k + 1]))
    return positions, normals, parts


def read_mtl(path):
    """{material: {"Kd": (r, g, b), "Ns": x, "Pm": x, "Pr": x}}."""
    materials, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split()
            if not word:
                continue
            if word[0] == "newmtl":
                current = materials.setdefault(word[1], {})
            elif current is not None and word[0] == "Kd":
                current["Kd"] = tuple(float(x) for x in word[1:4])
            elif current is not None and word[0] in ("Ns", "Pm", "Pr"):
                current[word[0]] = float(word[1])
    return materials


def z_up(p):
    """Y-up to Z-up as Blender's STL export does: the model's front (+Z) ends at -Y."""
    return (p[0], -p[2], p[1])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def unit(n):
    length = math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2])
    return (n[0] / length, n[1] / length, n[2] / length) if length > 0 else (0.0, 0.0, 0.0)


def f32(x):
    """x rounded to float32, as the binary files store it."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---- STL ---------------------------------------------------------------------------------------

def write_stl(path, header, triangles):
    """Binary STL of [(p0, p1, p2)]; the header must not start with "solid"."""
    assert not header.startswith("solid")
    out = bytearray(header.encode("ascii")[:80].ljust(80, b" "))
    out += struct.pack("<I", len(triangles))
    for p0, p1, p2 in triangles:
        n = unit(cross(sub(p1, p0), sub(p2, p0)))
        out += struct.pack("<12fH", *n, *p0, *p1, *p2, 0)
    with open(path, "wb") as f:
        f.write(out)


def bust_zup_stl(positions, parts, path):
    tris = [tuple(z_up(positions[c[0]]) for c in t) for _, ts in parts for t in ts]
    write_stl(path, "glint test: the sample bust, Z-up, millimetres, one solid", tris)


# ---- 3MF ---------------------------------------------------------------------------------------

def srgb_byte(linear):
    """A linear 0-1 value as an sRGB byte (3MF colours are sRGB; the MTL's Kd is linear to glint)."""
    c = min(max(linear, 0.0), 1.0)
    s = c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
    return int(round(s * 255))


def zip_write(z, name, text):
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, text)


def bust_3mf(positions, parts, materials, path):
    used = sorted({c[0] for _, ts in parts for t in ts for c in t})
    index = {v: i for i, v in enumerate(used)}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<model unit="millimeter" xml:lang="en-US" '
             'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02">',
             ' <metadata name="Title">glint sample bust</metadata>',
             ' <resources>', '  <basematerials id="1">']
    for name, _ in parts:
        kd = materials.get(name, {}).get("Kd", (0.6, 0.6, 0.6))
        lines.append('   <base name="%s" displaycolor="#%02X%02X%02XFF"/>'
                     % ((name,) + tuple(srgb_byte(x) for x in kd)))
    lines += ['  </basematerials>', '  <object id="2" name="bust" type="model" pid="1" pindex="0">',
              '   <mesh>', '    <vertices>']
    for v in used:
        x, y, z = z_up(positions[v])
        lines.append('     <vertex x="%.4f" y="%.4f" z="%.4f"/>' % (x, y, z))
    lines += ['    </vertices>', '    <triangles>']
    for p, (_, ts) in enumerate(parts):
        for t in ts:
            lines.append('     <triangle v1="%d" v2="%d" v3="%d" pid="1" p1="%d"/>'
                         % (index[t[0][0]], index[t[1][0]], index[t[2][0]], p))
    # The build item stands the bust in the middle of a 200 mm bed, as a slicer saves it.
    lines += ['    </triangles>', '   </mesh>', '  </object>', ' </resources>', ' <build>',
              '  <item objectid="2" transform="1 0 0 0 1 0 0 0 1 100 100 0"/>', ' </build>',
              '</model>', '']
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\n'
        ' <Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\n'
        ' <Default Extension="model" '
        'ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>\n'
        '</Types>\n')
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
        ' <Relationship Target="/3D/3dmodel.model" Id="rel0" '
        'Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>\n'
        '</Relationships>\n')
    with zipfile.ZipFile(path, "w") as z:
        zip_write(z, "[Content_Types].xml", content_types)
        zip_write(z, "_rels/.rels", rels)
        zip_write(z, "3D/3dmodel.model", "\n".join(lines))


def bust_bambu_3mf(positions, parts, materials, path):
    p_ns = "http://schemas.microsoft.com/3dmanufacturing/production/2015/06"
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" xml:lang="en-US" '
            'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" '
            'xmlns:BambuStudio="http://schemas.bambulab.com/package/2021" '
            'xmlns:p="%s" requiredextensions="p">\n' % p_ns)
    objects = [head, ' <metadata name="BambuStudio:3mfVersion">1</metadata>\n <resources>\n']
    components = []
    for k, (name, ts) in enumerate(parts):
        used = sorted({c[0] for t in ts for c in t})
        index = {v: i for i, v in enumerate(used)}
        objects.append('  <object id="%d" p:UUID="%08x-61cb-4c03-9d28-80fed5dfa1dc" type="model">\n'
                       '   <mesh>\n    <vertices>\n' % (k + 1, 0x10000 + k))
        for v in used:
            objects.append('     <vertex x="%.4f" y="%.4f" z="%.4f"/>\n' % z_up(positions[v]))
        objects.append('    </vertices>\n    <triangles>\n')
        for i, t in enumerate(ts):
            paint = ' paint_color="4"' if i == 0 else ''  # the slicer's own attribute
            objects.append('     <triangle v1="%d" v2="%d" v3="%d"%s/>\n'
                           % (index[t[0][0]], index[t[1][0]], index[t[2][0]], paint))
        objects.append('    </triangles>\n   </mesh>\n  </object>\n')
        components.append('    <component p:path="/3D/Objects/object_1.model" objectid="%d" '
                          'p:UUID="%08x-b206-40ff-9872-83e8017abed1" '
                          'transform="1 0 0 0 1 0 0 0 1 0 0 0"/>\n' % (k + 1, 0x10000 + k))
    objects.append(' </resources>\n <build/>\n</model>\n')
    id_root = len(parts) + 1
    root = [head, ' <metadata name="Application">BambuStudio-01.09.07.52</metadata>\n',
            ' <resources>\n  <object id="%d" p:UUID="00000001-61cb-4c03-9d28-80fed5dfa1dc" '
            'type="model">\n   <components>\n' % id_root] + components + [
            '   </components>\n  </object>\n </resources>\n',
            ' <build p:UUID="2c7c17d8-22b5-4d84-8835-1976022ea369">\n'
            '  <item objectid="%d" p:UUID="00000002-b1ec-4553-aec9-835e5b724bb4" '
            'transform="1 0 0 0 1 0 0 0 1 128 128 0" printable="1"/>\n </build>\n</model>\n'
            % id_root]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="config" ContentType="text/xml"/></Types>\n')
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Target="/3D/3dmodel.model" Id="rel-1" '
        'Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>'
        '<Relationship Target="/Metadata/plate_1.png" Id="rel-2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"/>'
        '</Relationships>\n')
    model_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Target="/3D/Objects/object_1.model" Id="rel-1" '
        'Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>\n')
    settings = ['<?xml version="1.0" encoding="UTF-8"?>\n<config>\n  <object id="%d">\n'
                '    <metadata key="name" value="bust.stl"/>\n    <metadata key="extruder" value="1"/>\n'
                % id_root]
    for k, (name, _) in enumerate(parts):  # the parts' names, as the slicer keeps them
        settings.append('    <part id="%d" subtype="normal_part">\n'
                        '      <metadata key="name" value="%s"/>\n'
                        '      <metadata key="matrix" value="1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1"/>\n'
                        '      <metadata key="extruder" value="%d"/>\n'
                        '    </part>\n' % (k + 1, name, k + 1))
    settings = "".join(settings) + '  </object>\n</config>\n'
    # One filament a part, coloured as bust.3mf's base materials (the MTL's Kd as sRGB).
    colours = ["#%02X%02X%02X" % tuple(srgb_byte(x) for x in
                                       materials.get(name, {}).get("Kd", (0.6, 0.6, 0.6)))
               for name, _ in parts]
    project = json.dumps({"filament_colour": colours, "filament_type": ["PLA"] * len(parts),
                          "printer_model": "Bambu Lab X1 Carbon"}, indent=4)
    thumbnail = b"\x89PNG\r\n\x1a\n"  # a slicer's plate picture; its bytes matter to no reader here
    with zipfile.ZipFile(path, "w") as z:
        zip_write(z, "[Content_Types].xml", content_types)
        zip_write(z, "_rels/.rels", rels)
        zip_write(z, "3D/3dmodel.model", "".join(root))
        zip_write(z, "3D/_rels/3dmodel.model.rels", model_rels)
        zip_write(z, "3D/Objects/object_1.model", "".join(objects))
        zip_write(z, "Metadata/model_settings.config", settings)
        zip_write(z, "Metadata/project_settings.config", project)
        zip_write(z, "Metadata/plate_1.png", thumbnail)


# ---- glTF 2.0 binary ---------------------------------------------------------------------------

def pad4(data, fill):
    return data + fill * (-len(data) % 4)


def bust_glb(positions, normals, parts, materials, path):
    """One mesh, a primitive per part with its own vertices (so no reader duplicates the
    whole bust per primitive), positions in metres as the spec says."""
    binary = bytearray()
    views, accessors, primitives, mats = [], [], [], []

    def add_view(data, target):
        views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": len(data),
                      "target": target})
        binary.extend(pad4(bytes(data), b"\0"))
        return len(views) - 1

    for p, (name, ts) in enumerate(parts):
        local, order = {}, []
        for t in ts:
            for c in t:
                if c not in local:
                    local[c] = len(order)
                    order.append(c)
        pos = [tuple(f32(x * 0.001) for x in positions[v]) for v, _ in order]
        nrm = [unit(normals[n]) if normals else (0.0, 1.0, 0.0) for _, n in order]
        idx = [local[c] for t in ts for c in t]
        pos_view = add_view(b"".join(struct.pack("<3f", *x) for x in pos), 34962)
        nrm_view = add_view(b"".join(struct.pack("<3f", *x) for x in nrm), 34962)
        idx_view = add_view(struct.pack("<%dI" % len(idx), *idx), 34963)
        accessors.append({"bufferView": pos_view, "componentType": 5126, "count": len(pos),
                          "type": "VEC3", "min": [min(x[k] for x in pos) for k in range(3)],
                          "max": [max(x[k] for x in pos) for k in range(3)]})
        accessors.append({"bufferView": nrm_view, "componentType": 5126, "count": len(nrm),
                          "type": "VEC3"})
        accessors.append({"bufferView": idx_view, "componentType": 5125, "count": len(idx),
                          "type": "SCALAR"})
        primitives.append({"attributes": {"POSITION": 3 * p, "NORMAL": 3 * p + 1},
                           "indices": 3 * p + 2, "material": p, "mode": 4})
        m = materials.get(name, {})
        kd = m.get("Kd", (0.6, 0.6, 0.6))
        # glint's own guess from an MTL: roughness (2 / (Ns + 2))^(1/4), or Pr where given.
        rough = m.get("Pr", (2.0 / (m.get("Ns", 10.0) + 2.0)) ** 0.25)
        mats.append({"name": name, "pbrMetallicRoughness": {
            "baseColorFactor": [kd[0], kd[1], kd[2], 1.0],
            "metallicFactor": m.get("Pm", 0.0), "roughnessFactor": round(rough, 4)}})
    doc = {"asset": {"version": "2.0", "generator": "glint tests/tools/make_models.py"},
           "scene": 0, "scenes": [{"nodes": [0]}],
           "nodes": [{"name": "bust", "mesh": 0}],
           "meshes": [{"name": "bust", "primitives": primitives}],
           "materials": mats, "accessors": accessors, "bufferViews": views,
           "buffers": [{"byteLength": len(binary)}]}
    text = pad4(json.dumps(doc, separators=(",", ":")).encode("utf-8"), b" ")
    total = 12 + 8 + len(text) + 8 + len(binary)
    with open(path, "wb") as f:
        f.write(struct.pack("<4sII", b"glTF", 2, total))
        f.write(struct.pack("<I4s", len(text), b"JSON") + text)
        f.write(struct.pack("<I4s", len(binary), b"BIN\0") + bytes(binary))


# ---- vertex colours ----------------------------------------------------------------------------

def box(lo, hi, steps):
    """A closed box, each face a steps x steps grid, shared vertices; counter-clockwise
    from outside. Returns (positions, triangles)."""
    verts, index, tris = [], {}, []

    def vertex(p):
        key = tuple(round(x, 6) for x in p)
        if key not in index:
            index[key] = len(verts)
            verts.append(key)
        return index[key]

    for axis in range(3):
        u, v = (axis + 1) % 3, (axis + 2) % 3
        for side, level in ((1, hi[axis]), (-1, lo[axis])):
            def point(i, j):
                p = [0.0, 0.0, 0.0]
                p[axis] = level
                p[u] = lo[u] + (hi[u] - lo[u]) * i / steps
                p[v] = lo[v] + (hi[v] - lo[v]) * j / steps
                return vertex(p)
            for i in range(steps):
                for j in range(steps):
                    a, b, c, d = point(i, j), point(i + 1, j), point(i + 1, j + 1), point(i, j + 1)
                    # (u, v, axis) is right-handed, so a-b-c winds outwards on the + side.
                    tris += [(a, b, c), (a, c, d)] if side > 0 else [(a, c, b), (a, d, c)]
    return verts, tris


def colour_cube():
    """A 30 mm cube, Y-up, sitting on y = 0: the left half (x < 0) red, the right green.
    The halves are two boxes with their own vertices, so no triangle blends the colours."""
    verts, tris, colours = [], [], []
    for lo_x, hi_x, rgb in ((-15.0, 0.0, (255, 0, 0)), (0.0, 15.0, (0, 255, 0))):
        v, t = box((lo_x, 0.0, -15.0), (hi_x, 30.0, 15.0), 4)
        base = len(verts)
        verts += v
        colours += [rgb] * len(v)
        tris += [(a + base, b + base, c + base) for a, b, c in t]
    return verts, colours, tris


def ply_header(fmt, verts, tris):
    return ("ply\nformat %s 1.0\ncomment glint test: a cube, left half red, right half green, mm\n"
            "element vertex %d\nproperty float x\nproperty float y\nproperty float z\n"
            "property uchar red\nproperty uchar green\nproperty uchar blue\n"
            "element face %d\nproperty list uchar int vertex_indices\nend_header\n"
            % (fmt, len(verts), len(tris))).encode("ascii")


def colours_ply(path, ascii_path, obj_path):
    verts, colours, tris = colour_cube()
    out = bytearray(ply_header("binary_little_endian", verts, tris))
    for p, c in zip(verts, colours):
        out += struct.pack("<3f3B", *p, *c)
    for t in tris:
        out += struct.pack("<B3i", 3, *t)
    with open(path, "wb") as f:
        f.write(out)
    lines = [ply_header("ascii", verts, tris).decode("ascii")]
    lines += ["%g %g %g %d %d %d\n" % (p + c) for p, c in zip(verts, colours)]
    lines += ["3 %d %d %d\n" % t for t in tris]
    with open(ascii_path, "w", encoding="ascii") as f:
        f.write("".join(lines))
    lines = ["# glint test: a cube, left half red, right half green, vertex colours, mm\n"]
    lines += ["v %g %g %g %g %g %g\n" % (p + tuple(x / 255.0 for x in c))
              for p, c in zip(verts, colours)]
    lines += ["f %d %d %d\n" % tuple(i + 1 for i in t) for t in tris]
    with open(obj_path, "w", encoding="ascii") as f:
        f.write("".join(lines))


# ---- sphere on a slab --------------------------------------------------------------------------

def sphere_slab_stl(path, inside_out_path):
    tris = []
    # The slab: 40 x 40 x 3 mm on z = 0, its faces a 15 x 15 grid (odd, so that no slab vertex
    # is where the sphere touches it) to keep it well above the "tiny shell" share.
    verts, faces = box((-20.0, -20.0, 0.0), (20.0, 20.0, 3.0), 15)
    tris += [tuple(verts[i] for i in t) for t in faces]
    # The sphere: radius 10 mm resting on the slab's top (its lowest point touches z = 3).
    rings, segments, r, cz = 24, 48, 10.0, 13.0

    def point(i, j):
        # The poles and the seam are computed once, so that shared corners have the same bits.
        if i == 0 or i == rings:
            return (0.0, 0.0, f32(cz + (r if i == 0 else -r)))
        theta, phi = math.pi * i / rings, 2 * math.pi * (j % segments) / segments
        return (f32(r * math.sin(theta) * math.cos(phi)), f32(r * math.sin(theta) * math.sin(phi)),
                f32(cz + r * math.cos(theta)))
    for i in range(rings):
        for j in range(segments):
            a, b = point(i, j), point(i + 1, j)
            c, d = point(i + 1, j + 1), point(i, j + 1)
            if i > 0:
                tris.append((a, b, d))
            if i < rings - 1:
                tris.append((b, c, d))
    write_stl(path, "glint test: a sphere on a slab, Z-up, millimetres, two shells", tris)
    write_stl(inside_out_path, "glint test: the sphere on a slab wound inside out",
              [(a, c, b) for a, b, c in tris])


# ---- scaled ------------------------------------------------------------------------------------

def scaled_obj(sample, path, factor):
    with open(sample, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        out.write("# the glint sample scaled %gx (a statue, or a file in the wrong units)\n" % factor)
        for line in f:
            if line.startswith("v "):
                x, y, z = (float(v) for v in line.split()[1:4])
                line = "v %.4f %.4f %.4f\n" % (x * factor, y * factor, z * factor)
            out.write(line)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: make_models.py SAMPLE_OBJ OUTDIR\n")
        return 2
    sample, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    positions, normals, parts = read_obj(sample)
    mtl = os.path.join(os.path.dirname(sample), "bust.mtl")
    materials = read_mtl(mtl)
    bust_zup_stl(positions, parts, os.path.join(out, "bust-zup.stl"))
    bust_3mf(positions, parts, materials, os.path.join(out, "bust.3mf"))
    bust_bambu_3mf(positions, parts, materials, os.path.join(out, "bust-bambu.3mf"))
    bust_glb(positions, normals, parts, materials, os.path.join(out, "bust.glb"))
    colours_ply(os.path.join(out, "colours.ply"), os.path.join(out, "colours-ascii.ply"),
                os.path.join(out, "colours.obj"))
    sphere_slab_stl(os.path.join(out, "sphere-slab.stl"),
                    os.path.join(out, "sphere-slab-inside-out.stl"))
    scaled_obj(sample, os.path.join(out, "bust-x20.obj"), 20.0)
    shutil.copyfile(mtl, os.path.join(out, "bust.mtl"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
