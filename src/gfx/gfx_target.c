#include "gfx/gfx.h"
#include "gfx/gfx_internal.h"

#include <glad/gl.h>

#include <stdlib.h>
#include <string.h>

static const char *framebuffer_status_name(GLenum status)
{
    switch (status) {
    case GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT: return "incomplete attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT: return "missing attachment";
    case GL_FRAMEBUFFER_UNSUPPORTED: return "unsupported format combination";
    case GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE: return "inconsistent multisampling";
    default: return "incomplete";
    }
}

/* The single-sample image a target resolves into, and its framebuffer. */
static GLenum make_resolved(int width, int height, gfx_color_format format, gfx_target *target)
{
    GLenum internal = format == GFX_COLOR_RGBA16F ? GL_RGBA16F : GL_RGBA8;
    GLenum type = format == GFX_COLOR_RGBA16F ? GL_HALF_FLOAT : GL_UNSIGNED_BYTE;
    glGenTextures(1, &target->resolve_texture);
    glBindTexture(GL_TEXTURE_2D, target->resolve_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, (GLint)internal, width, height, 0, GL_RGBA, type, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glGenFramebuffers(1, &target->resolve_framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target->resolve_framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                           target->resolve_texture, 0);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    return status;
}

/* The size checked and the samples clamped to the driver's. */
static core_result start(int width, int height, int samples, gfx_target *target)
{
    memset(target, 0, sizeof *target);
    GLint max_size = 0, max_samples = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    if (width <= 0 || height <= 0 || width > max_size || height > max_size)
        return core_fail(CORE_ERR_ARGUMENT, "render size %dx%d is outside 1..%d", width, height,
                         max_size);
    target->width = width;
    target->height = height;
    target->samples = samples <= 1 ? 0 : (samples > max_samples ? max_samples : samples);
    return CORE_OK;
}

static core_result finish(GLenum status, gfx_target *target)
{
    if (status != GL_FRAMEBUFFER_COMPLETE || glGetError() == GL_OUT_OF_MEMORY) {
        int width = target->width, height = target->height;
        gfx_target_unload(target);
        return core_fail(CORE_ERR_GPU, "cannot make a %dx%d render target: %s", width, height,
                         framebuffer_status_name(status));
    }
    return CORE_OK;
}

core_result gfx_target_create(int width, int height, int samples, gfx_color_format format,
                              gfx_target *target)
{
    core_result r = start(width, height, samples, target);
    if (r != CORE_OK)
        return r;
    GLenum internal = format == GFX_COLOR_RGBA16F ? GL_RGBA16F : GL_RGBA8;
    /* Multisampled colour is a texture, so a pass can read each sample (the
     * tone map does, so that a very bright edge is not resolved in linear
     * light to a white pixel: gfx_target_samples_texture). */
    if (target->samples > 0) {
        glGenTextures(1, &target->color_texture);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, target->color_texture);
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, target->samples, internal, width, height,
                                GL_TRUE);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
    } else {
        glGenRenderbuffers(1, &target->color_buffer);
        glBindRenderbuffer(GL_RENDERBUFFER, target->color_buffer);
        glRenderbufferStorage(GL_RENDERBUFFER, internal, width, height);
    }
    glGenRenderbuffers(1, &target->depth_buffer);
    glBindRenderbuffer(GL_RENDERBUFFER, target->depth_buffer);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, target->samples, GL_DEPTH_COMPONENT24, width,
                                     height);
    glGenFramebuffers(1, &target->multisample_framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target->multisample_framebuffer);
    if (target->color_texture)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE,
                               target->color_texture, 0);
    else
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                  target->color_buffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              target->depth_buffer);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    GLenum resolved = make_resolved(width, height, format, target);
    return finish(status == GL_FRAMEBUFFER_COMPLETE ? resolved : status, target);
}

core_result gfx_target_create_resolved(int width, int height, int samples, gfx_color_format format,
                                       gfx_target *target)
{
    core_result r = start(width, height, samples, target);
    if (r != CORE_OK)
        return r;
    return finish(make_resolved(width, height, format, target), target);
}

void gfx_target_unload(gfx_target *target)
{
    if (target->multisample_framebuffer)
        glDeleteFramebuffers(1, &target->multisample_framebuffer);
    if (target->resolve_framebuffer)
        glDeleteFramebuffers(1, &target->resolve_framebuffer);
    if (target->color_buffer)
        glDeleteRenderbuffers(1, &target->color_buffer);
    if (target->color_texture)
        glDeleteTextures(1, &target->color_texture);
    if (target->depth_buffer)
        glDeleteRenderbuffers(1, &target->depth_buffer);
    if (target->resolve_texture)
        glDeleteTextures(1, &target->resolve_texture);
    memset(target, 0, sizeof *target);
}

gfx_texture gfx_target_texture(const gfx_target *target)
{
    return (gfx_texture){target->resolve_texture};
}

gfx_texture gfx_target_samples_texture(const gfx_target *target)
{
    return (gfx_texture){target->color_texture};
}

