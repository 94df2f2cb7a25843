#ifndef GLINT_CORE_RESULT_H
#define GLINT_CORE_RESULT_H

/* Every fallible function in glint returns a core_result. On failure it also
 * records one human-readable line (naming the file, and the line where it
 * applies) that the application prints once; lower layers never print errors
 * themselves, so a failure is reported exactly once. */
typedef enum core_result {
    CORE_OK = 0,
    CORE_ERR_ARGUMENT,    /* a caller passed something invalid */
    CORE_ERR_NOT_FOUND,   /* a file or resource does not exist */
    CORE_ERR_IO,          /* reading or writing failed */
    CORE_ERR_EXISTS,      /* refusing to overwrite something that exists */
    CORE_ERR_PARSE,       /* input is malformed */
    CORE_ERR_UNSUPPORTED, /* input is valid but not something glint handles */
    CORE_ERR_TOO_LARGE,   /* input exceeds a configured limit */
    CORE_ERR_NO_MEMORY,
    CORE_ERR_CONTEXT,     /* no OpenGL context could be created */
    CORE_ERR_GPU          /* the GL driver failed (shader, framebuffer) */
} core_result;

const char *core_result_name(core_result result);

/* Records the message for the calling thread and returns `result`, so that a
 * failure site reads `return core_fail(CORE_ERR_IO, "%s: ...", path);`. */
core_result core_fail(core_result result, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The message recorded by the last core_fail on this thread ("" if none). */
const char *core_last_error(void);
void core_clear_error(void);

#endif
