#define _POSIX_C_SOURCE 200809L
#include "app/app.h"
#include "app/app_huge_pages.h"
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_viewer_quality.h"

#include "core/core_log.h"
#include "core/core_time.h"
#include "gfx/gfx.h"
#include "io/io_image.h"
#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_shot.h"

#include <inttypes.h>
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int app_exit_code(core_result result)
{
    switch (result) {
    case CORE_OK: return APP_EXIT_OK;
    case CORE_ERR_CONTEXT: return APP_EXIT_NO_CONTEXT;
    case CORE_ERR_EXISTS: return APP_EXIT_OUTPUT;
    case CORE_ERR_GPU: return APP_EXIT_GPU;
    default: return APP_EXIT_BAD_INPUT;
    }
}

/* The command the user ran, for every line on stderr: "glint render: ...". */
static const char *current_command;
static bool warnings_quiet;

static void command_sink(core_log_level level, const char *message, void *user)
{
    (void)user;
    static const char *const prefixes[] = {"debug: ", "", "warning: ", "error: ", ""};
    if (level == CORE_LOG_WARNING && warnings_quiet)
        return;
    fprintf(stderr, "glint %s: %s%s\n", current_command, prefixes[level], message);
}

void app_set_command(const char *command)
{
    current_command = command;
    core_log_set_sink(command ? command_sink : NULL, NULL);
}

const char *app_current_command(void)
{
    return current_command ? current_command : "view";
}

void app_log_quiet_warnings(bool quiet)
{
    warnings_quiet = quiet;
}

int app_report(core_result result, const char *prefix)
{
    if (result == CORE_OK)
        return APP_EXIT_OK;
    fprintf(stderr, "glint %s: %s%s\n", app_current_command(), prefix ? prefix : "",
            core_last_error());
    return app_exit_code(result);
}

core_result app_load_model(const app_options *options, io_model *model, scene_mesh *mesh)
{
    io_load_desc desc = {.max_file_bytes = options->max_file_bytes};
    core_result r = io_model_load(options->model_path, &desc, model);
    if (r != CORE_OK)
        return r;
    r = scene_mesh_from_model(model, &options->mesh, mesh);
    if (r != CORE_OK) {
        io_model_unload(model);
        /* scene does not know the file; the user needs it */
        core_fail(r, "%s: %s", options->model_path, core_last_error());
    }
    return r;
}

/* A "Key:   123 kB" line of a /proc file in bytes, or 0 when it has none. */
static uint64_t proc_kib(const char *path, const char *key)
{
    FILE *file = fopen(path, "r");
    if (!file)
        return 0;
    char line[256];
    unsigned long long kib = 0;
    size_t length = strlen(key);
    while (fgets(line, sizeof line, file))
        if (strncmp(line, key, length) == 0 && sscanf(line + length, " %llu", &kib) == 1)
            break;
    fclose(file);
    return (uint64_t)kib * 1024;
}

/* What this process may still allocate: the address-space limit's headroom
 * (ulimit -v), and the memory the kernel says is available. UINT64_MAX when
 * neither is known. */
uint64_t app_memory_available(void)
{
    uint64_t available = UINT64_MAX;
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        uint64_t used = proc_kib("/proc/self/status", "VmSize:");
        available = limit.rlim_cur > used ? limit.rlim_cur - used : 0;
    }
    uint64_t free_memory = proc_kib("/proc/meminfo", "MemAvailable:");
    if (free_memory > 0 && free_memory < available)
        available = free_memory;
    return available;
}

/* Checked once the context exists (its own cost is then in VmSize) and
 * before any target or buffer: fewer samples with a warning, or one line
 * saying what to lower (exit 5), rather than a driver that aborts. */
