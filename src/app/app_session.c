#define _POSIX_C_SOURCE 200809L
#include "app/app.h"

#include "core/core_log.h"
#include "gfx/gfx.h"
#include "io/io_image.h"
#include "io/io_model.h"
#include "scene/scene_mesh.h"

#include <stdio.h>
#include <string.h>
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

int app_report(core_result result, const char *prefix)
{
    if (result == CORE_OK)
        return APP_EXIT_OK;
    fprintf(stderr, "glint: %s%s\n", prefix ? prefix : "", core_last_error());
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

core_result app_session_open(app_session *session, const app_options *options, plat_backend backend,
                             const char *title)
{
    memset(session, 0, sizeof *session);
    /* The model first: a bad file should not cost a context's start-up. */
    io_model file;
    scene_mesh mesh;
    core_result r = app_load_model(options, &file, &mesh);
    if (r != CORE_OK)
        return r;
    session->triangle_count = mesh.index_count / 3;

    plat_context_desc desc = {.backend = backend,
                              .width = options->size_given ? options->width : 0,
                              .height = options->size_given ? options->height : 0,
                              .title = title,
                              .no_vsync = options->no_vsync};
    r = plat_context_create(&desc, &session->platform);
    if (r == CORE_OK)
        r = gfx_init(plat_context_loader(session->platform));
    if (r == CORE_ERR_CONTEXT) /* the contract's wording: what could not be made, and why */
        core_fail(CORE_ERR_CONTEXT, "cannot create an OpenGL 3.3 context: %s", core_last_error());
    if (r == CORE_OK) {
        core_log(CORE_LOG_INFO, "%s: %s, OpenGL %s", plat_context_description(session->platform),
                 gfx_renderer(), gfx_version());
        gfx_set_shader_folder(options->shader_folder);
        r = render_context_create(&session->render);
    }
    if (r == CORE_OK)
        r = render_model_upload(&mesh, &file, &session->model);
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
    render_model model;
    r = render_model_upload(&mesh, &file, &model);
    uint32_t triangles = mesh.index_count / 3;
    scene_mesh_unload(&mesh);
    io_model_unload(&file);
    if (r != CORE_OK)
        return r;
    /* Only now is the old model let go: a bad file leaves it on screen. */
    render_model_unload(&session->model);
    session->model = model;
    session->triangle_count = triangles;
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

core_result app_render_image(app_session *session, const app_options *options, io_image *image)
{
    core_result r = io_image_alloc(image, options->width, options->height);
    render_frame_desc frame = options->frame;
    frame.samples = options->samples;
    if (r == CORE_OK)
        r = render_offscreen(&session->render, &session->model, &frame, options->width,
                             options->height, image->pixels);
    if (r != CORE_OK)
        io_image_free(image);
    return r;
}

static bool ask_to_overwrite(const char *path)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return false;
    fprintf(stderr, "glint: %s exists; overwrite it? [y/N] ", path);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

core_result app_write_png(const char *path, const app_options *options, const io_image *image,
                          const struct cJSON *settings)
{
    core_write_mode mode = options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER;
    core_result r = app_png_write(path, mode, image, settings);
    if (r == CORE_ERR_EXISTS && ask_to_overwrite(path))
        r = app_png_write(path, CORE_WRITE_REPLACE, image, settings);
    if (r == CORE_ERR_EXISTS)
        core_fail(r, "%s: already exists; pass --overwrite to replace it", path);
    return r;
}
