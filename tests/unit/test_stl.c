#include "../check.h"

#include "core/core_log.h"
#include "core/core_result.h"
#include "io/io_model.h"
#include "io/io_stl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* STL files are built in memory: binary ones byte by byte, ASCII ones as text. */

static void put_u32_le(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
    b[2] = (unsigned char)(v >> 16);
    b[3] = (unsigned char)(v >> 24);
}

static void put_float_le(unsigned char *b, float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    put_u32_le(b, bits);
}

/* A binary STL of `count` triangles, corners from `corners` (9 floats each). */
static unsigned char *make_binary(const char *header, const float *corners, uint32_t count,
                                  size_t *size)
{
    *size = 84 + 50 * (size_t)count;
    unsigned char *b = calloc(1, *size);
    if (!b)
        return NULL;
    if (header)
        memcpy(b, header, strlen(header) < 80 ? strlen(header) : 80);
    put_u32_le(b + 80, count);
    for (uint32_t t = 0; t < count; ++t) {
        unsigned char *triangle = b + 84 + 50 * (size_t)t;
        put_float_le(triangle, 0.0f);
        put_float_le(triangle + 4, 0.0f);
        put_float_le(triangle + 8, 1.0f);
        for (int k = 0; k < 9; ++k)
            put_float_le(triangle + 12 + 4 * k, corners[9 * t + (uint32_t)k]);
        triangle[48] = 0xAB; /* attribute bytes: ignored */
    }
    return b;
}

/* The unit cube as 12 triangles over its 8 corners. */
static void cube_corners(float corners[12 * 9])
{
    static const int faces[12][3] = {{0, 1, 3}, {0, 3, 2}, {4, 6, 7}, {4, 7, 5},
                                     {0, 4, 5}, {0, 5, 1}, {2, 3, 7}, {2, 7, 6},
                                     {0, 2, 6}, {0, 6, 4}, {1, 5, 7}, {1, 7, 3}};
    for (int t = 0; t < 12; ++t) {
        for (int c = 0; c < 3; ++c) {
            int v = faces[t][c];
            corners[9 * t + 3 * c + 0] = (float)((v >> 2) & 1);
            corners[9 * t + 3 * c + 1] = (float)((v >> 1) & 1);
            corners[9 * t + 3 * c + 2] = (float)(v & 1);
        }
    }
}

static core_result load(const char *text, size_t size, const char *name, io_model *model)
{
    return io_model_load_memory(text, size, name, NULL, NULL, model);
}

static core_result load_text(const char *text, io_model *model)
{
    return load(text, strlen(text), "model.stl", model);
}

static bool error_has(const char *needle)
{
    bool found = strstr(core_last_error(), needle) != NULL;
    if (!found)
        fprintf(stderr, "  error was '%s', expected it to contain '%s'\n", core_last_error(),
                needle);
    return found;
}

/* Every model that loads must be well formed. */
static void check_invariants(const io_model *m)
{
    CHECK(m->index_count % 3 == 0 && m->index_count > 0);
    CHECK(m->normals == NULL && m->uvs == NULL);
    CHECK(m->material_count == 1);
    uint32_t next = 0;
    for (uint32_t p = 0; p < m->part_count; ++p) {
        CHECK(m->parts[p].first_index == next);
        CHECK(m->parts[p].index_count > 0 && m->parts[p].index_count % 3 == 0);
        CHECK(m->parts[p].material == 0);
        next += m->parts[p].index_count;
    }
    CHECK(next == m->index_count);
    bool in_range = true;
    for (uint32_t i = 0; i < m->index_count; ++i)
        in_range = in_range && m->indices[i] < m->vertex_count;
    CHECK(in_range);
}