static core_result fit_in_memory(const app_options *options, const scene_mesh *mesh,
                                 render_context *render)
{
    render_memory_desc need = {.width = options->width,
                               .height = options->height,
                               .samples = options->samples > 0 ? options->samples : 4,
                               .vertex_count = mesh->vertex_count,
                               .index_count = mesh->index_count};
    /* The targets made ahead (render_prepare) are part of the estimate. */
    uint64_t available = app_memory_available();
    uint64_t prepared = render_prepared_bytes(render);
    available = available > UINT64_MAX - prepared ? UINT64_MAX : available + prepared;
    uint64_t bytes = render_memory_estimate(&need);
    core_log(CORE_LOG_DEBUG,
             "memory: a render needs about %" PRIu64 " MiB, %" PRIu64 " MiB available", bytes >> 20,
             available == UINT64_MAX ? 0 : available >> 20);
    const char *huge_pages = app_huge_pages_tunables();
    core_log(CORE_LOG_DEBUG, "memory: huge pages %s%s%s",
             huge_pages ? "asked of glibc (GLIBC_TUNABLES=" : "not asked",
             huge_pages ? huge_pages : "", huge_pages ? ")" : "");
    if (bytes <= available)
        return CORE_OK;
    int samples = render_memory_fit_samples(&need, available);
    if (samples == 0)
        return core_fail(CORE_ERR_GPU,
                         "%s: a %dx%d render of %u triangles needs about %" PRIu64
                         " MiB but only %" PRIu64
                         " MiB is available; lower --size or --msaa, or use a smaller model",
                         options->model_path, options->width, options->height,
                         mesh->index_count / 3, bytes >> 20, available >> 20);
    core_log(CORE_LOG_WARNING,
             "%s: not enough memory for --msaa %d at %dx%d (about %" PRIu64 " MiB, %" PRIu64
             " MiB available): using %d",
             options->model_path, need.samples, options->width, options->height, bytes >> 20,
             available >> 20, samples);
    render->max_samples = samples;
    return CORE_OK;
}

void app_model_scale(const app_options *options, const scene_mesh *mesh, scene_scale *scale)
{
    scene_infer_scale(mesh, options->model_path, scale);
    if (options->settings.given[SETTINGS_SCALE]) {
        scale->n = (float)options->settings.value[SETTINGS_SCALE].number[0];
        scale->given = true;
    }
}

/* What the viewer's HUD and keys need once the mesh itself is gone. */
static void remember_mesh(app_session *session, const app_options *options, const scene_mesh *mesh)
{
    app_model_scale(options, mesh, &session->scale);
    session->up = mesh->up;
    snprintf(session->up_reason, sizeof session->up_reason, "%s", mesh->up_reason);
    session->framed_from_afar = 2.0f * mesh->bounds.radius > SCENE_PHYSICAL_MAX_MM;
}

/* A headless command (render, turntable, check, compare) allocates the same
 * buffers frame after frame: a check's step some 40 MB of analysis images,
 * copies and luminances. glibc handed most of them back to the kernel on
 * free (mmap for blocks over its threshold, a trim of the heap's top past
 * 128 KB) and took them again on the next frame, page by zeroed page (a
 * 60-step check: 188k minor faults, 60k with them kept; its system time
 * 0.48 s, 0.19 s kept). Keeping freed memory in the heap costs nothing the
 * next frame does not need again (docs/PERFORMANCE.md, "Freed memory
 * kept"). The viewer, whose use comes and goes with what it shows, keeps
 * glibc's defaults. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
    enum { BLOCKS_MAPPED_FROM = 32 << 20, TOP_KEPT_UP_TO = 512 << 20 };
    mallopt(M_MMAP_THRESHOLD, BLOCKS_MAPPED_FROM);
    mallopt(M_TRIM_THRESHOLD, TOP_KEPT_UP_TO);
#endif
}

/* The context and its programs, made on their own thread for a headless
 * command while the model loads on the calling one: EGL's start and the
 * shader programs (some 60 ms with Mesa's cache warm, seconds with it cold)
 * then cost no time of their own beside the load (150 ms for the sample).
 * The context is released there, to be made current on the caller's. */
typedef struct context_start {
    plat_context_desc desc;
    plat_context *platform;
    render_context render;
    core_result result;
    char error[1024]; /* the thread's own message: core_fail's text is per thread */
    pthread_t thread;
    bool running;
    /* The frames the command will draw (render, turntable), whose targets
     * the thread makes once the context is made (render_prepare). */
    bool prepare;
    render_frame_desc frame;
    int width, height;
} context_start;

