#include "render/render_internal.h"

#include <math.h>

/* Leaving out a closed part's back faces (docs/PERFORMANCE.md, "Closed
 * parts"): from a point outside a closed solid wound outwards the nearest of
 * its surfaces along any ray is a front face, so the picture is the same
 * without its back faces, and llvmpipe sets up, bins and rasterises half as
 * many triangles. "Outside" is checked against the part's bounding sphere,
 * which must lie wholly beyond the pass's near plane: then neither the
 * viewpoint is inside the part nor does the near plane cut it open. */

/* The part's sphere centre in the world (u_model), and its radius there. */
static void world_sphere(const scene_part *part, const float model[16], float centre[3],
                         float *radius)
{
    const float *c = part->sphere;
    float scale = 0.0f;
    for (int i = 0; i < 3; ++i) {
        centre[i] = model[i] * c[0] + model[4 + i] * c[1] + model[8 + i] * c[2] + model[12 + i];
        float column = sqrtf(model[4 * i] * model[4 * i] + model[4 * i + 1] * model[4 * i + 1] +
                             model[4 * i + 2] * model[4 * i + 2]);
        scale = fmaxf(scale, column);
    }
    *radius = c[3] * scale;
}

/* Row `row` of a column-major matrix applied to a point. */
static float row_times(const float m[16], int row, const float p[3])
{
    return m[row] * p[0] + m[4 + row] * p[1] + m[8 + row] * p[2] + m[12 + row];
}

bool render_part_culls_for_camera(const scene_part *part, const scene_view *view)
{
    if (!part->closed)
        return false;
    float centre[3], radius;
    world_sphere(part, view->model, centre, &radius);
    float depth = -row_times(view->view, 2, centre); /* the eye looks down -z */
    return depth - radius > view->near_plane;        /* false for NaN too */
}

bool render_part_culls_for_lamp(const scene_part *part, const scene_view *view)
{
    if (!part->closed)
        return false;
    float centre[3], radius;
    world_sphere(part, view->model, centre, &radius);
    /* The lamp's projection is a perspective: clip w is the depth along its axis. */
    float depth = row_times(view->light_view_projection, 3, centre);
    return depth - radius > view->light_near;
}

bool render_view_mirrored(const scene_view *view)
{
    const float *m = view->model;
    float det = m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) +
                m[8] * (m[1] * m[6] - m[5] * m[2]);
    return det < 0.0f;
}
