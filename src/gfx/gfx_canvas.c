#include "gfx/gfx.h"

#include <glad/gl.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The HUD is drawn between other passes and the viewer's own code; whatever
 * the canvas changes it puts back, so neither side has to know the other. */
typedef struct saved_state {
    GLint framebuffer, viewport[4], program, vertex_array, array_buffer;
    GLint active_texture, texture;
    GLint blend_src_rgb, blend_dst_rgb, blend_src_alpha, blend_dst_alpha;
    GLint blend_equation_rgb, blend_equation_alpha;
    GLboolean blend, depth_test, cull_face, scissor_test, framebuffer_srgb;
} saved_state;

static void save_state(saved_state *s)
{
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &s->framebuffer);
    glGetIntegerv(GL_VIEWPORT, s->viewport);
    glGetIntegerv(GL_CURRENT_PROGRAM, &s->program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &s->vertex_array);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &s->array_buffer);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &s->active_texture);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &s->texture);
    glGetIntegerv(GL_BLEND_SRC_RGB, &s->blend_src_rgb);
    glGetIntegerv(GL_BLEND_DST_RGB, &s->blend_dst_rgb);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &s->blend_src_alpha);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &s->blend_dst_alpha);
    glGetIntegerv(GL_BLEND_EQUATION_RGB, &s->blend_equation_rgb);
    glGetIntegerv(GL_BLEND_EQUATION_ALPHA, &s->blend_equation_alpha);
    s->blend = glIsEnabled(GL_BLEND);
    s->depth_test = glIsEnabled(GL_DEPTH_TEST);
    s->cull_face = glIsEnabled(GL_CULL_FACE);
    s->scissor_test = glIsEnabled(GL_SCISSOR_TEST);
    s->framebuffer_srgb = glIsEnabled(GL_FRAMEBUFFER_SRGB);
}

static void set_enabled(GLenum capability, GLboolean on)
{
    if (on)
        glEnable(capability);
    else
        glDisable(capability);
}

static void restore_state(const saved_state *s)
{
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, (GLuint)s->framebuffer);
    glViewport(s->viewport[0], s->viewport[1], s->viewport[2], s->viewport[3]);
    glUseProgram((GLuint)s->program);
    glBindVertexArray((GLuint)s->vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, (GLuint)s->array_buffer);
    glBindTexture(GL_TEXTURE_2D, (GLuint)s->texture);
    glActiveTexture((GLenum)s->active_texture);
    glBlendFuncSeparate((GLenum)s->blend_src_rgb, (GLenum)s->blend_dst_rgb,
                        (GLenum)s->blend_src_alpha, (GLenum)s->blend_dst_alpha);
    glBlendEquationSeparate((GLenum)s->blend_equation_rgb, (GLenum)s->blend_equation_alpha);
    set_enabled(GL_BLEND, s->blend);
    set_enabled(GL_DEPTH_TEST, s->depth_test);
    set_enabled(GL_CULL_FACE, s->cull_face);
    set_enabled(GL_SCISSOR_TEST, s->scissor_test);
    set_enabled(GL_FRAMEBUFFER_SRGB, s->framebuffer_srgb);
}

/* Straight-alpha "over"; the destination's alpha goes towards 1 rather than
 * being replaced, so an opaque window stays opaque under translucent panels. */
static void begin_2d(const gfx_canvas *canvas, gfx_program program, int fb_width, int fb_height)
{
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, canvas->framebuffer);
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquationSeparate(GL_FUNC_ADD, GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_FRAMEBUFFER_SRGB); /* the colours are display values already */
    glUseProgram(program.id);
    float size[2] = {(float)fb_width, (float)fb_height};
    glUniform2fv(glGetUniformLocation(program.id, "u_framebuffer_size"), 1, size);
    glBindVertexArray(canvas->vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, canvas->vertex_buffer);
}

static void draw(const gfx_canvas_vertex *vertices, uint32_t count)
{
    /* Re-specifying the store each time lets the driver hand out fresh memory
     * instead of waiting for the previous draw to finish reading. */
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)count * (GLsizeiptr)sizeof *vertices, vertices,
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, (GLsizei)count);
}

