#define _POSIX_C_SOURCE 200809L
#include "app/app.h"
#include "core/core_time.h"

#include "core/core_log.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

void app_progress_begin(app_progress *progress, const char *command, bool quiet)
{
    progress->command = command;
    progress->shown = !quiet && isatty(STDERR_FILENO) && core_log_get_level() > CORE_LOG_INFO;
    progress->started = core_seconds();
}

void app_progress_show(app_progress *progress, int done, int total)
{
    if (!progress->shown)
        return;
    enum { WIDTH = 30 };
    int filled = total > 0 ? done * WIDTH / total : WIDTH;
    double elapsed = core_seconds() - progress->started;
    double left = done > 0 ? elapsed * (double)(total - done) / (double)done : 0.0;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; ++i)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\rglint %s: [%s] %d/%d, %d:%02d left ", progress->command, bar, done, total,
            (int)left / 60, (int)left % 60);
    if (done >= total)
        fprintf(stderr, "\r%*s\r", WIDTH + 56, "");
    fflush(stderr);
}
