#ifndef GLINT_TESTS_SHADOW_GEOMETRY_H
#define GLINT_TESTS_SHADOW_GEOMETRY_H

/* Shadow scenes on a floor and their exact (geometric) shadows, for the
 * shadow tests: the OBJ of a floor with a hovering plate, a ball resting on
 * it and a box standing on it, and the share of a disc lamp's light that
 * reaches a floor point past them, integrated over the lamp's disc as a path
 * tracer's direct light does (each point of the disc weighted by the cosine at
 * the floor and the inverse square). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct shadow_scene {
    double floor_min[2], floor_max[2];  /* x and z of the floor at y = 0 */
    double plate_half, plate_height;    /* a two-sided square plate over the origin; 0: none */
    double ball_center[3], ball_radius; /* 0 radius: none */
    double box_min[3], box_max[3];      /* an upright box; box_max[1] 0: none */
} shadow_scene;

/* OBJ parts in this order: floor, then each caster the scene has. */
enum { SHADOW_PART_FLOOR = 0 };

typedef struct shadow_text {
    char *text;
    size_t size, capacity;
    int vertices;
} shadow_text;

static inline void shadow_text_add(shadow_text *t, const char *format, double a, double b, double c)
{
    if (t->size + 128 > t->capacity) {
        t->capacity = t->capacity * 2 + 4096;
        t->text = realloc(t->text, t->capacity);
    }
    t->size += (size_t)snprintf(t->text + t->size, t->capacity - t->size, format, a, b, c);
}

/* A quad whose face points along `normal` (OBJ faces are counter-clockwise). */
static inline void shadow_quad(shadow_text *t, double p[4][3], const double normal[3])
{
    for (int i = 0; i < 4; ++i)
        shadow_text_add(t, "v %.6f %.6f %.6f\n", p[i][0], p[i][1], p[i][2]);
    double e1[3], e2[3];
    for (int k = 0; k < 3; ++k)
        e1[k] = p[1][k] - p[0][k], e2[k] = p[2][k] - p[0][k];
    double facing = normal[0] * (e1[1] * e2[2] - e1[2] * e2[1]) +
                    normal[1] * (e1[2] * e2[0] - e1[0] * e2[2]) +
                    normal[2] * (e1[0] * e2[1] - e1[1] * e2[0]);
    int v = t->vertices + 1;
    if (facing > 0.0) {
        shadow_text_add(t, "f %.0f %.0f %.0f\n", v, v + 1, v + 2);
        shadow_text_add(t, "f %.0f %.0f %.0f\n", v, v + 2, v + 3);
    } else {
        shadow_text_add(t, "f %.0f %.0f %.0f\n", v, v + 2, v + 1);
        shadow_text_add(t, "f %.0f %.0f %.0f\n", v, v + 3, v + 2);
    }
    t->vertices += 4;
}

/* The scene as OBJ text (malloc'd). */
static inline char *shadow_scene_obj(const shadow_scene *s, size_t *size)
{
    shadow_text t = {0};
    const double up[3] = {0, 1, 0}, down[3] = {0, -1, 0};
    const double *a = s->floor_min, *b = s->floor_max;
    shadow_text_add(&t, "o floor\n", 0, 0, 0);
    double floor[4][3] = {{a[0], 0, a[1]}, {b[0], 0, a[1]}, {b[0], 0, b[1]}, {a[0], 0, b[1]}};
    shadow_quad(&t, floor, up);
    if (s->plate_half > 0.0) {
        double p = s->plate_half, h = s->plate_height;
        double corners[4][3] = {{-p, h, -p}, {p, h, -p}, {p, h, p}, {-p, h, p}};
        shadow_text_add(&t, "o plate\n", 0, 0, 0);
        shadow_quad(&t, corners, up);
        shadow_quad(&t, corners, down);
    }
    if (s->ball_radius > 0.0) {
        enum { rings = 64, segments = 128 };
        const double *c = s->ball_center, r = s->ball_radius;
        shadow_text_add(&t, "o ball\n", 0, 0, 0);
        int first = t.vertices + 1;
        for (int i = 0; i <= rings; ++i) {
            for (int j = 0; j < segments; ++j) {
                double theta = 3.14159265358979 * i / rings,
                       phi = 2.0 * 3.14159265358979 * j / segments;
                shadow_text_add(&t, "v %.6f %.6f %.6f\n", c[0] + r * sin(theta) * cos(phi),
                                c[1] + r * cos(theta), c[2] + r * sin(theta) * sin(phi));
            }
        }
        for (int i = 0; i < rings; ++i) {
            for (int j = 0; j < segments; ++j) {
                int p = first + i * segments + j, q = first + i * segments + (j + 1) % segments;
                shadow_text_add(&t, "f %.0f %.0f %.0f\n", p, q, p + segments);
                shadow_text_add(&t, "f %.0f %.0f %.0f\n", q, q + segments, p + segments);
            }
        }
        t.vertices += (rings + 1) * segments;
    }
    if (s->box_max[1] > 0.0) {
        const double *lo = s->box_min, *hi = s->box_max;
        shadow_text_add(&t, "o box\n", 0, 0, 0);
        for (int axis = 0; axis < 3; ++axis) {
            for (int side = 0; side < 2; ++side) {
                int u = (axis + 1) % 3, w = (axis + 2) % 3;
                double n[3] = {0, 0, 0}, q[4][3];
                n[axis] = side ? 1.0 : -1.0;
                for (int i = 0; i < 4; ++i) {
                    q[i][axis] = side ? hi[axis] : lo[axis];
                    q[i][u] = (i == 1 || i == 2) ? hi[u] : lo[u];
                    q[i][w] = i >= 2 ? hi[w] : lo[w];
                }
                shadow_quad(&t, q, n);
            }
        }
    }
    *size = t.size;
    return t.text;
}

