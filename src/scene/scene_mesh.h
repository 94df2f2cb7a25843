#ifndef GLINT_SCENE_MESH_H
#define GLINT_SCENE_MESH_H

/* The model as glint draws it: GPU-ready interleaved vertices, parts with
 * their paint, and bounds. Built from io's file data; no GL here. */

#include "core/core_result.h"
#include "io/io_model.h"

#include <stdint.h>

/* Interleaved vertex layout: position xyz, normal xyz. */
#define SCENE_VERTEX_FLOATS 6

typedef struct scene_part {
    char name[IO_NAME_MAX];
    float base_color[3]; /* linear RGB */
    float specular;      /* 0..1 strength of the first-guess highlight */
    float shininess;     /* Blinn-Phong exponent */
    uint32_t first_index;
    uint32_t index_count;
} scene_part;

typedef struct scene_bounds {
    float min[3];
    float max[3];
    float center[3];
    float radius; /* of the sphere around center that holds every vertex */
} scene_bounds;

typedef struct scene_mesh {
    float *vertices;
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
    scene_part *parts;
    uint32_t part_count;
    scene_bounds bounds;
    uint32_t normals_computed; /* vertices whose normal glint had to compute */
} scene_mesh;

core_result scene_mesh_from_model(const io_model *model, scene_mesh *mesh);
void scene_mesh_unload(scene_mesh *mesh);

#endif
