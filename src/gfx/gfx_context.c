#include "gfx/gfx.h"

#include "core/core_log.h"

#include <glad/gl.h>

core_result gfx_init(gfx_proc_loader loader)
{
    int version = gladLoadGL((GLADloadfunc)loader);
    if (version == 0)
        return core_fail(CORE_ERR_CONTEXT, "cannot load OpenGL functions from the context");
    int major = GLAD_VERSION_MAJOR(version), minor = GLAD_VERSION_MINOR(version);
    if (major < 3 || (major == 3 && minor < 3))
        return core_fail(CORE_ERR_CONTEXT, "the context offers OpenGL %d.%d, glint needs 3.3",
                         major, minor);
    core_log(CORE_LOG_DEBUG, "OpenGL %s on %s", gfx_version(), gfx_renderer());
    return CORE_OK;
}

const char *gfx_renderer(void)
{
    const GLubyte *name = glGetString(GL_RENDERER);
    return name ? (const char *)name : "unknown";
}

const char *gfx_version(void)
{
    const GLubyte *name = glGetString(GL_VERSION);
    return name ? (const char *)name : "unknown";
}

void gfx_finish(void)
{
    glFinish();
}
