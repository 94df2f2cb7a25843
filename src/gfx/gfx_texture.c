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

void gfx_texture_generate_mipmaps(gfx_texture texture)
{
    glBindTexture(GL_TEXTURE_2D, texture.id);
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glBindTexture(GL_TEXTURE_2D, 0);
}
