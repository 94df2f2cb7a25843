#include "gfx/gfx.h"

#include <glad/gl.h>

#include <stdint.h>
#include <string.h>

core_result gfx_mesh_create(const gfx_mesh_desc *desc, gfx_mesh *mesh)
{
    memset(mesh, 0, sizeof *mesh);
    if (!desc->vertices || !desc->indices || desc->floats_per_vertex == 0)
        return core_fail(CORE_ERR_ARGUMENT, "gfx_mesh_create: empty mesh");
    GLsizeiptr vertex_bytes =
        (GLsizeiptr)desc->vertex_count * desc->floats_per_vertex * (GLsizeiptr)sizeof(float);
    GLsizeiptr index_bytes = (GLsizeiptr)desc->index_count * (GLsizeiptr)sizeof(uint32_t);

    glGenVertexArrays(1, &mesh->vertex_array);
    glBindVertexArray(mesh->vertex_array);
    glGenBuffers(1, &mesh->vertex_buffer);
    glBindBuffer(GL_ARRAY_BUFFER, mesh->vertex_buffer);
    glBufferData(GL_ARRAY_BUFFER, vertex_bytes, desc->vertices, GL_STATIC_DRAW);
    glGenBuffers(1, &mesh->index_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, mesh->index_buffer);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, index_bytes, desc->indices, GL_STATIC_DRAW);
    GLsizei stride = (GLsizei)(desc->floats_per_vertex * sizeof(float));
    for (uint32_t a = 0; a < desc->attribute_count; ++a) {
        const gfx_vertex_attribute *attribute = &desc->attributes[a];
        glEnableVertexAttribArray(attribute->location);
        glVertexAttribPointer(attribute->location, (GLint)attribute->components, GL_FLOAT, GL_FALSE,
                              stride, (const void *)(uintptr_t)(attribute->offset * sizeof(float)));
    }
    glBindVertexArray(0);
    mesh->index_count = desc->index_count;
    mesh->vertex_count = desc->vertex_count;
    mesh->floats_per_vertex = desc->floats_per_vertex;
    if (glGetError() == GL_OUT_OF_MEMORY) {
        gfx_mesh_unload(mesh);
        return core_fail(CORE_ERR_GPU, "not enough GPU memory for a mesh of %u vertices",
                         desc->vertex_count);
    }
    return CORE_OK;
}

void gfx_mesh_unload(gfx_mesh *mesh)
{
    if (mesh->vertex_array)
        glDeleteVertexArrays(1, &mesh->vertex_array);
    if (mesh->vertex_buffer)
        glDeleteBuffers(1, &mesh->vertex_buffer);
    if (mesh->index_buffer)
        glDeleteBuffers(1, &mesh->index_buffer);
    memset(mesh, 0, sizeof *mesh);
}

void gfx_mesh_draw(gfx_mesh mesh, uint32_t first_index, uint32_t index_count)
{
    glBindVertexArray(mesh.vertex_array);
    glDrawElements(GL_TRIANGLES, (GLsizei)index_count, GL_UNSIGNED_INT,
                   (const void *)(uintptr_t)(first_index * sizeof(uint32_t)));
    glBindVertexArray(0);
}

void gfx_cull_back_faces(bool cull, bool mirrored)
{
    /* Which side is front matters uncut too: the shaders shade a face seen
     * from behind as a sheet's other side (gl_FrontFacing). */
    glFrontFace(mirrored ? GL_CW : GL_CCW);
    if (!cull) {
        glDisable(GL_CULL_FACE);
        return;
    }
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
}

/* A context sharing objects with the one that made `source` shares its
 * buffers but not its vertex array (GL's container objects are per
 * context): a new one over the same buffers, with the layout the source was
 * made with. */
core_result gfx_mesh_share(const gfx_mesh *source, const gfx_vertex_attribute *attributes,
                           uint32_t attribute_count, gfx_mesh *shared)
{
    *shared = *source;
    shared->vertex_array = 0;
    if (!source->vertex_buffer || !source->index_buffer)
        return core_fail(CORE_ERR_ARGUMENT, "gfx_mesh_share: no buffers to share");
    glGenVertexArrays(1, &shared->vertex_array);
    glBindVertexArray(shared->vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, source->vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, source->index_buffer);
    GLsizei stride = (GLsizei)(source->floats_per_vertex * sizeof(float));
    for (uint32_t a = 0; a < attribute_count; ++a) {
        glEnableVertexAttribArray(attributes[a].location);
        glVertexAttribPointer(attributes[a].location, (GLint)attributes[a].components, GL_FLOAT,
                              GL_FALSE, stride,
                              (const void *)(uintptr_t)(attributes[a].offset * sizeof(float)));
    }
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return CORE_OK;
}

void gfx_mesh_unshare(gfx_mesh *shared)
{
    if (shared->vertex_array)
        glDeleteVertexArrays(1, &shared->vertex_array);
    memset(shared, 0, sizeof *shared); /* the buffers are the source's */
}
