#define _POSIX_C_SOURCE 200809L
#include "app/app.h"
#include "app/app_huge_pages.h"

#include "core/core_cleanup.h"
#include "core/core_file.h"
#include "core/core_text.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const commands[] = {"view", "render", "info", "turntable", "compare", "check"};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };
static int (*const runs[COMMAND_COUNT])(int, char **) = {app_command_view,    app_command_render,
                                                         app_command_info,    app_command_turntable,
                                                         app_command_compare, app_command_check};

/* `glint rendr x.obj` is a mistyped command, not a model called "rendr":
 * a first word that is no file and looks like no path (no '.', no '/') is
 * taken for a command, with the nearest one offered. */
static int unknown_command(const char *word)
{
    if (word[0] == '-' || strchr(word, '.') || strchr(word, '/') || core_file_exists(word))
        return -1;
    const char *nearest = NULL;
    int best = 3;
    for (int c = 0; c < COMMAND_COUNT; ++c) {
        int distance = core_text_distance(word, commands[c], 3);
        if (distance < best)
            best = distance, nearest = commands[c];
    }
    if (nearest)
        fprintf(stderr, "glint: unknown command '%s' (did you mean '%s'?)\n", word, nearest);
    else
        fprintf(stderr,
                "glint: unknown command '%s' (commands: view, render, info, turntable, "
                "compare, check; glint --help)\n",
                word);
    return APP_EXIT_BAD_INPUT;
}

static const char main_help[] =
    "Usage: glint [COMMAND] [MODEL] [options]\n"
    "glint shows how a small model (a miniature, a bust, a prop) reads under one small lamp.\n"
    "\n"
    "Commands:\n"
    "  view [MODEL]              open the viewer (the default command; MODEL defaults to\n"
    "                            the bundled sample bust)\n"
    "  render MODEL -o OUT.png   render headless to a PNG (or OUT.jpg: a JPEG)\n"
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
    "3 no OpenGL 3.3 context, 4 output cannot be written or exists, 5 GPU/driver failure;\n"
    "interrupted: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP), having removed its temporary files.\n";

/* An interrupted run removes the temporary files it was writing and stops
 * ffmpeg, then dies of the same signal (SA_RESETHAND restored the default),
 * so its parent sees 128 + the signal, as for any program killed by it. */
static void on_signal(int signal_number)
{
    core_cleanup_run();
    raise(signal_number);
}

static void install_signal_handlers(void)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; ++i)
        sigaddset(&action.sa_mask, signals[i]);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; ++i) {
        struct sigaction old;
        /* What the caller ignores (nohup, a script's background job) stays ignored. */
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(signals[i], &action, NULL);
    }
}

int main(int argc, char **argv)
{
    /* Answered at once: no restart, nothing to clean up. */
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(main_help, stdout);
        return APP_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("glint %s\n", GLINT_VERSION);
        return APP_EXIT_OK;
    }
    app_huge_pages_restart(argv);
    install_signal_handlers();
    for (int c = 0; argc >= 2 && c < COMMAND_COUNT; ++c)
        if (strcmp(argv[1], commands[c]) == 0) {
            app_set_command(commands[c]);
            return runs[c](argc - 1, argv + 1);
        }
    if (argc >= 2) {
        int code = unknown_command(argv[1]);
        if (code >= 0)
            return code;
    }
    /* No command: `glint`, `glint MODEL`, `glint --size ...` all mean view. */
    app_set_command("view");
    return app_command_view(argc, argv);
}
