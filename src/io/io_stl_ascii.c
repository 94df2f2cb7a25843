#include "io/io_stl_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STL read by glint's own code, in one pass over the bytes, never past `size`
 * (the buffer need not be NUL-terminated) and without recursion.
 *
 * Tolerance policy for ASCII STL (what real exporters get wrong most often):
 * - a missing `endsolid` at the end of the file is a warning: many exporters
 *   omit it, and every facet before it is complete;
 * - the name after `endsolid` is ignored, even when it differs from the one
 *   after `solid`;
 * - facet normals are read and discarded (scene computes its own), so a
 *   normal may be anything strtod reads, "nan" included, or an MSVC-style
 *   "-1.#IND";
 * - everything else is an error naming the line: a missing `endloop`,
 *   `endfacet` or `outer loop`, a facet without exactly three vertices, a
 *   vertex coordinate that is not a finite float ("nan", "inf", "1e999"), a
 *   `solid` inside a solid (a missing `endsolid`), or text after the last
 *   `endsolid` that does not start another solid. */

/* ---- ASCII ---------------------------------------------------------------------------------- */

typedef struct stl_token {
    const char *text;
    size_t length;
    size_t line;
} stl_token;

typedef struct stl_lexer {
    const char *p;
    const char *end;
    size_t line;      /* line of p */
    size_t last_line; /* line of the last token read, for errors at the end of the file */
} stl_lexer;

/* Whitespace-separated words; CR, LF and CRLF each end a line. */
static bool next_token(stl_lexer *lx, stl_token *token)
{
    const char *p = lx->p;
    while (p < lx->end && is_space((unsigned char)*p)) {
        if (*p == '\n' || (*p == '\r' && (p + 1 == lx->end || p[1] != '\n')))
            ++lx->line;
        ++p;
    }
    if (p == lx->end) {
        lx->p = p;
        return false;
    }
    const char *start = p;
    while (p < lx->end && !is_space((unsigned char)*p))
        ++p;
    token->text = start;
    token->length = (size_t)(p - start);
    token->line = lx->line;
    lx->last_line = lx->line;
    lx->p = p;
    return true;
}

/* A token as it goes into a message: bounded, control bytes shown as '?'. */
static const char *quote(const stl_token *token, char out[48])
{
    size_t n = token->length < 40 ? token->length : 40;
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = (unsigned char)token->text[i];
        out[i] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
    }
    memcpy(out + n, token->length > n ? "..." : "", token->length > n ? 4 : 1);
    return out;
}

typedef struct stl_ascii {
    stl_lexer lx;
    io_stl_builder b;
    const char *name;
    io_model *model;
} stl_ascii;

static core_result unexpected(stl_ascii *a, const char *wanted, const stl_token *found)
{
    char text[48];
    return core_fail(CORE_ERR_PARSE, "%s:%zu: expected %s, found '%s'", a->name, found->line,
                     wanted, quote(found, text));
}

static core_result end_of_file(stl_ascii *a, const char *missing)
{
    return core_fail(CORE_ERR_PARSE, "%s:%zu: unexpected end of file inside a facet (missing %s)",
                     a->name, a->lx.last_line, missing);
}

/* The next token must be `keyword`; `missing` names what ends the facet, for EOF. */
static core_result expect(stl_ascii *a, const char *keyword, const char *missing)
{
    stl_token token;
    if (!next_token(&a->lx, &token))
        return end_of_file(a, missing);
    if (!equals_keyword(token.text, token.length, keyword)) {
        char wanted[32];
        snprintf(wanted, sizeof wanted, "'%s'", keyword);
        return unexpected(a, wanted, &token);
    }
    return CORE_OK;
}

/* strtod on a bounded copy: the buffer may end right after the number. */
static bool token_to_double(const stl_token *token, double *value)
{
    char copy[128];
    if (token->length == 0 || token->length >= sizeof copy)
        return false;
    memcpy(copy, token->text, token->length);
    copy[token->length] = '\0';
    char *end;
    *value = strtod(copy, &end);
    return end == copy + token->length;
}

static core_result read_coordinate(stl_ascii *a, uint32_t *bits, const char *missing)
{
    stl_token token;
    if (!next_token(&a->lx, &token))
        return end_of_file(a, missing);
    double value;
    if (!token_to_double(&token, &value))
        return unexpected(a, "a number", &token);
    float f = (float)value; /* a finite double may still overflow a float */
    if (!isfinite(value) || !isfinite(f)) {
        char text[48];
        return core_fail(CORE_ERR_PARSE, "%s:%zu: '%s' is not a finite number", a->name, token.line,
                         quote(&token, text));
    }
    memcpy(bits, &f, sizeof f);
    return CORE_OK;
}

/* Normals are discarded, so anything numeric-looking passes ("nan", "-1.#IND"). */
static core_result skip_normal_component(stl_ascii *a)
{
    stl_token token;
    if (!next_token(&a->lx, &token))
        return end_of_file(a, "'endfacet'");
    double ignored;
    char c = token.text[0];
    if (token_to_double(&token, &ignored) || c == '-' || c == '+' || c == '.' ||
        (c >= '0' && c <= '9'))
        return CORE_OK;
    return unexpected(a, "a number", &token);
}

