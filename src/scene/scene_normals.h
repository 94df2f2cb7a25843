#ifndef GLINT_SCENE_NORMALS_H
#define GLINT_SCENE_NORMALS_H

/* Builds scene's interleaved vertices from indexed triangles, computing
 * normals where the file has none or they are invalid. Internal to scene. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct scene_normals_input {
    const float *positions; /* xyz, millimetres */
    const float *normals;   /* xyz or NULL */
    const float *uvs;       /* uv or NULL */
    const float *colors;    /* linear rgb or NULL (then 1,1,1) */
    uint32_t vertex_count;
    const uint32_t *indices; /* degenerate triangles already removed */
    uint32_t index_count;
    float crease_angle_deg;
    bool positions_unique; /* no two vertices share a position: skip welding */
} scene_normals_input;

typedef struct scene_normals_output {
    float *vertices; /* SCENE_VERTEX_FLOATS per vertex, malloc'd */
    uint32_t vertex_count;
    uint32_t *indices; /* index_count, malloc'd */
    uint32_t computed; /* output vertices whose normal was computed */
} scene_normals_output;

/* Valid file normals are kept. Elsewhere each corner's normal is the
 * area-weighted average of the faces around its position (welded by exact
 * position, so uv seams do not show) that lie within the crease angle of the
 * corner's cluster: faces around a position are grouped greedily against each
 * group's first face, which keeps the work linear in practice even for
 * thousand-face fans. Vertices are split where clusters differ. */
core_result scene_normals_build(const scene_normals_input *input, scene_normals_output *output);

#endif
