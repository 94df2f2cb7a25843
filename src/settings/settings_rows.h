#ifndef GLINT_SETTINGS_ROWS_H
#define GLINT_SETTINGS_ROWS_H

/* The table's two halves, internal to settings: what a command writes and its
 * own settings (settings_table.c), and how the frame looks, the lamp, the
 * picture, the camera and the model (settings_table_look.c). A row's text is
 * what --help and docs/cli.md say; `meaning` is what a bad value is told
 * ("--light-radius 0: expected millimetres above 0"). */

#include "settings/settings.h"

#define R SETTINGS_RENDER
#define V SETTINGS_VIEW
#define I SETTINGS_INFO
#define T SETTINGS_TURNTABLE
#define C SETTINGS_COMPARE
#define K SETTINGS_CHECK
#define DRAWING SETTINGS_DRAWING
#define EVERY SETTINGS_EVERY_COMMAND

/* The first row of the second half. */
#define SETTINGS_LOOK_FIRST SETTINGS_FINISH

/* --room's and --rooms' choices, as scene_room names them. */
extern const char *const settings_room_names[];

extern const settings_row settings_rows_output[SETTINGS_LOOK_FIRST];
extern const settings_row settings_rows_look[SETTINGS_COUNT - SETTINGS_LOOK_FIRST];

#endif
