#ifndef GLINT_CORE_LOG_H
#define GLINT_CORE_LOG_H

/* The one logging function. Messages below the current level are dropped;
 * the sink defaults to stderr as "glint: [level: ]message"; app sets one that
 * names the command ("glint render: warning: ..."). */
typedef enum core_log_level {
    CORE_LOG_DEBUG = 0,
    CORE_LOG_INFO,
    CORE_LOG_WARNING,
    CORE_LOG_ERROR,
    CORE_LOG_NONE
} core_log_level;

typedef void (*core_log_sink)(core_log_level level, const char *message, void *user);

void core_log_set_level(core_log_level level);
core_log_level core_log_get_level(void);
/* A NULL sink restores the default (stderr). */
void core_log_set_sink(core_log_sink sink, void *user);

void core_log(core_log_level level, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
