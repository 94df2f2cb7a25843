#include "gfx/gfx.h"
#include "gfx/gfx_internal.h"

#include <glad/gl.h>

#include <stdlib.h>
#include <string.h>

/* At most GFX_MRT_MAX images, and no more than this GPU draws at once. */
static core_result check_count(int count)
{
    GLint max_buffers = 0;
    glGetIntegerv(GL_MAX_DRAW_BUFFERS, &max_buffers);
    if (count < 1 || count > GFX_MRT_MAX || count > max_buffers)
        return core_fail(CORE_ERR_GPU, "%d render targets at once: this GPU draws at most %d",
                         count, max_buffers);
    return CORE_OK;
}

/* The bound framebuffer's colour images, one texture each (multisampled when
 * samples > 0), all drawn to. */
static void attach_colors(int width, int height, int samples, const gfx_image_format *formats,
                          int count, uint32_t *textures)
{
    GLenum target = samples > 0 ? GL_TEXTURE_2D_MULTISAMPLE : GL_TEXTURE_2D;
    GLenum buffers[GFX_MRT_MAX];
    for (int i = 0; i < count; ++i) {
        bool pair = formats[i] == GFX_UINT_RG32;
        bool integer = formats[i] == GFX_UINT_RGBA32 || pair;
        GLenum internal = pair                              ? GL_RG32UI
                          : integer                         ? GL_RGBA32UI
                          : formats[i] == GFX_FLOAT_RGBA32F ? GL_RGBA32F
                                                            : GL_RGBA16F;
        glGenTextures(1, &textures[i]);
        glBindTexture(target, textures[i]);
        if (samples > 0) {
            glTexImage2DMultisample(target, samples, internal, width, height, GL_TRUE);
        } else {
            glTexImage2D(target, 0, (GLint)internal, width, height, 0,
                         pair      ? GL_RG_INTEGER
                         : integer ? GL_RGBA_INTEGER
                                   : GL_RGBA,
                         integer ? GL_UNSIGNED_INT : GL_FLOAT, NULL);
            glTexParameteri(target, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glTexParameteri(target, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        }
        buffers[i] = GL_COLOR_ATTACHMENT0 + (GLenum)i;
        glFramebufferTexture2D(GL_FRAMEBUFFER, buffers[i], target, textures[i], 0);
    }
    glBindTexture(target, 0);
    glDrawBuffers(count, buffers);
}

static void delete_targets(uint32_t framebuffer, const uint32_t *textures, int count,
                           uint32_t depth_buffer)
{
    if (framebuffer)
        glDeleteFramebuffers(1, &framebuffer);
    for (int i = 0; i < count; ++i) {
        if (textures[i])
            glDeleteTextures(1, &textures[i]);
    }
    if (depth_buffer)
        glDeleteRenderbuffers(1, &depth_buffer);
}

core_result gfx_mrt_target_create(int width, int height, const gfx_image_format *formats, int count,
                                  gfx_mrt_target *target)
{
    memset(target, 0, sizeof *target);
    core_result r = check_count(count);
    if (r != CORE_OK)
        return r;
    target->count = count;
    target->width = width;
    target->height = height;
    glGenFramebuffers(1, &target->framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    attach_colors(width, height, 0, formats, count, target->colors);
    glGenRenderbuffers(1, &target->depth_buffer);
    glBindRenderbuffer(GL_RENDERBUFFER, target->depth_buffer);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT32F, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              target->depth_buffer);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        gfx_mrt_target_unload(target);
        return core_fail(CORE_ERR_GPU, "cannot make %d float render targets of %dx%d", count, width,
                         height);
    }
    return CORE_OK;
}

void gfx_mrt_target_unload(gfx_mrt_target *target)
{
    delete_targets(target->framebuffer, target->colors, target->count, target->depth_buffer);
    memset(target, 0, sizeof *target);
}

static void begin(const gfx_mrt_target *target, GLbitfield clear)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glViewport(0, 0, target->width, target->height);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_CULL_FACE);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClearDepth(1.0);
    glClear(clear);
}

void gfx_mrt_target_begin(const gfx_mrt_target *target)
{
    begin(target, GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void gfx_mrt_target_begin_depth(const gfx_mrt_target *target)
{
    begin(target, GL_DEPTH_BUFFER_BIT);
}

static core_result read_back(const gfx_mrt_target *target, GLenum attachment, GLenum format,
                             int channels, bool rows_down, float *out)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->framebuffer);
    if (attachment != GL_NONE)
        glReadBuffer(attachment);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, target->width, target->height, format, GL_FLOAT, out);
    GLenum error = glGetError();
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    if (error != GL_NO_ERROR)
        return core_fail(CORE_ERR_GPU, "reading an analysis buffer failed (GL error 0x%04x)",
                         (unsigned)error);
    if (rows_down)
        gfx_flip_rows(out, target->width, target->height, (size_t)channels * sizeof(float));
    return CORE_OK;
}

