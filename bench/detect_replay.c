#define _POSIX_C_SOURCE 200809L
/* glint_detect_replay: the detector alone, on steps rendered once, for
 * docs/PERFORMANCE.md ("The detector's stages"). `save` renders the steps a
 * check would (the sample's own look at the default lamp, or one finish for
 * every part) and writes their buffers to a file; `run` reads them and pushes
 * them through detect_sweep_push, without GL, so a profiler (callgrind) sees
 * only the detector, and prints the CPU time a push takes and a hash of every
 * record and overlay, which must not change when the detector is made faster.
 * usage: glint_detect_replay save MODEL FILE [WIDTHxHEIGHT] [STEPS] [FINISH]
 *        glint_detect_replay run FILE [ROUNDS] */
#include "gfx/gfx.h"
#include "inspect/inspect.h"
#include "io/io_model.h"
#include "plat/plat.h"
#include "render/render.h"
#include "scene/scene_mesh.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The buffers of a step, in this order, and their floats per pixel. */
enum { BUFFER_COUNT = 8 };
static const int channels[BUFFER_COUNT] = {1, 1, 3, 3, 3, 1, 1, 1};

static void step_buffers(const detect_step *s, const void **out)
{
    const void *b[BUFFER_COUNT] = {
        s->specular_luminance, s->total_luminance, s->normal, s->position,
        s->geometric,          s->footprint,       s->alpha,  s->part};
    memcpy(out, b, sizeof b);
}