void gfx_target_begin(const gfx_target *target, const float *clear_rgba)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->multisample_framebuffer);
    glViewport(0, 0, target->width, target->height);
    glClearColor(clear_rgba[0], clear_rgba[1], clear_rgba[2], clear_rgba[3]);
    glClearDepth(1.0);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_CULL_FACE); /* models from the wild have mixed winding */
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void gfx_target_begin_resolved(const gfx_target *target)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->resolve_framebuffer);
    glViewport(0, 0, target->width, target->height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
}

void gfx_target_begin_resolved_within(const gfx_target *target, const int rect[4])
{
    gfx_target_begin_resolved(target);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect[0], rect[1], rect[2], rect[3]);
}

void gfx_target_end_within(void)
{
    glDisable(GL_SCISSOR_TEST);
}

void gfx_target_resolve(const gfx_target *target)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->multisample_framebuffer);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target->resolve_framebuffer);
    glBlitFramebuffer(0, 0, target->width, target->height, 0, 0, target->width, target->height,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

/* GL's rows run bottom to top; images run top to bottom. */
void gfx_flip_rows(void *data, int width, int height, size_t pixel_bytes)
{
    uint8_t *pixels = data;
    size_t row = (size_t)width * pixel_bytes;
    uint8_t *scratch = malloc(row);
    if (!scratch)
        return;
    for (int y = 0; y < height / 2; ++y) {
        uint8_t *top = pixels + (size_t)y * row;
        uint8_t *bottom = pixels + (size_t)(height - 1 - y) * row;
        memcpy(scratch, top, row);
        memcpy(top, bottom, row);
        memcpy(bottom, scratch, row);
    }
    free(scratch);
}

static core_result read_pixels(int width, int height, uint8_t *pixels)
{
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    GLenum error = glGetError();
    if (error != GL_NO_ERROR)
        return core_fail(CORE_ERR_GPU, "reading back the image failed (GL error 0x%04x)",
                         (unsigned)error);
    gfx_flip_rows(pixels, width, height, 4);
    return CORE_OK;
}

core_result gfx_target_read_rgba32f(const gfx_target *target, float *pixels)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->resolve_framebuffer);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, target->width, target->height, GL_RGBA, GL_FLOAT, pixels);
    GLenum error = glGetError();
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    if (error != GL_NO_ERROR)
        return core_fail(CORE_ERR_GPU, "reading back the radiance failed (GL error 0x%04x)",
                         (unsigned)error);
    gfx_flip_rows(pixels, target->width, target->height, 4 * sizeof(float));
    return CORE_OK;
}

core_result gfx_target_read_rgba8(const gfx_target *target, uint8_t *pixels)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->resolve_framebuffer);
    core_result r = read_pixels(target->width, target->height, pixels);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    return r;
}

void gfx_target_present_rect(const gfx_target *target, int x, int y, int width, int height,
                             int window_width, int window_height)
{
    if (width <= 0 || height <= 0)
        return;
    /* A blit obeys the scissor test; a caller's scissor must not crop it. */
    GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->resolve_framebuffer);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glDrawBuffer(GL_BACK);
    glViewport(0, 0, window_width, window_height);
    /* GL counts rows from the bottom; the rectangle's y from the top. */
    int bottom = window_height - y - height;
    glBlitFramebuffer(0, 0, target->width, target->height, x, bottom, x + width, bottom + height,
                      GL_COLOR_BUFFER_BIT,
                      target->width == width && target->height == height ? GL_NEAREST : GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (scissor)
        glEnable(GL_SCISSOR_TEST);
}

void gfx_target_present(const gfx_target *target, int window_width, int window_height)
{
    gfx_target_present_rect(target, 0, 0, window_width, window_height, window_width, window_height);
}

core_result gfx_read_back_buffer(int width, int height, uint8_t *pixels)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    return read_pixels(width, height, pixels);
}

core_result gfx_depth_target_create(int size, gfx_depth_target *target)
{
    memset(target, 0, sizeof *target);
    glGenTextures(1, &target->depth_texture);
    glBindTexture(GL_TEXTURE_2D, target->depth_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT32F, size, size, 0, GL_DEPTH_COMPONENT,
                 GL_FLOAT, NULL);
    /* Raw depths, read with texelFetch-like nearest sampling: the shader does its
     * own comparisons (PCSS needs the blockers' depths, not pass/fail). */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glGenFramebuffers(1, &target->framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D,
                           target->depth_texture, 0);
    glDrawBuffer(GL_NONE);
    glReadBuffer(GL_NONE);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    target->size = size;
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        gfx_depth_target_unload(target);
        return core_fail(CORE_ERR_GPU, "cannot make a %dx%d shadow map: %s", size, size,
                         framebuffer_status_name(status));
    }
    return CORE_OK;
}

void gfx_depth_target_unload(gfx_depth_target *target)
{
    if (target->framebuffer)
        glDeleteFramebuffers(1, &target->framebuffer);
    if (target->depth_texture)
        glDeleteTextures(1, &target->depth_texture);
    memset(target, 0, sizeof *target);
}

void gfx_depth_target_begin(const gfx_depth_target *target)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glViewport(0, 0, target->size, target->size);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_CULL_FACE);
    glClearDepth(1.0);
    glClear(GL_DEPTH_BUFFER_BIT);
}

gfx_texture gfx_depth_target_texture(const gfx_depth_target *target)
{
    return (gfx_texture){target->depth_texture};
}
