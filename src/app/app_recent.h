#ifndef GLINT_APP_RECENT_H
#define GLINT_APP_RECENT_H

/* The viewer's recent files: the last models and presets opened, newest
 * first, in $XDG_CONFIG_HOME/glint/recent.txt ($HOME/.config when unset;
 * neither: none kept), one "model PATH" or "preset PATH" a line with an
 * absolute path. Reading skips what is not such a line or names no file any
 * more, and keeps at most APP_RECENT_MAX; nothing here is fatal: a file that
 * cannot be read or written only means no recent files. */

#include <stdbool.h>
#include <stddef.h>

#define APP_RECENT_MAX 8

typedef struct app_recent_entry {
    bool preset; /* a preset (JSON or a glint PNG) to apply; else a model to open */
    char path[4096];
} app_recent_entry;

typedef struct app_recent {
    app_recent_entry entries[APP_RECENT_MAX];
    int count;
} app_recent;

/* The list's file ("" when no config folder is known). */
void app_recent_file(char *path, size_t size);
/* Reads the list (an empty one when there is none). */
void app_recent_load(app_recent *recent);
/* Puts `path` (made absolute) first, once, and writes the list back;
 * false when it could not be written (the list in memory still changes). */
bool app_recent_add(app_recent *recent, const char *path, bool preset);

#endif
