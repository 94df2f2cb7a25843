#ifndef GLINT_TESTS_GPU_FIXTURE_H
#define GLINT_TESTS_GPU_FIXTURE_H

/* Shared set-up for headless render tests: a context, shaders, one model. */

#include "gfx/gfx.h"
#include "io/io_model.h"
#include "plat/plat.h"
#include "render/render.h"
#include "scene/scene_mesh.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct gpu_fixture {
    plat_context *platform;
    render_context render;
} gpu_fixture;

static inline int gpu_fixture_open(gpu_fixture *f)
{
    plat_context_desc desc = {.backend = PLAT_BACKEND_HEADLESS};
    if (plat_context_create(&desc, &f->platform) != CORE_OK ||
        gfx_init(plat_context_loader(f->platform)) != CORE_OK ||
        render_context_create(&f->render) != CORE_OK) {
        fprintf(stderr, "gpu fixture: %s\n", core_last_error());
        return 0;
    }
    return 1;
}

static inline void gpu_fixture_close(gpu_fixture *f)
{
    render_context_unload(&f->render);
    plat_context_destroy(f->platform);
}

/* Loads an OBJ (path or, when `text` is given, text) and uploads it. */
static inline int gpu_fixture_model(const char *path, const char *text, size_t size,
                                    render_model *out)
{
    io_model model;
    core_result r = text ? io_model_load_memory(text, size, path, NULL, NULL, &model)
                         : io_model_load(path, NULL, &model);
    if (r != CORE_OK) {
        fprintf(stderr, "gpu fixture: %s\n", core_last_error());
        return 0;
    }
    scene_mesh mesh;
    r = scene_mesh_from_model(&model, NULL, &mesh);
    if (r == CORE_OK)
        r = render_model_upload(&mesh, &model, out);
    io_model_unload(&model);
    scene_mesh_unload(&mesh);
    if (r != CORE_OK)
        fprintf(stderr, "gpu fixture: %s\n", core_last_error());
    return r == CORE_OK;
}

/* A sphere of `radius` mm at the origin as OBJ text: outward winding, no
 * normals (glint computes them), no material (a neutral grey). */
static inline char *gpu_sphere_obj(double radius, size_t *size)
{
    enum { rings = 96, segments = 192 };
    size_t capacity = 80u * (rings + 1) * segments * 3;
    char *text = malloc(capacity), *at = text;
    for (int i = 0; i <= rings; ++i) {
        for (int j = 0; j < segments; ++j) {
            double theta = 3.14159265358979 * i / rings, phi = 6.28318530717959 * j / segments;
            at += sprintf(at, "v %.6f %.6f %.6f\n", radius * sin(theta) * cos(phi),
                          radius * cos(theta), radius * sin(theta) * sin(phi));
        }
    }
    for (int i = 0; i < rings; ++i) {
        for (int j = 0; j < segments; ++j) {
            int a = i * segments + j + 1, b = i * segments + (j + 1) % segments + 1;
            int c = a + segments, d = b + segments;
            at += sprintf(at, "f %d %d %d\nf %d %d %d\n", a, b, c, b, d, c);
        }
    }
    *size = (size_t)(at - text);
    return text;
}

#endif
