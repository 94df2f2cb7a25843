#ifndef GLINT_IO_MODEL_H
#define GLINT_IO_MODEL_H

/* A model as read from a file: indexed triangles split into named parts, each
 * with the material the file gave it. CPU data only; no GL. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IO_NAME_MAX 64

typedef struct io_material {
    char name[IO_NAME_MAX];
    float base_color[3]; /* linear RGB, from Kd */
    float specular[3];   /* Ks: a first guess of the finish */
    float shininess;     /* Ns */
    float opacity;       /* d */
    char base_color_texture[256]; /* map_Kd as written in the MTL, "" if none */
} io_material;

typedef struct io_part {
    char name[IO_NAME_MAX];
    uint32_t material; /* index into materials */
    uint32_t first_index;
    uint32_t index_count;
} io_part;

typedef struct io_model {
    float *positions; /* xyz per vertex, in the file's units */
    float *normals;   /* xyz per vertex; NULL when the file has none */
    float *uvs;       /* uv per vertex; NULL when the file has none */
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
    io_part *parts;
    uint32_t part_count;
    io_material *materials; /* at least one: a default when the file has none */
    uint32_t material_count;
    size_t skipped_faces;
} io_model;

/* Zero fields mean "default". */
typedef struct io_load_desc {
    size_t max_file_bytes; /* default CORE_FILE_DEFAULT_MAX_BYTES */
} io_load_desc;

/* Loads an OBJ (with its MTL) from a path. On failure the model is left empty
 * and core_last_error() names the file and the problem. */
core_result io_model_load(const char *path, const io_load_desc *desc, io_model *model);
/* The same from bytes in memory; `name` is used in messages and `folder` to
 * find the material library (NULL: none is read). */
core_result io_model_load_memory(const char *bytes, size_t size, const char *name,
                                 const char *folder, io_model *model);
void io_model_unload(io_model *model);

#endif
