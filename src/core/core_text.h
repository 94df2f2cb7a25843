#ifndef GLINT_CORE_TEXT_H
#define GLINT_CORE_TEXT_H

#include <stddef.h>

/* Makes a NUL-terminated string valid UTF-8 in place: every byte that does not
 * start or continue a well-formed sequence (overlong forms, surrogates and code
 * points past U+10FFFF included) becomes '?', and control characters other
 * than tab become ' '. Names from model files are untrusted; they end up in
 * JSON, window titles and terminals. Returns the string. */
char *core_utf8_sanitize(char *text);

/* Copies at most out_size - 1 bytes without cutting a UTF-8 sequence in half,
 * then sanitizes the copy. */
void core_utf8_copy(char *out, size_t out_size, const char *text);

#endif