core_result gfx_canvas_create(gfx_canvas *canvas)
{
    memset(canvas, 0, sizeof *canvas);
    core_result r = gfx_program_load("canvas.vert", "canvas.frag", &canvas->program);
    if (r == CORE_OK)
        r = gfx_program_load("canvas.vert", "canvas_image.frag", &canvas->image_program);
    if (r != CORE_OK) {
        gfx_canvas_unload(canvas);
        return r;
    }
    GLint vertex_array = 0, array_buffer = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vertex_array);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &array_buffer);
    glGenVertexArrays(1, &canvas->vertex_array);
    glBindVertexArray(canvas->vertex_array);
    glGenBuffers(1, &canvas->vertex_buffer);
    glBindBuffer(GL_ARRAY_BUFFER, canvas->vertex_buffer);
    GLsizei stride = (GLsizei)sizeof(gfx_canvas_vertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          (const void *)(uintptr_t)offsetof(gfx_canvas_vertex, x));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride,
                          (const void *)(uintptr_t)offsetof(gfx_canvas_vertex, rgba));
    glBindVertexArray((GLuint)vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, (GLuint)array_buffer);
    if (!canvas->vertex_array || !canvas->vertex_buffer) {
        gfx_canvas_unload(canvas);
        return core_fail(CORE_ERR_GPU, "cannot create the 2D canvas's vertex buffer");
    }
    return CORE_OK;
}

void gfx_canvas_unload(gfx_canvas *canvas)
{
    if (canvas->vertex_array)
        glDeleteVertexArrays(1, &canvas->vertex_array);
    if (canvas->vertex_buffer)
        glDeleteBuffers(1, &canvas->vertex_buffer);
    gfx_program_unload(&canvas->program);
    gfx_program_unload(&canvas->image_program);
    memset(canvas, 0, sizeof *canvas);
}

void gfx_canvas_target(gfx_canvas *canvas, const gfx_target *target)
{
    canvas->framebuffer = target ? target->multisample_framebuffer : 0;
}

void gfx_canvas_draw_triangles(gfx_canvas *canvas, const gfx_canvas_vertex *vertices,
                               uint32_t count, int fb_width, int fb_height)
{
    if (!canvas->program.id || count == 0 || fb_width <= 0 || fb_height <= 0)
        return;
    saved_state saved;
    save_state(&saved);
    begin_2d(canvas, canvas->program, fb_width, fb_height);
    draw(vertices, count);
    restore_state(&saved);
}

void gfx_canvas_draw_image(gfx_canvas *canvas, gfx_texture texture, float x, float y, float w,
                           float h, float opacity, int fb_width, int fb_height)
{
    if (!canvas->image_program.id || !texture.id || w <= 0.0f || h <= 0.0f || opacity <= 0.0f ||
        fb_width <= 0 || fb_height <= 0)
        return;
    saved_state saved;
    save_state(&saved);
    gfx_program program = canvas->image_program;
    begin_2d(canvas, program, fb_width, fb_height);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture.id);
    GLint format = 0;
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
    glUniform1i(glGetUniformLocation(program.id, "u_image"), 0);
    glUniform1i(glGetUniformLocation(program.id, "u_encode_srgb"),
                format == GL_SRGB8_ALPHA8 || format == GL_SRGB8);
    float rect[4] = {x, y, w, h};
    glUniform4fv(glGetUniformLocation(program.id, "u_rect"), 1, rect);
    float a = opacity > 1.0f ? 1.0f : opacity;
    const gfx_canvas_vertex quad[6] = {
        {x, y, {1, 1, 1, a}}, {x + w, y, {1, 1, 1, a}},     {x + w, y + h, {1, 1, 1, a}},
        {x, y, {1, 1, 1, a}}, {x + w, y + h, {1, 1, 1, a}}, {x, y + h, {1, 1, 1, a}},
    };
    draw(quad, 6);
    restore_state(&saved);
}
