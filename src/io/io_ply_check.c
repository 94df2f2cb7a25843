#define _POSIX_C_SOURCE 200809L
#include "core/core_log.h"
#include "io/io_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A PLY checked whole before assimp reads it. assimp 5.2's PLY reader
 * trusts the file: it reserved what a header promised (gigabytes for a
 * 100-byte file), looped for ever on an end_header without its line end,
 * corrupted its heap on an unknown property type and on binary lists that
 * run past the data, and follows face indices into its vertex array (all
 * fuzz_ply). So the header must follow the grammar, and the body is walked
 * element by element: every list must fit, and every face index must name
 * a vertex. Linear in the file, a few milliseconds for a million faces. */

#define PLY_ELEMENTS_MAX 16
#define PLY_PROPERTIES_MAX 64
#define PLY_LIST_MAX 10000 /* corners of one face, as for OBJ */

typedef struct ply_property {
    int size;      /* scalar (or list item) bytes */
    int count_size; /* list count bytes; 0 for a scalar */
    bool item_float;
    bool is_index; /* vertex_indices / vertex_index of a non-vertex element */
} ply_property;

typedef struct ply_element {
    char name[32];
    unsigned long long count;
    ply_property properties[PLY_PROPERTIES_MAX];
    int property_count;
    int xyz; /* bits for the scalar properties x, y and z */
} ply_element;

typedef struct ply_header {
    ply_element elements[PLY_ELEMENTS_MAX];
    int element_count;
    int format; /* 0 ascii, 1 little-endian, 2 big-endian */
    const char *body;
    size_t body_size;
    unsigned long long vertices;
} ply_header;

static int type_size(const char *type, bool *is_float)
{
    static const struct {
        const char *name;
        int size;
        bool is_float;
    } types[] = {{"char", 1, 0},    {"uchar", 1, 0},   {"int8", 1, 0},      {"uint8", 1, 0},
                 {"short", 2, 0},   {"ushort", 2, 0},  {"int16", 2, 0},     {"uint16", 2, 0},
                 {"int", 4, 0},     {"uint", 4, 0},    {"int32", 4, 0},     {"uint32", 4, 0},
                 {"float", 4, 1},   {"float32", 4, 1}, {"double", 8, 1},    {"float64", 8, 1}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; ++i) {
        if (strcmp(type, types[i].name) == 0) {
            if (is_float)
                *is_float = types[i].is_float;
            return types[i].size;
        }
    }
    return 0;
}

static const char *find_end_header(const char *bytes, size_t size)
{
    size_t limit = size < 65536 ? size : 65536;
    for (size_t i = 0; i + 10 <= limit; ++i) {
        if (memcmp(bytes + i, "end_header", 10) == 0 &&
            (i == 0 || bytes[i - 1] == '\n' || bytes[i - 1] == '\r'))
            return bytes + i;
    }
    return NULL;
}

static core_result bad_line(const char *name, size_t line)
{
    return core_fail(CORE_ERR_PARSE, "%s: PLY header: line %zu is not a PLY header line", name,
                     line);
}

