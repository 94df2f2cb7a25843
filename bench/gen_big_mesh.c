/* glint_gen_big_mesh: writes the load benchmark's input files.
 *
 *   glint_gen_big_mesh [--force] [--grid U V] [OUTDIR]      (OUTDIR: build/bench-data)
 *
 * Files (existing ones are kept unless --force):
 *   bumpy_torus.obj + bumpy_torus.mtl  2*U*V triangles, U*V vertices, each with v, vt and vn,
 *                                      faces "f a/a/a b/b/b c/c/c", four parts (o + usemtl)
 *   bumpy_torus.stl                    binary STL of the same surface, facet normals filled in
 *   bumpy_torus.ply                    binary little-endian PLY of the same surface: float
 *                                      x y z nx ny nz, uchar red green blue (the normal as a
 *                                      colour, as a scanner's PLY has colours), int faces
 *   bumpy_torus.glb                    binary glTF 2.0: one mesh, a primitive and a material per
 *                                      part (each with its own vertices, POSITION + NORMAL,
 *                                      uint32 indices), positions in metres as the spec says
 *   tetra.obj, tetra.stl               a 4-triangle tetrahedron, to show each tool's start-up
 *
 * The default grid, 1000 x 500, gives 1,000,000 triangles on 500,000 shared vertices. The
 * surface is a torus whose tube radius is displaced by a few low-frequency bumps: smooth at
 * the grid's resolution (so a crease-angle normal pass keeps it smooth), closed, with every
 * vertex shared by six triangles, so normals and welding do realistic work. The OBJ lists its
 * vertices first, then the parts, as many exporters do; texture coordinates wrap with the
 * grid (the seam shares vertices, so it has no duplicates).
 *
 * Output is deterministic: the same grid gives the same bytes on every run. Each file is
 * written to "NAME.tmp" and renamed into place only when complete. Plain C11 + libm; mkdir
 * comes from POSIX. Exit codes: 0 written (or already there), 1 an I/O error, 2 bad usage. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen_big_mesh.h"

#define PI 3.14159265358979323846
#define MAJOR_RADIUS_MM 20.0
#define TUBE_RADIUS_MM 7.0

const char *const part_materials[PART_COUNT] = {"matte_cloak", "satin_skin", "gloss_eyes",
                                                       "metal_trim"};

/* ---- surface ------------------------------------------------------------------------------ */

static double tube_radius(double a, double b)
{
    /* Bumps well below the grid's frequency: the finest has ~35 segments per period. */
    double bumps = 0.06 * sin(9.0 * a) * sin(6.0 * b) +
                   0.03 * sin(29.0 * a + 2.0 * b) * cos(14.0 * b) + 0.02 * cos(17.0 * a - 5.0 * b);
    return TUBE_RADIUS_MM * (1.0 + bumps);
}

void surface_point(double a, double b, double p[3])
{
    double r = tube_radius(a, b);
    double ring = MAJOR_RADIUS_MM + r * cos(b);
    p[0] = ring * cos(a);
    p[1] = ring * sin(a);
    p[2] = r * sin(b);
}

static void normalize(double n[3])
{
    double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (len > 0.0) {
        n[0] /= len;
        n[1] /= len;
        n[2] /= len;
    }
}

static void cross(const double x[3], const double y[3], double out[3])
{
    out[0] = x[1] * y[2] - x[2] * y[1];
    out[1] = x[2] * y[0] - x[0] * y[2];
    out[2] = x[0] * y[1] - x[1] * y[0];
}

/* The smooth surface normal, d/da x d/db by central differences: it points outwards. */
void surface_normal(double a, double b, double n[3])
{
    const double h = 1e-5;
    double a0[3], a1[3], b0[3], b1[3], da[3], db[3];
    surface_point(a - h, b, a0);
    surface_point(a + h, b, a1);
    surface_point(a, b - h, b0);
    surface_point(a, b + h, b1);
    for (int k = 0; k < 3; ++k) {
        da[k] = a1[k] - a0[k];
        db[k] = b1[k] - b0[k];
    }
    cross(da, db, n);
    normalize(n);
}

double angle(uint32_t step, uint32_t steps)
{
    return 2.0 * PI * (double)step / (double)steps;
}

/* Vertex (i, j), i around the ring and j around the tube, both wrapping; 0-based. */
static uint32_t vertex_index(const grid *g, uint32_t i, uint32_t j)
{
    return (i % g->u) * g->v + (j % g->v);
}

