#define _POSIX_C_SOURCE 200809L
#include "app/app_preset.h"

#include "io/io_exr.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reading a preset's text strictly: where cJSON is lenient (a NUL, text
 * after the document, a key said twice) the preset is refused, and a
 * malformed one names the line and column. */

bool app_preset_is_picture(const char *bytes, size_t size)
{
    return io_png_has_signature(bytes, size) || io_exr_has_signature(bytes, size);
}

/* The JSON a PNG or an EXR glint wrote carries (its iTXt chunk, its header's
 * string attribute, both called IO_PNG_SETTINGS_KEYWORD), or -1 after one
 * line. */
int app_preset_picture_settings(const char *file, const char *bytes, size_t size,
                                const char *command, char **text, size_t *length)
{
    bool exr = io_exr_has_signature(bytes, size);
    core_result r = exr ? io_exr_read_text(bytes, size, file, IO_PNG_SETTINGS_KEYWORD, text, length)
                        : io_png_read_text(bytes, size, file, IO_PNG_SETTINGS_KEYWORD, text, length);
    if (r == CORE_ERR_NOT_FOUND)
        fprintf(stderr,
                "glint %s: %s: no glint settings in this %s (written by another program?)\n",
                command, file, exr ? "EXR" : "PNG");
    else if (r != CORE_OK)
        fprintf(stderr, "glint %s: %s\n", command, core_last_error());
    return r == CORE_OK ? 0 : -1;
}

/* Where byte `offset` of `text` is, 1-based, as editors count: lines by
 * '\n', columns in bytes. */
static void line_column(const char *text, size_t offset, size_t *line, size_t *column)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < offset; ++i)
        if (text[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    *column = offset - start + 1;
}

/* A few characters from `offset`, printable ASCII only, to show where. */
static void excerpt(const char *text, size_t size, size_t offset, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = offset; i < size && n + 1 < out_size && n < 16 && text[i] != '\n'; ++i)
        out[n++] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
    out[n] = '\0';
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that appears twice in one object, anywhere in the tree, as
 * its path; NULL when none does. cJSON keeps both and `find` sees the first,
 * so a file that says a setting twice would mean one thing to glint and
 * another to the person (or tool) that wrote the second. Sorting keeps a
 * 100k-key object fast. */
static bool find_duplicate(const cJSON *object, const char *prefix, char *path, size_t size)
{
    size_t count = 0;
    for (const cJSON *item = object->child; item && cJSON_IsObject(object); item = item->next)
        ++count;
    const char **names = malloc((count ? count : 1) * sizeof *names);
    bool found = false;
    if (!names) /* cannot tell; the rest of the reader still bounds everything */
        return false;
    size_t n = 0;
    for (const cJSON *item = object->child; item && count; item = item->next)
        names[n++] = item->string ? item->string : "";
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 1; i < n && !found; ++i)
        if (strcmp(names[i - 1], names[i]) == 0) {
            snprintf(path, size, "%s%s%s", prefix, *prefix ? "." : "", names[i]);
            found = true;
        }
    free(names);
    for (const cJSON *item = object->child; item && !found; item = item->next) {
        if (!cJSON_IsObject(item) && !cJSON_IsArray(item))
            continue;
        char child[256];
        if (cJSON_IsArray(item))
            snprintf(child, sizeof child, "%s%s%s[]", prefix, *prefix ? "." : "",
                     item->string ? item->string : "");
        else
            snprintf(child, sizeof child, "%s%s%s", prefix, *prefix ? "." : "",
                     item->string ? item->string : "");
        found = find_duplicate(item, child, path, size);
    }
    return found;
}

/* The preset's JSON as a tree, or NULL after one line. `where` names the
 * text: the file, or the file's settings chunk. Strict where cJSON is
 * lenient: a NUL (cJSON would stop reading there), anything but whitespace
 * after the document, and a key said twice are refused. */
cJSON *app_preset_parse(const char *where, const char *text, size_t size, const char *command)
{
    size_t line, column;
    const char *nul = memchr(text, '\0', size);
    if (nul) {
        line_column(text, (size_t)(nul - text), &line, &column);
        fprintf(stderr, "glint %s: %s:%zu:%zu: a NUL byte in the text (not a JSON preset)\n",
                command, where, line, column);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, size, &end, false);
    if (!root) {
        size_t offset = end && end >= text && end <= text + size ? (size_t)(end - text) : size;
        /* cJSON stops on the whitespace after the culprit (or at the last
         * byte when the text runs out): point at the culprit instead. */
        bool ran_out = true;
        for (size_t i = offset; i < size && ran_out; ++i)
            ran_out = strchr(" \t\r\n", text[i]) != NULL;
        while (offset > 0 && (offset >= size || strchr(" \t\r\n", text[offset])))
            --offset;
        line_column(text, offset, &line, &column);
        char near[20];
        excerpt(text, size, offset, near, sizeof near);
        if (ran_out && (offset == 0 && strchr(" \t\r\n", size ? text[0] : ' ')))
            fprintf(stderr, "glint %s: %s: empty (a preset is a JSON object)\n", command, where);
        else if (ran_out)
            fprintf(stderr,
                    "glint %s: %s:%zu:%zu: malformed JSON: the text ends inside the document "
                    "(after '%s')\n",
                    command, where, line, column, near);
        else
            fprintf(stderr, "glint %s: %s:%zu:%zu: malformed JSON at '%s'\n", command, where, line,
                    column, near);
        return NULL;
    }
    size_t offset = (size_t)(end - text);
    while (offset < size && strchr(" \t\r\n", text[offset]))
        ++offset;
    if (offset < size) {
        line_column(text, offset, &line, &column);
        char near[20];
        excerpt(text, size, offset, near, sizeof near);
        fprintf(stderr, "glint %s: %s:%zu:%zu: text after the end of the JSON document ('%s')\n",
                command, where, line, column, near);
        cJSON_Delete(root);
        return NULL;
    }
    char key[256];
    if (cJSON_IsObject(root) && find_duplicate(root, "", key, sizeof key)) {
        fprintf(stderr, "glint %s: %s: key '%s' appears twice (say each setting once)\n", command,
                where, key);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}
