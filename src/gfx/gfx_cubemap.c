#include "gfx/gfx.h"

#include <glad/gl.h>

#include <stdint.h>
#include <string.h>

/* Cube maps (a room's prefiltered light), drawing into their faces, and the
 * small helpers the ambient-occlusion bake needs: a depth map read back, a
 * mesh's vertices read back, and one more float per vertex in a stream. */

core_result gfx_cubemap_create(int size, int levels, const float *rgb, gfx_cubemap *cubemap)
{
    memset(cubemap, 0, sizeof *cubemap);
    if (size <= 0 || levels <= 0 || (size >> (levels - 1)) < 1)
        return core_fail(CORE_ERR_ARGUMENT, "a %d-texel cube map cannot have %d levels", size,
                         levels);
    /* Filtering across the faces' edges, so no seams show in a blurred room. */
    glEnable(GL_TEXTURE_CUBE_MAP_SEAMLESS);
    glGenTextures(1, &cubemap->id);
    glBindTexture(GL_TEXTURE_CUBE_MAP, cubemap->id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    for (int level = 0; level < levels; ++level) {
        int s = size >> level;
        for (int face = 0; face < 6; ++face) {
            const float *pixels =
                level == 0 && rgb ? rgb + (size_t)face * (size_t)size * (size_t)size * 3u : NULL;
            glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, level, GL_RGBA16F, s, s,
                         0, GL_RGB, GL_FLOAT, pixels);
        }
    }
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_BASE_LEVEL, 0);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAX_LEVEL, levels - 1);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER,
                    levels > 1 ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_CUBE_MAP, 0);
    cubemap->size = size;
    cubemap->levels = levels;
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_cubemap_unload(cubemap);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a %d-texel cube map", size);
    }
    return CORE_OK;
}

void gfx_cubemap_unload(gfx_cubemap *cubemap)
{
    if (cubemap->id)
        glDeleteTextures(1, &cubemap->id);
    memset(cubemap, 0, sizeof *cubemap);
}

void gfx_cubemap_generate_mipmaps(gfx_cubemap cubemap)
{
    glBindTexture(GL_TEXTURE_CUBE_MAP, cubemap.id);
    glGenerateMipmap(GL_TEXTURE_CUBE_MAP);
    glBindTexture(GL_TEXTURE_CUBE_MAP, 0);
}

void gfx_cubemap_bind(gfx_program program, const char *sampler, int unit, gfx_cubemap cubemap)
{
    glActiveTexture(GL_TEXTURE0 + (GLenum)unit);
    glBindTexture(GL_TEXTURE_CUBE_MAP, cubemap.id);
    glUniform1i(glGetUniformLocation(program.id, sampler), unit);
}

core_result gfx_cubemap_draw_faces(gfx_cubemap cubemap, int level,
                                   void (*draw)(int face, void *user), void *user)
{
    GLuint framebuffer = 0;
    glGenFramebuffers(1, &framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    int size = cubemap.size >> level;
    glViewport(0, 0, size, size);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    core_result r = CORE_OK;
    for (int face = 0; face < 6 && r == CORE_OK; ++face) {
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
                               GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, cubemap.id, level);
        glDrawBuffer(GL_COLOR_ATTACHMENT0);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            r = core_fail(CORE_ERR_GPU, "cannot draw into a cube map's face %d, level %d", face,
                          level);
        else
            draw(face, user);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &framebuffer);
    return r;
}

core_result gfx_depth_target_read(const gfx_depth_target *target, float *depth)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target->framebuffer);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glReadPixels(0, 0, target->size, target->size, GL_DEPTH_COMPONENT, GL_FLOAT, depth);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    if (glGetError() != GL_NO_ERROR)
        return core_fail(CORE_ERR_GPU, "cannot read a %dx%d depth map back", target->size,
                         target->size);
    return CORE_OK;
}

core_result gfx_mesh_read_vertices(gfx_mesh mesh, float *vertices)
{
    glBindBuffer(GL_ARRAY_BUFFER, mesh.vertex_buffer);
    glGetBufferSubData(GL_ARRAY_BUFFER, 0,
                       (GLsizeiptr)mesh.vertex_count * mesh.floats_per_vertex *
                           (GLsizeiptr)sizeof(float),
                       vertices);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    if (glGetError() != GL_NO_ERROR)
        return core_fail(CORE_ERR_GPU, "cannot read a mesh's %u vertices back", mesh.vertex_count);
    return CORE_OK;
}

core_result gfx_stream_create(const float *values, uint32_t count, gfx_stream *stream)
{
    memset(stream, 0, sizeof *stream);
    glGenBuffers(1, &stream->buffer);
    glBindBuffer(GL_ARRAY_BUFFER, stream->buffer);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)count * (GLsizeiptr)sizeof(float), values,
                 GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    stream->count = count;
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_stream_unload(stream);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for %u values a vertex", count);
    }
    return CORE_OK;
}

void gfx_stream_unload(gfx_stream *stream)
{
    if (stream->buffer)
        glDeleteBuffers(1, &stream->buffer);
    memset(stream, 0, sizeof *stream);
}

void gfx_mesh_draw_stream(gfx_mesh mesh, uint32_t first_index, uint32_t index_count,
                          uint32_t location, gfx_stream stream, float fallback)
{
    glBindVertexArray(mesh.vertex_array);
    if (stream.buffer && stream.count >= mesh.vertex_count) {
        glBindBuffer(GL_ARRAY_BUFFER, stream.buffer);
        glEnableVertexAttribArray(location);
        glVertexAttribPointer(location, 1, GL_FLOAT, GL_FALSE, 0, NULL);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    } else {
        /* No stream: every vertex reads the constant. */
        glDisableVertexAttribArray(location);
        glVertexAttrib1f(location, fallback);
    }
    glDrawElements(GL_TRIANGLES, (GLsizei)index_count, GL_UNSIGNED_INT,
                   (const void *)(uintptr_t)(first_index * sizeof(uint32_t)));
    glDisableVertexAttribArray(location); /* the mesh's own state as it was */
    glBindVertexArray(0);
}