/* Makes the context, current on the calling thread, and its programs. */
static core_result make_context(const plat_context_desc *desc, plat_context **platform,
                                render_context *render)
{
    core_result r = plat_context_create(desc, platform);
    if (r == CORE_OK)
        r = gfx_init(plat_context_loader(*platform));
    if (r == CORE_ERR_CONTEXT) /* the contract's wording: what could not be made, and why */
        core_fail(CORE_ERR_CONTEXT, "cannot create an OpenGL 3.3 context: %s", core_last_error());
    if (r == CORE_OK)
        r = render_context_create(render);
    if (r != CORE_OK && *platform) {
        plat_context_destroy(*platform);
        *platform = NULL;
    }
    return r;
}

static void *run_context_start(void *arg)
{
    context_start *start = arg;
    start->result = make_context(&start->desc, &start->platform, &start->render);
    /* Only where the whole render, less its mesh, takes at most half of
     * what may still be allocated: the memory check (fit_in_memory) comes
     * after the model, and a machine short of memory should get its
     * warning or its error before the targets, not a failed allocation.
     * Not an error when it fails: the frame makes what it needs itself. */
    render_memory_desc need = {.width = start->width,
                               .height = start->height,
                               .samples = start->frame.samples > 0 ? start->frame.samples : 4};
    if (start->result == CORE_OK && start->prepare &&
        render_memory_estimate(&need) <= app_memory_available() / 2)
        (void)render_prepare(&start->render, &start->frame, start->width, start->height);
    if (start->result != CORE_OK)
        snprintf(start->error, sizeof start->error, "%s", core_last_error());
    else if (!plat_context_make_current(start->platform, false)) {
        render_context_unload(&start->render);
        plat_context_destroy(start->platform);
        start->platform = NULL;
        start->result = CORE_ERR_CONTEXT;
        snprintf(start->error, sizeof start->error,
                 "cannot create an OpenGL 3.3 context: it could not be handed between threads");
    }
    return NULL;
}

/* Waits for the context the thread made and makes it current here; when the
 * thread could not be had, makes it here instead. */
static core_result finish_context_start(context_start *start, app_session *session)
{
    if (!start->running)
        return make_context(&start->desc, &session->platform, &session->render);
    pthread_join(start->thread, NULL);
    start->running = false;
    if (start->result != CORE_OK)
        return core_fail(start->result, "%s", start->error);
    session->platform = start->platform;
    session->render = start->render;
    if (!plat_context_make_current(session->platform, true)) {
        /* Still current nowhere: made current only to be let go. */
        plat_context_destroy(session->platform);
        session->platform = NULL;
        return core_fail(CORE_ERR_CONTEXT, "cannot create an OpenGL 3.3 context: it could not "
                                           "be made current on the rendering thread");
    }
    return CORE_OK;
}

/* A load that failed lets the context go (its start cannot be called off). */
static void abandon_context_start(context_start *start)
{
    if (!start->running)
        return;
    pthread_join(start->thread, NULL);
    start->running = false;
    if (start->result == CORE_OK && plat_context_make_current(start->platform, true))
        render_context_unload(&start->render);
    if (start->result == CORE_OK)
        plat_context_destroy(start->platform);
}

core_result app_session_open(app_session *session, app_options *options, plat_backend backend,
                             const char *title)
{
    memset(session, 0, sizeof *session);
    if (backend == PLAT_BACKEND_HEADLESS)
        keep_freed_memory();
    gfx_set_shader_folder(options->shader_folder);
    context_start start = {.desc = {.backend = backend,
                                    .width = options->size_given ? options->width : 0,
                                    .height = options->size_given ? options->height : 0,
                                    .title = title,
                                    .no_vsync = options->no_vsync}};
    const char *command = app_current_command();
    start.prepare = backend == PLAT_BACKEND_HEADLESS &&
                    (strcmp(command, "render") == 0 || strcmp(command, "turntable") == 0);
    start.frame = options->frame;
    start.frame.samples = options->samples; /* as app_render_image draws it */
    start.width = options->width;
    start.height = options->height;
    /* A window is made on the main thread (GLFW's rule), after the model:
     * a bad file should not open one. GLINT_SERIAL=1: one after the other. */
    start.running = backend == PLAT_BACKEND_HEADLESS && !core_serial() &&
                    pthread_create(&start.thread, NULL, run_context_start, &start) == 0;
    io_model file;
    scene_mesh mesh;
    core_result r = app_load_model(options, &file, &mesh);
    if (r == CORE_OK) {
        r = app_options_match_parts(options, &mesh);
        if (r != CORE_OK) {
            scene_mesh_unload(&mesh);
            io_model_unload(&file);
        }
    }
    if (r != CORE_OK) {
        abandon_context_start(&start);
        return r;
    }
    app_options_apply_paints(options, mesh.parts, mesh.part_count);
    session->triangle_count = mesh.index_count / 3;
    remember_mesh(session, options, &mesh);

    r = finish_context_start(&start, session);
    if (r == CORE_OK) {
        core_log(CORE_LOG_INFO, "%s: %s, OpenGL %s", plat_context_description(session->platform),
                 gfx_renderer(), gfx_version());
        r = fit_in_memory(options, &mesh, &session->render);
    }
    if (r == CORE_OK)
        r = render_model_upload(&mesh, &file, &session->model);
    session->coarse_copy = backend == PLAT_BACKEND_WINDOW;
    if (r == CORE_OK && session->coarse_copy)
        r = app_viewer_upload_coarse(&session->model, &mesh);
    scene_mesh_unload(&mesh);
    io_model_unload(&file);
    if (r != CORE_OK)
        app_session_close(session);
    return r;
}