/* After "facet": normal n n n, outer loop, vertex x y z (3 times), endloop, endfacet. */
static core_result parse_facet(stl_ascii *a)
{
    core_result r = expect(a, "normal", "'endfacet'");
    for (int k = 0; k < 3 && r == CORE_OK; ++k)
        r = skip_normal_component(a);
    if (r == CORE_OK)
        r = expect(a, "outer", "'endfacet'");
    if (r == CORE_OK)
        r = expect(a, "loop", "'endloop'");
    if (r == CORE_OK)
        r = io_stl_reserve_triangle(&a->b);
    if (r != CORE_OK)
        return r;
    uint32_t corners[9];
    int vertex_count = 0;
    size_t loop_line = a->lx.last_line;
    for (;;) {
        stl_token token;
        if (!next_token(&a->lx, &token))
            return end_of_file(a, "'endloop'");
        if (equals_keyword(token.text, token.length, "endloop"))
            break;
        if (!equals_keyword(token.text, token.length, "vertex"))
            return unexpected(a, vertex_count < 3 ? "'vertex'" : "'endloop'", &token);
        if (vertex_count == 3)
            return core_fail(CORE_ERR_PARSE,
                             "%s:%zu: a facet with more than 3 vertices (STL facets are "
                             "triangles)",
                             a->name, token.line);
        for (int k = 0; k < 3; ++k) {
            r = read_coordinate(a, &corners[3 * vertex_count + k], "'endloop'");
            if (r != CORE_OK)
                return r;
        }
        ++vertex_count;
    }
    if (vertex_count != 3)
        return core_fail(CORE_ERR_PARSE,
                         "%s:%zu: a facet with %d vertices (STL facets have exactly 3)", a->name,
                         loop_line, vertex_count);
    r = expect(a, "endfacet", "'endfacet'");
    for (int c = 0; c < 3 && r == CORE_OK; ++c)
        r = io_stl_add_corner(&a->b, &corners[3 * c]);
    return r;
}

/* Appends a word of a solid's name, truncating at a UTF-8 character boundary. */
static void append_name(char name[IO_NAME_MAX], const stl_token *word)
{
    size_t length = strlen(name);
    if (length && length + 1 < IO_NAME_MAX)
        name[length++] = ' ';
    size_t room = IO_NAME_MAX - 1 - length;
    size_t n = word->length < room ? word->length : room;
    if (n < word->length) {
        /* Do not split a multi-byte character: back off over continuation bytes. */
        while (n > 0 && ((unsigned char)word->text[n] & 0xC0) == 0x80)
            --n;
    }
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = (unsigned char)word->text[i];
        name[length + i] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
    }
    name[length + n] = '\0';
}

/* Words on the same line as "solid" name it, up to a keyword that starts the
 * body (some exporters write a whole solid on one line). */
static void read_solid_name(stl_ascii *a, size_t solid_line, char name[IO_NAME_MAX])
{
    name[0] = '\0';
    for (;;) {
        stl_lexer saved = a->lx;
        stl_token word;
        if (!next_token(&a->lx, &word) || word.line != solid_line ||
            equals_keyword(word.text, word.length, "facet") ||
            equals_keyword(word.text, word.length, "endsolid")) {
            a->lx = saved;
            return;
        }
        if (strlen(name) + 1 < IO_NAME_MAX)
            append_name(name, &word);
    }
}

/* Skips the optional name after "endsolid" (its own line only). */
static void skip_endsolid_name(stl_ascii *a, size_t endsolid_line)
{
    for (;;) {
        stl_lexer saved = a->lx;
        stl_token word;
        if (!next_token(&a->lx, &word) || word.line != endsolid_line ||
            equals_keyword(word.text, word.length, "solid")) {
            a->lx = saved;
            return;
        }
    }
}

core_result io_stl_parse_ascii(const char *bytes, size_t size, const char *name, io_model *model)
{
    stl_ascii a;
    memset(&a, 0, sizeof a);
    a.name = name;
    a.model = model;
    size_t start = skip_bom(bytes, size);
    a.lx.p = bytes + start;
    a.lx.end = bytes + size;
    a.lx.line = 1;
    a.lx.last_line = 1;
    /* An ASCII facet takes at least ~100 bytes; most take ~250. */
    if (!io_stl_builder_init(&a.b, name, size / 256)) {
        io_stl_builder_free(&a.b);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", name);
    }

    core_result r = CORE_OK;
    size_t solid_number = 0;
    stl_token token;
    while (r == CORE_OK && next_token(&a.lx, &token)) {
        if (!equals_keyword(token.text, token.length, "solid")) {
            r = unexpected(&a, solid_number ? "'solid' or the end of the file" : "'solid'", &token);
            break;
        }
        ++solid_number;
        char part_name[IO_NAME_MAX];
        read_solid_name(&a, token.line, part_name);
        if (!part_name[0])
            snprintf(part_name, sizeof part_name, "solid %zu", solid_number);
        size_t first = a.b.index_count;
        bool closed = false;
        while (r == CORE_OK && next_token(&a.lx, &token)) {
            if (equals_keyword(token.text, token.length, "facet")) {
                r = parse_facet(&a);
            } else if (equals_keyword(token.text, token.length, "endsolid")) {
                skip_endsolid_name(&a, token.line);
                closed = true;
                break;
            } else if (equals_keyword(token.text, token.length, "solid")) {
                r = core_fail(CORE_ERR_PARSE,
                              "%s:%zu: missing 'endsolid' (a new 'solid' begins inside '%s')", name,
                              token.line, part_name);
            } else {
                r = unexpected(&a, "'facet' or 'endsolid'", &token);
            }
        }
        if (r == CORE_OK && !closed)
            io_model_warn(model,
                          "%s:%zu: missing 'endsolid' at the end of the file; read %zu "
                          "triangles up to there",
                          name, a.lx.last_line, a.b.index_count / 3);
        if (r == CORE_OK)
            r = io_stl_add_part(&a.b, part_name, first);
    }
    if (r == CORE_OK)
        r = io_stl_builder_finish(&a.b, model);
    io_stl_builder_free(&a.b);
    return r;
}