/* The two triangles of quad (i, j), wound counter-clockwise seen from outside. */
void quad_triangles(const grid *g, uint32_t i, uint32_t j, uint32_t tri[2][3])
{
    uint32_t a = vertex_index(g, i, j), b = vertex_index(g, i + 1, j);
    uint32_t c = vertex_index(g, i + 1, j + 1), d = vertex_index(g, i, j + 1);
    tri[0][0] = a;
    tri[0][1] = b;
    tri[0][2] = c;
    tri[1][0] = a;
    tri[1][1] = c;
    tri[1][2] = d;
}

/* ---- files -------------------------------------------------------------------------------- */

static bool join(char *out, const char *folder, const char *name)
{
    int n = snprintf(out, PATH_MAX_BYTES, "%s/%s", folder, name);
    return n > 0 && n < PATH_MAX_BYTES;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static bool make_folders(const char *folder)
{
    char path[PATH_MAX_BYTES];
    size_t len = strlen(folder);
    if (len == 0 || len >= sizeof path) {
        fprintf(stderr, "glint_gen_big_mesh: bad output folder '%s'\n", folder);
        return false;
    }
    memcpy(path, folder, len + 1);
    for (size_t i = 1; i <= len; ++i) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "glint_gen_big_mesh: %s: cannot create folder: %s\n", path,
                    strerror(errno));
            return false;
        }
        path[i] = saved;
    }
    return true;
}

bool open_out(out_file *out, const char *folder, const char *name, const char *mode)
{
    memset(out, 0, sizeof *out);
    if (!join(out->path, folder, name) ||
        snprintf(out->temp, sizeof out->temp, "%s.tmp", out->path) >= (int)sizeof out->temp) {
        fprintf(stderr, "glint_gen_big_mesh: %s/%s: path too long\n", folder, name);
        return false;
    }
    out->file = fopen(out->temp, mode);
    if (!out->file) {
        fprintf(stderr, "glint_gen_big_mesh: %s: cannot write: %s\n", out->temp, strerror(errno));
        return false;
    }
    setvbuf(out->file, NULL, _IOFBF, 1u << 20);
    return true;
}

/* Closes the temp file and renames it into place, or removes it if anything failed. */
bool close_out(out_file *out, bool ok)
{
    if (ok && ferror(out->file))
        ok = false;
    if (fclose(out->file) != 0)
        ok = false;
    out->file = NULL;
    if (ok && rename(out->temp, out->path) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "glint_gen_big_mesh: %s: write failed: %s\n", out->path, strerror(errno));
        remove(out->temp);
        return false;
    }
    printf("wrote %s\n", out->path);
    return true;
}

void put_u32(unsigned char *b, uint32_t x)
{
    b[0] = (unsigned char)(x & 0xFFu);
    b[1] = (unsigned char)(x >> 8 & 0xFFu);
    b[2] = (unsigned char)(x >> 16 & 0xFFu);
    b[3] = (unsigned char)(x >> 24 & 0xFFu);
}

void put_f32(unsigned char *b, float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    put_u32(b, bits);
}

/* ---- OBJ + MTL ---------------------------------------------------------------------------- */

const float kd[PART_COUNT][3] = {
    {0.32f, 0.30f, 0.28f}, {0.80f, 0.62f, 0.52f}, {0.05f, 0.05f, 0.06f}, {0.55f, 0.50f, 0.40f}};
static const float ks[PART_COUNT] = {0.02f, 0.15f, 0.90f, 0.60f};
const float ns[PART_COUNT] = {5.0f, 40.0f, 400.0f, 120.0f};

/* The rings of the grid part `part` covers: [first, last). */
void part_rings(const grid *g, uint32_t part, uint32_t *first, uint32_t *last)
{
    *first = (uint32_t)((uint64_t)g->u * part / PART_COUNT);
    *last = (uint32_t)((uint64_t)g->u * (part + 1) / PART_COUNT);
}

static bool write_mtl(const char *folder, const char *name)
{
    out_file out;
    if (!open_out(&out, folder, name, "w"))
        return false;
    fprintf(out.file, "# glint load benchmark: one material per part\n");
    for (int m = 0; m < PART_COUNT; ++m)
        fprintf(out.file, "\nnewmtl %s\nKd %.2f %.2f %.2f\nKs %.2f %.2f %.2f\nNs %.0f\nd 1\n",
                part_materials[m], kd[m][0], kd[m][1], kd[m][2], ks[m], ks[m], ks[m], ns[m]);
    return close_out(&out, true);
}

