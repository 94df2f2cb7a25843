#define _POSIX_C_SOURCE 200809L
/* glint_render_loop: frames per second of the headless render loop, as the
 * viewer draws: shadow map, lit pass into the 4x multisampled HDR target,
 * resolve, tone map; glFinish after each frame so the GPU's time counts. The
 * turntable turns a degree a frame, so nothing is cached between frames.
 * usage: glint_render_loop MODEL [WIDTHxHEIGHT] [FRAMES] [FINISH] [ROOM]   (default 1280x720,
 *        60, each part's own finish, the dark room; the warm-up frames make a room's light
 *        and occlusion, so the frames timed are the room's steady cost) */
#include "gfx/gfx.h"
#include "io/io_model.h"
#include "plat/plat.h"
#include "render/render.h"
#include "scene/scene_mesh.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s MODEL [WIDTHxHEIGHT] [FRAMES] [FINISH] [ROOM]\n", argv[0]);
        return 2;
    }
    int width = 1280, height = 720, frames = argc > 3 ? atoi(argv[3]) : 60;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &width, &height) != 2)
        return 2;
    if (frames < 1 || frames > 100000)
        return 2;
    io_model file;
    scene_mesh mesh;
    plat_context *platform = NULL;
    plat_context_desc desc = {.backend = PLAT_BACKEND_HEADLESS};
    render_context context;
    render_model model;
    gfx_target target;
    if (io_model_load(argv[1], NULL, &file) != CORE_OK ||
        scene_mesh_from_model(&file, NULL, &mesh) != CORE_OK ||
        plat_context_create(&desc, &platform) != CORE_OK ||
        gfx_init(plat_context_loader(platform)) != CORE_OK ||
        render_context_create(&context) != CORE_OK ||
        render_model_upload(&mesh, &file, &model) != CORE_OK ||
        gfx_target_create(width, height, 1, GFX_COLOR_RGBA8, &target) != CORE_OK) {
        fprintf(stderr, "glint_render_loop: %s\n", core_last_error());
        return 1;
    }
    double *times = malloc((size_t)frames * sizeof *times);
    render_frame_desc frame = render_frame_desc_defaults();
    /* A finish for every part (gloss, say), to time the varnish's lobe too. */
    if (argc > 4 && !scene_finish_parse(argv[4], &frame.finish)) {
        fprintf(stderr, "glint_render_loop: %s: not a finish\n", argv[4]);
        return 2;
    }
    if (argc > 5 && !scene_room_parse(argv[5], &frame.room)) {
        fprintf(stderr, "glint_render_loop: %s: not a room\n", argv[5]);
        return 2;
    }
    for (int i = -3; i < frames; ++i) { /* three frames to warm up */
        frame.shot.turntable_deg = (float)(i + 3);
        double start = now();
        render_frame(&context, &model, &frame, &target);
        gfx_finish();
        if (i >= 0)
            times[i] = now() - start;
    }
    qsort(times, (size_t)frames, sizeof *times, compare_doubles);
    double median = times[frames / 2];
    printf("{\"model\": \"%s\", \"triangles\": %u, \"size\": \"%dx%d\", \"frames\": %d, "
           "\"room\": \"%s\", \"median_ms\": %.2f, \"fps\": %.2f, \"renderer\": \"%s\"}\n",
           argv[1], mesh.index_count / 3, width, height, frames, scene_room_name(frame.room),
           median * 1e3, 1.0 / median, gfx_renderer());
    free(times);
    gfx_target_unload(&target);
    render_model_unload(&model);
    render_context_unload(&context);
    plat_context_destroy(platform);
    scene_mesh_unload(&mesh);
    io_model_unload(&file);
    return 0;
}
