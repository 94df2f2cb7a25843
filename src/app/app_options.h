#ifndef GLINT_APP_OPTIONS_H
#define GLINT_APP_OPTIONS_H

/* A command's options: the settings table's values (src/settings) for the
 * command, from its defaults, a preset and the flags, in that order, and
 * what they resolve to (the frame, the mesh, sizes and paths). */

#include "app/app.h"

/* Every setting's default for the command, resolved. Free with app_options_free. */
void app_options_init(app_options *options, settings_command command);
void app_options_free(app_options *options);

/* The command line after the command's name: a --preset first (the flags
 * override it), then the flags, then MODEL (else the preset's) into
 * options->model_path, which stays NULL when neither gives one. Returns -1
 * to go on, APP_EXIT_OK after printing --help (`usage` before the options,
 * `notes` after them), or APP_EXIT_BAD_INPUT after one line. */
int app_options_parse(app_options *options, int argc, char **argv, const char *usage,
                      const char *notes);

/* One setting from text; `what` names where it came from in a message (the
 * flag as typed, or "FILE: KEY"). 0, or APP_EXIT_BAD_INPUT after one line. */
int app_options_set(app_options *options, settings_id id, const char *text, const char *what);

/* The settings into the fields the commands use: the frame, the mesh, the
 * sizes and paths, the log level. After any change to the settings. */
void app_options_resolve(app_options *options);
/* The other way: the frame's look, lamp, camera and angle into settings (as
 * given), so that a preset written from them re-renders that frame. */
void app_settings_capture(settings_values *settings, const render_frame_desc *frame);

/* Matches each --part NAME (and --paint's, and --focus) against the mesh's
 * parts, whatever its case, or as the part's number in `glint info`'s list,
 * and keeps the part's own name; an unknown name fails with the list of the
 * parts. --focus's part's sphere goes into the frame's camera. */
core_result app_options_match_parts(app_options *options, const scene_mesh *mesh);
/* The paints the settings give (--paint, a preset's look.paints), in order,
 * over each part's own paint from its file; `all` paints every part. */
void app_options_apply_paints(const app_options *options, scene_part *parts, uint32_t count);
/* One --paint value as a scene paint; false if it is not one. */
bool app_options_paint(const settings_part *given, scene_paint *paint);

/* Prints "glint CMD: message (see 'glint CMD --help')" and returns APP_EXIT_BAD_INPUT. */
int app_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The command's name as the user typed it ("render"). */
const char *app_command_name(const app_options *options);

#endif