core_result gfx_mrt_target_read_rows_up(const gfx_mrt_target *target, int index, float *rgba)
{
    if (index < 0 || index >= target->count)
        return core_fail(CORE_ERR_ARGUMENT, "no analysis buffer %d", index);
    return read_back(target, GL_COLOR_ATTACHMENT0 + (GLenum)index, GL_RGBA, 4, false, rgba);
}

core_result gfx_mrt_target_read_depth(const gfx_mrt_target *target, float *depth)
{
    return read_back(target, GL_NONE, GL_DEPTH_COMPONENT, 1, true, depth);
}

gfx_texture gfx_mrt_target_texture(const gfx_mrt_target *target, int index)
{
    return (gfx_texture){index >= 0 && index < target->count ? target->colors[index] : 0u};
}

int gfx_gbuffer_max_samples(void)
{
    GLint color = 0, integer = 0, depth = 0;
    glGetIntegerv(GL_MAX_COLOR_TEXTURE_SAMPLES, &color);
    glGetIntegerv(GL_MAX_INTEGER_SAMPLES, &integer);
    glGetIntegerv(GL_MAX_DEPTH_TEXTURE_SAMPLES, &depth);
    GLint most = integer < color ? integer : color;
    return (int)(depth < most ? depth : most);
}

core_result gfx_gbuffer_create(int width, int height, int samples, const gfx_image_format *formats,
                               int count, gfx_gbuffer *target)
{
    memset(target, 0, sizeof *target);
    core_result r = check_count(count);
    if (r != CORE_OK)
        return r;
    int max_samples = gfx_gbuffer_max_samples();
    if (samples < 2 || samples > max_samples || samples > GFX_GBUFFER_SAMPLES_MAX)
        return core_fail(CORE_ERR_GPU, "a G-buffer of %d samples: this GPU has 2..%d", samples,
                         max_samples < GFX_GBUFFER_SAMPLES_MAX ? max_samples
                                                               : GFX_GBUFFER_SAMPLES_MAX);
    target->count = count;
    target->width = width;
    target->height = height;
    target->samples = samples;
    glGenFramebuffers(1, &target->framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    attach_colors(width, height, samples, formats, count, target->textures);
    /* The depth as a texture the lighting pass reads sample by sample: it
     * says which samples were drawn, and where (the positions follow from
     * it), so no image has to be cleared or hold a position. 24 bits, as
     * the depth buffer it replaces, so the depth test keeps its results. */
    glGenTextures(1, &target->depth_texture);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, target->depth_texture);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, samples, GL_DEPTH_COMPONENT24, width, height,
                            GL_TRUE);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D_MULTISAMPLE,
                           target->depth_texture, 0);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    for (int i = 0; i < samples; ++i)
        glGetMultisamplefv(GL_SAMPLE_POSITION, (GLuint)i, &target->sample_positions[2 * i]);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE || glGetError() == GL_OUT_OF_MEMORY) {
        gfx_gbuffer_unload(target);
        return core_fail(CORE_ERR_GPU, "cannot make a %dx%d G-buffer of %d samples", width, height,
                         samples);
    }
    return CORE_OK;
}

void gfx_gbuffer_unload(gfx_gbuffer *target)
{
    delete_targets(target->framebuffer, target->textures, target->count, 0);
    if (target->depth_texture)
        glDeleteTextures(1, &target->depth_texture);
    memset(target, 0, sizeof *target);
}

void gfx_gbuffer_begin(const gfx_gbuffer *target)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glViewport(0, 0, target->width, target->height);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glDisable(GL_CULL_FACE);
    /* The depth alone: a sample still at the far plane was not drawn, and
     * the images are read only where one was (llvmpipe clears a pixel of
     * 16 bytes with a call to memcpy: docs/PERFORMANCE.md, "Session 11"). */
    static const float far = 1.0f;
    glClearBufferfv(GL_DEPTH, 0, &far);
}

gfx_texture gfx_gbuffer_texture(const gfx_gbuffer *target, int index)
{
    return (gfx_texture){index >= 0 && index < target->count ? target->textures[index] : 0u};
}

gfx_texture gfx_gbuffer_depth(const gfx_gbuffer *target)
{
    return (gfx_texture){target->depth_texture};
}

void gfx_mrt_target_begin_over(const gfx_mrt_target *target, const gfx_mrt_target *depth_from)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              depth_from->depth_buffer);
    glViewport(0, 0, target->width, target->height);
    glDisable(GL_CULL_FACE);
}

void gfx_mrt_target_end_over(const gfx_mrt_target *target)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              target->depth_buffer);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}