static void test_detect(void)
{
    float corners[12 * 9];
    cube_corners(corners);
    size_t size;
    unsigned char *binary = make_binary("solid cube exported by a CAD", corners, 12, &size);
    CHECK(io_stl_detect((const char *)binary, size) == IO_STL_BINARY);
    /* Truncated: the header count no longer matches, "solid" and NULs say binary. */
    CHECK(io_stl_detect((const char *)binary, size - 7) == IO_STL_BINARY);
    /* A truncated binary whose header does not say "solid". */
    memcpy(binary, "Exported by SomeCAD  ", 21);
    CHECK(io_stl_detect((const char *)binary, size - 50) == IO_STL_BINARY);
    CHECK(io_stl_detect((const char *)binary, size) == IO_STL_BINARY);
    free(binary);

    const char *ascii = "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n"
                        "vertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid a\n";
    CHECK(io_stl_detect(ascii, strlen(ascii)) == IO_STL_ASCII);
    const char *bom = "\xEF\xBB\xBF  \r\n\tSOLID x\nendsolid\n";
    CHECK(io_stl_detect(bom, strlen(bom)) == IO_STL_ASCII);
    const char *obj = "# an OBJ file that is long enough to be a binary STL header and then some\n"
                      "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    CHECK(io_stl_detect(obj, strlen(obj)) == IO_STL_NOT_STL);
    CHECK(io_stl_detect("solidity 1 2 3", 14) == IO_STL_NOT_STL);
    CHECK(io_stl_detect("", 0) == IO_STL_NOT_STL);
    CHECK(io_stl_detect("solid", 5) == IO_STL_ASCII);
    CHECK(io_stl_detect("sol", 3) == IO_STL_NOT_STL);
    CHECK(io_stl_detect("\x01\x02\x03", 3) == IO_STL_NOT_STL); /* tiny: never a binary STL */
    CHECK(io_stl_detect("solid\0\0\0\0", 9) == IO_STL_BINARY); /* truncated inside the header */
    CHECK(io_stl_parse("solid\0\0\0\0", 9, IO_STL_BINARY, "t.stl", &(io_model){0}) ==
          CORE_ERR_PARSE);
    CHECK(error_has("t.stl: binary STL is 9 bytes"));
}

static void test_binary_cube(void)
{
    float corners[12 * 9];
    cube_corners(corners);
    size_t size;
    unsigned char *binary = make_binary("solid  my cube   ", corners, 12, &size);
    io_model model;
    CHECK(load((const char *)binary, size, "cube.stl", &model) == CORE_OK);
    CHECK(model.format == IO_FORMAT_STL_BINARY);
    CHECK(model.index_count == 36);
    CHECK(model.vertex_count == 8);
    CHECK(model.part_count == 1);
    if (model.part_count == 1)
        CHECK(strcmp(model.parts[0].name, "my cube") == 0);
    CHECK(model.warning_count == 0);
    check_invariants(&model);
    /* Positions come back exactly. */
    bool exact = true;
    for (uint32_t i = 0; i < model.index_count; ++i) {
        for (int k = 0; k < 3; ++k)
            exact = exact && model.positions[3 * model.indices[i] + (uint32_t)k] ==
                                 corners[3 * i + (uint32_t)k];
    }
    CHECK(exact);
    io_model_unload(&model);

    /* A header that is not "solid NAME" gives the default name. */
    memcpy(binary, "\x01\x02garbage", 9);
    CHECK(load((const char *)binary, size, "cube.stl", &model) == CORE_OK);
    if (model.part_count == 1)
        CHECK(strcmp(model.parts[0].name, "solid") == 0);
    io_model_unload(&model);
    free(binary);
}

