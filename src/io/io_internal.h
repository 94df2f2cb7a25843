#ifndef GLINT_IO_INTERNAL_H
#define GLINT_IO_INTERNAL_H

/* Shared by io's parsers; not part of io's interface. */

#include "io/io_model.h"

/* The desc with every zero field replaced by its default. */
io_load_desc io_load_desc_resolve(const io_load_desc *desc);

/* Reads a related file (MTL, texture) through the desc's reader. */
core_result io_read_related(const io_load_desc *desc, const char *folder, const char *name,
                            char **bytes, size_t *size);

/* Checks (desc->skip_texture_pixels) or decodes a material's texture from
 * its bytes; one over IO_TEXTURE_MAX_SIDE is downscaled with a warning
 * naming the model `name` and the texture `what`. */
io_texture_state io_texture_decode(const char *bytes, size_t size, const char *what,
                                   const io_load_desc *desc, io_material *m, io_model *model,
                                   const char *name);

core_result io_obj_parse(const char *bytes, size_t size, const char *name, const char *folder,
                         const io_load_desc *desc, io_model *model);

/* The same, streaming from the file (large OBJs need not be held in memory). */
core_result io_obj_parse_file(const char *path, const char *folder, const io_load_desc *desc,
                              io_model *model);

/* A format glint does not read, named from its signature (and, for weak
 * signatures, the extension of `name`, which may be NULL), or NULL. "zip" is
 * a zip archive that is not a 3MF; "image:PNG" (or JPEG) an image. */
const char *io_detect_unsupported(const char *bytes, size_t size, const char *name);

/* Whether the first bytes carry a signature that is not STL's or OBJ's (PLY,
 * glTF, GLB, zip, a named unsupported format): such a file is read whole.
 * Only a binary STL whose size matches its count exactly outranks it. */
bool io_detect_has_signature(const char *bytes, size_t size);

/* Whether a file of file_size bytes, of which `bytes` holds the first `size`
 * (at least 84), is exactly the binary STL its triangle count describes (and
 * not a GLB whose own length field says file_size): its header text, however
 * much it looks like another format's signature, is then only a header. */
bool io_detect_exact_binary_stl(const char *bytes, size_t size, uint64_t file_size);

/* PLY, glTF and GLB through assimp (io_formats.c). */
core_result io_assimp_parse(const char *bytes, size_t size, io_format format, const char *name,
                            const char *folder, const io_load_desc *desc, io_model *model);

/* 3MF through lib3mf (io_formats.c), after io_zip_check_expansion. */
core_result io_3mf_parse(const char *bytes, size_t size, const char *name,
                         const io_load_desc *desc, io_model *model);

/* Inflates every part of a zip (counting, not keeping) and refuses one whose
 * parts expand to more than `limit` bytes: a 3MF's size does not bound what
 * lib3mf reads (io_zip_check.c). A zip too malformed to walk passes, for
 * libzip to refuse. */
core_result io_zip_check_expansion(const char *bytes, size_t size, uint64_t limit,
                                   const char *name);

/* Checks a glTF's (or GLB's) JSON and returns a copy (malloc'd) with what
 * glint does not use removed and every index checked (io_gltf_check.c). */
core_result io_gltf_check(const char *bytes, size_t size, io_format format, const char *name,
                          char **out, size_t *out_size);

/* Refuses a PLY whose header breaks the grammar or promises more than the
 * file holds, or whose lists or face indices do not fit (io_ply_check.c). */
core_result io_ply_check_header(const char *bytes, size_t size, const char *name);

/* Builds a model from the shims' meshes (io_meshes.c). */
struct io_meshes;
core_result io_meshes_build(const struct io_meshes *in, const char *name, const char *folder,
                            const io_load_desc *desc, io_model *model);

#endif
