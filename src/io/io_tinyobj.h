#ifndef GLINT_IO_TINYOBJ_H
#define GLINT_IO_TINYOBJ_H

/* A C view of tinyobjloader's C++ API: the only C++ in glint. It parses OBJ
 * text from memory and exposes tinyobjloader's arrays as they are; building
 * glint's model from them is io_model.c's job, in C. */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct io_tinyobj_material {
    const char *name;
    float diffuse[3];
    float specular[3];
    float shininess;
    float dissolve;
    float roughness;             /* Pr (PBR extension), 0 when absent */
    float metallic;              /* Pm (PBR extension), 0 when absent */
    const char *diffuse_texture; /* "" when none, as written in the library */
    const char *library;         /* the mtllib name it came from, "" if unknown */
} io_tinyobj_material;

typedef struct io_tinyobj_shape {
    const char *name;
    /* Three corners per triangle, each (position, normal, texcoord) index,
     * -1 for an absent normal or texcoord. */
    const int *corners;
    const int *material_ids; /* one per triangle, -1 for none */
    size_t triangle_count;
} io_tinyobj_shape;

typedef struct io_tinyobj_data {
    const float *positions; /* xyz */
    size_t position_count;
    const float *normals; /* xyz */
    size_t normal_count;
    const float *texcoords; /* uv */
    size_t texcoord_count;
    /* rgb per position ("v x y z r g b", as written: sRGB); NULL unless
     * every vertex line of the file has a colour. */
    const float *colors;
    const io_tinyobj_shape *shapes;
    size_t shape_count;
    const io_tinyobj_material *materials;
    size_t material_count;
    size_t skipped_faces; /* faces of fewer than three vertices */
    const char *warnings; /* tinyobjloader's, "" when none */
    void *owner;
} io_tinyobj_data;

/* Returns the bytes of the material library `name` in *text (malloc'd, the
 * caller of the callback frees it) or 0 when it cannot be read. */
typedef int (*io_tinyobj_read_mtl)(void *user, const char *name, char **text, size_t *size);

typedef struct io_tinyobj_error {
    size_t line; /* the line refused (io_obj_lines.h), 0 when none is known */
    char message[512];
} io_tinyobj_error;

/* Returns 1 on success; on failure 0 with a reason in `error`. Every line
 * passes io_obj_check_line before tinyobjloader reads it. */
int io_tinyobj_parse(const char *text, size_t size, io_tinyobj_read_mtl read_mtl, void *user,
                     io_tinyobj_data *out, io_tinyobj_error *error);
/* The same, streaming the OBJ from an open file so that its bytes are never
 * all in memory at once (tinyobjloader keeps its own parsed copy). The
 * caller opened it (a regular file: core_file_open_read) and closes it. */
int io_tinyobj_parse_fd(int fd, io_tinyobj_read_mtl read_mtl, void *user, io_tinyobj_data *out,
                        io_tinyobj_error *error);
void io_tinyobj_free(io_tinyobj_data *data);

#ifdef __cplusplus
}
#endif

#endif
