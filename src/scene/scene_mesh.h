#ifndef GLINT_SCENE_MESH_H
#define GLINT_SCENE_MESH_H

/* The model as glint draws it: GPU-ready interleaved vertices in millimetres,
 * parts with their paint, and bounds. Built from io's file data; no GL here. */

#include "core/core_result.h"
#include "io/io_model.h"
#include "scene/scene_finish.h"

#include <stdint.h>

/* Interleaved vertex layout: position xyz (mm), normal xyz, uv. */
#define SCENE_VERTEX_FLOATS 8
#define SCENE_WARNINGS_MAX 4

typedef enum scene_units {
    SCENE_UNITS_DEFAULT = 0, /* millimetres: STL's convention, and the sample's */
    SCENE_UNITS_MM,
    SCENE_UNITS_CM,
    SCENE_UNITS_M,
    SCENE_UNITS_IN
} scene_units;

/* Zero fields mean "default". */
typedef struct scene_mesh_desc {
    scene_units units;
    float crease_angle_deg; /* default 40; faces meeting at a sharper angle get split normals */
} scene_mesh_desc;

typedef struct scene_part {
    char name[IO_NAME_MAX];
    float base_color[3]; /* linear RGB */
    uint32_t material;   /* index into the io_model's materials */
    scene_finish finish; /* the first guess from the material; commands may override it */
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
    scene_bounds bounds;     /* millimetres */
    float mm_per_unit;       /* the file's units */
    uint32_t dropped_triangles;   /* degenerate or zero-area */
    uint32_t computed_normals;    /* vertices whose normal glint computed */
    char warnings[SCENE_WARNINGS_MAX][256];
    uint32_t warning_count;
} scene_mesh;

const char *scene_units_name(scene_units units);
/* Parses "mm", "cm", "m", "in"; false otherwise. */
bool scene_units_parse(const char *text, scene_units *units);

core_result scene_mesh_from_model(const io_model *model, const scene_mesh_desc *desc,
                                  scene_mesh *mesh);
void scene_mesh_unload(scene_mesh *mesh);

#endif