static bool write_obj(const char *folder, const char *name, const char *mtl, const grid *g)
{
    out_file out;
    if (!open_out(&out, folder, name, "w"))
        return false;
    FILE *f = out.file;
    uint64_t vertices = (uint64_t)g->u * g->v;
    fprintf(f, "# glint load benchmark: bumpy torus, %llu triangles, %llu vertices, units mm\n",
            (unsigned long long)(2u * vertices), (unsigned long long)vertices);
    fprintf(f, "mtllib %s\n", mtl);
    for (uint32_t i = 0; i < g->u; ++i) {
        for (uint32_t j = 0; j < g->v; ++j) {
            double p[3], n[3], a = angle(i, g->u), b = angle(j, g->v);
            surface_point(a, b, p);
            surface_normal(a, b, n);
            fprintf(f, "v %.6f %.6f %.6f\nvt %.6f %.6f\nvn %.6f %.6f %.6f\n", p[0], p[1], p[2],
                    (double)i / g->u, (double)j / g->v, n[0], n[1], n[2]);
        }
    }
    for (uint32_t part = 0; part < PART_COUNT; ++part) {
        uint32_t first, last;
        part_rings(g, part, &first, &last);
        fprintf(f, "o part_%u\nusemtl %s\n", part, part_materials[part]);
        for (uint32_t i = first; i < last; ++i) {
            for (uint32_t j = 0; j < g->v; ++j) {
                uint32_t tri[2][3];
                quad_triangles(g, i, j, tri);
                for (int t = 0; t < 2; ++t) {
                    /* OBJ indices are 1-based. */
                    uint32_t x = tri[t][0] + 1, y = tri[t][1] + 1, z = tri[t][2] + 1;
                    fprintf(f, "f %u/%u/%u %u/%u/%u %u/%u/%u\n", x, x, x, y, y, y, z, z, z);
                }
            }
        }
    }
    return close_out(&out, true);
}

/* ---- binary STL --------------------------------------------------------------------------- */

static void stl_header(FILE *f, const char *text, uint32_t triangles)
{
    /* Must not start with "solid", or readers that sniff would take it for ASCII. */
    unsigned char header[84];
    memset(header, ' ', 80);
    size_t len = strlen(text);
    memcpy(header, text, len < 80 ? len : 80);
    put_u32(header + 80, triangles);
    fwrite(header, 1, sizeof header, f);
}

static void stl_facet(FILE *f, const float *p0, const float *p1, const float *p2)
{
    double e1[3], e2[3], n[3];
    for (int k = 0; k < 3; ++k) {
        e1[k] = (double)p1[k] - p0[k];
        e2[k] = (double)p2[k] - p0[k];
    }
    cross(e1, e2, n);
    normalize(n);
    unsigned char facet[50];
    for (int k = 0; k < 3; ++k) {
        put_f32(facet + 4 * k, (float)n[k]);
        put_f32(facet + 12 + 4 * k, p0[k]);
        put_f32(facet + 24 + 4 * k, p1[k]);
        put_f32(facet + 36 + 4 * k, p2[k]);
    }
    facet[48] = facet[49] = 0; /* attribute byte count */
    fwrite(facet, 1, sizeof facet, f);
}

static bool write_stl(const char *folder, const char *name, const grid *g)
{
    size_t count = (size_t)g->u * g->v;
    /* Each corner is rounded to float once, so shared corners have identical bits. */
    float *positions = malloc(count * 3 * sizeof *positions);
    if (!positions) {
        fprintf(stderr, "glint_gen_big_mesh: out of memory\n");
        return false;
    }
    for (uint32_t i = 0; i < g->u; ++i) {
        for (uint32_t j = 0; j < g->v; ++j) {
            double p[3];
            surface_point(angle(i, g->u), angle(j, g->v), p);
            float *dst = positions + 3 * (size_t)vertex_index(g, i, j);
            for (int k = 0; k < 3; ++k)
                dst[k] = (float)p[k];
        }
    }
    out_file out;
    if (!open_out(&out, folder, name, "wb")) {
        free(positions);
        return false;
    }
    stl_header(out.file, "glint load benchmark: bumpy torus, binary STL, units mm",
               (uint32_t)(2u * count));
    for (uint32_t i = 0; i < g->u; ++i) {
        for (uint32_t j = 0; j < g->v; ++j) {
            uint32_t tri[2][3];
            quad_triangles(g, i, j, tri);
            for (int t = 0; t < 2; ++t)
                stl_facet(out.file, positions + 3 * (size_t)tri[t][0],
                          positions + 3 * (size_t)tri[t][1], positions + 3 * (size_t)tri[t][2]);
        }
    }
    free(positions);
    return close_out(&out, true);
}

