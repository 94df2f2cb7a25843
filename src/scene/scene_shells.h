#ifndef GLINT_SCENE_SHELLS_H
#define GLINT_SCENE_SHELLS_H

/* Splits parts made of several disconnected shells (a figure, its base, a
 * separately sculpted sword) into one part per shell, so each can take its own
 * finish. Internal to scene: scene_mesh_from_model calls it. */

#include "core/core_result.h"
#include "scene/scene_mesh.h"

#include <stdbool.h>
#include <stdint.h>

/* A split never takes the model past this many parts (the viewer's part list
 * holds 64): the smallest shells beyond it merge into their nearest kept one. */
#define SCENE_SHELLS_MAX_PARTS 64
/* Shells with fewer than this share of the model's triangles (a loose rivet,
 * a stray fragment) merge into their nearest shell instead of becoming parts. */
#define SCENE_SHELLS_MIN_SHARE 0.005

typedef struct scene_shells_input {
    /* The vertices the mesh was built from, any frame and scale: only which
     * are at the same position matters (triangles sharing one are connected). */
    const float *positions;
    uint32_t vertex_count;
    /* Triangle for triangle the mesh's: mesh->indices[c] was built from indices[c]. */
    const uint32_t *indices;
    bool positions_unique; /* no two vertices share a position: no welding needed */
} scene_shells_input;

/* Splits every part of the mesh with two or more shells (after merging the
 * tiny ones): the part's index range is reordered shell by shell and the part
 * replaced, in place, by one part per shell that copies its material, paint
 * and finish. Names: "base" for a wide, flat shell under the rest, the others
 * "shell-1", "shell-2"... from the top down (prefixed with the part's name
 * when the model has several parts); descriptions say where and how big.
 * The mesh's vertices must already be upright and in millimetres. Adds to
 * mesh->shells_split; fails only for memory. */
core_result scene_shells_split(const scene_shells_input *input, scene_mesh *mesh);

#endif
