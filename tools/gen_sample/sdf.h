/* Small vector maths, signed-distance primitives and deterministic noise
 * for the sample-bust generator. Distances are in millimetres; negative
 * means inside. */
#ifndef GLINT_GEN_SAMPLE_SDF_H
#define GLINT_GEN_SAMPLE_SDF_H

#include <stdint.h>

typedef struct {
    double x, y, z;
} v3;

static inline v3 v3_make(double x, double y, double z)
{
    v3 r;
    r.x = x;
    r.y = y;
    r.z = z;
    return r;
}
static inline v3 v3_add(v3 a, v3 b)
{
    return v3_make(a.x + b.x, a.y + b.y, a.z + b.z);
}
static inline v3 v3_sub(v3 a, v3 b)
{
    return v3_make(a.x - b.x, a.y - b.y, a.z - b.z);
}
static inline v3 v3_scale(v3 a, double s)
{
    return v3_make(a.x * s, a.y * s, a.z * s);
}
static inline double v3_dot(v3 a, v3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
v3 v3_cross(v3 a, v3 b);
double v3_len(v3 a);
v3 v3_norm(v3 a);

/* A signed distance function (or a close bound of one). */
typedef double (*sdf_fn)(v3 p);

double sd_sphere(v3 p, v3 c, double r);
/* Approximate distance to an axis-aligned ellipsoid (exact on the surface). */
double sd_ellipsoid(v3 p, v3 c, v3 r);
double sd_capsule(v3 p, v3 a, v3 b, double r);
/* Capsule whose radius goes linearly from ra at a to rb at b (a bound). */
double sd_taper(v3 p, v3 a, v3 b, double ra, double rb);

/* Polynomial smooth minimum / maximum with blend width k (mm). */
double op_smin(double a, double b, double k);
double op_smax(double a, double b, double k);
double clampd(double x, double lo, double hi);
double smoothstepd(double e0, double e1, double x);

/* Deterministic integer hashing and noise (no libc rand()). */
uint32_t hash_u32(uint32_t x);
uint32_t hash3i(int32_t x, int32_t y, int32_t z, uint32_t seed);
double hash_unit(uint32_t h); /* [0, 1) */
/* Sum of smooth round dents (each (1 - (d/R)^2)^2, R = 0.8 cell, random
 * strength 0.6..1) around a jittered 3-D lattice of centres: hammered metal. */
double dimples(v3 p, double cell, uint32_t seed);

/* Gradient by central differences, and the unit normal derived from it. */
v3 sdf_gradient(sdf_fn f, v3 p, double eps);

#endif
