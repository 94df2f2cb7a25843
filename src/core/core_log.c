#include "core/core_log.h"

#include <stdarg.h>
#include <stdio.h>

static core_log_level current_level = CORE_LOG_WARNING;
static core_log_sink current_sink;
static void *current_user;

void core_log_set_level(core_log_level level)
{
    current_level = level;
}

core_log_level core_log_get_level(void)
{
    return current_level;
}

void core_log_set_sink(core_log_sink sink, void *user)
{
    current_sink = sink;
    current_user = user;
}

static void default_sink(core_log_level level, const char *message, void *user)
{
    (void)user;
    static const char *const prefixes[] = {"debug: ", "", "warning: ", "error: ", ""};
    fprintf(stderr, "glint: %s%s\n", prefixes[level], message);
}

void core_log(core_log_level level, const char *format, ...)
{
    if (level < current_level || level >= CORE_LOG_NONE)
        return;
    char message[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (current_sink)
        current_sink(level, message, current_user);
    else
        default_sink(level, message, NULL);
}