static int save(int argc, char **argv)
{
    int width = 512, height = 512, steps = argc > 5 ? atoi(argv[5]) : 12;
    if (argc > 4 && sscanf(argv[4], "%dx%d", &width, &height) != 2)
        return 2;
    if (steps < 3 || steps > 1000)
        return 2;
    io_model file;
    scene_mesh mesh;
    plat_context *platform = NULL;
    plat_context_desc desc = {.backend = PLAT_BACKEND_HEADLESS};
    render_context context;
    render_model model;
    render_frame_desc frame = render_frame_desc_defaults();
    if (argc > 6 && !scene_finish_parse(argv[6], &frame.finish)) {
        fprintf(stderr, "glint_detect_replay: %s: not a finish\n", argv[6]);
        return 2;
    }
    inspect_plan plan;
    inspect_plan_desc plan_desc = {.sweep_deg = (float)steps, .step_deg = 1.0f};
    if (io_model_load(argv[2], NULL, &file) != CORE_OK ||
        scene_mesh_from_model(&file, NULL, &mesh) != CORE_OK ||
        plat_context_create(&desc, &platform) != CORE_OK ||
        gfx_init(plat_context_loader(platform)) != CORE_OK ||
        render_context_create(&context) != CORE_OK ||
        render_model_upload(&mesh, &file, &model) != CORE_OK ||
        inspect_make_plan(&model, &frame, &plan_desc, &plan) != CORE_OK) {
        fprintf(stderr, "glint_detect_replay: %s\n", core_last_error());
        return 1;
    }
    FILE *out = fopen(argv[3], "wb");
    if (!out) {
        fprintf(stderr, "glint_detect_replay: %s: cannot write\n", argv[3]);
        return 1;
    }
    inspect_subject subject = {&context, &model, &frame, width, height, 0, 0};
    detect_sweep_desc sweep = inspect_sweep_desc(&frame, width, height, plan.ppd);
    fwrite(&sweep, sizeof sweep, 1, out);
    fwrite(&steps, sizeof steps, 1, out);
    size_t n = (size_t)width * (size_t)height;
    for (int k = 0; k < steps; ++k) {
        inspect_step_buffers buffers;
        detect_step step;
        if (inspect_render_step(&subject, (float)k, &buffers, &step, NULL) != CORE_OK) {
            fprintf(stderr, "glint_detect_replay: %s\n", core_last_error());
            return 1;
        }
        fwrite(&step.angle_deg, sizeof step.angle_deg, 1, out);
        fwrite(step.object_to_clip, sizeof step.object_to_clip, 1, out);
        const void *b[BUFFER_COUNT];
        step_buffers(&step, b);
        for (int i = 0; i < BUFFER_COUNT; ++i)
            fwrite(b[i], 4 * n * (size_t)channels[i], 1, out);
        inspect_step_buffers_free(&buffers);
    }
    int bad = ferror(out) | fclose(out);
    render_model_unload(&model);
    render_context_unload(&context);
    plat_context_destroy(platform);
    scene_mesh_unload(&mesh);
    io_model_unload(&file);
    return bad ? 1 : 0;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t fnv(uint64_t h, const void *data, size_t size)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < size; ++i)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run(int argc, char **argv)
{
    int rounds = argc > 3 ? atoi(argv[3]) : 1;
    FILE *in = fopen(argv[2], "rb");
    detect_sweep_desc desc;
    int steps = 0;
    if (!in || fread(&desc, sizeof desc, 1, in) != 1 || fread(&steps, sizeof steps, 1, in) != 1 ||
        steps < 3 || steps > 1000 || rounds < 1 || rounds > 1000) {
        fprintf(stderr, "glint_detect_replay: %s: not a saved run\n", argv[2]);
        return 2;
    }
    size_t n = (size_t)desc.width * (size_t)desc.height;
    detect_step *step = calloc((size_t)steps, sizeof *step);
    for (int k = 0; step && k < steps; ++k) {
        float *b[BUFFER_COUNT], angle, matrix[16];
        bool ok =
            fread(&angle, sizeof angle, 1, in) == 1 && fread(matrix, sizeof matrix, 1, in) == 1;
        for (int i = 0; i < BUFFER_COUNT; ++i) {
            b[i] = malloc(4 * n * (size_t)channels[i]);
            ok = ok && b[i] && fread(b[i], 4 * n * (size_t)channels[i], 1, in) == 1;
        }
        if (!ok) {
            fprintf(stderr, "glint_detect_replay: %s: short\n", argv[2]);
            return 2;
        }
        step[k] = (detect_step){
            angle, b[0], b[1], b[2], b[3], b[4], b[5], b[6], (const int32_t *)b[7], {0}, NULL};
        memcpy(step[k].object_to_clip, matrix, sizeof matrix);
    }
    fclose(in);
    uint8_t *overlay = malloc(4 * n);
    double *times = malloc((size_t)rounds * (size_t)steps * sizeof *times);
    uint64_t hash = 0;
    for (int r = 0; r < rounds; ++r) {
        detect_sweep *sweep;
        if (detect_sweep_create(&desc, &sweep) != CORE_OK) {
            fprintf(stderr, "glint_detect_replay: %s\n", core_last_error());
            return 1;
        }
        uint64_t h = 14695981039346656037u;
        for (int k = 0; k < steps; ++k) {
            detect_frame frame;
            bool ready;
            double start = cpu_seconds();
            if (detect_sweep_push(sweep, &step[k], &frame, overlay, &ready) != CORE_OK) {
                fprintf(stderr, "glint_detect_replay: %s\n", core_last_error());
                return 1;
            }
            times[r * steps + k] = cpu_seconds() - start;
            if (!ready)
                continue;
            h = fnv(fnv(h, &frame, sizeof frame), overlay, 4 * n);
            if (r == 0)
                printf("step %d at %.1f deg: flags %u pins %u hairs %u J %.9g T2 %.9g CAE %.9g "
                       "E %.9g\n",
                       frame.step, (double)frame.angle_deg, frame.flags, frame.pins, frame.hairs,
                       (double)frame.jitter, (double)frame.t2_p99, (double)frame.cae,
                       (double)frame.energy);
        }
        detect_unresolved unresolved[16];
        int count = detect_sweep_unresolved(sweep, unresolved, 16);
        h = fnv(h, unresolved, (size_t)count * sizeof *unresolved);
        detect_sweep_destroy(sweep);
        if (r > 0 && h != hash) {
            fprintf(stderr, "glint_detect_replay: round %d differs\n", r);
            return 1;
        }
        hash = h;
    }
    qsort(times, (size_t)rounds * (size_t)steps, sizeof *times, compare_doubles);
    printf("{\"steps\": %d, \"rounds\": %d, \"size\": \"%dx%d\", \"push_cpu_ms_median\": %.2f, "
           "\"push_cpu_ms_min\": %.2f, \"hash\": \"%016llx\"}\n",
           steps, rounds, desc.width, desc.height, 1e3 * times[rounds * steps / 2], 1e3 * times[0],
           (unsigned long long)hash);
    for (int k = 0; k < steps; ++k) {
        const void *b[BUFFER_COUNT];
        step_buffers(&step[k], b);
        for (int i = 0; i < BUFFER_COUNT; ++i)
            free((void *)b[i]);
    }
    free(step);
    free(overlay);
    free(times);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "save") == 0)
        return save(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "run") == 0)
        return run(argc, argv);
    fprintf(stderr,
            "usage: %s save MODEL FILE [WIDTHxHEIGHT] [STEPS] [FINISH]\n"
            "       %s run FILE [ROUNDS]\n",
            argv[0], argv[0]);
    return 2;
}
