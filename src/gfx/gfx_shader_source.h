#ifndef GLINT_GFX_SHADER_SOURCE_H
#define GLINT_GFX_SHADER_SOURCE_H

/* A shader's text with its `#include "file"` lines expanded (gfx's own; not
 * part of its interface). Each file is its own GLSL source string number
 * (`#line LINE N` around an include), so a compiler's error names the file
 * and line the user edits, built in or under --shader-dir. */

#include "core/core_result.h"

#include <stddef.h>

enum { GFX_SHADER_MAX_FILES = 8 };

typedef struct gfx_shader_text {
    char *text;     /* the expanded source, NUL-terminated; owned */
    int file_count; /* files[0] is the shader, the rest its includes in order */
    char files[GFX_SHADER_MAX_FILES][2048]; /* names to report, by source string number */
} gfx_shader_text;

core_result gfx_shader_text_load(const char *file, gfx_shader_text *text);
void gfx_shader_text_free(gfx_shader_text *text);

/* The first error of a compiler's log: its source string number, line (0 if
 * none) and message. */
void gfx_shader_log_error(const char *log, int *file, int *line, char *message,
                          size_t message_size);

#endif
