#include "io/io_obj_lines.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct span {
    const char *begin;
    const char *end;
} span;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The next blank-separated token (tinyobjloader's separators); empty at the
 * end of the line. */
static span next_token(const char **cursor, const char *end)
{
    const char *p = *cursor;
    while (p < end && is_blank(*p))
        ++p;
    span token = {p, p};
    while (token.end < end && !is_blank(*token.end))
        ++token.end;
    *cursor = token.end;
    return token;
}

static bool is_empty(span token)
{
    return token.begin == token.end;
}

static bool refuse(io_obj_lines *lines, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static bool refuse(io_obj_lines *lines, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(lines->error, sizeof lines->error, format, args);
    va_end(args);
    return false;
}

/* A token as it may be quoted in a message: printable ASCII, shortened. */
static const char *quote(span token, char *out, size_t out_size)
{
    size_t n = 0;
    for (const char *p = token.begin; p < token.end && n + 4 < out_size; ++p)
        out[n++] = *p >= 0x20 && *p < 0x7f ? *p : '?';
    if (n < (size_t)(token.end - token.begin) && n + 3 < out_size)
        out[n++] = '.', out[n++] = '.', out[n++] = '.';
    out[n] = '\0';
    return out;
}

/* tinyobjloader's grammar ([sign] digits [. digits] [e [sign] digits], the
 * leading or trailing digits of a fraction optional: "1.", ".5", "+1e5"),
 * but the whole token must be the number: it reads "1x" as 1 and "nan",
 * "inf" or "0x10" as 0 or a prefix. `large` says whether fits_float must
 * look: the number has an exponent, over 38 digits before the point
 * (anything else is under 10^38, and FLT_MAX is 3.4 10^38) or 128
 * characters (which fits_float refuses). */
static bool is_number(span token, bool *large)
{
    const char *p = token.begin, *end = token.end;
    if (p < end && (*p == '+' || *p == '-'))
        ++p;
    size_t digits = 0;
    while (p < end && is_digit(*p))
        ++p, ++digits;
    *large = digits > 38 || end - token.begin >= 128;
    if (p < end && *p == '.') {
        ++p;
        while (p < end && is_digit(*p))
            ++p, ++digits;
    }
    if (digits == 0)
        return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        *large = true;
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        size_t exponent_digits = 0;
        while (p < end && is_digit(*p))
            ++p, ++exponent_digits;
        if (exponent_digits == 0)
            return false;
    }
    return p == end;
}

/* Whether the number rounds to a finite float (the half-ulp above FLT_MAX
 * rounds up to infinity); strtod only for one that may not (is_number's
 * `large`): it was a tenth of an OBJ's load. */
static bool fits_float(span token)
{
    char copy[128];
    size_t n = (size_t)(token.end - token.begin);
    if (n >= sizeof copy)
        return false; /* no exporter writes a 128-digit number */
    memcpy(copy, token.begin, n);
    copy[n] = '\0';
    double value = strtod(copy, NULL);
    return fabs(value) < 0x1.ffffffp+127;
}

/* `needed` numbers, then up to `optional` more (which must be numbers when
 * present); further tokens (vertex colours, comments) are not glint's. */
static bool check_numbers(io_obj_lines *lines, const char *cursor, const char *end,
                          const char *what, int needed, int optional, bool finite)
{
    char shown[40];
    for (int i = 0; i < needed + optional; ++i) {
        span token = next_token(&cursor, end);
        if (is_empty(token) || (i >= needed && token.begin[0] == '#')) {
            if (i < needed)
                return refuse(lines, "%s: %d of %d numbers", what, i, needed);
            return true;
        }
        bool large = false;
        if (!is_number(token, &large))
            return refuse(lines, "%s: '%s' is not a number", what,
                          quote(token, shown, sizeof shown));
        if (finite && large && !fits_float(token))
            return refuse(lines, "%s: %s is not a finite number (past float range)", what,
                          quote(token, shown, sizeof shown));
    }
    return true;
}

/* One OBJ index: [sign] digits, not 0, within int. */
static bool check_index(io_obj_lines *lines, span corner, span index, const char *what)
{
    char shown[40];
    const char *p = index.begin;
    if (p < index.end && (*p == '+' || *p == '-'))
        ++p;
    if (p == index.end)
        return refuse(lines, "face corner '%s' is not an index (v, v/vt, v//vn or v/vt/vn)",
                      quote(corner, shown, sizeof shown));
    unsigned long long value = 0;
    for (; p < index.end; ++p) {
        if (!is_digit(*p))
            return refuse(lines, "face corner '%s' is not an index (v, v/vt, v//vn or v/vt/vn)",
                          quote(corner, shown, sizeof shown));
        if (value <= (unsigned long long)INT_MAX)
            value = 10 * value + (unsigned long long)(*p - '0');
    }
    if (value > (unsigned long long)INT_MAX)
        return refuse(lines, "%s index %s is out of range", what,
                      quote(index, shown, sizeof shown));
    if (value == 0)
        return refuse(lines, "face corner '%s': %s index 0 (OBJ counts from 1)",
                      quote(corner, shown, sizeof shown), what);
    return true;
}

/* v, v/vt, v//vn or v/vt/vn. */
static bool check_corner(io_obj_lines *lines, span corner)
{
    const char *slash1 = memchr(corner.begin, '/', (size_t)(corner.end - corner.begin));
    span vertex = {corner.begin, slash1 ? slash1 : corner.end};
    if (!check_index(lines, corner, vertex, "vertex"))
        return false;
    if (!slash1)
        return true;
    const char *rest = slash1 + 1;
    const char *slash2 = memchr(rest, '/', (size_t)(corner.end - rest));
    span texcoord = {rest, slash2 ? slash2 : corner.end};
    if (!(slash2 && is_empty(texcoord)) && !check_index(lines, corner, texcoord, "texcoord"))
        return false;
    if (!slash2)
        return true;
    span normal = {slash2 + 1, corner.end};
    return check_index(lines, corner, normal, "normal");
}

static bool check_face(io_obj_lines *lines, const char *cursor, const char *end)
{
    uint64_t corners = 0;
    for (span token = next_token(&cursor, end); !is_empty(token);
         token = next_token(&cursor, end)) {
        if (++corners > IO_OBJ_FACE_MAX) {
            while (!is_empty(next_token(&cursor, end)))
                ++corners;
            return refuse(lines,
                          "a face of %llu corners; glint reads at most %d per face "
                          "(triangulating more takes minutes)",
                          (unsigned long long)corners, IO_OBJ_FACE_MAX);
        }
        if (!check_corner(lines, token))
            return false;
    }
    if (corners > 4) {
        lines->polygon_work += corners * corners;
        if (lines->polygon_work > IO_OBJ_POLYGON_WORK_MAX)
            return refuse(lines,
                          "the polygons up to here are too large to triangulate in reasonable "
                          "time (the sum of their corners squared is over %llu)",
                          (unsigned long long)IO_OBJ_POLYGON_WORK_MAX);
    }
    return true;
}

static bool keyword_is(span token, const char *keyword)
{
    size_t n = strlen(keyword);
    return (size_t)(token.end - token.begin) == n && memcmp(token.begin, keyword, n) == 0;
}

bool io_obj_check_line(io_obj_lines *lines, char *text, size_t length)
{
    lines->line++;
    char *end = text + length;
    /* A UTF-8 BOM would glue itself to the first keyword; blanks are skipped. */
    if (lines->line == 1 && length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        memset(text, ' ', 3);
    const char *cursor = text;
    span keyword = next_token(&cursor, end);
    if (keyword_is(keyword, "v"))
        return check_numbers(lines, cursor, end, "vertex", 3, 3, true); /* colours: r g b */
    if (keyword_is(keyword, "vn"))
        return check_numbers(lines, cursor, end, "normal", 3, 0, false);
    if (keyword_is(keyword, "vt"))
        return check_numbers(lines, cursor, end, "texture coordinate", 1, 1, false);
    if (keyword_is(keyword, "f"))
        return check_face(lines, cursor, end);
    if (keyword_is(keyword, "vw")) {
        /* Skin weights: glint has no use for them, and tinyobjloader converts
         * their joint ids to int unchecked (undefined for 1e999; fuzz_obj). */
        text[keyword.begin - text] = '#';
    } else if (keyword_is(keyword, "mtllib")) {
        /* Windows exporters write backslashes; tinyobjloader drops them. */
        for (char *c = text + (cursor - text); c < end; ++c) {
            if (*c == '\\')
                *c = '/';
        }
    }
    return true;
}
