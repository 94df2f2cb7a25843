#ifndef GLINT_IO_MESHES_H
#define GLINT_IO_MESHES_H

/* What the C++ shims over assimp and lib3mf hand back, in plain C: meshes
 * already placed by their nodes' or build items' transforms, and materials
 * as the file gives them. io_meshes.c builds an io_model from it. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct io_meshes_material {
    const char *name;     /* "" when the file gives none */
    float base_color[4];  /* linear RGBA (sRGB in the file: decoded by the shim) */
    bool has_pbr;         /* metallic/roughness come from the file */
    float metallic;
    float roughness;
    /* Base-colour texture: a path relative to the model ("" when none), or
     * the bytes of an image embedded in the file (PNG/JPEG; size 0: none). */
    const char *texture_path;
    const unsigned char *texture_bytes;
    size_t texture_size;
    bool is_default; /* made up by the reader, not in the file */
} io_meshes_material;

typedef struct io_meshes_mesh {
    const char *name; /* node or object name, "" when none */
    uint32_t material;
    const float *positions; /* xyz, transformed */
    const float *normals;   /* xyz or NULL */
    const float *uvs;       /* uv or NULL */
    const float *colors;    /* rgb per vertex or NULL */
    bool colors_srgb;       /* colours are sRGB-encoded (PLY, 3MF): decode them */
    uint32_t vertex_count;
    const uint32_t *indices; /* three per triangle, checked against vertex_count by the builder */
    size_t triangle_count;
} io_meshes_mesh;

typedef struct io_meshes {
    const io_meshes_mesh *meshes;
    size_t mesh_count;
    const io_meshes_material *materials;
    size_t material_count;
    size_t skipped_faces; /* points and lines */
    const char *warnings; /* one per line, "" when none */
    void *owner;
} io_meshes;

/* A related file (an external buffer or image) by the name the model gives;
 * returns 1 with malloc'd bytes, or 0 when it cannot be read. */
typedef int (*io_meshes_read_fn)(void *user, const char *name, char **bytes, size_t *size);

/* sRGB-encoded (0..1) to linear, as PLY, OBJ and 3MF colours need. */
float io_meshes_srgb_to_linear(float value);

#ifdef __cplusplus
}
#endif

#endif
