#define _POSIX_C_SOURCE 200809L
#include "plat/plat_internal.h"

#include "core/core_log.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Headless contexts need no X server. Platforms are tried in this order:
 *   1. the EGL device platform on a hardware device (NVIDIA's headless path);
 *   2. Mesa's surfaceless platform (llvmpipe on machines without a GPU);
 *   3. the default display with a pbuffer (older or other drivers);
 *   4. the device platform on a software device (Mesa's llvmpipe device).
 * A hardware device comes first so that a GPU machine with Mesa installed too
 * does not silently render on the CPU. GLINT_EGL_PLATFORM=device|surfaceless|
 * default forces one. */

typedef struct egl_state {
    EGLDisplay display;
    EGLContext context;
    EGLSurface surface;
    EGLConfig config;
    bool shared; /* plat_egl_create_shared's: the display is the main context's */
} egl_state;

typedef struct egl_functions {
    PFNEGLGETPLATFORMDISPLAYEXTPROC get_platform_display;
    PFNEGLQUERYDEVICESEXTPROC query_devices;
    PFNEGLQUERYDEVICESTRINGEXTPROC query_device_string;
} egl_functions;

static const char *egl_error_name(EGLint error)
{
    switch (error) {
    case EGL_SUCCESS: return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
    case EGL_BAD_SURFACE: return "EGL_BAD_SURFACE";
    default: return "EGL error";
    }
}

static bool has_extension(const char *list, const char *name)
{
    size_t length = strlen(name);
    for (const char *at = list; at && (at = strstr(at, name)) != NULL; at += length) {
        bool starts = at == list || at[-1] == ' ';
        bool ends = at[length] == ' ' || at[length] == '\0';
        if (starts && ends)
            return true;
    }
    return false;
}

static void append_reason(char *reasons, size_t size, const char *platform, const char *why)
{
    size_t used = strlen(reasons);
    snprintf(reasons + used, size - used, "%s%s: %s", used ? "; " : "", platform, why);
}

static EGLConfig choose_config(EGLDisplay display, bool *no_config)
{
    static const EGLint pbuffer_config[] = {
        EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
        EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
    static const EGLint any_surface_config[] = {
        EGL_SURFACE_TYPE, 0, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
        EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
    EGLConfig config = NULL;
    EGLint count = 0;
    *no_config = false;
    if (eglChooseConfig(display, pbuffer_config, &config, 1, &count) && count > 0)
        return config;
    /* Mesa's surfaceless platform may offer no pbuffer configs; glint draws
     * into its own framebuffers, so a context without any config is enough. */
    const char *extensions = eglQueryString(display, EGL_EXTENSIONS);
    if (has_extension(extensions, "EGL_KHR_no_config_context") ||
        has_extension(extensions, "EGL_MESA_configless_context")) {
        *no_config = true;
        return EGL_NO_CONFIG_KHR;
    }
    if (eglChooseConfig(display, any_surface_config, &config, 1, &count) && count > 0)
        return config;
    return NULL;
}

/* The main context's and a shared one's: 3.3 core. */
/* clang-format off */
static const EGLint context_attributes[] = {
    EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
    EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
    EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE, EGL_TRUE, EGL_NONE};
/* clang-format on */

/* Initialises the display and makes a current 3.3 core context on it. */
static bool make_context(EGLDisplay display, egl_state *state, char *why, size_t why_size)
{
    EGLint major, minor;
    if (display == EGL_NO_DISPLAY) {
        snprintf(why, why_size, "no display (%s)", egl_error_name(eglGetError()));
        return false;
    }
    if (!eglInitialize(display, &major, &minor)) {
        snprintf(why, why_size, "eglInitialize failed (%s)", egl_error_name(eglGetError()));
        return false;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        snprintf(why, why_size, "no desktop OpenGL (%s)", egl_error_name(eglGetError()));
        eglTerminate(display);
        return false;
    }
    bool no_config;
    EGLConfig config = choose_config(display, &no_config);
    if (!config && !no_config) {
        snprintf(why, why_size, "no OpenGL config (%s)", egl_error_name(eglGetError()));
        eglTerminate(display);
        return false;
    }
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attributes);
    if (context == EGL_NO_CONTEXT) {
        snprintf(why, why_size, "no OpenGL 3.3 core context (%s)", egl_error_name(eglGetError()));
        eglTerminate(display);
        return false;
    }
    EGLSurface surface = EGL_NO_SURFACE;
    const char *extensions = eglQueryString(display, EGL_EXTENSIONS);
    if (!has_extension(extensions, "EGL_KHR_surfaceless_context") && !no_config) {
        static const EGLint pbuffer_attributes[] = {EGL_WIDTH, 16, EGL_HEIGHT, 16, EGL_NONE};
        surface = eglCreatePbufferSurface(display, config, pbuffer_attributes);
    }
    if (!eglMakeCurrent(display, surface, surface, context)) {
        snprintf(why, why_size, "cannot make the context current (%s)",
                 egl_error_name(eglGetError()));
        if (surface != EGL_NO_SURFACE)
            eglDestroySurface(display, surface);
        eglDestroyContext(display, context);
        eglTerminate(display);
        return false;
    }
    state->display = display;
    state->context = context;
    state->surface = surface;
    state->config = config;
    return true;
}

static bool try_devices(const egl_functions *egl, bool want_software, egl_state *state,
                        char *description, size_t description_size, char *reasons,
                        size_t reasons_size)
{
    const char *platform = want_software ? "EGL software device" : "EGL device";
    if (!egl->query_devices || !egl->get_platform_display) {
        append_reason(reasons, reasons_size, platform, "EGL_EXT_platform_device unavailable");
        return false;
    }
    EGLDeviceEXT devices[16];
    EGLint count = 0;
    if (!egl->query_devices(16, devices, &count) || count == 0) {
        append_reason(reasons, reasons_size, platform, "no devices");
        return false;
    }
    bool tried = false;
    for (EGLint i = 0; i < count; ++i) {
        const char *extensions =
            egl->query_device_string ? egl->query_device_string(devices[i], EGL_EXTENSIONS) : "";
        bool software = has_extension(extensions, "EGL_MESA_device_software");
        if (software != want_software)
            continue;
        tried = true;
        char why[160];
        EGLDisplay display = egl->get_platform_display(EGL_PLATFORM_DEVICE_EXT, devices[i], NULL);
        if (make_context(display, state, why, sizeof why)) {
            snprintf(description, description_size, "%s %d (%s)", platform, i,
                     eglQueryString(display, EGL_VENDOR));
            return true;
        }
        append_reason(reasons, reasons_size, platform, why);
    }
    if (!tried)
        append_reason(reasons, reasons_size, platform,
                      want_software ? "no software device" : "no hardware device");
    return false;
}

static bool try_surfaceless(const egl_functions *egl, const char *client_extensions,
                            egl_state *state, char *description, size_t description_size,
                            char *reasons, size_t reasons_size)
{
    if (!egl->get_platform_display ||
        !has_extension(client_extensions, "EGL_MESA_platform_surfaceless")) {
        append_reason(reasons, reasons_size, "EGL surfaceless", "EGL_MESA_platform_surfaceless "
                                                                "unavailable");
        return false;
    }
    char why[160];
    EGLDisplay display =
        egl->get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    if (make_context(display, state, why, sizeof why)) {
        snprintf(description, description_size, "EGL surfaceless (%s)",
                 eglQueryString(display, EGL_VENDOR));
        return true;
    }
    append_reason(reasons, reasons_size, "EGL surfaceless", why);
    return false;
}

static bool try_default_display(egl_state *state, char *description, size_t description_size,
                                char *reasons, size_t reasons_size)
{
    char why[160];
    EGLDisplay display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
    if (make_context(display, state, why, sizeof why)) {
        snprintf(description, description_size, "EGL default display (%s)",
                 eglQueryString(display, EGL_VENDOR));
        return true;
    }
    append_reason(reasons, reasons_size, "EGL default display", why);
    return false;
}

core_result plat_egl_create(const plat_context_desc *desc, plat_context *context)
{
    (void)desc;
    const char *client_extensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    egl_functions egl = {0};
    if (client_extensions && (has_extension(client_extensions, "EGL_EXT_platform_base") ||
                              has_extension(client_extensions, "EGL_EXT_platform_device"))) {
        egl.get_platform_display =
            (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
        egl.query_devices = (PFNEGLQUERYDEVICESEXTPROC)eglGetProcAddress("eglQueryDevicesEXT");
        egl.query_device_string =
            (PFNEGLQUERYDEVICESTRINGEXTPROC)eglGetProcAddress("eglQueryDeviceStringEXT");
    }
    const char *forced = getenv("GLINT_EGL_PLATFORM");
    bool any = !forced || !forced[0];
    bool want_device = any || strcmp(forced, "device") == 0;
    bool want_surfaceless = any || strcmp(forced, "surfaceless") == 0;
    bool want_default = any || strcmp(forced, "default") == 0;
    if (!any && !want_device && !want_surfaceless && !want_default)
        return core_fail(CORE_ERR_ARGUMENT,
                         "GLINT_EGL_PLATFORM=%s: expected device, surfaceless or default", forced);

    egl_state *state = calloc(1, sizeof *state);
    if (!state)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory");
    char reasons[1024] = "";
    char *description = context->description;
    size_t description_size = sizeof context->description;
    bool made = (want_device && try_devices(&egl, false, state, description, description_size,
                                            reasons, sizeof reasons)) ||
                (want_surfaceless && try_surfaceless(&egl, client_extensions, state, description,
                                                     description_size, reasons,
                                                     sizeof reasons)) ||
                (want_default && try_default_display(state, description, description_size,
                                                     reasons, sizeof reasons)) ||
                (want_device && try_devices(&egl, true, state, description, description_size,
                                            reasons, sizeof reasons));
    if (!made) {
        free(state);
        return core_fail(CORE_ERR_CONTEXT, "%s", reasons[0] ? reasons : "no EGL platform");
    }
    core_log(CORE_LOG_DEBUG, "headless context: %s", description);
    context->backend_data = state;
    context->loader = (plat_proc_loader)eglGetProcAddress;
    return CORE_OK;
}

/* A second context on the same display sharing the first's objects, with
 * its own pbuffer where the first needed one (a surface is current on one
 * thread at a time). Not current anywhere until plat_egl_make_current. */
core_result plat_egl_create_shared(plat_context *context, plat_context *shared)
{
    const egl_state *main = context->backend_data;
    egl_state *state = calloc(1, sizeof *state);
    if (!state)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory");
    state->display = main->display;
    state->config = main->config;
    state->shared = true;
    /* The bound API is per thread (OpenGL ES until bound): this thread may
     * not be the one that made `context`. */
    eglBindAPI(EGL_OPENGL_API);
    state->context =
        eglCreateContext(main->display, main->config, main->context, context_attributes);
    if (state->context == EGL_NO_CONTEXT) {
        free(state);
        return core_fail(CORE_ERR_CONTEXT, "cannot make a shared OpenGL 3.3 context (%s)",
                         egl_error_name(eglGetError()));
    }
    state->surface = EGL_NO_SURFACE;
    if (main->surface != EGL_NO_SURFACE) {
        static const EGLint pbuffer_attributes[] = {EGL_WIDTH, 16, EGL_HEIGHT, 16, EGL_NONE};
        state->surface = eglCreatePbufferSurface(main->display, main->config, pbuffer_attributes);
    }
    snprintf(shared->description, sizeof shared->description, "EGL shared context");
    shared->backend_data = state;
    shared->loader = context->loader;
    return CORE_OK;
}

bool plat_egl_make_current(plat_context *context, bool current)
{
    egl_state *state = context->backend_data;
    if (current) /* on a thread other than the maker's, too: the API is bound per thread */
        return eglBindAPI(EGL_OPENGL_API) &&
               eglMakeCurrent(state->display, state->surface, state->surface, state->context);
    bool released = eglMakeCurrent(state->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglReleaseThread(); /* EGL's state for this thread, which is done with it */
    return released;
}

void plat_egl_destroy(plat_context *context)
{
    egl_state *state = context->backend_data;
    if (!state)
        return;
    if (state->shared) { /* released by its thread; the display is the main context's */
        if (state->surface != EGL_NO_SURFACE)
            eglDestroySurface(state->display, state->surface);
        eglDestroyContext(state->display, state->context);
        free(state);
        context->backend_data = NULL;
        return;
    }
    eglMakeCurrent(state->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (state->surface != EGL_NO_SURFACE)
        eglDestroySurface(state->display, state->surface);
    eglDestroyContext(state->display, state->context);
    eglTerminate(state->display);
    eglReleaseThread();
    free(state);
    context->backend_data = NULL;
}
