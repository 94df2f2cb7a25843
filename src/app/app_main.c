#include "app/app.h"

#include <stdio.h>
#include <string.h>

static const char main_help[] =
    "Usage: glint [COMMAND] [MODEL] [options]\n"
    "glint shows how a small model (a miniature, a bust, a prop) reads under one small lamp.\n"
    "\n"
    "Commands:\n"
    "  view [MODEL]              open the viewer (the default command; MODEL defaults to\n"
    "                            the bundled sample bust)\n"
    "  render MODEL -o OUT.png   render headless to a PNG\n"
    "  info MODEL                describe the model: parts, counts, size in mm, materials\n"
    "  turntable MODEL -o OUT    N angles as a contact sheet (OUT.png) or numbered frames\n"
    "  compare MODEL -o OUT.png  finishes side by side (matte, satin, gloss) under one lamp\n"
    "  check MODEL               turn the model under the lamp and flag highlights that read\n"
    "                            as pinpoints, hairlines, jitter, sparkle or facets\n"
    "\n"
    "  glint COMMAND --help      options of a command\n"
    "  glint --version           the version\n"
    "\n"
    "Exit codes: 0 success, 1 'check' flagged highlights, 2 bad usage or input,\n"
    "3 no OpenGL 3.3 context, 4 output cannot be written or exists, 5 GPU/driver failure.\n";

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(main_help, stdout);
        return APP_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("glint %s\n", GLINT_VERSION);
        return APP_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "render") == 0)
        return app_command_render(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "compare") == 0)
        return app_command_compare(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "turntable") == 0)
        return app_command_turntable(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return app_command_check(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "info") == 0)
        return app_command_info(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "view") == 0)
        return app_command_view(argc - 1, argv + 1);
    /* No command: `glint`, `glint MODEL`, `glint --size ...` all mean view. */
    return app_command_view(argc, argv);
}
