#ifndef GLINT_IO_LIB3MF_H
#define GLINT_IO_LIB3MF_H

/* A C view of lib3mf (C++) for 3MF: build items placed by their transforms
 * (components followed), triangles split by base material or colour. */

#include "io/io_meshes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns 1 on success; 0 with a reason in `error`. `mm_per_unit` gets the
 * model's unit attribute in millimetres and `unit` its name. */
int io_lib3mf_read(const char *bytes, size_t size, io_meshes *out, float *mm_per_unit,
                   char *unit, size_t unit_size, char *error, size_t error_size);
void io_lib3mf_free(io_meshes *meshes);

#ifdef __cplusplus
}
#endif

#endif
