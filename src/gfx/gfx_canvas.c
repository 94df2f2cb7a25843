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

/* The panels' vertex layout: position, texture coordinate, RGBA bytes. */
static core_result create_ui_buffers(gfx_canvas *canvas)
{
    core_result r = gfx_program_load("ui.vert", "ui.frag", &canvas->ui_program);
    if (r != CORE_OK) {
        gfx_canvas_unload(canvas);
        return r;
    }
    glGenVertexArrays(1, &canvas->ui_vertex_array);
    glBindVertexArray(canvas->ui_vertex_array);
    glGenBuffers(1, &canvas->ui_vertex_buffer);
    glGenBuffers(1, &canvas->ui_index_buffer);
    glBindBuffer(GL_ARRAY_BUFFER, canvas->ui_vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, canvas->ui_index_buffer);
    GLsizei stride = (GLsizei)sizeof(gfx_ui_vertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          (const void *)(uintptr_t)offsetof(gfx_ui_vertex, x));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          (const void *)(uintptr_t)offsetof(gfx_ui_vertex, u));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          (const void *)(uintptr_t)offsetof(gfx_ui_vertex, rgba));
    if (!canvas->ui_vertex_array || !canvas->ui_vertex_buffer || !canvas->ui_index_buffer) {
        gfx_canvas_unload(canvas);
        return core_fail(CORE_ERR_GPU, "cannot create the panels' vertex buffers");
    }
    return CORE_OK;
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
    r = create_ui_buffers(canvas);
    glBindVertexArray((GLuint)vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, (GLuint)array_buffer);
    if (r != CORE_OK)
        return r;
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
    if (canvas->ui_vertex_array)
        glDeleteVertexArrays(1, &canvas->ui_vertex_array);
    if (canvas->ui_vertex_buffer)
        glDeleteBuffers(1, &canvas->ui_vertex_buffer);
    if (canvas->ui_index_buffer)
        glDeleteBuffers(1, &canvas->ui_index_buffer);
    gfx_program_unload(&canvas->program);
    gfx_program_unload(&canvas->image_program);
    gfx_program_unload(&canvas->ui_program);
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

void gfx_canvas_draw_ui(gfx_canvas *canvas, const gfx_ui_list *lists, int count, int fb_width,
                        int fb_height)
{
    if (!canvas->ui_program.id || count <= 0 || fb_width <= 0 || fb_height <= 0)
        return;
    saved_state saved;
    save_state(&saved);
    begin_2d(canvas, canvas->ui_program, fb_width, fb_height);
    /* The index buffer's binding belongs to this vertex array alone. */
    glBindVertexArray(canvas->ui_vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, canvas->ui_vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, canvas->ui_index_buffer);
    glUniform1i(glGetUniformLocation(canvas->ui_program.id, "u_image"), 0);
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_SCISSOR_TEST);
    for (int l = 0; l < count; ++l) {
        const gfx_ui_list *list = &lists[l];
        if (!list->vertex_count || !list->index_count)
            continue;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)list->vertex_count * (GLsizeiptr)sizeof(gfx_ui_vertex),
                     list->vertices, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)list->index_count * 2, list->indices,
                     GL_STREAM_DRAW);
        for (uint32_t c = 0; c < list->command_count; ++c) {
            const gfx_ui_command *command = &list->commands[c];
            float x0 = command->clip[0] > 0.0f ? command->clip[0] : 0.0f;
            float y0 = command->clip[1] > 0.0f ? command->clip[1] : 0.0f;
            float x1 = command->clip[2] < (float)fb_width ? command->clip[2] : (float)fb_width;
            float y1 = command->clip[3] < (float)fb_height ? command->clip[3] : (float)fb_height;
            if (x1 <= x0 || y1 <= y0 ||
                (uint64_t)command->index_offset + command->index_count > list->index_count)
                continue;
            /* GL's scissor counts rows from the bottom. */
            glScissor((GLint)x0, (GLint)((float)fb_height - y1), (GLsizei)(x1 - x0),
                      (GLsizei)(y1 - y0));
            glBindTexture(GL_TEXTURE_2D, command->texture);
            glDrawElementsBaseVertex(GL_TRIANGLES, (GLsizei)command->index_count,
                                     GL_UNSIGNED_SHORT,
                                     (const void *)(uintptr_t)(command->index_offset * 2u),
                                     (GLint)command->vertex_offset);
        }
    }
    restore_state(&saved);
}