/* One header line (NUL-terminated, without its end) into h. */
static core_result header_line(ply_header *h, const char *line, size_t number, const char *name)
{
    char word[32], a[32], b[32], c[32], extra[2];
    unsigned long long value;
    if (number == 1)
        return CORE_OK; /* "ply", checked by detection */
    if (number == 2) {
        if (sscanf(line, "format %31s %31s %1s", word, a, extra) != 2)
            return bad_line(name, number);
        h->format = strcmp(word, "ascii") == 0                  ? 0
                    : strcmp(word, "binary_little_endian") == 0 ? 1
                    : strcmp(word, "binary_big_endian") == 0    ? 2
                                                                : -1;
        return h->format < 0 ? bad_line(name, number) : CORE_OK;
    }
    ply_element *e = h->element_count ? &h->elements[h->element_count - 1] : NULL;
    if (sscanf(line, "element %31s %llu %1s", word, &value, extra) == 2) {
        if (h->element_count == PLY_ELEMENTS_MAX)
            return core_fail(CORE_ERR_UNSUPPORTED, "%s: PLY header: more than %d elements", name,
                             PLY_ELEMENTS_MAX);
        /* assimp corrupted its heap on a second vertex element (fuzz_ply). */
        for (int k = 0; k < h->element_count; ++k) {
            if (strcmp(h->elements[k].name, word) == 0)
                return core_fail(CORE_ERR_PARSE, "%s: PLY header: line %zu: a second '%s' element",
                                 name, number, word);
        }
        e = &h->elements[h->element_count++];
        memset(e, 0, sizeof *e);
        snprintf(e->name, sizeof e->name, "%s", word);
        e->count = value;
        if (strcmp(word, "vertex") == 0)
            h->vertices = value;
        return CORE_OK;
    }
    bool is_list = sscanf(line, "property list %31s %31s %31s %1s", a, b, c, extra) == 3;
    bool is_scalar = !is_list && sscanf(line, "property %31s %31s %1s", a, b, extra) == 2 &&
                     strcmp(a, "list") != 0;
    if (is_list || is_scalar) {
        if (!e || e->property_count == PLY_PROPERTIES_MAX)
            return bad_line(name, number);
        ply_property *p = &e->properties[e->property_count++];
        bool count_float = false;
        if (is_list) {
            /* assimp 5.2 read a signed one- or two-byte count where this walk
             * did not (-128 became a 32 GB allocation; fuzz_ply): counts are
             * unsigned in every exporter we know, so signed small ones refuse. */
            if (strcmp(a, "char") == 0 || strcmp(a, "int8") == 0 || strcmp(a, "short") == 0 ||
                strcmp(a, "int16") == 0)
                return core_fail(CORE_ERR_UNSUPPORTED,
                                 "%s: PLY header: line %zu: a list counted by a signed '%s' "
                                 "(use uchar or uint8)",
                                 name, number, a);
            p->count_size = type_size(a, &count_float);
            p->size = type_size(b, &p->item_float);
            p->is_index = strcmp(e->name, "vertex") != 0 &&
                          (strcmp(c, "vertex_indices") == 0 || strcmp(c, "vertex_index") == 0);
        } else {
            p->size = type_size(a, &p->item_float);
            if (strlen(b) == 1 && b[0] >= 'x' && b[0] <= 'z')
                e->xyz |= 1 << (b[0] - 'x');
        }
        if (!p->size || (is_list && (!p->count_size || count_float)) ||
            (p->is_index && p->item_float))
            return bad_line(name, number);
        return CORE_OK;
    }
    /* Exporters write free text (Blender 2.4: a comment without "comment"),
     * which assimp skips: only broken keyword lines refuse. */
    if (strncmp(line, "element", 7) == 0 || strncmp(line, "property", 8) == 0 ||
        strncmp(line, "format", 6) == 0)
        return bad_line(name, number);
    return CORE_OK;
}

