#ifndef GLINT_APP_H
#define GLINT_APP_H

/* app: the command line, the viewer loop. The only module that may exit. */

#include "core/core_file.h"
#include "core/core_result.h"
#include "plat/plat.h"
#include "io/io_model.h"
#include "render/render.h"
#include "scene/scene_scale.h"
#include "settings/settings.h"

#include <stdbool.h>
#include <stdint.h>

/* Exit codes, documented in docs/cli.md. */
typedef enum app_exit {
    APP_EXIT_OK = 0,
    APP_EXIT_FLAGGED = 1,    /* reserved for `glint check`: the detector flagged highlights */
    APP_EXIT_BAD_INPUT = 2,  /* bad usage, bad flag value, or a model that cannot be read */
    APP_EXIT_NO_CONTEXT = 3, /* no OpenGL 3.3 context could be created */
    APP_EXIT_OUTPUT = 4,     /* an output file cannot be written, or exists */
    APP_EXIT_GPU = 5         /* the GL driver failed (shader, framebuffer, memory) */
} app_exit;

/* A command's options (app_options.h): the settings as given, and what
 * they resolve to. The paths point into the settings (or argv, or
 * model_storage); a copy of the struct is for reading, and only the
 * original is freed. */
typedef struct app_options {
    settings_values settings;
    char model_storage[4096]; /* a preset's model, resolved against its folder */
    const char *model_path;
    const char *output_path;
    const char *output_folder; /* viewer's headless fallback; default "." */
    const char *snapshot_path; /* viewer: save the first shown frame and quit */
    const char *shader_folder; /* development: load GLSL from here */
    int width, height;
    int samples; /* 1 turns multisampling off */
    bool overwrite;
    bool quiet;
    bool size_given;
    bool no_vsync;         /* viewer: draw as fast as it can (for measuring) */
    size_t max_file_bytes; /* 0: io's default */
    scene_mesh_desc mesh;  /* units, crease angle */
    render_frame_desc frame;
    render_part_finish part_finishes[SETTINGS_MAX_PARTS]; /* --part, pointed to by frame */
    /* The --focus part's sphere (scene_part.sphere) once its name is matched
     * against the mesh (app_options_match_parts); radius 0: not matched. */
    float focus_sphere[4];
} app_options;

/* Everything a drawing command holds: the context, shaders and model. */
typedef struct app_session {
    plat_context *platform;
    render_context render;
    render_model model;
    uint32_t triangle_count;
    scene_up up;          /* the axis the model stands on (never auto) */
    char up_reason[96];   /* and why: "--up z", "STL files are Z-up ..." */
    bool framed_from_afar; /* over SCENE_PHYSICAL_MAX_MM: the camera stood back */
    bool coarse_copy;      /* a window's session: models get a coarse copy for moving frames */
    scene_scale scale;     /* 1:N, for sizes at life size (--scale, else inferred) */
} app_session;

int app_exit_code(core_result result);
/* Every line glint writes on stderr starts "glint COMMAND: " (docs/cli.md):
 * main names the command before running it, and core_log's messages then
 * read "glint COMMAND: [level: ]message". NULL restores core's sink. */
void app_set_command(const char *command);
/* The command being run ("view" before any is named). */
const char *app_current_command(void);
/* Drops logged warnings while true: `glint info` lists them in its report
 * instead, so each is said once. */
void app_log_quiet_warnings(bool quiet);
/* Prints "glint COMMAND: [prefix]<message>" for the last failure and returns
 * its exit code. */
int app_report(core_result result, const char *prefix);

/* Loads the model file and builds the GPU-ready mesh, as every command does.
 * The file's data stays in `model` for what the mesh does not carry (textures). */
core_result app_load_model(const app_options *options, io_model *model, scene_mesh *mesh);

/* The model's scale: --scale (or a preset's model_scale), else inferred
 * from the mesh (scene_infer_scale). */
void app_model_scale(const app_options *options, const scene_mesh *mesh, scene_scale *scale);

