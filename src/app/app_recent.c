#define _XOPEN_SOURCE 700 /* realpath */
#include "app/app_recent.h"

#include "core/core_file.h"
#include "core/core_log.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Longer than any list of APP_RECENT_MAX paths glint writes: a bigger file
 * is not ours, and only its start is read. */
#define RECENT_MAX_BYTES (64u * 1024u)

void app_recent_file(char *path, size_t size)
{
    const char *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;
    /* XDG: a relative XDG_CONFIG_HOME is invalid and ignored. */
    if (config && config[0] == '/')
        n = snprintf(path, size, "%s/glint/recent.txt", config);
    else if (home && home[0] == '/')
        n = snprintf(path, size, "%s/.config/glint/recent.txt", home);
    else
        n = -1;
    if (n < 0 || (size_t)n >= size)
        path[0] = '\0';
}

/* A regular file now: a list entry whose file went is skipped. */
static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool parse_line(const char *line, app_recent_entry *entry)
{
    const char *path;
    if (strncmp(line, "model ", 6) == 0)
        entry->preset = false, path = line + 6;
    else if (strncmp(line, "preset ", 7) == 0)
        entry->preset = true, path = line + 7;
    else
        return false;
    size_t length = strlen(path);
    for (size_t i = 0; i < length; ++i)
        if ((unsigned char)path[i] < 0x20)
            return false;
    if (path[0] != '/' || length >= sizeof entry->path || !is_file(path))
        return false;
    memcpy(entry->path, path, length + 1);
    return true;
}

void app_recent_load(app_recent *recent)
{
    recent->count = 0;
    char file[4096];
    app_recent_file(file, sizeof file);
    char *data = NULL;
    size_t size = 0, file_size = 0;
    if (!file[0] || core_file_read_prefix(file, SIZE_MAX, RECENT_MAX_BYTES, &data, &size,
                                          &file_size) != CORE_OK)
        return;
    for (char *line = data; line && line < data + size && recent->count < APP_RECENT_MAX;) {
        char *end = memchr(line, '\n', (size_t)(data + size - line));
        if (!end) /* the last line, or one cut off by the size limit */
            break;
        *end = '\0';
        app_recent_entry *entry = &recent->entries[recent->count];
        bool twice = false;
        if (parse_line(line, entry)) {
            for (int i = 0; i < recent->count; ++i)
                twice = twice || strcmp(recent->entries[i].path, entry->path) == 0;
            recent->count += !twice;
        }
        line = end + 1;
    }
    core_file_free(data);
}

/* mkdir -p of the list's folder (and the config folder above it). */
static bool make_folders(const char *file)
{
    char folder[4096];
    core_path_dirname(file, folder, sizeof folder);
    for (char *p = folder + 1; *p; ++p) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(folder, 0700) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(folder, 0700) == 0 || errno == EEXIST;
}

bool app_recent_add(app_recent *recent, const char *path, bool preset)
{
    app_recent_entry entry = {.preset = preset};
    char *absolute = realpath(path, NULL);
    if (!absolute || strlen(absolute) >= sizeof entry.path) {
        free(absolute);
        return false;
    }
    snprintf(entry.path, sizeof entry.path, "%s", absolute);
    free(absolute);
    app_recent_entry kept[APP_RECENT_MAX];
    int count = 0;
    kept[count++] = entry;
    for (int i = 0; i < recent->count && count < APP_RECENT_MAX; ++i)
        if (strcmp(recent->entries[i].path, entry.path) != 0)
            kept[count++] = recent->entries[i];
    memcpy(recent->entries, kept, sizeof kept[0] * (size_t)count);
    recent->count = count;
    char file[4096];
    app_recent_file(file, sizeof file);
    if (!file[0] || !make_folders(file))
        return false;
    size_t capacity = (size_t)count * (sizeof entry.path + 8), used = 0;
    char *text = malloc(capacity);
    if (!text)
        return false;
    for (int i = 0; i < count; ++i)
        used += (size_t)snprintf(text + used, capacity - used, "%s %s\n",
                                 recent->entries[i].preset ? "preset" : "model",
                                 recent->entries[i].path);
    bool ok = core_file_write_bytes(file, CORE_WRITE_REPLACE, text, used) == CORE_OK;
    if (!ok)
        core_log(CORE_LOG_DEBUG, "recent files: %s", core_last_error());
    free(text);
    return ok;
}
