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
core_result io_3mf_parse(const char *bytes, size_t size, const char *name, const io_load_desc *desc,
                         io_model *model);

/* Inflates every part of a zip (counting, not keeping) and refuses one whose
 * parts expand to more than `limit` bytes: a 3MF's size does not bound what
 * lib3mf reads (io_zip_check.c). A zip too malformed to walk passes, for
 * libzip to refuse. */
core_result io_zip_check_expansion(const char *bytes, size_t size, uint64_t limit,
                                   const char *name);

/* A zip's parts, from its central directory (io_zip.c). */
enum { IO_ZIP_STORED = 0, IO_ZIP_DEFLATED = 8 };
typedef struct io_zip_entry {
    const char *name; /* name_bytes long, not NUL-terminated */
    uint32_t name_bytes;
    uint32_t method; /* IO_ZIP_STORED, IO_ZIP_DEFLATED, or another libzip refuses */
    const unsigned char *data;
    uint64_t compressed; /* bytes at data, cut to what the file holds */
} io_zip_entry;
typedef struct io_zip_walk {
    uint64_t offset, entries, index;
} io_zip_walk;
/* False when the file has no central directory to walk. */
bool io_zip_begin(const char *bytes, size_t size, io_zip_walk *walk);
/* The next part whose data lies in the file; false at the end, or where
 * the directory breaks off. */
bool io_zip_next(const char *bytes, size_t size, io_zip_walk *walk, io_zip_entry *entry);
bool io_zip_find(const char *bytes, size_t size, const char *name, io_zip_entry *entry);
/* The part's bytes (malloc'd, NUL after them): CORE_ERR_TOO_LARGE past
 * `limit`, CORE_ERR_PARSE for corrupt or unknown compression. No message. */
core_result io_zip_inflate(const io_zip_entry *entry, uint64_t limit, char **out, size_t *out_size);

/* Bytes that grow, NUL after them (io_zip.c). */
typedef struct io_bytes {
    char *bytes;
    size_t size, capacity;
} io_bytes;
bool io_bytes_append(io_bytes *t, const char *bytes, size_t size);
bool io_bytes_append_text(io_bytes *t, const char *s);

/* A stored zip being written: its parts' bytes, then the directory; no
 * ZIP64 (CORE_ERR_TOO_LARGE past 4 GB or 65535 parts). Finish hands over
 * the bytes; free data and directory either way. */
typedef struct io_zip_out {
    io_bytes data, directory;
    uint32_t count;
} io_zip_out;
core_result io_zip_out_add(io_zip_out *z, const char *name, size_t name_size, const char *bytes,
                           size_t size);
core_result io_zip_out_finish(io_zip_out *z, char **out, size_t *out_size);

/* What Bambu Studio and OrcaSlicer keep beside a 3MF's model: each part's
 * name and filament by its root object and component objectid, and the
 * filaments' colours (io_3mf_slicer.c). Read as a courtesy: whatever is
 * missing or malformed is simply not there. */
typedef struct io_3mf_slicer_part {
    long object, part;
    const char *name; /* into the settings' text, as written; NULL if none */
    size_t name_size;
    int filament; /* from 1; 0: none */
} io_3mf_slicer_part;
typedef struct io_3mf_slicer {
    char *settings; /* model_settings.config's text */
    io_3mf_slicer_part *parts;
    size_t part_count;
    char (*colours)[8]; /* "#RRGGBB" per filament; "" where unreadable */
    int colour_count;
} io_3mf_slicer;
void io_3mf_slicer_read(const char *bytes, size_t size, uint64_t limit, io_3mf_slicer *out);
const io_3mf_slicer_part *io_3mf_slicer_find(const io_3mf_slicer *s, long object, long part);
/* The filament's "#RRGGBB", or NULL. */
const char *io_3mf_slicer_colour(const io_3mf_slicer *s, int filament);
void io_3mf_slicer_free(io_3mf_slicer *s);

/* A 3MF whose root model takes objects from other model parts through the
 * production extension's path (Bambu Studio and OrcaSlicer keep each
 * object's mesh in 3D/Objects/object_N.model), which lib3mf 1.8 does not
 * follow, rewritten as a zip (stored, malloc'd) whose root model holds those
 * objects itself (io_3mf_paths.c). *out NULL when the file needs none. */
core_result io_3mf_inline_paths(const char *bytes, size_t size, uint64_t limit, const char *name,
                                char **out, size_t *out_size);

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
