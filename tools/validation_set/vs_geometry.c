/* The validation set's geometry: see vs.h. Every texture is a height field
 * on a smooth base shape; normals tilt against the height's gradient, found
 * by central differences, so any profile (bowls, V-grooves, sines) works the
 * same way. */

#include "vs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

vs_v3 vs_add(vs_v3 a, vs_v3 b) { return (vs_v3){a.x + b.x, a.y + b.y, a.z + b.z}; }
vs_v3 vs_sub(vs_v3 a, vs_v3 b) { return (vs_v3){a.x - b.x, a.y - b.y, a.z - b.z}; }
vs_v3 vs_scale(vs_v3 a, double s) { return (vs_v3){a.x * s, a.y * s, a.z * s}; }
double vs_dot(vs_v3 a, vs_v3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
vs_v3 vs_cross(vs_v3 a, vs_v3 b)
{
    return (vs_v3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
vs_v3 vs_unit(vs_v3 a)
{
    double l = sqrt(vs_dot(a, a));
    return l > 0.0 ? vs_scale(a, 1.0 / l) : (vs_v3){0.0, 1.0, 0.0};
}

double vs_uniform(vs_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}
double vs_gaussian(vs_rng *r)
{
    double u = vs_uniform(r), v = vs_uniform(r);
    return sqrt(-2.0 * log(u)) * cos(2.0 * PI * v);
}
vs_v3 vs_random_direction(vs_rng *r)
{
    double y = 2.0 * vs_uniform(r) - 1.0, phi = 2.0 * PI * vs_uniform(r);
    double s = sqrt(1.0 - y * y);
    return (vs_v3){s * sin(phi), y, s * cos(phi)};
}

/* ---- base shapes ---- */

/* Signed distances of convex pieces: each is convex, and the smooth union of
 * convex pieces that all contain the centre meets every ray from the centre
 * once (both distances rise once positive), so the shape is star-shaped. */
static double ellipsoid(vs_v3 p, vs_v3 c, vs_v3 r)
{
    vs_v3 q = {(p.x - c.x) / r.x, (p.y - c.y) / r.y, (p.z - c.z) / r.z};
    return (sqrt(vs_dot(q, q)) - 1.0) * fmin(r.x, fmin(r.y, r.z));
}
static double smooth_min(double a, double b, double k)
{
    double h = fmax(k - fabs(a - b), 0.0) / k;
    return fmin(a, b) - h * h * k * 0.25;
}
/* A head on shoulders, 25 mm tall, as a bust on a miniature's base. */
static double bust_sdf(vs_v3 p)
{
    double head = ellipsoid(p, (vs_v3){0, 9.0, 0.5}, (vs_v3){5.0, 5.8, 5.5});
    double torso = ellipsoid(p, (vs_v3){0, -3.0, 0}, (vs_v3){12.0, 7.5, 6.5});
    return smooth_min(head, torso, 3.0);
}
/* A round base 24 mm across and 9 mm high, its rim rounded with 4 mm. */
static double puck_sdf(vs_v3 p)
{
    double qx = sqrt(p.x * p.x + p.z * p.z) - (12.0 - 4.0), qy = fabs(p.y) - (4.5 - 4.0);
    double ox = fmax(qx, 0.0), oy = fmax(qy, 0.0);
    return sqrt(ox * ox + oy * oy) + fmin(fmax(qx, qy), 0.0) - 4.0;
}
static vs_v3 star_centre(const vs_shape *s)
{
    return s->kind == VS_BUST ? (vs_v3){0, 4.0, 0} : (vs_v3){0, 0, 0};
}
static double star_sdf(const vs_shape *s, vs_v3 p)
{
    return s->kind == VS_BUST ? bust_sdf(p) : puck_sdf(p);
}

static void star_along(const vs_shape *s, vs_v3 d, vs_v3 *p, vs_v3 *n)
{
    vs_v3 c = star_centre(s);
    double lo = 0.0, hi = 40.0;
    for (int i = 0; i < 60; ++i) {
        double mid = 0.5 * (lo + hi);
        if (star_sdf(s, vs_add(c, vs_scale(d, mid))) < 0.0)
            lo = mid;
        else
            hi = mid;
    }
    *p = vs_add(c, vs_scale(d, 0.5 * (lo + hi)));
    const double e = 1e-5;
    vs_v3 g = {star_sdf(s, vs_add(*p, (vs_v3){e, 0, 0})) - star_sdf(s, vs_sub(*p, (vs_v3){e, 0, 0})),
               star_sdf(s, vs_add(*p, (vs_v3){0, e, 0})) - star_sdf(s, vs_sub(*p, (vs_v3){0, e, 0})),
               star_sdf(s, vs_add(*p, (vs_v3){0, 0, e})) - star_sdf(s, vs_sub(*p, (vs_v3){0, 0, e}))};
    *n = vs_unit(g);
}

static vs_v3 direction_of(double u, double v)
{
    double theta = PI * v, phi = 2.0 * PI * u;
    return (vs_v3){sin(theta) * sin(phi), cos(theta), sin(theta) * cos(phi)};
}

void vs_shape_along(const vs_shape *s, vs_v3 d, vs_v3 *p, vs_v3 *n)
{
    if (s->kind == VS_SPHERE) {
        *n = vs_unit(d);
        *p = vs_scale(*n, s->radius);
    } else if (s->kind == VS_GRIP) {
        double phi = atan2(d.x, d.z), v = acos(fmax(-1.0, fmin(1.0, d.y))) / PI;
        vs_shape_eval(s, phi / (2.0 * PI), v, p, n);
    } else {
        star_along(s, vs_unit(d), p, n);
    }
}

void vs_shape_eval(const vs_shape *s, double u, double v, vs_v3 *p, vs_v3 *n)
{
    if (s->kind == VS_GRIP) {
        /* A capsule by arc length along its profile: cap, cylinder, cap. */
        double r = s->radius, hh = s->half_height, cap = 0.5 * PI * r;
        double len = 2.0 * cap + 2.0 * hh, t = v * len, phi = 2.0 * PI * u;
        double a, y, rho;
        if (t < cap) {
            a = t / r;
            y = hh + r * cos(a);
            rho = r * sin(a);
        } else if (t < cap + 2.0 * hh) {
            a = 0.5 * PI;
            y = hh - (t - cap);
            rho = r;
        } else {
            a = 0.5 * PI + (t - cap - 2.0 * hh) / r;
            y = -hh + r * cos(a);
            rho = r * sin(a);
        }
        *p = (vs_v3){rho * sin(phi), y, rho * cos(phi)};
        *n = (vs_v3){sin(a) * sin(phi), cos(a), sin(a) * cos(phi)};
        return;
    }
    vs_shape_along(s, direction_of(u, v), p, n);
}

/* ---- textures ---- */

#define GRID_N 96
#define GRID_HALF 24.0

static int grid_coord(double x, double cell)
{
    int i = (int)floor((x + GRID_HALF) / cell);
    return i < 0 ? 0 : i >= GRID_N ? GRID_N - 1 : i;
}

static void feature_box(const vs_feature *f, double cell, int lo[3], int hi[3])
{
    double r = f->radius;
    lo[0] = grid_coord(fmin(f->a.x, f->b.x) - r, cell);
    lo[1] = grid_coord(fmin(f->a.y, f->b.y) - r, cell);
    lo[2] = grid_coord(fmin(f->a.z, f->b.z) - r, cell);
    hi[0] = grid_coord(fmax(f->a.x, f->b.x) + r, cell);
    hi[1] = grid_coord(fmax(f->a.y, f->b.y) + r, cell);
    hi[2] = grid_coord(fmax(f->a.z, f->b.z) + r, cell);
}

int vs_texture_index(vs_texture *t)
{
    t->cell = 2.0 * GRID_HALF / GRID_N;
    size_t cells = (size_t)GRID_N * GRID_N * GRID_N;
    t->cell_start = calloc(cells + 1, sizeof *t->cell_start);
    if (!t->cell_start)
        return -1;
    /* Two passes: count, then fill (a counting sort by cell). */
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < t->count; ++i) {
            int lo[3], hi[3];
            feature_box(&t->features[i], t->cell, lo, hi);
            for (int x = lo[0]; x <= hi[0]; ++x)
                for (int y = lo[1]; y <= hi[1]; ++y)
                    for (int z = lo[2]; z <= hi[2]; ++z) {
                        size_t c = ((size_t)x * GRID_N + (size_t)y) * GRID_N + (size_t)z;
                        if (pass == 0)
                            t->cell_start[c + 1]++;
                        else
                            t->cell_items[t->cell_start[c]++] = i;
                    }
        }
        if (pass == 0) {
            for (size_t c = 0; c < cells; ++c)
                t->cell_start[c + 1] += t->cell_start[c];
            t->cell_items = malloc(((size_t)t->cell_start[cells] + 1) * sizeof *t->cell_items);
            if (!t->cell_items)
                return -1;
        } else {
            /* the fill moved each start to the next cell's: shift back */
            memmove(t->cell_start + 1, t->cell_start, cells * sizeof *t->cell_start);
            t->cell_start[0] = 0;
        }
    }
    return 0;
}

void vs_texture_free(vs_texture *t)
{
    free(t->features);
    free(t->cell_start);
    free(t->cell_items);
    memset(t, 0, sizeof *t);
}

static double segment_distance(vs_v3 p, vs_v3 a, vs_v3 b)
{
    vs_v3 ab = vs_sub(b, a), ap = vs_sub(p, a);
    double len2 = vs_dot(ab, ab);
    double s = len2 > 0.0 ? fmax(0.0, fmin(1.0, vs_dot(ap, ab) / len2)) : 0.0;
    vs_v3 d = vs_sub(ap, vs_scale(ab, s));
    return sqrt(vs_dot(d, d));
}

static double triangle_wave(double x) { return 2.0 * fabs(x - floor(x) - 0.5); }

double vs_texture_height(const vs_texture *t, vs_v3 p)
{
    switch (t->kind) {
    case VS_NONE:
        return 0.0;
    case VS_PITS:
    case VS_SCRATCHES: {
        size_t c = ((size_t)grid_coord(p.x, t->cell) * GRID_N + (size_t)grid_coord(p.y, t->cell)) *
                       GRID_N +
                   (size_t)grid_coord(p.z, t->cell);
        double h = 0.0;
        for (int k = t->cell_start[c]; k < t->cell_start[c + 1]; ++k) {
            const vs_feature *f = &t->features[t->cell_items[k]];
            double d = segment_distance(p, f->a, f->b) / f->radius;
            if (d >= 1.0)
                continue;
            /* a smooth bowl (1 - r^2)^2, or a V-groove (1 - r) */
            double depth = t->kind == VS_PITS ? f->depth * (1.0 - d * d) * (1.0 - d * d)
                                              : f->depth * (1.0 - d);
            h = fmin(h, -depth);
        }
        return h;
    }
    case VS_BRUSHED: {
        /* grooves along the meridians; they fade towards the poles, where
         * the meridians meet (sin^2 of the polar angle) */
        double rho2 = p.x * p.x + p.z * p.z, taper = rho2 / fmax(vs_dot(p, p), 1e-12);
        double phi = atan2(p.x, p.z), h = 0.0;
        for (int i = 0; i < t->waves; ++i)
            h += t->wave_amp[i] * sin(t->wave_n[i] * phi + t->wave_phase[i]);
        return h * taper;
    }
    case VS_KNURL: {
        /* two crossing sets of helical V-grooves: four-sided pyramids with
         * flat faces, on the grip's cylinder, fading out over its caps */
        double phi = atan2(p.x, p.z), pitch = 2.0 * PI * t->knurl_radius / t->knurl_n;
        double a = t->knurl_n * phi / (2.0 * PI) + p.y / pitch;
        double b = t->knurl_n * phi / (2.0 * PI) - p.y / pitch;
        double over = fabs(p.y) - t->knurl_half_height;
        double fade = over <= 0.0 ? 1.0 : over >= 1.5 ? 0.0 : 1.0 - over / 1.5;
        return -t->knurl_depth * 0.5 * (triangle_wave(a) + triangle_wave(b)) * fade;
    }
    }
    return 0.0;
}

/* ---- writing ---- */

int vs_obj_open(vs_obj *o, const char *folder, const char *stem, const vs_material *m)
{
    char path[4096];
    memset(o, 0, sizeof *o);
    snprintf(path, sizeof path, "%s/%s.mtl", folder, stem);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    double ns = 2.0 / (m->alpha * m->alpha) - 2.0;
    fprintf(f, "# glint validation set (tools/validation_set)\nnewmtl %s\nKd %.4f %.4f %.4f\n"
               "Ks 0.04 0.04 0.04\nNs %.1f\nPr %.4f\nPm 0\n",
            m->name, m->kd[0], m->kd[1], m->kd[2], ns > 1e4 ? 1e4 : ns, sqrt(m->alpha));
    if (fclose(f) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s.obj", folder, stem);
    o->file = fopen(path, "w");
    if (!o->file)
        return -1;
    fprintf(o->file, "# glint validation set: %s (tools/validation_set)\nmtllib %s.mtl\n"
                     "o %s\nusemtl %s\n", stem, stem, m->name, m->name);
    return 0;
}

int vs_obj_close(vs_obj *o)
{
    printf("%8ld triangles\n", o->triangles);
    return fclose(o->file) == 0 ? 0 : -1;
}

static long put_vertex(vs_obj *o, vs_v3 p)
{
    fprintf(o->file, "v %.6f %.6f %.6f\n", p.x, p.y, p.z);
    return ++o->vertices;
}
static long put_normal(vs_obj *o, vs_v3 n)
{
    n = vs_unit(n);
    fprintf(o->file, "vn %.6f %.6f %.6f\n", n.x, n.y, n.z);
    return ++o->normals;
}
static void put_triangle(vs_obj *o, const long v[3], const long n[3])
{
    fprintf(o->file, "f %ld//%ld %ld//%ld %ld//%ld\n", v[0], n[0], v[1], n[1], v[2], n[2]);
    o->triangles++;
}

static void displaced(const vs_shape *s, const vs_texture *t, double u, double v, vs_v3 *p,
                      vs_v3 *n)
{
    vs_v3 base, up;
    vs_shape_eval(s, u, v, &base, &up);
    if (t->kind == VS_NONE) {
        *p = base;
        *n = up;
        return;
    }
    const double e = 1e-4;
    vs_v3 g = {vs_texture_height(t, vs_add(base, (vs_v3){e, 0, 0})) -
                   vs_texture_height(t, vs_sub(base, (vs_v3){e, 0, 0})),
               vs_texture_height(t, vs_add(base, (vs_v3){0, e, 0})) -
                   vs_texture_height(t, vs_sub(base, (vs_v3){0, e, 0})),
               vs_texture_height(t, vs_add(base, (vs_v3){0, 0, e})) -
                   vs_texture_height(t, vs_sub(base, (vs_v3){0, 0, e}))};
    g = vs_scale(g, 0.5 / e);
    vs_v3 tangential = vs_sub(g, vs_scale(up, vs_dot(g, up)));
    *p = vs_add(base, vs_scale(up, vs_texture_height(t, base)));
    *n = vs_unit(vs_sub(up, tangential));
}

void vs_write_surface(vs_obj *o, const vs_shape *s, const vs_texture *t, int segments, int rings,
                      int flat)
{
    long first_v = o->vertices + 1, first_n = o->normals + 1;
    vs_v3 *where = flat ? malloc((size_t)(segments + 1) * (size_t)(rings + 1) * sizeof *where) : NULL;
    for (int r = 0; r <= rings; ++r)
        for (int k = 0; k <= segments; ++k) {
            vs_v3 p, n;
            displaced(s, t, (double)k / segments, (double)r / rings, &p, &n);
            put_vertex(o, p);
            if (where)
                where[r * (segments + 1) + k] = p;
            else
                put_normal(o, n);
        }
    int row = segments + 1;
    for (int r = 0; r < rings; ++r)
        for (int k = 0; k < segments; ++k) {
            long a = r * row + k, b = a + 1, c = a + row, d = c + 1;
            const long tri[2][3] = {{a, c, b}, {b, c, d}};
            for (int i = 0; i < 2; ++i) {
                if ((i == 0 && r == 0) || (i == 1 && r == rings - 1))
                    continue; /* the poles' collapsed triangles */
                const long v[3] = {first_v + tri[i][0], first_v + tri[i][1], first_v + tri[i][2]};
                if (where) {
                    vs_v3 p0 = where[tri[i][0]], p1 = where[tri[i][1]], p2 = where[tri[i][2]];
                    long nf = put_normal(o, vs_cross(vs_sub(p1, p0), vs_sub(p2, p0)));
                    const long nn[3] = {nf, nf, nf};
                    put_triangle(o, v, nn);
                } else {
                    const long nn[3] = {first_n + tri[i][0], first_n + tri[i][1],
                                        first_n + tri[i][2]};
                    put_triangle(o, v, nn);
                }
            }
        }
    free(where);
}

static void geodesic_face(vs_obj *o, vs_v3 a, vs_v3 b, vs_v3 c, double radius, int level)
{
    if (level == 0) {
        a = vs_scale(vs_unit(a), radius);
        b = vs_scale(vs_unit(b), radius);
        c = vs_scale(vs_unit(c), radius);
        vs_v3 face = vs_cross(vs_sub(b, a), vs_sub(c, a));
        if (vs_dot(face, vs_add(a, vs_add(b, c))) < 0.0) { /* wind it outwards */
            vs_v3 swap = b;
            b = c;
            c = swap;
            face = vs_scale(face, -1.0);
        }
        long nf = put_normal(o, face);
        const long v[3] = {put_vertex(o, a), put_vertex(o, b), put_vertex(o, c)};
        const long nn[3] = {nf, nf, nf};
        put_triangle(o, v, nn);
        return;
    }
    vs_v3 ab = vs_unit(vs_add(a, b)), bc = vs_unit(vs_add(b, c)), ca = vs_unit(vs_add(c, a));
    geodesic_face(o, vs_unit(a), ab, ca, radius, level - 1);
    geodesic_face(o, ab, vs_unit(b), bc, radius, level - 1);
    geodesic_face(o, ca, bc, vs_unit(c), radius, level - 1);
    geodesic_face(o, ab, bc, ca, radius, level - 1);
}

void vs_write_geodesic(vs_obj *o, double radius, int level)
{
    const double g = (1.0 + sqrt(5.0)) / 2.0;
    const vs_v3 v[12] = {{-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g},
                         {0, -1, -g}, {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}};
    const int f[20][3] = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11},
                          {1, 5, 9},  {5, 11, 4}, {11, 10, 2}, {10, 7, 6}, {7, 1, 8},
                          {3, 9, 4},  {3, 4, 2},  {3, 2, 6},   {3, 6, 8},  {3, 8, 9},
                          {4, 9, 5},  {2, 4, 11}, {6, 2, 10},  {8, 6, 7},  {9, 8, 1}};
    for (int i = 0; i < 20; ++i)
        geodesic_face(o, v[f[i][0]], v[f[i][1]], v[f[i][2]], radius, level);
}