static void test_binary_errors(void)
{
    float corners[2 * 9] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0};
    size_t size;
    unsigned char *binary = make_binary("solid t", corners, 2, &size);
    io_model model;
    CHECK(load((const char *)binary, size - 10, "short.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("short.stl: binary STL is 174 bytes, but its header promises 2 triangles "
                    "(84 + 50 x 2 = 184 bytes)"));
    CHECK(model.positions == NULL && model.indices == NULL && model.parts == NULL);

    put_float_le(binary + 84 + 50 + 12 + 4 * 4, NAN);
    CHECK(load((const char *)binary, size, "nan.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("nan.stl: triangle 2: a coordinate is not a finite number"));
    put_float_le(binary + 84 + 50 + 12 + 4 * 4, -INFINITY);
    CHECK(load((const char *)binary, size, "inf.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("inf.stl: triangle 2:"));
    free(binary);

    binary = make_binary("solid empty", corners, 0, &size);
    CHECK(load((const char *)binary, size, "none.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("none.stl: ") && error_has("no triangles"));
    free(binary);
}

static void test_negative_zero_welds(void)
{
    float corners[2 * 9] = {0.0f,  0.0f, 0.0f,  1, 0, 0, 0, 1, 0,
                            -0.0f, 0.0f, -0.0f, 0, 1, 0, 1, 0, 0};
    size_t size;
    unsigned char *binary = make_binary(NULL, corners, 2, &size);
    io_model model;
    CHECK(load((const char *)binary, size, "zero.stl", &model) == CORE_OK);
    CHECK(model.vertex_count == 3);
    io_model_unload(&model);
    free(binary);

    const char *text = "solid z\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\nfacet normal 0 0 1\nouter loop\n"
                       "vertex -0 -0.0 -0e5\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"
                       "endsolid z\n";
    CHECK(load_text(text, &model) == CORE_OK);
    CHECK(model.vertex_count == 3 && model.index_count == 6);
    io_model_unload(&model);
}

static void test_ascii_two_solids(void)
{
    const char *text = "solid left arm\n"
                       "  facet normal 0 0 1\n    outer loop\n"
                       "      vertex 0 0 0\n      vertex 1 0 0\n      vertex 0 1 0\n"
                       "    endloop\n  endfacet\n"
                       "  facet normal 0 0 1\n    outer loop\n"
                       "      vertex 1 0 0\n      vertex 1 1 0\n      vertex 0 1 0\n"
                       "    endloop\n  endfacet\n"
                       "endsolid left arm\n"
                       "solid\n"
                       "  facet normal 0 0 1\n    outer loop\n"
                       "      vertex 5 0 0\n      vertex 6 0 0\n      vertex 5 1 0\n"
                       "    endloop\n  endfacet\n"
                       "endsolid\n";
    io_model model;
    CHECK(load_text(text, &model) == CORE_OK);
    CHECK(model.format == IO_FORMAT_STL_ASCII);
    CHECK(model.part_count == 2);
    if (model.part_count == 2) {
        CHECK(strcmp(model.parts[0].name, "left arm") == 0);
        CHECK(model.parts[0].index_count == 6);
        CHECK(strcmp(model.parts[1].name, "solid 2") == 0);
        CHECK(model.parts[1].first_index == 6 && model.parts[1].index_count == 3);
    }
    CHECK(model.vertex_count == 7);
    CHECK(model.warning_count == 0);
    check_invariants(&model);
    io_model_unload(&model);
}

static void test_ascii_crlf_tabs_case(void)
{
    const char *text = "\xEF\xBB\xBFSOLID Part\r\n"
                       "\tFACET NORMAL 0.0E+00 -0 1\r\n\t\tOuter Loop\r\n"
                       "\t\t\tVERTEX 1e-3 +5 -2.5\r\n\t\t\tVertex 1.5E2 0 0\r\n"
                       "\t\t\tvertex\t0\t1\t0\r\n\t\tENDLOOP\r\n\tEndFacet\r\n"
                       "ENDSOLID Part\r\n";
    io_model model;
    CHECK(load_text(text, &model) == CORE_OK);
    CHECK(model.index_count == 3 && model.vertex_count == 3);
    if (model.index_count == 3) {
        const float *p = &model.positions[3 * model.indices[0]];
        CHECK_NEAR(p[0], 1e-3, 1e-9);
        CHECK_NEAR(p[1], 5.0, 0);
        CHECK_NEAR(p[2], -2.5, 0);
        CHECK_NEAR(model.positions[3 * model.indices[1]], 150.0, 0);
    }
    if (model.part_count == 1)
        CHECK(strcmp(model.parts[0].name, "Part") == 0);
    io_model_unload(&model);

    /* Old Mac line endings count lines too: the error is on line 3. */
    const char *cr = "solid a\rfacet normal 0 0 1\router loops\r";
    CHECK(load_text(cr, &model) == CORE_ERR_PARSE);
    CHECK(error_has("model.stl:3: expected 'loop', found 'loops'"));
}

/* Each broken file must fail with the file name and the right line. */
static void test_ascii_errors(void)
{
    static const struct {
        const char *text;
        const char *message;
    } cases[] = {
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "vertex 1 1 1\nendloop\nendfacet\nendsolid\n",
         "bad.stl:7: a facet with more than 3 vertices"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendfacet\n",
         "bad.stl:6: expected 'vertex', found 'endfacet'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\n"
         "endfacet\nendsolid\n",
         "bad.stl:3: a facet with 2 vertices"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "endfacet\nendsolid\n",
         "bad.stl:7: expected 'endloop', found 'endfacet'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "endloop\nendsolid\n",
         "bad.stl:8: expected 'endfacet', found 'endsolid'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "endloop\n",
         "bad.stl:7: unexpected end of file inside a facet (missing 'endfacet')"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0\n",
         "bad.stl:5: unexpected end of file inside a facet (missing 'endloop')"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1e999 0 0\n",
         "bad.stl:5: '1e999' is not a finite number"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1e39 0\n",
         "bad.stl:6: '1e39' is not a finite number"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex nan 0 0\n",
         "bad.stl:4: 'nan' is not a finite number"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 -inf 0\n",
         "bad.stl:4: '-inf' is not a finite number"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 1,5 0\n",
         "bad.stl:4: expected a number, found '1,5'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0\nvertex 1 0 0\n",
         "bad.stl:5: expected a number, found 'vertex'"},
        {"solid a\nfacet 0 0 1\n", "bad.stl:2: expected 'normal', found '0'"},
        {"solid a\nfacet normal 0 0 1\nloop\n", "bad.stl:3: expected 'outer', found 'loop'"},
        {"solid a\nfacet normal 0 0\nouter loop\n", "bad.stl:3: expected a number, found 'outer'"},
        {"solid a\nvertex 0 0 0\n", "bad.stl:2: expected 'facet' or 'endsolid', found 'vertex'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "endloop\nendfacet\nsolid b\n",
         "bad.stl:9: missing 'endsolid'"},
        {"solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
         "endloop\nendfacet\nendsolid a\n\n\ngarbage here\n",
         "bad.stl:12: expected 'solid' or the end of the file, found 'garbage'"},
        {"solid a\nendsolid a\n", "bad.stl: no triangles"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; ++c) {
        io_model model;
        core_clear_error();
        core_result r = load(cases[c].text, strlen(cases[c].text), "bad.stl", &model);
        CHECK(r == CORE_ERR_PARSE);
        if (r != CORE_ERR_PARSE || !error_has(cases[c].message))
            fprintf(stderr, "  in case %zu\n", c);
        CHECK(strstr(core_last_error(), cases[c].message) != NULL);
        CHECK(model.positions == NULL && model.indices == NULL && model.warning_count == 0);
    }
}

static void test_tolerated(void)
{
    /* No final endsolid: a warning, the triangles are kept. */
    const char *open = "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\n";
    io_model model;
    CHECK(load_text(open, &model) == CORE_OK);
    CHECK(model.index_count == 3);
    CHECK(model.warning_count == 1);
    if (model.warning_count == 1) {
        CHECK(strstr(model.warnings[0], "model.stl:8: missing 'endsolid'") != NULL);
    }
    io_model_unload(&model);

    /* Normals are discarded, so broken ones are accepted; so is a mismatched endsolid name and
     * a whole solid on one line; an empty solid makes no part. */
    const char *odd = "solid empty\nendsolid empty\n"
                      "solid one facet normal nan -nan(ind) -1.#IND outer loop vertex 0 0 0 "
                      "vertex 1 0 0 vertex 0 1 0 endloop endfacet endsolid other\n"
                      "solid\nendsolid\n";
    CHECK(load_text(odd, &model) == CORE_OK);
    CHECK(model.part_count == 1 && model.warning_count == 0);
    if (model.part_count == 1)
        CHECK(strcmp(model.parts[0].name, "one") == 0);
    io_model_unload(&model);

    /* A name longer than a part name holds is cut, not overflowed. */
    char long_name[800] = "solid ";
    for (int i = 0; i < 100; ++i)
        strcat(long_name, "word ");
    strcat(long_name, "\nfacet normal 0 0 1 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 "
                      "endloop endfacet endsolid\n");
    CHECK(load_text(long_name, &model) == CORE_OK);
    if (model.part_count == 1)
        CHECK(strlen(model.parts[0].name) == IO_NAME_MAX - 1);
    io_model_unload(&model);
}

static double seconds_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

/* Pathological inputs must fail (or load) fast: linear time, no recursion. */
static void test_pathological(void)
{
    size_t size = 10u << 20;
    char *text = malloc(size);
    CHECK(text != NULL);
    if (!text)
        return;
    io_model model;

    /* A 10 MB line where a keyword belongs. */
    memcpy(text, "solid a\n", 8);
    memset(text + 8, 'x', size - 8);
    clock_t start = clock();
    CHECK(load(text, size, "long.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("long.stl:2: expected 'facet' or 'endsolid', found 'xxxxxxxx"));
    CHECK(strlen(core_last_error()) < 200);
    CHECK(seconds_since(start) < 1.0);

    /* A 10 MB number. */
    const char *prefix = "solid a\nfacet normal 0 0 1 outer loop vertex ";
    memcpy(text, prefix, strlen(prefix));
    memset(text + strlen(prefix), '1', size - strlen(prefix));
    CHECK(load(text, size, "number.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("number.stl:2: expected a number, found '1111"));

    /* A 10 MB solid name, with no end of line. */
    memcpy(text, "solid ", 6);
    memset(text + 6, 'n', size - 6);
    CHECK(load(text, size, "name.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("name.stl: no triangles"));
    io_model_unload(&model);

    /* 100k solids, each with one triangle, all on one 10 MB line. */
    const char *solid = "solid s facet normal 0 0 1 outer loop vertex 0 0 0 vertex 1 0 0 "
                        "vertex 0 1 0 endloop endfacet endsolid ";
    size_t solid_length = strlen(solid), used = 0, solids = 0;
    while (used + solid_length <= size && solids < 100000) {
        memcpy(text + used, solid, solid_length);
        used += solid_length;
        ++solids;
    }
    start = clock();
    CHECK(load(text, used, "many.stl", &model) == CORE_OK);
    CHECK(model.part_count == solids && model.vertex_count == 3);
    CHECK(seconds_since(start) < 2.0);
    io_model_unload(&model);

    /* 5 M repetitions of "solid" on one line: one solid with a long name and nothing in it. */
    used = 0;
    while (used + 6 <= size) {
        memcpy(text + used, "solid ", 6);
        used += 6;
    }
    start = clock();
    CHECK(load(text, used, "solids.stl", &model) == CORE_ERR_PARSE);
    CHECK(error_has("solids.stl: no triangles"));
    CHECK(seconds_since(start) < 1.0);
    free(text);
}

static void test_direct_parse(void)
{
    /* io_stl_parse alone, as scene's tests might call it, on a zeroed model. */
    const char *text = "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\nendsolid\n";
    io_model model = {0};
    CHECK(io_stl_parse(text, strlen(text), IO_STL_ASCII, "direct.stl", &model) == CORE_OK);
    CHECK(model.index_count == 3 && model.material_count == 1);
    io_model_unload(&model);
    CHECK(io_stl_parse(text, strlen(text), IO_STL_NOT_STL, "direct.stl", &model) ==
          CORE_ERR_ARGUMENT);
    io_model_unload(&model);
}

int main(void)
{
    core_log_set_level(CORE_LOG_ERROR); /* the tolerated cases warn on purpose */
    test_detect();
    test_binary_cube();
    test_binary_errors();
    test_negative_zero_welds();
    test_ascii_two_solids();
    test_ascii_crlf_tabs_case();
    test_ascii_errors();
    test_tolerated();
    test_pathological();
    test_direct_parse();
    return check_done("test_stl");
}
