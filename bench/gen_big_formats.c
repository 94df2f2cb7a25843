/* glint_gen_big_mesh, continued: the bumpy torus as binary PLY and as binary glTF (GLB), the
 * formats scanners and web viewers hand out (gen_big_mesh.c has the surface and the rest). */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gen_big_mesh.h"

/* ---- binary PLY --------------------------------------------------------------------------- */

bool write_ply(const char *folder, const char *name, const grid *g)
{
    out_file out;
    if (!open_out(&out, folder, name, "wb"))
        return false;
    uint32_t vertices = g->u * g->v;
    fprintf(out.file,
            "ply\nformat binary_little_endian 1.0\n"
            "comment glint load benchmark: bumpy torus, units mm\n"
            "element vertex %u\nproperty float x\nproperty float y\nproperty float z\n"
            "property float nx\nproperty float ny\nproperty float nz\n"
            "property uchar red\nproperty uchar green\nproperty uchar blue\n"
            "element face %u\nproperty list uchar int vertex_indices\nend_header\n",
            vertices, 2u * vertices);
    for (uint32_t i = 0; i < g->u; ++i) {
        for (uint32_t j = 0; j < g->v; ++j) {
            double p[3], n[3], a = angle(i, g->u), b = angle(j, g->v);
            unsigned char record[27];
            surface_point(a, b, p);
            surface_normal(a, b, n);
            for (int k = 0; k < 3; ++k) {
                put_f32(record + 4 * k, (float)p[k]);
                put_f32(record + 12 + 4 * k, (float)n[k]);
                record[24 + k] = (unsigned char)lround(127.5 * (n[k] + 1.0));
            }
            fwrite(record, 1, sizeof record, out.file);
        }
    }
    for (uint32_t i = 0; i < g->u; ++i) {
        for (uint32_t j = 0; j < g->v; ++j) {
            uint32_t tri[2][3];
            quad_triangles(g, i, j, tri);
            for (int t = 0; t < 2; ++t) {
                unsigned char record[13] = {3};
                for (int k = 0; k < 3; ++k)
                    put_u32(record + 1 + 4 * k, tri[t][k]);
                fwrite(record, 1, sizeof record, out.file);
            }
        }
    }
    return close_out(&out, true);
}

/* ---- binary glTF (GLB) -------------------------------------------------------------------- */

/* A part's rings first..last, both included (the last part's last ring is ring 0 again): its
 * own vertices, so that no reader copies the whole torus into every primitive. */
typedef struct glb_part {
    uint32_t first, rings, vertices, triangles;
    float min[3], max[3];
} glb_part;

static void glb_position(const grid *g, uint32_t i, uint32_t j, float out[3])
{
    double p[3];
    surface_point(angle(i % g->u, g->u), angle(j, g->v), p);
    for (int k = 0; k < 3; ++k)
        out[k] = (float)(p[k] * 0.001); /* glTF is in metres */
}

static void glb_plan(const grid *g, glb_part parts[PART_COUNT])
{
    for (uint32_t part = 0; part < PART_COUNT; ++part) {
        glb_part *q = &parts[part];
        uint32_t last;
        part_rings(g, part, &q->first, &last);
        q->rings = last - q->first + 1;
        q->vertices = q->rings * g->v;
        q->triangles = 2u * (last - q->first) * g->v;
        for (int k = 0; k < 3; ++k) {
            q->min[k] = INFINITY;
            q->max[k] = -INFINITY;
        }
        for (uint32_t r = 0; r < q->rings; ++r) {
            for (uint32_t j = 0; j < g->v; ++j) {
                float p[3];
                glb_position(g, q->first + r, j, p);
                for (int k = 0; k < 3; ++k) {
                    q->min[k] = p[k] < q->min[k] ? p[k] : q->min[k];
                    q->max[k] = p[k] > q->max[k] ? p[k] : q->max[k];
                }
            }
        }
    }
}