/* Does the segment from p to q (0 < t < 1) meet a caster? */
static inline int shadow_blocked(const shadow_scene *s, const double p[3], const double q[3])
{
    double d[3] = {q[0] - p[0], q[1] - p[1], q[2] - p[2]};
    if (s->plate_half > 0.0 && fabs(d[1]) > 1e-12) {
        double t = (s->plate_height - p[1]) / d[1];
        if (t > 1e-9 && t < 1.0 && fabs(p[0] + t * d[0]) <= s->plate_half &&
            fabs(p[2] + t * d[2]) <= s->plate_half)
            return 1;
    }
    if (s->ball_radius > 0.0) {
        double o[3] = {p[0] - s->ball_center[0], p[1] - s->ball_center[1],
                       p[2] - s->ball_center[2]};
        double a = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        double b = o[0] * d[0] + o[1] * d[1] + o[2] * d[2];
        double c = o[0] * o[0] + o[1] * o[1] + o[2] * o[2] - s->ball_radius * s->ball_radius;
        double disc = b * b - a * c;
        if (disc > 0.0) {
            double t1 = (-b - sqrt(disc)) / a, t2 = (-b + sqrt(disc)) / a;
            if (t2 > 1e-9 && t1 < 1.0)
                return 1;
        }
    }
    if (s->box_max[1] > 0.0) {
        double enter = 1e-9, leave = 1.0;
        for (int k = 0; k < 3; ++k) {
            if (fabs(d[k]) < 1e-12) {
                if (p[k] < s->box_min[k] || p[k] > s->box_max[k])
                    return 0;
                continue;
            }
            double t1 = (s->box_min[k] - p[k]) / d[k], t2 = (s->box_max[k] - p[k]) / d[k];
            if (t1 > t2) {
                double swap = t1;
                t1 = t2, t2 = swap;
            }
            enter = t1 > enter ? t1 : enter;
            leave = t2 < leave ? t2 : leave;
        }
        if (enter < leave)
            return 1;
    }
    return 0;
}

/* The share of the lamp (a disc of radius r facing the point, centred at
 * `lamp`) that lights floor point p: the disc sampled on an n x n grid, each
 * sample weighted by the floor's cosine over the distance squared. */
static inline double shadow_visible(const shadow_scene *s, const double p[3], const double lamp[3],
                                    double r, int n)
{
    double w[3] = {lamp[0] - p[0], lamp[1] - p[1], lamp[2] - p[2]};
    double len = sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    for (int k = 0; k < 3; ++k)
        w[k] /= len;
    double helper[3] = {fabs(w[0]) < 0.9 ? 1.0 : 0.0, fabs(w[0]) < 0.9 ? 0.0 : 1.0, 0.0};
    double u[3] = {w[1] * helper[2] - w[2] * helper[1], w[2] * helper[0] - w[0] * helper[2],
                   w[0] * helper[1] - w[1] * helper[0]};
    double ul = sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    for (int k = 0; k < 3; ++k)
        u[k] /= ul;
    double v[3] = {w[1] * u[2] - w[2] * u[1], w[2] * u[0] - w[0] * u[2], w[0] * u[1] - w[1] * u[0]};
    double total = 0.0, lit = 0.0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            double a = (2.0 * i + 1.0) / n - 1.0, b = (2.0 * j + 1.0) / n - 1.0;
            if (a * a + b * b > 1.0)
                continue;
            double q[3], e[3];
            for (int k = 0; k < 3; ++k) {
                q[k] = lamp[k] + r * (a * u[k] + b * v[k]);
                e[k] = q[k] - p[k];
            }
            double d2 = e[0] * e[0] + e[1] * e[1] + e[2] * e[2];
            double weight = fmax(e[1], 0.0) / (d2 * sqrt(d2)); /* cos / d^2; the floor is +y */
            total += weight;
            if (!shadow_blocked(s, p, q))
                lit += weight;
        }
    }
    return total > 0.0 ? lit / total : 1.0;
}

#endif