static core_result parse_header(ply_header *h, const char *bytes, size_t size, const char *name)
{
    memset(h, 0, sizeof *h);
    const char *end_header = find_end_header(bytes, size);
    if (!end_header)
        return core_fail(CORE_ERR_PARSE, "%s: PLY header has no end_header in its first 64 KB",
                         name);
    const char *after = end_header + 10, *end = bytes + size;
    if (after < end && *after == '\r')
        ++after;
    if (after >= end || *after != '\n')
        return core_fail(CORE_ERR_PARSE,
                         "%s: PLY header: end_header is not followed by a line end", name);
    h->body = after + 1;
    h->body_size = (size_t)(end - h->body);
    size_t number = 0;
    for (const char *p = bytes; p < end_header;) {
        const char *eol = p;
        while (eol < end_header && *eol != '\n' && *eol != '\r')
            ++eol;
        ++number;
        /* assimp splits the header at line feeds only: a lone CR glued lines
         * together for it and it never returned (fuzz_ply). */
        if (eol < end_header && *eol == '\r' && (eol + 1 >= end_header || eol[1] != '\n'))
            return core_fail(CORE_ERR_PARSE,
                             "%s: PLY header: line %zu ends in a carriage return alone", name,
                             number);
        bool comment = (size_t)(eol - p) >= 7 &&
                       (memcmp(p, "comment", 7) == 0 || memcmp(p, "obj_inf", 7) == 0);
        char line[256];
        size_t n = (size_t)(eol - p) < sizeof line - 1 ? (size_t)(eol - p) : sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        for (size_t i = 0; i < n && !comment; ++i) {
            if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] > 0x7e)
                return core_fail(CORE_ERR_PARSE,
                                 "%s: PLY header: line %zu holds a byte that is not ASCII text",
                                 name, number);
        }
        core_result r = comment ? CORE_OK : header_line(h, line, number, name);
        if (r != CORE_OK)
            return r;
        p = eol + 1 + (eol + 1 < end_header && eol[0] == '\r' && eol[1] == '\n');
    }
    if (number < 2)
        return bad_line(name, 2);
    /* assimp looped for ever on a header with no elements (fuzz_ply). */
    if (h->vertices == 0 && !h->element_count)
        return core_fail(CORE_ERR_PARSE, "%s: PLY header: no vertex element", name);
    bool has_vertex = false;
    for (int e = 0; e < h->element_count; ++e)
        has_vertex |= strcmp(h->elements[e].name, "vertex") == 0;
    if (!has_vertex)
        return core_fail(CORE_ERR_PARSE, "%s: PLY header: no vertex element", name);
    /* assimp sized its arrays from nothing for a vertex element without
     * coordinates (7 GB; fuzz_ply): every element needs properties, and
     * the vertices x, y and z. */
    for (int e = 0; e < h->element_count; ++e) {
        const ply_element *el = &h->elements[e];
        if (el->property_count == 0 ||
            (strcmp(el->name, "vertex") == 0 && el->xyz != 7))
            return core_fail(CORE_ERR_PARSE, "%s: PLY header: element '%s' has %s", name,
                             el->name, el->property_count ? "no x, y and z" : "no properties");
        /* Faces without their index list corrupted assimp's heap (fuzz_ply). */
        bool indexed = false;
        for (int k = 0; k < el->property_count; ++k)
            indexed |= el->properties[k].is_index;
        if (strcmp(el->name, "face") == 0 && !indexed)
            return core_fail(CORE_ERR_PARSE,
                             "%s: PLY header: element 'face' has no vertex_indices list", name);
    }
    return CORE_OK;
}

typedef struct cursor {
    const char *p, *end;
    int format;
} cursor;

/* The next value as an unsigned integer (negative: UINT64_MAX), or false
 * at the end of the data or for a token that is not a number. */
static bool next_value(cursor *c, int size, bool is_float, unsigned long long *value)
{
    if (c->format == 0) {
        /* assimp reads an ASCII PLY a line per element: values stay on it. */
        while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
            ++c->p;
        if (c->p >= c->end || *c->p == '\r' || *c->p == '\n')
            return false;
        const char *token = c->p;
        while (c->p < c->end && *c->p != ' ' && *c->p != '\t' && *c->p != '\r' && *c->p != '\n')
            ++c->p;
        if (!value)
            return true;
        char text[40];
        size_t n = (size_t)(c->p - token);
        if (n >= sizeof text)
            return false;
        memcpy(text, token, n);
        text[n] = '\0';
        char *stop;
        double v = strtod(text, &stop);
        if (*stop)
            return false;
        /* Negative, fractional or huge: ~0, which every limit refuses. */
        *value = v < 0 || v > 1e18 || v != (double)(unsigned long long)v ? ~0ull
                                                                          : (unsigned long long)v;
        return true;
    }
    if ((size_t)(c->end - c->p) < (size_t)size)
        return false;
    if (value && !is_float) {
        unsigned long long v = 0;
        for (int i = 0; i < size; ++i) {
            int k = c->format == 1 ? size - 1 - i : i;
            v = v << 8 | (unsigned char)c->p[k];
        }
        /* A negative signed value reads as a large unsigned one, which the
         * limits refuse. */
        *value = v;
    }
    c->p += size;
    return true;
}