/* ---- tiny files --------------------------------------------------------------------------- */

static const float tetra_points[4][3] = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
/* Counter-clockwise seen from outside. */
static const int tetra_faces[4][3] = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};

static bool write_tetra_obj(const char *folder, const char *name)
{
    out_file out;
    if (!open_out(&out, folder, name, "w"))
        return false;
    fprintf(out.file, "# glint load benchmark: start-up cost, a tetrahedron\n");
    for (int i = 0; i < 4; ++i)
        fprintf(out.file, "v %g %g %g\n", tetra_points[i][0], tetra_points[i][1],
                tetra_points[i][2]);
    for (int i = 0; i < 4; ++i)
        fprintf(out.file, "f %d %d %d\n", tetra_faces[i][0] + 1, tetra_faces[i][1] + 1,
                tetra_faces[i][2] + 1);
    return close_out(&out, true);
}

static bool write_tetra_stl(const char *folder, const char *name)
{
    out_file out;
    if (!open_out(&out, folder, name, "wb"))
        return false;
    stl_header(out.file, "glint load benchmark: start-up cost, a tetrahedron", 4);
    for (int i = 0; i < 4; ++i)
        stl_facet(out.file, tetra_points[tetra_faces[i][0]], tetra_points[tetra_faces[i][1]],
                  tetra_points[tetra_faces[i][2]]);
    return close_out(&out, true);
}

/* ---- main --------------------------------------------------------------------------------- */

static bool parse_count(const char *text, uint32_t min, uint32_t max, uint32_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno || !end || *end || end == text || text[0] == '-' || value < min || value > max)
        return false;
    *out = (uint32_t)value;
    return true;
}

static int usage(const char *why)
{
    if (why)
        fprintf(stderr, "glint_gen_big_mesh: %s\n", why);
    fprintf(why ? stderr : stdout,
            "Usage: glint_gen_big_mesh [--force] [--grid U V] [OUTDIR]\n"
            "Writes bumpy_torus.{obj,mtl,stl,ply,glb} (2*U*V triangles; default grid 1000 x 500, one\n"
            "million triangles) and tetra.{obj,stl} into OUTDIR (default build/bench-data).\n"
            "Existing files are kept unless --force.\n");
    return why ? 2 : 0;
}

/* Writes `name` with `write` unless it exists and `force` is off. */
static bool produce(const char *folder, const char *name, bool force,
                    bool (*write)(const char *, const char *))
{
    char path[PATH_MAX_BYTES];
    if (!join(path, folder, name))
        return false;
    if (!force && file_exists(path)) {
        printf("kept %s\n", path);
        return true;
    }
    return write(folder, name);
}

static grid the_grid;

static bool write_big_obj(const char *folder, const char *name)
{
    return write_obj(folder, name, "bumpy_torus.mtl", &the_grid);
}

static bool write_big_stl(const char *folder, const char *name)
{
    return write_stl(folder, name, &the_grid);
}

static bool write_big_ply(const char *folder, const char *name)
{
    return write_ply(folder, name, &the_grid);
}

static bool write_big_glb(const char *folder, const char *name)
{
    return write_glb(folder, name, &the_grid);
}

int main(int argc, char **argv)
{
    const char *folder = "build/bench-data";
    bool force = false, have_folder = false;
    the_grid = (grid){1000, 500};
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(argv[i], "--grid") == 0) {
            /* At least 3 x 3 so that no triangle is degenerate; at most 2^31 triangles. */
            if (i + 2 >= argc || !parse_count(argv[i + 1], 3, 65536, &the_grid.u) ||
                !parse_count(argv[i + 2], 3, 16384, &the_grid.v))
                return usage("--grid needs U in 3..65536 and V in 3..16384");
            i += 2;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            return usage(NULL);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage("unknown option");
        } else if (have_folder) {
            return usage("more than one OUTDIR");
        } else {
            folder = argv[i];
            have_folder = true;
        }
    }
    if (!make_folders(folder))
        return 1;
    bool ok = produce(folder, "bumpy_torus.mtl", force, write_mtl) &&
              produce(folder, "bumpy_torus.obj", force, write_big_obj) &&
              produce(folder, "bumpy_torus.stl", force, write_big_stl) &&
              produce(folder, "bumpy_torus.ply", force, write_big_ply) &&
              produce(folder, "bumpy_torus.glb", force, write_big_glb) &&
              produce(folder, "tetra.obj", force, write_tetra_obj) &&
              produce(folder, "tetra.stl", force, write_tetra_stl);
    return ok ? 0 : 1;
}
