#include "gfx/gfx.h"

#include "core/core_file.h"
#include "gfx/gfx_shader_source.h"

#include <glad/gl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static core_result compile(GLenum stage, const char *file, const char *defines, GLuint *shader)
{
    gfx_shader_text text;
    core_result r = gfx_shader_text_load(file, &text);
    if (r != CORE_OK)
        return r;
    const char *source = text.text;
    *shader = glCreateShader(stage);
    /* Defines go after the #version line, and #line 2 0 keeps the file's own
     * line numbers in the compiler's errors. */
    const char *version_end = strchr(source, '\n');
    if (defines && version_end) {
        const char *parts[4] = {source, defines, "\n#line 2 0\n", version_end + 1};
        GLint lengths[4] = {(GLint)(version_end + 1 - source), -1, -1, -1};
        glShaderSource(*shader, 4, parts, lengths);
    } else {
        glShaderSource(*shader, 1, &source, NULL);
    }
    glCompileShader(*shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(*shader, GL_COMPILE_STATUS, &ok);
    if (ok) {
        gfx_shader_text_free(&text);
        return CORE_OK;
    }
    char log[4096] = "";
    glGetShaderInfoLog(*shader, sizeof log, NULL, log);
    int string_number, line;
    char message[1024];
    gfx_shader_log_error(log, &string_number, &line, message, sizeof message);
    const char *name =
        text.files[string_number >= 0 && string_number < text.file_count ? string_number : 0];
    glDeleteShader(*shader);
    *shader = 0;
    if (line > 0)
        r = core_fail(CORE_ERR_GPU, "%s:%d: %s", name, line, message);
    else
        r = core_fail(CORE_ERR_GPU, "%s: %s", name, message);
    gfx_shader_text_free(&text);
    return r;
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

void gfx_set_vec2_array(gfx_program program, const char *name, int count, const float *values)
{
    glUniform2fv(glGetUniformLocation(program.id, name), count, values);
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

void gfx_fullscreen_draw_covered(gfx_fullscreen fullscreen)
{
    /* Every fragment at depth 1 passes GREATER exactly where the buffer
     * holds less than its cleared far plane. */
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_GREATER);
    glDepthMask(GL_FALSE);
    glDepthRange(1.0, 1.0);
    glBindVertexArray(fullscreen.vertex_array);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glDepthRange(0.0, 1.0);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
    glDisable(GL_DEPTH_TEST);
}
