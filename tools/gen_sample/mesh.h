/* Indexed triangle meshes for the sample-bust generator: polygonising a
 * signed distance field (surface nets), surfaces of revolution, and culling
 * triangles hidden inside other parts. */
#ifndef GLINT_GEN_SAMPLE_MESH_H
#define GLINT_GEN_SAMPLE_MESH_H

#include <stddef.h>
#include <stdint.h>

#include "sdf.h"

typedef struct {
    v3 *pos;
    v3 *nrm;
    size_t nv, cap_v;
    uint32_t *tri; /* 3 indices per triangle, counter-clockwise from outside */
    size_t nt, cap_t;
} mesh;

void mesh_init(mesh *m);
void mesh_free(mesh *m);
uint32_t mesh_add_vertex(mesh *m, v3 p, v3 n);
void mesh_add_tri(mesh *m, uint32_t a, uint32_t b, uint32_t c);

/* Polygonise the zero set of f inside the box [lo, hi] with cell size h.
 * f must be positive on the whole box boundary; returns 0 on success, -1 if
 * it is not (the box clips the surface) or memory runs out. Vertices are
 * placed at the mean of the cell's edge crossings, then pulled onto the
 * surface with Newton steps; normals come from the SDF gradient. */
int mesh_surface_nets(mesh *m, sdf_fn f, v3 lo, v3 hi, double h);

/* One ring of a surface of revolution about the Y axis: radius r at height
 * y, with outward normal (nr, ny) in the (radius, y) plane. join != 0
 * connects the ring to the previous one; a ring with r == 0 is a pole. */
typedef struct {
    double r, y, nr, ny;
    int join;
} lathe_ring;

/* Revolve the rings about the vertical axis through `centre`, with `segs`
 * segments around. */
void mesh_lathe(mesh *m, const lathe_ring *rings, int nrings, int segs, v3 centre);

/* Profile helper: turn a polyline (r, y) into lathe rings. Points with
 * crease[i] != 0 get a hard edge (two rings); others get averaged normals.
 * The polyline must run so that the outside is on its right-hand side when
 * walking with r to the right and y up (bottom centre, out, up, back in).
 * Returns the number of rings written (at most 2 * n). */
int lathe_from_profile(const double *r, const double *y, const int *crease, int n, lathe_ring *out);

/* Remove triangles whose three vertices all lie deeper than `margin` inside
 * any of the occluder fields, then drop unreferenced vertices. */
void mesh_cull_hidden(mesh *m, const sdf_fn *occ, int nocc, double margin);

/* Move the surface of m where region < 0 into out (which must be empty), so
 * that one smooth surface carries two materials. Triangles crossing the
 * region's zero set are cut along it (linearly on each edge), and both meshes
 * get the same cut vertices, so the seam has no crack. */
void mesh_split(mesh *m, sdf_fn region, mesh *out);

/* Append src to m, turned so that src's +Y points along +Z (a lathe's axis
 * becomes a gaze) and then moved by `offset`. */
void mesh_append_facing_z(mesh *m, const mesh *src, v3 offset);

#endif
