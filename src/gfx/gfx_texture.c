#include "gfx/gfx.h"

#include <glad/gl.h>

#include <string.h>

core_result gfx_texture_create(int width, int height, const uint8_t *pixels, gfx_texture *texture)
{
    memset(texture, 0, sizeof *texture);
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (width <= 0 || height <= 0 || width > max_size || height > max_size)
        return core_fail(CORE_ERR_GPU, "a %dx%d texture is larger than this GPU's %d", width,
                         height, max_size);
    glGenTextures(1, &texture->id);
    glBindTexture(GL_TEXTURE_2D, texture->id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8_ALPHA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 pixels);
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_REPEAT);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_texture_unload(texture);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a %dx%d texture", width, height);
    }
    return CORE_OK;
}

core_result gfx_texture_create_rgb32f(int width, int height, const float *values,
                                     gfx_texture *texture)
{
    memset(texture, 0, sizeof *texture);
    if (width <= 0 || height <= 0 || width > 4096 || height > 4096)
        return core_fail(CORE_ERR_GPU, "a %dx%d table is larger than a table should be", width,
                         height);
    glGenTextures(1, &texture->id);
    glBindTexture(GL_TEXTURE_2D, texture->id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB32F, width, height, 0, GL_RGB, GL_FLOAT, values);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_texture_unload(texture);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a %dx%d table", width, height);
    }
    return CORE_OK;
}

void gfx_texture_unload(gfx_texture *texture)
{
    if (texture->id)
        glDeleteTextures(1, &texture->id);
    texture->id = 0;
}

void gfx_texture_bind(gfx_program program, const char *sampler, int unit, gfx_texture texture)
{
    glActiveTexture(GL_TEXTURE0 + (GLenum)unit);
    glBindTexture(GL_TEXTURE_2D, texture.id);
    glUniform1i(glGetUniformLocation(program.id, sampler), unit);
}

void gfx_texture_bind_samples(gfx_program program, const char *sampler, int unit,
                              gfx_texture texture)
{
    glActiveTexture(GL_TEXTURE0 + (GLenum)unit);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, texture.id);
    glUniform1i(glGetUniformLocation(program.id, sampler), unit);
    glActiveTexture(GL_TEXTURE0);
}

void gfx_texture_generate_mipmaps(gfx_texture texture)
{
    glBindTexture(GL_TEXTURE_2D, texture.id);
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glBindTexture(GL_TEXTURE_2D, 0);
}

static core_result check_plain_size(int width, int height, const uint8_t *pixels)
{
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (width <= 0 || height <= 0)
        return core_fail(CORE_ERR_ARGUMENT, "a %dx%d image has no pixels", width, height);
    if (!pixels)
        return core_fail(CORE_ERR_ARGUMENT, "a %dx%d image without its pixels", width, height);
    if (width > max_size || height > max_size)
        return core_fail(CORE_ERR_GPU, "a %dx%d image is larger than this GPU's %d", width, height,
                         max_size);
    return CORE_OK;
}

/* Rows are tightly packed (width * 4 bytes): the default 4-byte unpack
 * alignment happens to fit RGBA8, but another module's setting must not. */
static void upload_plain(int width, int height, const uint8_t *pixels, bool new_storage)
{
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    if (new_storage)
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     pixels);
    else
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
}

core_result gfx_texture_create_plain(int width, int height, const uint8_t *pixels,
                                     gfx_texture *texture)
{
    memset(texture, 0, sizeof *texture);
    core_result r = check_plain_size(width, height, pixels);
    if (r != CORE_OK)
        return r;
    glGenTextures(1, &texture->id);
    glBindTexture(GL_TEXTURE_2D, texture->id);
    upload_plain(width, height, pixels, true);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_texture_unload(texture);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a %dx%d image", width, height);
    }
    return CORE_OK;
}

core_result gfx_texture_update_plain(gfx_texture *texture, int width, int height,
                                     const uint8_t *pixels)
{
    if (!texture->id)
        return gfx_texture_create_plain(width, height, pixels, texture);
    core_result r = check_plain_size(width, height, pixels);
    if (r != CORE_OK)
        return r;
    glBindTexture(GL_TEXTURE_2D, texture->id);
    GLint old_width = 0, old_height = 0;
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &old_width);
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &old_height);
    upload_plain(width, height, pixels, old_width != width || old_height != height);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (glGetError() == GL_OUT_OF_MEMORY)
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a %dx%d image", width, height);
    return CORE_OK;
}