/* Loads the model, then makes a context of the given kind and uploads it. */
core_result app_session_open(app_session *session, app_options *options, plat_backend backend,
                             const char *title);
void app_session_close(app_session *session);
/* Loads options->model_path into the open session; on failure the session
 * keeps the model it had. */
core_result app_session_replace_model(app_session *session, const app_options *options);

/* Renders `frame` (NULL: the options') headless at the options' size and
 * samples into a fresh RGBA image; the caller frees it with io_image_free. */
struct io_image;
core_result app_render_image(app_session *session, const app_options *options,
                             const render_frame_desc *frame, struct io_image *image);

/* The bundled sample miniature, found next to the binary or in the source tree. */
const char *app_sample_model_path(void);

int app_command_render(int argc, char **argv);
int app_command_view(int argc, char **argv);
int app_command_info(int argc, char **argv);
int app_command_check(int argc, char **argv);
int app_command_turntable(int argc, char **argv);
int app_command_compare(int argc, char **argv);

/* A progress bar with the time left, for long work, on a terminal only: a
 * log or a pipe gets nothing (-v gives the commands' own lines instead). */
typedef struct app_progress {
    const char *command;
    bool shown;
    double started;
} app_progress;
void app_progress_begin(app_progress *progress, const char *command, bool quiet);
/* Shows done of total; at done == total the bar is cleared. */
void app_progress_show(app_progress *progress, int done, int total);

/* Every PNG glint writes carries its settings (app_settings_json, or a
 * command's own superset of it) as a "glint-preset" text chunk, so that
 * `glint render --preset PICTURE.png` re-renders it (docs/presets.md). The
 * settings are the caller's: these functions neither keep nor delete them,
 * and NULL (cJSON out of memory) fails with CORE_ERR_NO_MEMORY. */
struct cJSON;

/* Writes the image at `path` in the format its extension names (PNG, or
 * JPEG with the settings beside it as NAME.json), asking (on a terminal) or
 * refusing before replacing an existing file unless options->overwrite. */
core_result app_write_image(const char *path, const app_options *options,
                            const struct io_image *image, const struct cJSON *settings);
/* The same in a fixed mode; a JPEG's sidecar is written after it, and the
 * JPEG removed again when the sidecar cannot be. */
core_result app_image_write(const char *path, core_write_mode mode, const struct io_image *image,
                            const struct cJSON *settings, int jpeg_quality);
/* On a terminal, asks whether to replace `path`; false elsewhere or unless "y". */
bool app_ask_to_overwrite(const char *path);
/* Bytes this process may still allocate (ulimit -v headroom, MemAvailable);
 * UINT64_MAX when neither is known. */
uint64_t app_memory_available(void);
/* The same in a fixed mode, for callers that checked the path themselves. */
core_result app_png_write(const char *path, core_write_mode mode, const struct io_image *image,
                          const struct cJSON *settings);

/* Writes the image as FOLDER/<model>-YYYYMMDD-HHMMSS[-N].png, never over an
 * existing file, and returns that path and the matching .json sidecar path. */
core_result app_write_unique_png(const char *folder, const char *model_path,
                                 const struct io_image *image, const struct cJSON *settings,
                                 char *png_path, char *json_path, size_t path_size);
/* Every setting that reproduces the session's image of `frame` (NULL: the
 * options'), as a cJSON object. */
struct cJSON *app_settings_json(const app_session *session, const app_options *options,
                                const render_frame_desc *frame);
/* Adds "scene" to an EXR's settings: the frame as it was drawn at width x
 * height, resolved (camera and model matrices, field of view, the lamp's
 * position, radius and radiant intensity per channel, the fill), so a path
 * tracer can rebuild the same scene (tests/fidelity). Informative only: a
 * preset read back ignores it. */
void app_scene_json(struct cJSON *root, const app_session *session,
                    const render_frame_desc *frame, int width, int height);
/* Writes the JSON document atomically and deletes `root` (NULL: out of memory).
 * The bytes are those of the PNGs' settings chunk for the same settings. */
core_result app_write_json(const char *path, core_write_mode mode, struct cJSON *root);

#endif
