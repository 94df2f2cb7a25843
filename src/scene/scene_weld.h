#ifndef GLINT_SCENE_WELD_H
#define GLINT_SCENE_WELD_H

/* Internal to scene: which vertices share a position, and the mesh's warnings. */

#include "core/core_result.h"
#include "scene/scene_mesh.h"

#include <stdint.h>

/* Gives every vertex the first vertex at its exact position (-0 and +0 are
 * one): first[v] <= v, and first[v] == v for the first at each position.
 * Linear time (a hash of the coordinates' bits); fails only for memory. */
core_result scene_weld_positions(const float *positions, uint32_t vertex_count, uint32_t *first);

/* Logs a warning and keeps it on the mesh for `glint info` while there is room. */
void scene_mesh_warn(scene_mesh *mesh, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
