#include "core/core_result.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char last_error[1024];

const char *core_result_name(core_result result)
{
    switch (result) {
    case CORE_OK: return "ok";
    case CORE_ERR_ARGUMENT: return "invalid argument";
    case CORE_ERR_NOT_FOUND: return "not found";
    case CORE_ERR_IO: return "input/output error";
    case CORE_ERR_EXISTS: return "already exists";
    case CORE_ERR_PARSE: return "malformed input";
    case CORE_ERR_UNSUPPORTED: return "unsupported";
    case CORE_ERR_TOO_LARGE: return "too large";
    case CORE_ERR_NO_MEMORY: return "out of memory";
    case CORE_ERR_CONTEXT: return "no OpenGL context";
    case CORE_ERR_GPU: return "GPU error";
    }
    return "unknown error";
}

static bool continuation_byte(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* text[0..length) into out as its start, "…" and its end, cut between UTF-8
 * characters. */
static void elide_middle(const char *text, size_t length, char *out, size_t size)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t keep = (size - 1 - (sizeof ellipsis - 1)) / 2;
    size_t head = keep, tail = length - keep;
    while (head > 0 && continuation_byte(text[head]))
        --head;
    while (tail < length && continuation_byte(text[tail]))
        ++tail;
    memcpy(out, text, head);
    memcpy(out + head, ellipsis, sizeof ellipsis - 1);
    memcpy(out + head + sizeof ellipsis - 1, text + tail, length - tail);
    out[head + sizeof ellipsis - 1 + length - tail] = '\0';
}

core_result core_fail(core_result result, const char *format, ...)
{
    /* Format apart first: callers may pass core_last_error() itself as an
     * argument to add context ("%s: %s", path, core_last_error()). */
    char message[sizeof last_error];
    va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    int needed = vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (needed >= (int)sizeof message) {
        /* Cutting the end off would drop the reason after a long path: keep
         * the start and the end instead. */
        char *whole = malloc((size_t)needed + 1);
        if (whole) {
            vsnprintf(whole, (size_t)needed + 1, format, again);
            elide_middle(whole, (size_t)needed, message, sizeof message);
            free(whole);
        }
    }
    va_end(again);
    memcpy(last_error, message, sizeof last_error);
    /* One line is the contract: fold any newline a driver or parser gave us,
     * and drop the trailing ones. */
    size_t length = strlen(last_error);
    while (length > 0 && (last_error[length - 1] == '\n' || last_error[length - 1] == '\r' ||
                          last_error[length - 1] == ' '))
        last_error[--length] = '\0';
    for (char *c = last_error; *c; ++c) {
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    }
    return result;
}

const char *core_last_error(void)
{
    return last_error;
}

void core_clear_error(void)
{
    last_error[0] = '\0';
}
