#include "gfx/gfx_shader_source.h"

#include "gfx/gfx.h"

#include "core/core_file.h"
#include "gfx/gfx_shader_table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nested includes deeper than this are a cycle or a mistake, not a design. */
enum { MAX_DEPTH = 4 };

static char shader_folder[1024];

void gfx_set_shader_folder(const char *folder)
{
    snprintf(shader_folder, sizeof shader_folder, "%s", folder ? folder : "");
}

/* The source of a shader file and the name to report errors under. *owned is
 * set when the caller must free the source. */
static core_result find_source(const char *file, const char **source, char **owned,
                               char *display_name, size_t display_size)
{
    *owned = NULL;
    if (shader_folder[0]) {
        char path[2048 - 16];
        core_result r = core_path_join(shader_folder, file, path, sizeof path);
        if (r != CORE_OK)
            return r;
        size_t size;
        r = core_file_read(path, 1u << 20, owned, &size);
        if (r != CORE_OK)
            return r;
        *source = *owned;
        snprintf(display_name, display_size, "%s", path);
        return CORE_OK;
    }
    for (const gfx_shader_file *entry = gfx_embedded_shaders; entry->name; ++entry) {
        if (strcmp(entry->name, file) == 0) {
            *source = entry->source;
            snprintf(display_name, display_size, "shaders/%s", file);
            return CORE_OK;
        }
    }
    return core_fail(CORE_ERR_NOT_FOUND, "shaders/%s: no such shader built into glint", file);
}

typedef struct builder {
    gfx_shader_text *out;
    size_t used, capacity;
} builder;

static core_result append(builder *b, const char *text, size_t length)
{
    if (b->used + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 16384;
        while (capacity < b->used + length + 1)
            capacity *= 2;
        char *grown = realloc(b->out->text, capacity);
        if (!grown)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory reading the shaders");
        b->out->text = grown;
        b->capacity = capacity;
    }
    memcpy(b->out->text + b->used, text, length);
    b->used += length;
    b->out->text[b->used] = '\0';
    return CORE_OK;
}

/* `#include "name"` alone on its line (spaces allowed): the name, else NULL. */
static const char *include_name(const char *line, const char *end, char *name, size_t size)
{
    while (line < end && (*line == ' ' || *line == '\t'))
        ++line;
    static const char directive[] = "#include";
    size_t n = sizeof directive - 1;
    if ((size_t)(end - line) < n || strncmp(line, directive, n) != 0)
        return NULL;
    line += n;
    while (line < end && (*line == ' ' || *line == '\t'))
        ++line;
    if (line >= end || *line != '"')
        return NULL;
    const char *close = memchr(line + 1, '"', (size_t)(end - line - 1));
    if (!close || (size_t)(close - line - 1) >= size || close == line + 1)
        return NULL;
    memcpy(name, line + 1, (size_t)(close - line - 1));
    name[close - line - 1] = '\0';
    return name;
}

static core_result expand(builder *b, const char *file, int depth, const char *from, int from_line)
{
    gfx_shader_text *out = b->out;
    if (out->file_count >= GFX_SHADER_MAX_FILES || depth > MAX_DEPTH)
        return core_fail(CORE_ERR_PARSE,
                         "%s:%d: #include \"%s\": more than %d files or %d levels deep",
                         from ? from : file, from_line, file, GFX_SHADER_MAX_FILES, MAX_DEPTH);
    const char *source = NULL;
    char *owned = NULL;
    int index = out->file_count;
    core_result r = find_source(file, &source, &owned, out->files[index], sizeof out->files[index]);
    if (r != CORE_OK) {
        if (from)
            return core_fail(r, "%s:%d: #include \"%s\": %s", from, from_line, file,
                             core_last_error());
        return r;
    }
    ++out->file_count;
    char marker[64];
    int line_number = 1;
    if (index > 0) { /* GLSL's #line LINE SOURCE-STRING: errors say which file */
        snprintf(marker, sizeof marker, "#line 1 %d\n", index);
        r = append(b, marker, strlen(marker));
    }
    for (const char *line = source; r == CORE_OK && *line; ++line_number) {
        const char *newline = strchr(line, '\n');
        const char *next = newline ? newline + 1 : line + strlen(line);
        char name[256];
        if (include_name(line, newline ? newline : next, name, sizeof name)) {
            r = expand(b, name, depth + 1, out->files[index], line_number);
            snprintf(marker, sizeof marker, "#line %d %d\n", line_number + 1, index);
            if (r == CORE_OK)
                r = append(b, marker, strlen(marker));
        } else {
            r = append(b, line, (size_t)(next - line));
            if (r == CORE_OK && !newline)
                r = append(b, "\n", 1);
        }
        line = next;
    }
    free(owned);
    return r;
}

core_result gfx_shader_text_load(const char *file, gfx_shader_text *text)
{
    memset(text, 0, sizeof *text);
    builder b = {text, 0, 0};
    core_result r = expand(&b, file, 0, NULL, 0);
    if (r != CORE_OK)
        gfx_shader_text_free(text);
    return r;
}

void gfx_shader_text_free(gfx_shader_text *text)
{
    free(text->text);
    memset(text, 0, sizeof *text);
}

/* The log's first line that says "error" (any case), else its first line:
 * warnings may come before the error (Mesa's "`v_light_clip' used
 * uninitialized" in a variant that never reads it), and a failed compile
 * named by one of them sent the shader's author to the wrong line. */
static const char *error_line(const char *log, size_t *length)
{
    for (const char *start = log; *start;) {
        const char *end = strchr(start, '\n');
        size_t n = end ? (size_t)(end - start) : strlen(start);
        for (size_t i = 0; i + 5 <= n; ++i) {
            size_t k = 0;
            while (k < 5 && tolower((unsigned char)start[i + k]) == "error"[k])
                ++k;
            if (k == 5) {
                *length = n;
                return start;
            }
        }
        if (!end)
            break;
        start = end + 1;
    }
    const char *end = strchr(log, '\n');
    *length = end ? (size_t)(end - log) : strlen(log);
    return log;
}

/* Drivers format their logs differently: Mesa "0:12(5): error: ...", NVIDIA
 * "0(12) : error C0000: ...", others "ERROR: 0:12: ...". The first number is
 * the source string (the file, with includes), the second the line. */
void gfx_shader_log_error(const char *log, int *file, int *line, char *message, size_t message_size)
{
    *file = 0;
    *line = 0;
    size_t length;
    log = error_line(log, &length);
    char first[1024];
    snprintf(first, sizeof first, "%.*s", (int)length, log);
    snprintf(message, message_size, "%s", first);
    for (const char *c = first; *c; ++c) {
        if (!isdigit((unsigned char)c[0]) || (c > first && isdigit((unsigned char)c[-1])))
            continue;
        char *after;
        long string_number = strtol(c, &after, 10);
        if ((*after != ':' && *after != '(') || !isdigit((unsigned char)after[1]))
            continue;
        *file = (int)string_number;
        *line = (int)strtol(after + 1, &after, 10);
        while (*after && (*after == ')' || *after == '(' || isdigit((unsigned char)*after) ||
                          *after == ':' || *after == ' '))
            ++after;
        snprintf(message, message_size, "%s", after);
        return;
    }
}
