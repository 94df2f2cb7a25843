#ifndef GLINT_IO_INTERNAL_H
#define GLINT_IO_INTERNAL_H

/* Shared by io's parsers; not part of io's interface. */

#include "io/io_model.h"

/* The desc with every zero field replaced by its default. */
io_load_desc io_load_desc_resolve(const io_load_desc *desc);

/* Reads a related file (MTL, texture) through the desc's reader. */
core_result io_read_related(const io_load_desc *desc, const char *folder, const char *name,
                            char **bytes, size_t *size);

core_result io_obj_parse(const char *bytes, size_t size, const char *name, const char *folder,
                         const io_load_desc *desc, io_model *model);

/* The same, streaming from the file (large OBJs need not be held in memory). */
core_result io_obj_parse_file(const char *path, const char *folder, const io_load_desc *desc,
                              io_model *model);

#endif
