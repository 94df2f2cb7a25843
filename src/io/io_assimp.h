#ifndef GLINT_IO_ASSIMP_H
#define GLINT_IO_ASSIMP_H

/* A C view of assimp (C++) for PLY, glTF 2.0 and GLB. The main file is read
 * from memory; every other file it names goes through `read`, so glint's
 * limits on related files hold. */

#include "io/io_meshes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `extension` ("ply", "gltf", "glb") picks assimp's importer. Returns 1 on
 * success; 0 with a reason in `error`. Free with io_assimp_free. */
int io_assimp_read(const char *bytes, size_t size, const char *extension, io_meshes_read_fn read,
                   void *user, io_meshes *out, char *error, size_t error_size);
void io_assimp_free(io_meshes *meshes);

#ifdef __cplusplus
}
#endif

#endif
