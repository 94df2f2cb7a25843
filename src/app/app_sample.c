#define _POSIX_C_SOURCE 200809L
#include "app/app.h"

#include "core/core_file.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Where the sample lives relative to the binary: build/glint next to the
 * source tree's assets/, or an installed bin/glint next to share/glint/. */
static const char *const sample_relative_paths[] = {
    "../assets/sample/bust.obj",
    "../share/glint/assets/sample/bust.obj",
};

const char *app_sample_model_path(void)
{
    static char path[PATH_MAX + 64];
    char executable[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
    if (length > 0) {
        executable[length] = '\0';
        char folder[PATH_MAX];
        core_path_dirname(executable, folder, sizeof folder);
        for (size_t i = 0; i < sizeof sample_relative_paths / sizeof *sample_relative_paths; ++i) {
            snprintf(path, sizeof path, "%s/%s", folder, sample_relative_paths[i]);
            if (core_file_exists(path))
                return path;
        }
    }
#ifdef GLINT_SOURCE_DIR
    snprintf(path, sizeof path, "%s/assets/sample/bust.obj", GLINT_SOURCE_DIR);
    return path;
#else
    return "assets/sample/bust.obj";
#endif
}