/* The JSON chunk; the binary chunk holds, per part, positions, normals, then indices. */
static int glb_json(char *json, size_t size, const glb_part parts[PART_COUNT], uint64_t *binary)
{
    int n = snprintf(json, size, "{\"asset\":{\"version\":\"2.0\",\"generator\":"
                                 "\"glint_gen_big_mesh\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],"
                                 "\"nodes\":[{\"name\":\"bumpy_torus\",\"mesh\":0}],"
                                 "\"meshes\":[{\"name\":\"bumpy_torus\",\"primitives\":[");
    for (int p = 0; p < PART_COUNT; ++p)
        n += snprintf(json + n, size - (size_t)n,
                      "%s{\"attributes\":{\"POSITION\":%d,\"NORMAL\":%d},\"indices\":%d,"
                      "\"material\":%d}",
                      p ? "," : "", 3 * p, 3 * p + 1, 3 * p + 2, p);
    n += snprintf(json + n, size - (size_t)n, "]}],\"materials\":[");
    for (int p = 0; p < PART_COUNT; ++p)
        n += snprintf(json + n, size - (size_t)n,
                      "%s{\"name\":\"%s\",\"pbrMetallicRoughness\":{\"baseColorFactor\":"
                      "[%.2f,%.2f,%.2f,1],\"metallicFactor\":%d,\"roughnessFactor\":%.3f}}",
                      p ? "," : "", part_materials[p], kd[p][0], kd[p][1], kd[p][2], p == 3,
                      pow(2.0 / (ns[p] + 2.0), 0.25));
    n += snprintf(json + n, size - (size_t)n, "],\"accessors\":[");
    for (int p = 0; p < PART_COUNT; ++p) {
        const glb_part *q = &parts[p];
        n += snprintf(json + n, size - (size_t)n,
                      "%s{\"bufferView\":%d,\"componentType\":5126,\"count\":%u,\"type\":\"VEC3\","
                      "\"min\":[%.9g,%.9g,%.9g],\"max\":[%.9g,%.9g,%.9g]},"
                      "{\"bufferView\":%d,\"componentType\":5126,\"count\":%u,\"type\":\"VEC3\"},"
                      "{\"bufferView\":%d,\"componentType\":5125,\"count\":%u,\"type\":\"SCALAR\"}",
                      p ? "," : "", 3 * p, q->vertices, (double)q->min[0], (double)q->min[1],
                      (double)q->min[2], (double)q->max[0], (double)q->max[1], (double)q->max[2],
                      3 * p + 1, q->vertices, 3 * p + 2, 3u * q->triangles);
    }
    n += snprintf(json + n, size - (size_t)n, "],\"bufferViews\":[");
    uint64_t offset = 0;
    for (int p = 0; p < PART_COUNT; ++p) {
        uint64_t attribute = 12ull * parts[p].vertices, indices = 12ull * parts[p].triangles;
        n += snprintf(json + n, size - (size_t)n,
                      "%s{\"buffer\":0,\"byteOffset\":%llu,\"byteLength\":%llu,\"target\":34962},"
                      "{\"buffer\":0,\"byteOffset\":%llu,\"byteLength\":%llu,\"target\":34962},"
                      "{\"buffer\":0,\"byteOffset\":%llu,\"byteLength\":%llu,\"target\":34963}",
                      p ? "," : "", (unsigned long long)offset, (unsigned long long)attribute,
                      (unsigned long long)(offset + attribute), (unsigned long long)attribute,
                      (unsigned long long)(offset + 2 * attribute), (unsigned long long)indices);
        offset += 2 * attribute + indices; /* all multiples of 4: no padding between */
    }
    n += snprintf(json + n, size - (size_t)n, "],\"buffers\":[{\"byteLength\":%llu}]}",
                  (unsigned long long)offset);
    *binary = offset;
    while (n % 4 != 0 && (size_t)n + 1 < size)
        json[n++] = ' '; /* the JSON chunk is padded with spaces */
    json[n] = '\0';
    return n;
}

static void glb_part_data(FILE *f, const grid *g, const glb_part *q)
{
    unsigned char b[12];
    for (int normals = 0; normals < 2; ++normals) {
        for (uint32_t r = 0; r < q->rings; ++r) {
            for (uint32_t j = 0; j < g->v; ++j) {
                float p[3];
                double n[3];
                if (normals) {
                    surface_normal(angle((q->first + r) % g->u, g->u), angle(j, g->v), n);
                    for (int k = 0; k < 3; ++k)
                        p[k] = (float)n[k];
                } else {
                    glb_position(g, q->first + r, j, p);
                }
                for (int k = 0; k < 3; ++k)
                    put_f32(b + 4 * k, p[k]);
                fwrite(b, 1, sizeof b, f);
            }
        }
    }
    for (uint32_t r = 0; r + 1 < q->rings; ++r) {
        for (uint32_t j = 0; j < g->v; ++j) {
            uint32_t a = r * g->v + j, c = (r + 1) * g->v + (j + 1) % g->v;
            uint32_t tri[2][3] = {{a, (r + 1) * g->v + j, c}, {a, c, r * g->v + (j + 1) % g->v}};
            for (int t = 0; t < 2; ++t) {
                for (int k = 0; k < 3; ++k)
                    put_u32(b + 4 * k, tri[t][k]);
                fwrite(b, 1, sizeof b, f);
            }
        }
    }
}

bool write_glb(const char *folder, const char *name, const grid *g)
{
    glb_part parts[PART_COUNT];
    char json[8192];
    uint64_t binary = 0;
    glb_plan(g, parts);
    int json_size = glb_json(json, sizeof json, parts, &binary);
    uint64_t total = 12 + 8 + (uint64_t)json_size + 8 + binary;
    if (json_size <= 0 || (size_t)json_size + 1 >= sizeof json || total > UINT32_MAX) {
        fprintf(stderr, "glint_gen_big_mesh: %s: the grid is too big for a GLB\n", name);
        return false;
    }
    out_file out;
    if (!open_out(&out, folder, name, "wb"))
        return false;
    unsigned char header[20];
    memcpy(header, "glTF", 4);
    put_u32(header + 4, 2);
    put_u32(header + 8, (uint32_t)total);
    put_u32(header + 12, (uint32_t)json_size);
    memcpy(header + 16, "JSON", 4);
    fwrite(header, 1, sizeof header, out.file);
    fwrite(json, 1, (size_t)json_size, out.file);
    put_u32(header, (uint32_t)binary);
    memcpy(header + 4, "BIN\0", 4);
    fwrite(header, 1, 8, out.file);
    for (int p = 0; p < PART_COUNT; ++p)
        glb_part_data(out.file, g, &parts[p]);
    return close_out(&out, true);
}
