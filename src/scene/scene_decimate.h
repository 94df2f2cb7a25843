#ifndef GLINT_SCENE_DECIMATE_H
#define GLINT_SCENE_DECIMATE_H

/* A coarse copy of a mesh for the viewer's interactive frames (docs/viewer.md,
 * "On a software renderer"): a software rasteriser pays per triangle, for the
 * shadow map and again for each viewport, whatever the picture's size. Pure
 * C, no GL; the full-quality frame never draws it. */

#include "core/core_result.h"
#include "scene/scene_mesh.h"

#include <stdint.h>

typedef struct scene_decimated {
    scene_mesh mesh; /* the same parts (names, paint, finish) in the same order,
                        each with its own range of the coarse indices */
    uint32_t *remap; /* per source vertex: the coarse vertex it became (the first
                        part's, for a vertex two parts share) */
    uint32_t source_vertex_count;
    float cell_mm; /* the clustering grid's cell; 0: the source as it was */
} scene_decimated;

/* Vertex clustering on a grid over the bounds: the vertices of one part in
 * one cell whose normals face the same way (of six) become one vertex at
 * their mean (normal, uv and colour averaged too); triangles left with two
 * corners in one cluster, or repeating another's corners, are dropped. The
 * finest grid whose triangle count is within `triangle_budget` is used; a
 * part left with no triangles keeps its own. The coarse vertices lie inside
 * the source's bounds (a mean of points inside them), at most a cell from
 * them. A mesh already within the budget is copied as it is (cell_mm 0).
 * When even the coarsest grid is over the budget, that grid's result. */
core_result scene_decimate(const scene_mesh *mesh, uint32_t triangle_budget, scene_decimated *out);
void scene_decimated_unload(scene_decimated *decimated);

#endif
