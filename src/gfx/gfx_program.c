#include "gfx/gfx.h"

#include "core/core_file.h"
#include "gfx/gfx_shader_table.h"

#include <glad/gl.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        char path[2048];
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

/* Drivers format their logs differently: Mesa "0:12(5): error: ...", NVIDIA
 * "0(12) : error C0000: ...", others "ERROR: 0:12: ...". Pull out the line and
 * the message so the error can name the file the user edits. */
static void first_log_error(const char *log, int *line, char *message, size_t message_size)
{
    *line = 0;
    const char *end = strchr(log, '\n');
    size_t length = end ? (size_t)(end - log) : strlen(log);
    char first[1024];
    snprintf(first, sizeof first, "%.*s", (int)length, log);
    snprintf(message, message_size, "%s", first);
    for (const char *c = first; *c; ++c) {
        if (c[0] == '0' && (c[1] == ':' || c[1] == '(') && isdigit((unsigned char)c[2])) {
            char *after;
            *line = (int)strtol(c + 2, &after, 10);
            while (*after && (*after == ')' || *after == '(' || isdigit((unsigned char)*after) ||
                              *after == ':' || *after == ' '))
                ++after;
            snprintf(message, message_size, "%s", after);
            return;
        }
    }
}

static core_result compile(GLenum stage, const char *file, const char *defines, GLuint *shader)
{
    const char *source;
    char *owned;
    char display_name[2048];
    core_result r = find_source(file, &source, &owned, display_name, sizeof display_name);
    if (r != CORE_OK)
        return r;
    *shader = glCreateShader(stage);
    /* Defines go after the #version line, and #line 2 keeps the file's own
     * line numbers in the compiler's errors. */
    const char *version_end = strchr(source, '\n');
    if (defines && version_end) {
        const char *parts[4] = {source, defines, "\n#line 2\n", version_end + 1};
        GLint lengths[4] = {(GLint)(version_end + 1 - source), -1, -1, -1};
        glShaderSource(*shader, 4, parts, lengths);
    } else {
        glShaderSource(*shader, 1, &source, NULL);
    }
    glCompileShader(*shader);
    free(owned);
    GLint ok = GL_FALSE;
    glGetShaderiv(*shader, GL_COMPILE_STATUS, &ok);
    if (ok)
        return CORE_OK;
    char log[4096] = "";
    glGetShaderInfoLog(*shader, sizeof log, NULL, log);
    int line;
    char message[1024];
    first_log_error(log, &line, message, sizeof message);
    glDeleteShader(*shader);
    *shader = 0;
    if (line > 0)
        return core_fail(CORE_ERR_GPU, "%s:%d: %s", display_name, line, message);
    return core_fail(CORE_ERR_GPU, "%s: %s", display_name, message);
}

core_result gfx_program_load(const char *vertex_file, const char *fragment_file,
                             gfx_program *program)
{
    return gfx_program_load_defines(vertex_file, fragment_file, NULL, program);
}

core_result gfx_program_load_defines(const char *vertex_file, const char *fragment_file,
                                     const char *defines, gfx_program *program)
{
    program->id = 0;
    GLuint vertex = 0, fragment = 0;
    core_result r = compile(GL_VERTEX_SHADER, vertex_file, defines, &vertex);
    if (r == CORE_OK)
        r = compile(GL_FRAGMENT_SHADER, fragment_file, defines, &fragment);
    if (r != CORE_OK) {
        glDeleteShader(vertex);
        return r;
    }
    GLuint id = glCreateProgram();
    glAttachShader(id, vertex);
    glAttachShader(id, fragment);
    glLinkProgram(id);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint ok = GL_FALSE;
    glGetProgramiv(id, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = "";
        glGetProgramInfoLog(id, sizeof log, NULL, log);
        glDeleteProgram(id);
        return core_fail(CORE_ERR_GPU, "shaders/%s + shaders/%s: link failed: %s", vertex_file,
                         fragment_file, log);
    }
    program->id = id;
    return CORE_OK;
}

void gfx_program_unload(gfx_program *program)
{
    if (program->id)
        glDeleteProgram(program->id);
    program->id = 0;
}

void gfx_program_use(gfx_program program)
{
    glUseProgram(program.id);
}

void gfx_set_mat4(gfx_program program, const char *name, const float *matrix)
{
    glUniformMatrix4fv(glGetUniformLocation(program.id, name), 1, GL_FALSE, matrix);
}

void gfx_set_vec3(gfx_program program, const char *name, const float *value)
{
    glUniform3fv(glGetUniformLocation(program.id, name), 1, value);
}

void gfx_set_vec4_array(gfx_program program, const char *name, int count, const float *values)
{
    glUniform4fv(glGetUniformLocation(program.id, name), count, values);
}

void gfx_set_float(gfx_program program, const char *name, float value)
{
    glUniform1f(glGetUniformLocation(program.id, name), value);
}

void gfx_set_int(gfx_program program, const char *name, int value)
{
    glUniform1i(glGetUniformLocation(program.id, name), value);
}

core_result gfx_fullscreen_create(gfx_fullscreen *fullscreen)
{
    /* Core profile draws nothing without a vertex array, even an empty one. */
    glGenVertexArrays(1, &fullscreen->vertex_array);
    return fullscreen->vertex_array ? CORE_OK
                                    : core_fail(CORE_ERR_GPU, "cannot create a vertex array");
}

void gfx_fullscreen_unload(gfx_fullscreen *fullscreen)
{
    if (fullscreen->vertex_array)
        glDeleteVertexArrays(1, &fullscreen->vertex_array);
    fullscreen->vertex_array = 0;
}

void gfx_fullscreen_draw(gfx_fullscreen fullscreen)
{
    glDisable(GL_DEPTH_TEST);
    glBindVertexArray(fullscreen.vertex_array);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
}