static core_result walk_body(const ply_header *h, const char *name)
{
    cursor c = {h->body, h->body + h->body_size, h->format};
    for (int e = 0; e < h->element_count; ++e) {
        const ply_element *el = &h->elements[e];
        for (unsigned long long i = 0; i < el->count; ++i) {
            if (c.format == 0) { /* each element on its own line: past the last, and blank ones */
                if (i || e)
                    while (c.p < c.end && *c.p != '\n' && *c.p != '\r')
                        ++c.p;
                while (c.p < c.end && (*c.p == '\n' || *c.p == '\r' || *c.p == ' ' ||
                                       *c.p == '\t'))
                    ++c.p;
            }
            for (int k = 0; k < el->property_count; ++k) {
                const ply_property *p = &el->properties[k];
                unsigned long long count = 1;
                bool ok = p->count_size ? next_value(&c, p->count_size, false, &count)
                                        : next_value(&c, p->size, p->item_float, NULL);
                if (ok && p->count_size && count == ~0ull)
                    return core_fail(CORE_ERR_PARSE,
                                     "%s: PLY: %s %llu has a list count that is not a whole "
                                     "number",
                                     name, el->name, i + 1);
                if (ok && p->count_size && count > PLY_LIST_MAX)
                    return core_fail(CORE_ERR_PARSE,
                                     "%s: PLY: %s %llu has a list of %llu values (glint reads "
                                     "at most %d)",
                                     name, el->name, i + 1, count, PLY_LIST_MAX);
                for (unsigned long long j = 0; ok && p->count_size && j < count; ++j) {
                    unsigned long long index = 0;
                    ok = next_value(&c, p->size, p->item_float, p->is_index ? &index : NULL);
                    if (ok && p->is_index && index >= h->vertices)
                        return core_fail(CORE_ERR_PARSE,
                                         "%s: PLY: %s %llu names vertex %llu; the file has %llu",
                                         name, el->name, i + 1, index, h->vertices);
                }
                if (!ok)
                    return core_fail(CORE_ERR_PARSE,
                                     "%s: PLY: the data ends (or a value is not a number or "
                                     "not on its line) in %s %llu of %llu",
                                     name, el->name, i + 1, el->count);
            }
        }
    }
    return CORE_OK;
}

core_result io_ply_check_header(const char *bytes, size_t size, const char *name)
{
    ply_header *h = malloc(sizeof *h);
    if (!h)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", name);
    core_result r = parse_header(h, bytes, size, name);
    if (r == CORE_OK) {
        /* Each value takes at least a byte (binary) or two (ASCII: a digit
         * and a separator): a header promising more is refused at once. */
        unsigned long long least = 0;
        for (int e = 0; e < h->element_count; ++e) {
            unsigned long long per = 0;
            for (int k = 0; k < h->elements[e].property_count; ++k) {
                const ply_property *p = &h->elements[e].properties[k];
                per += h->format == 0 ? 2 : (unsigned long long)(p->count_size ? p->count_size : p->size);
            }
            unsigned long long count = h->elements[e].count;
            least += per && count > (1ull << 50) / per ? (1ull << 50) : count * per;
        }
        if (least > h->body_size)
            r = core_fail(CORE_ERR_PARSE,
                          "%s: PLY header promises elements of at least %llu bytes, but %zu "
                          "bytes follow it (truncated or corrupt)",
                          name, least, h->body_size);
    }
    if (r == CORE_OK)
        r = walk_body(h, name);
    free(h);
    return r;
}
