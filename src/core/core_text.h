#ifndef GLINT_CORE_TEXT_H
#define GLINT_CORE_TEXT_H

#include <stdbool.h>
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

/* Whether two names are the same but for ASCII case: how people type finish,
 * view and part names ("Gloss", "Eyes"). */
bool core_text_same_name(const char *a, const char *b);

/* The edit distance between two short words (insertions, deletions,
 * substitutions, a swap of neighbours), capped at `cap`: enough to offer
 * "did you mean" for a mistyped command or name. */
int core_text_distance(const char *a, const char *b, int cap);

#endif
