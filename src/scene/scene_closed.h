#ifndef GLINT_SCENE_CLOSED_H
#define GLINT_SCENE_CLOSED_H

/* Which parts are closed solids turned outwards, so that their back faces
 * can be left out of a pass whose viewpoint is outside them (render: the
 * shadow map and the camera's passes; docs/PERFORMANCE.md, "Closed parts").
 * Internal to scene: scene_mesh_from_model calls it. */

#include "core/core_result.h"
#include "scene/scene_mesh.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct scene_closed_input {
    /* The vertices the mesh was built from, in any frame a rotation and a
     * positive scale away from the mesh's; which share a position connects
     * the triangles (an OBJ's uv seams and split normals). */
    const float *positions;
    uint32_t stride; /* floats from one vertex's position to the next's; 0: 3 */
    uint32_t vertex_count;
    const uint32_t *indices;
    bool positions_unique; /* no two vertices share a position: no welding needed */
} scene_closed_input;

/* Sets parts[p].closed for each part whose triangles (its index range in
 * input->indices) are closed and consistently wound: every edge, between
 * welded positions, is used exactly once in each direction; and whose every
 * connected shell encloses a positive volume (wound counter-clockwise seen
 * from outside, as GL's front faces are). Then, from any point outside the
 * part, the first of its surfaces a ray meets is a front face, and leaving
 * its back faces out changes nothing that is seen. Anything else (an open
 * shell, a flipped or mixed winding, an edge shared by three triangles, a
 * flat double-sided card) stays false. Fails only for memory. */
core_result scene_closed_mark(const scene_closed_input *input, scene_part *parts,
                              uint32_t part_count);

/* Turns each part scene_closed_mark found closed but wound inwards (every
 * shell enclosing a negative volume: a file exported inside out, a mirror
 * that did not turn its faces) the right way out: its triangles' winding
 * reversed, and each of its vertices' normals made to agree with the faces
 * around it (computed ones were inward; a file's may have been either). It
 * is then closed, and `turned_out`, with a warning. A part sharing a vertex
 * with another part is left as it is (the shaders show its inside as a
 * sheet's other side). Fails only for memory. */
core_result scene_closed_turn_out(scene_mesh *mesh);

#endif