core_result app_session_replace_model(app_session *session, const app_options *options)
{
    io_model file;
    scene_mesh mesh;
    core_result r = app_load_model(options, &file, &mesh);
    if (r != CORE_OK)
        return r;
    /* Paints whose part this model lacks are left out, as finishes are. */
    app_options_apply_paints(options, mesh.parts, mesh.part_count);
    render_model model;
    r = render_model_upload(&mesh, &file, &model);
    if (r == CORE_OK && session->coarse_copy) {
        r = app_viewer_upload_coarse(&model, &mesh);
        if (r != CORE_OK)
            render_model_unload(&model);
    }
    uint32_t triangles = mesh.index_count / 3;
    scene_up up = mesh.up;
    char up_reason[sizeof mesh.up_reason];
    memcpy(up_reason, mesh.up_reason, sizeof up_reason);
    bool afar = 2.0f * mesh.bounds.radius > SCENE_PHYSICAL_MAX_MM;
    scene_scale scale;
    app_model_scale(options, &mesh, &scale);
    scene_mesh_unload(&mesh);
    io_model_unload(&file);
    if (r != CORE_OK)
        return r;
    /* Only now is the old model let go: a bad file leaves it on screen. */
    render_model_unload(&session->model);
    session->model = model;
    session->triangle_count = triangles;
    session->up = up;
    snprintf(session->up_reason, sizeof session->up_reason, "%s", up_reason);
    session->framed_from_afar = afar;
    session->scale = scale;
    return CORE_OK;
}

void app_session_close(app_session *session)
{
    if (session->platform) {
        render_model_unload(&session->model);
        render_context_unload(&session->render);
        plat_context_destroy(session->platform);
    }
    memset(session, 0, sizeof *session);
}

core_result app_render_image(app_session *session, const app_options *options,
                             const render_frame_desc *given, io_image *image)
{
    core_result r = io_image_alloc(image, options->width, options->height);
    image->rendered = true;
    render_frame_desc frame = given ? *given : options->frame;
    frame.samples = options->samples;
    if (r == CORE_OK)
        r = render_offscreen(&session->render, &session->model, &frame, options->width,
                             options->height, image->pixels);
    if (r != CORE_OK)
        io_image_free(image);
    return r;
}

bool app_ask_to_overwrite(const char *path)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return false;
    fprintf(stderr, "glint %s: %s exists; overwrite it? [y/N] ", app_current_command(), path);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

core_result app_write_image(const char *path, const app_options *options, const io_image *image,
                            const struct cJSON *settings)
{
    core_write_mode mode = options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER;
    int quality = (int)options->settings.value[SETTINGS_JPEG_QUALITY].number[0];
    core_result r = app_image_write(path, mode, image, settings, quality);
    if (r == CORE_ERR_EXISTS && app_ask_to_overwrite(path))
        r = app_image_write(path, CORE_WRITE_REPLACE, image, settings, quality);
    if (r == CORE_ERR_EXISTS) {
        char json[4096] = "";
        bool sidecar =
            !core_file_exists(path) && app_image_sidecar(path, json, sizeof json) == CORE_OK;
        core_fail(r, "%s: already exists; pass --overwrite to replace it", sidecar ? json : path);
    }
    return r;
}
