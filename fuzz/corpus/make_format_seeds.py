#!/usr/bin/env python3
"""Writes the seed corpora for fuzz_ply, fuzz_gltf and fuzz_3mf into
fuzz/corpus/{ply,gltf,3mf}/ (or under the folder given). Deterministic: the
same bytes on every run (zip entries carry a fixed date)."""
import json
import os
import struct
import sys
import zipfile

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def write(folder, name, data):
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    with open(os.path.join(out, folder, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# ---- PLY ----
TRI_HEADER = ('ply\nformat {fmt} 1.0\ncomment seed\nelement vertex 3\n'
              'property float x\nproperty float y\nproperty float z\n'
              'property uchar red\nproperty uchar green\nproperty uchar blue\n'
              'element face 1\nproperty list uchar int vertex_indices\nend_header\n')
write('ply', 'ascii_colours.ply', TRI_HEADER.format(fmt='ascii') +
      '0 0 0 255 128 0\n1 0 0 255 128 0\n0 1 0 0 0 64\n3 0 1 2\n')
body = b''.join(struct.pack('<3f3B', *v) for v in
                [(0, 0, 0, 255, 0, 0), (1, 0, 0, 0, 255, 0), (0, 1, 0, 0, 0, 255)])
write('ply', 'binary_le_colours.ply', TRI_HEADER.format(fmt='binary_little_endian').encode() +
      body + struct.pack('<B3i', 3, 0, 1, 2))
body = b''.join(struct.pack('>3f3B', *v) for v in
                [(0, 0, 0, 255, 0, 0), (1, 0, 0, 0, 255, 0), (0, 1, 0, 0, 0, 255)])
write('ply', 'binary_be_colours.ply', TRI_HEADER.format(fmt='binary_big_endian').encode() +
      body + struct.pack('>B3i', 3, 0, 1, 2))
write('ply', 'quad_normals_uv.ply',
      'ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\n'
      'property float z\nproperty float nx\nproperty float ny\nproperty float nz\n'
      'property float s\nproperty float t\nelement face 1\n'
      'property list uchar uint vertex_indices\nend_header\n'
      '0 0 0 0 0 1 0 0\n1 0 0 0 0 1 1 0\n1 1 0 0 0 1 1 1\n0 1 0 0 0 1 0 1\n4 0 1 2 3\n')
write('ply', 'points.ply', 'ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n'
      'property float y\nproperty float z\nend_header\n0 0 0\n1 1 1\n')

# ---- glTF / GLB ----
positions = struct.pack('<9f', 0, 0, 0, 1, 0, 0, 0, 1, 0)
colours = struct.pack('<9f', 0.5, 0.25, 0, 0.5, 0.25, 0, 0.5, 0.25, 0)
indices = struct.pack('<3H', 0, 1, 2) + b'\0\0'
buffer = positions + colours + indices


def document(uri=None):
    doc = {
        'asset': {'version': '2.0'}, 'scene': 0, 'scenes': [{'nodes': [0]}],
        'nodes': [{'name': 'Root', 'translation': [1, 2, 3], 'children': [1]},
                  {'name': 'Child', 'mesh': 0, 'scale': [2, 2, 2]}],
        'meshes': [{'name': 'Tri', 'primitives': [{'attributes': {'POSITION': 0, 'COLOR_0': 1},
                                                    'indices': 2, 'material': 0}]}],
        'materials': [{'name': 'Brass', 'pbrMetallicRoughness': {
            'baseColorFactor': [0.5, 0.25, 0.125, 1], 'metallicFactor': 0.9,
            'roughnessFactor': 0.3}}],
        'buffers': [{'byteLength': len(buffer)}],
        'bufferViews': [{'buffer': 0, 'byteOffset': 0, 'byteLength': 36},
                        {'buffer': 0, 'byteOffset': 36, 'byteLength': 36},
                        {'buffer': 0, 'byteOffset': 72, 'byteLength': 6}],
        'accessors': [{'bufferView': 0, 'componentType': 5126, 'count': 3, 'type': 'VEC3',
                       'min': [0, 0, 0], 'max': [1, 1, 0]},
                      {'bufferView': 1, 'componentType': 5126, 'count': 3, 'type': 'VEC3'},
                      {'bufferView': 2, 'componentType': 5123, 'count': 3, 'type': 'SCALAR'}]}
    if uri:
        doc['buffers'][0]['uri'] = uri
    return json.dumps(doc, separators=(',', ':'), sort_keys=True)


def glb(json_text, binary):
    j = json_text.encode()
    j += b' ' * (-len(j) % 4)
    binary += b'\0' * (-len(binary) % 4)
    total = 12 + 8 + len(j) + 8 + len(binary)
    return (b'glTF' + struct.pack('<II', 2, total) + struct.pack('<I', len(j)) + b'JSON' + j +
            struct.pack('<I', len(binary)) + b'BIN\0' + binary)


write('gltf', 'triangle.glb', glb(document(), buffer))
write('gltf', 'external_buffer.gltf', document('tri.bin') + '\n#%%RELATED%%\n')
with open(os.path.join(out, 'gltf', 'external_buffer.gltf'), 'ab') as f:
    f.write(buffer)
import base64  # noqa: E402 (kept beside its one use)
write('gltf', 'data_uri.gltf',
      document('data:application/octet-stream;base64,' + base64.b64encode(buffer).decode()))

# ---- 3MF ----
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                 'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="model" ContentType="application/vnd.ms-package.'
                 '3dmanufacturing-3dmodel+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Target="/3D/3dmodel.model" '
        'Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>'
        '</Relationships>')
MODEL = ('<?xml version="1.0" encoding="UTF-8"?>\n<model unit="{unit}" xml:lang="en-US" '
         'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" '
         'xmlns:m="http://schemas.microsoft.com/3dmanufacturing/material/2015/02"><resources>'
         '<basematerials id="1"><base name="Red" displaycolor="#FF0000"/>'
         '<base name="Grey" displaycolor="#808080"/></basematerials>'
         '<m:colorgroup id="2"><m:color color="#00FF40"/></m:colorgroup>'
         '<object id="3" type="model" name="Tet" pid="1" pindex="0"><mesh><vertices>'
         '<vertex x="0" y="0" z="0"/><vertex x="1" y="0" z="0"/><vertex x="0" y="1" z="0"/>'
         '<vertex x="0" y="0" z="1"/></vertices><triangles>'
         '<triangle v1="0" v2="2" v3="1"/><triangle v1="0" v2="1" v3="3"/>'
         '<triangle v1="0" v2="3" v3="2" pid="1" p1="1"/>'
         '<triangle v1="1" v2="2" v3="3" pid="2" p1="0"/></triangles></mesh></object>'
         '<object id="4" type="model" name="Group"><components>'
         '<component objectid="3" transform="1 0 0 0 1 0 0 0 1 0 0 5"/></components></object>'
         '</resources><build><item objectid="3" transform="1 0 0 0 1 0 0 0 1 10 0 0"/>'
         '<item objectid="4"/></build></model>')


def three_mf(name, unit, compression):
    path = os.path.join(out, '3mf', name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, 'w', compression) as z:
        for member, text in (('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                             ('3D/3dmodel.model', MODEL.format(unit=unit))):
            info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, text)


three_mf('tet_inch_stored.3mf', 'inch', zipfile.ZIP_STORED)
three_mf('tet_mm_deflated.3mf', 'millimeter', zipfile.ZIP_DEFLATED)


# Bambu Studio's layout: the root's components take their meshes from another model part
# through the production extension's p:path, and the slicer's settings name the parts.
P_NS = 'xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06"'
CORE_NS = 'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"'
TET = ('<mesh><vertices><vertex x="0" y="0" z="0"/><vertex x="1" y="0" z="0"/>'
       '<vertex x="0" y="1" z="0"/><vertex x="0" y="0" z="1"/></vertices><triangles>'
       '<triangle v1="0" v2="2" v3="1"/><triangle v1="0" v2="1" v3="3"/>'
       '<triangle v1="0" v2="3" v3="2" paint_color="4"/><triangle v1="1" v2="2" v3="3"/>'
       '</triangles></mesh>')
BAMBU_ROOT = ('<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" %s %s '
              'requiredextensions="p"><resources><object id="3" '
              'p:UUID="00000001-61cb-4c03-9d28-80fed5dfa1dc" type="model"><components>'
              '<component p:path="/3D/Objects/object_1.model" objectid="1"/>'
              '<component p:path="/3D/Objects/object_1.model" objectid="2" '
              'transform="1 0 0 0 1 0 0 0 1 5 0 0"/></components></object></resources><build>'
              '<item objectid="3" transform="1 0 0 0 1 0 0 0 1 128 128 0"/></build></model>'
              % (CORE_NS, P_NS))
BAMBU_PART = ('<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" %s %s '
              'requiredextensions="p"><resources><object id="1" type="model">%s</object>'
              '<object id="2" type="model">%s</object></resources><build/></model>'
              % (CORE_NS, P_NS, TET, TET))
BAMBU_MODEL_RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Target="/3D/'
                    'Objects/object_1.model" Id="rel-1" Type="http://schemas.microsoft.com/'
                    '3dmanufacturing/2013/01/3dmodel"/></Relationships>')
BAMBU_SETTINGS = ('<?xml version="1.0" encoding="UTF-8"?>\n<config><object id="3">'
                  '<metadata key="extruder" value="2"/><part id="1">'
                  '<metadata key="name" value="cloak"/><metadata key="extruder" value="1"/></part>'
                  '<part id="2"><metadata key="name" value="sword"/></part></object></config>')
BAMBU_PROJECT = '{"filament_colour": ["#F2754E", "#00AE42FF"], "filament_type": ["PLA", "PLA"]}'
with zipfile.ZipFile(os.path.join(out, '3mf', 'bambu_paths.3mf'), 'w', zipfile.ZIP_DEFLATED) as z:
    for member, text in (('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                         ('3D/3dmodel.model', BAMBU_ROOT),
                         ('3D/_rels/3dmodel.model.rels', BAMBU_MODEL_RELS),
                         ('3D/Objects/object_1.model', BAMBU_PART),
                         ('Metadata/model_settings.config', BAMBU_SETTINGS),
                         ('Metadata/project_settings.config', BAMBU_PROJECT)):
        info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
