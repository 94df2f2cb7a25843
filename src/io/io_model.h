#ifndef GLINT_IO_MODEL_H
#define GLINT_IO_MODEL_H

/* A model as read from a file: indexed triangles split into named parts, each
 * with the material the file gave it. CPU data only; no GL. */

#include "core/core_result.h"
#include "io/io_image.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IO_NAME_MAX 64
#define IO_PATH_MAX 512
#define IO_WARNING_MAX 256
/* Distinct warnings logged while a file loads; the rest are counted. */
#define IO_WARNINGS_LOGGED 10
/* Distinct warnings a model keeps for `glint info`. */
#define IO_WARNINGS_KEPT 256
/* Textures with a longer side are downscaled on load (with a warning): a
 * 16384^2 texture is 1 GB, and more with its mipmaps once uploaded. */
#define IO_TEXTURE_MAX_SIDE 8192

typedef enum io_format {
    IO_FORMAT_UNKNOWN = 0,
    IO_FORMAT_OBJ,
    IO_FORMAT_STL_BINARY,
    IO_FORMAT_STL_ASCII,
    IO_FORMAT_PLY,  /* ASCII or binary; read through assimp */
    IO_FORMAT_GLTF, /* glTF 2.0 JSON (buffers beside it or embedded); through assimp */
    IO_FORMAT_GLB,  /* binary glTF 2.0; through assimp */
    IO_FORMAT_3MF   /* a zip holding 3D/3dmodel.model; through lib3mf */
} io_format;

/* The up axis a file states, by its format's spec or its own header: glTF is
 * +Y by its spec, 3MF +Z by its spec; OBJ, STL and PLY state none. scene
 * decides the axis actually used (scene_up_resolve). */
typedef enum io_axis {
    IO_AXIS_UNSTATED = 0,
    IO_AXIS_POS_X,
    IO_AXIS_NEG_X,
    IO_AXIS_POS_Y,
    IO_AXIS_NEG_Y,
    IO_AXIS_POS_Z,
    IO_AXIS_NEG_Z
} io_axis;

typedef enum io_texture_state {
    IO_TEXTURE_NONE = 0, /* the material names no texture */
    IO_TEXTURE_LOADED,
    IO_TEXTURE_MISSING, /* named but could not be read or decoded: default colour */
    IO_TEXTURE_SKIPPED  /* named, found, not decoded (io_load_desc.skip_texture_pixels) */
} io_texture_state;

typedef struct io_material {
    char name[IO_NAME_MAX];
    float base_color[3];                  /* linear RGB, from Kd */
    float specular[3];                    /* Ks: a first guess of the finish */
    float shininess;                      /* Ns */
    float opacity;                        /* d */
    float pbr_roughness;                  /* Pr, 0 when the MTL does not say */
    float pbr_metallic;                   /* Pm, 0 when the MTL does not say */
    char base_color_texture[IO_PATH_MAX]; /* map_Kd resolved against the MTL's folder */
    io_texture_state texture_state;
    io_image texture; /* RGBA8 when IO_TEXTURE_LOADED */
    /* Materials naming the same texture file share one decode: then the
     * pixels belong to materials[texture_source], which comes first. */
    bool texture_shared;
    uint32_t texture_source;
} io_material;

typedef struct io_part {
    char name[IO_NAME_MAX];
    uint32_t material; /* index into materials */
    uint32_t first_index;
    uint32_t index_count;
    bool vertex_colored; /* its vertices carry the file's colours (io_model.colors) */
} io_part;

typedef struct io_model {
    io_format format;
    float *positions; /* xyz per vertex, in the file's units */
    float *normals;   /* xyz per vertex; NULL when the file has none */
    float *uvs;       /* uv per vertex; NULL when the file has none */
    /* Linear RGB per vertex (sRGB in the file, decoded on load); NULL when no
     * part has vertex colours. Parts without them hold 1,1,1 here. */
    float *colors;
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
    io_part *parts;
    uint32_t part_count;
    io_material *materials; /* at least one: a default when the file has none */
    uint32_t material_count;
    size_t skipped_faces;  /* faces of fewer than three vertices */
    bool positions_unique; /* every vertex has its own position (STL: welded on load) */
    /* What the file states of itself. 0 / UNSTATED: nothing (then glint's
     * defaults apply: millimetres, and the format's usual up axis). */
    float mm_per_unit;     /* glTF: 1000 (metres by its spec); 3MF: its unit attribute */
    char units_stated_by[IO_NAME_MAX]; /* "glTF's spec (metres)", "3MF unit=\"inch\"" */
    io_axis stated_up;     /* glTF: +Y, 3MF: +Z, by their specs */
    char up_stated_by[IO_NAME_MAX]; /* "glTF's spec" */
    char (*warnings)[IO_WARNING_MAX];
    uint32_t warning_count;
    uint32_t warnings_not_kept; /* distinct warnings past IO_WARNINGS_KEPT, counted only */
} io_model;

/* Reads a file the model refers to (a material library, a texture) by the
 * path the model gives, relative to the folder passed to the loader. Returns
 * malloc'd bytes the loader frees with free(). */
typedef core_result (*io_read_fn)(void *user, const char *folder, const char *name,
                                  size_t max_bytes, char **bytes, size_t *size);

/* Zero fields mean "default". */
typedef struct io_load_desc {
    size_t max_file_bytes;   /* default CORE_FILE_DEFAULT_MAX_BYTES, for the model and each
                                file it refers to */
    io_read_fn read_related; /* default: read from disk */
    void *read_user;
    bool skip_texture_pixels; /* check textures exist but do not decode them */
} io_load_desc;

const char *io_format_name(io_format format);
/* Decides the format from the bytes (signatures first), never from a file
 * name; formats glint does not read (FBX, .blend, ...) are IO_FORMAT_UNKNOWN
 * and io_model_load names them in its error. */
io_format io_detect_format(const char *bytes, size_t size);

/* Loads a model from a path. On failure the model is left empty and
 * core_last_error() names the file and the problem (and the line or triangle
 * where known). Warnings are logged and kept in model->warnings. */
core_result io_model_load(const char *path, const io_load_desc *desc, io_model *model);
/* The same from bytes in memory; `name` is used in messages and `folder`
 * (NULL: none) is where related files are looked up. */
core_result io_model_load_memory(const char *bytes, size_t size, const char *name,
                                 const char *folder, const io_load_desc *desc, io_model *model);
void io_model_unload(io_model *model);

/* For the parsers: records a warning on the model and logs it. */
void io_model_warn(io_model *model, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* How many of the model's warnings the log did not show (past the first
 * IO_WARNINGS_LOGGED; one line at the end of the load says how many). */
uint32_t io_model_warnings_unlogged(const io_model *model);
/* For the parsers: gives a model with no materials its one default material. */
core_result io_model_default_material(io_model *model);

#endif
