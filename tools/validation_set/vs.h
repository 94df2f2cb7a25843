/* The validation set's geometry (vs_geometry.c): base shapes, surface
 * textures as height fields, and an OBJ writer. Kept apart from
 * tools/detector_corpus on purpose: the detector is tuned on that corpus, and
 * this set must not share its code, its shapes or its random numbers. */
#ifndef GLINT_VALIDATION_SET_VS_H
#define GLINT_VALIDATION_SET_VS_H

#include <stdint.h>
#include <stdio.h>

typedef struct vs_v3 {
    double x, y, z;
} vs_v3;

vs_v3 vs_add(vs_v3 a, vs_v3 b);
vs_v3 vs_sub(vs_v3 a, vs_v3 b);
vs_v3 vs_scale(vs_v3 a, double s);
double vs_dot(vs_v3 a, vs_v3 b);
vs_v3 vs_cross(vs_v3 a, vs_v3 b);
vs_v3 vs_unit(vs_v3 a);

/* splitmix64 with a seed of the case's own. */
typedef struct vs_rng {
    uint64_t state;
} vs_rng;
double vs_uniform(vs_rng *r);
double vs_gaussian(vs_rng *r);
vs_v3 vs_random_direction(vs_rng *r);

/* Base shapes, each a closed surface over (u, v) in [0,1]^2: u around the
 * vertical axis, v from the top pole (0) to the bottom pole (1). */
typedef enum vs_shape_kind { VS_SPHERE, VS_BUST, VS_PUCK, VS_GRIP } vs_shape_kind;
typedef struct vs_shape {
    vs_shape_kind kind;
    double radius;      /* sphere; grip's cylinder */
    double half_height; /* grip: the cylinder's half height */
} vs_shape;
/* The base point and its unit normal. */
void vs_shape_eval(const vs_shape *s, double u, double v, vs_v3 *p, vs_v3 *n);
/* The base point hit in direction d from the shape's centre (for scattering
 * features over it). */
void vs_shape_along(const vs_shape *s, vs_v3 d, vs_v3 *p, vs_v3 *n);

/* Textures: heights in mm along the base normal, as a function of the base
 * point. Features (pits, dimples, scratches) carve: the deepest one wins. */
typedef enum vs_texture_kind { VS_NONE, VS_PITS, VS_SCRATCHES, VS_BRUSHED, VS_KNURL } vs_texture_kind;
typedef struct vs_feature {
    vs_v3 a, b; /* a bowl's centre (a == b) or a scratch's ends */
    double radius, depth;
} vs_feature;
typedef struct vs_texture {
    vs_texture_kind kind;
    vs_feature *features;
    int count;
    /* a uniform grid over the features, for lookups */
    double cell;
    int *cell_start, *cell_items;
    /* brushed: grooves along the meridians, sum of sines in the azimuth */
    int waves;
    double wave_n[32], wave_amp[32], wave_phase[32];
    /* knurl: a diamond lattice of n grooves round, depth, on the grip */
    int knurl_n;
    double knurl_depth, knurl_radius, knurl_half_height;
} vs_texture;
int vs_texture_index(vs_texture *t); /* builds the grid; 0 or -1 */
void vs_texture_free(vs_texture *t);
double vs_texture_height(const vs_texture *t, vs_v3 p);

/* One OBJ + MTL pair being written. */
typedef struct vs_obj {
    FILE *file;
    long vertices, normals, triangles;
} vs_obj;
typedef struct vs_material {
    const char *name;
    double kd[3];
    double alpha; /* GGX alpha; the MTL's Pr is its square root */
} vs_material;
int vs_obj_open(vs_obj *o, const char *folder, const char *stem, const vs_material *m);
int vs_obj_close(vs_obj *o);

/* A (segments x rings) grid over the shape, displaced by the texture, with
 * smooth normals (flat: one normal per triangle, for faceted meshes). */
void vs_write_surface(vs_obj *o, const vs_shape *s, const vs_texture *t, int segments, int rings,
                      int flat);
/* A geodesic sphere (an icosahedron split `level` times), one normal per face. */
void vs_write_geodesic(vs_obj *o, double radius, int level);

#endif
