/* Paint as data: named paints and #rrggbb, the paint a part has from its
 * file, and vertex colours carried through scene's normals (split and weld). */
#include "../check.h"

#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_normals.h"
#include "scene/scene_paint.h"

#include <stdlib.h>
#include <string.h>

static void test_named_paints(void)
{
    static const char *const expected[] = {"grey-primer", "white-primer", "black-primer", "silver",
                                           "gold",        "bronze",       "copper"};
    CHECK(scene_paint_named_count() == sizeof expected / sizeof *expected);
    for (size_t i = 0; i < scene_paint_named_count(); ++i) {
        CHECK(strcmp(scene_paint_named(i), expected[i]) == 0);
        scene_paint paint;
        CHECK(scene_paint_parse(scene_paint_named(i), &paint));
        CHECK(paint.source == SCENE_PAINT_CHOSEN);
        CHECK(strcmp(paint.name, expected[i]) == 0);
        /* Primers are paint over which light scatters; the rest are metals. */
        CHECK(paint.metallic == (i < 3 ? 0.0f : 1.0f));
        for (int k = 0; k < 3; ++k)
            CHECK(paint.color[k] > 0.0f && paint.color[k] <= 1.0f);
    }
    CHECK(scene_paint_named(scene_paint_named_count()) == NULL);

    scene_paint black, grey, white, gold, silver, copper;
    CHECK(scene_paint_parse("BLACK-primer", &black)); /* any case */
    CHECK(scene_paint_parse("Grey-Primer", &grey));
    CHECK(scene_paint_parse("white-primer", &white));
    CHECK(scene_paint_parse("Gold", &gold));
    CHECK(scene_paint_parse("silver", &silver));
    CHECK(scene_paint_parse("COPPER", &copper));
    CHECK(strcmp(gold.name, "gold") == 0); /* named as listed, whatever the case typed */
    /* Real primers: black reflects a few percent, white most but not all. */
    CHECK(black.color[0] < 0.06f && white.color[0] > 0.7f && white.color[0] < 0.95f);
    CHECK(black.color[0] < grey.color[0] && grey.color[0] < white.color[0]);
    /* Metal tints: silver nearly neutral and bright; gold and copper warm,
     * blue reflected least. */
    CHECK(silver.color[2] > 0.9f && silver.color[0] - silver.color[2] < 0.05f);
    CHECK(gold.color[0] > gold.color[1] && gold.color[1] > gold.color[2]);
    CHECK(copper.color[0] > copper.color[1] && copper.color[2] < 0.6f);
    scene_paint gray;
    CHECK(scene_paint_parse("gray-primer", &gray) && gray.color[0] == grey.color[0]);
}

static void test_hex_paints(void)
{
    scene_paint paint;
    CHECK(scene_paint_parse("#ff0000", &paint));
    CHECK(paint.source == SCENE_PAINT_CHOSEN && paint.metallic == 0.0f);
    CHECK_NEAR(paint.color[0], 1.0, 1e-6);
    CHECK_NEAR(paint.color[1], 0.0, 1e-6);
    CHECK(strcmp(paint.name, "#ff0000") == 0);
    /* sRGB to linear (IEC 61966-2-1): 128 is 0.2159 on the curve's power
     * part, 10 is 0.003035 on its linear toe. */
    CHECK(scene_paint_parse("#80800A", &paint));
    CHECK_NEAR(paint.color[0], 0.2158605, 1e-5);
    CHECK_NEAR(paint.color[1], 0.2158605, 1e-5);
    CHECK_NEAR(paint.color[2], 0.0030353, 1e-6);
    CHECK(strcmp(paint.name, "#80800a") == 0);
    /* "#rgb" doubles each digit, as CSS does. */
    CHECK(scene_paint_parse("#F80", &paint));
    CHECK(strcmp(paint.name, "#ff8800") == 0);
    scene_paint same;
    CHECK(scene_paint_parse("#ff8800", &same));
    CHECK(memcmp(paint.color, same.color, sizeof paint.color) == 0);

    static const char *const bad[] = {"",        "#",        "#12345",   "#1234567", "#gg0000",
                                      "ff0000",  "#ff00 0",  "golden",   "grey primer",
                                      "gold ",   " gold",    "#ff0000 ", "primer",   "#12"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        scene_paint untouched = {.source = SCENE_PAINT_FILE, .color = {0.25f, 0.5f, 0.75f}};
        bool parsed = scene_paint_parse(bad[i], &untouched);
        if (parsed)
            fprintf(stderr, "accepted \"%s\"\n", bad[i]);
        CHECK(!parsed);
        CHECK(untouched.source == SCENE_PAINT_FILE && untouched.color[1] == 0.5f);
    }
    CHECK(!scene_paint_parse(NULL, &paint));
}

/* A unit cube on 8 shared corners, each its own colour, no normals: at the
 * default crease every corner splits in three, and each copy must keep its
 * corner's colour. */
static const float cube_positions[8 * 3] = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0,
                                            0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
static const uint32_t cube_indices[36] = {0, 3, 2, 0, 2, 1, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
                                          3, 7, 6, 3, 6, 2, 0, 4, 7, 0, 7, 3, 1, 2, 6, 1, 6, 5};

static void corner_color(const float *p, float *rgb)
{
    /* Distinct per corner and never white, so a lost colour shows. */
    rgb[0] = 0.1f + 0.8f * p[0];
    rgb[1] = 0.2f + 0.3f * p[1] + 0.4f * p[0] * p[2];
    rgb[2] = 0.05f + 0.6f * p[2];
}

static void check_colors_follow_positions(const scene_normals_output *out)
{
    for (uint32_t v = 0; v < out->vertex_count; ++v) {
        const float *vertex = &out->vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        float rgb[3];
        corner_color(vertex, rgb);
        for (int k = 0; k < 3; ++k)
            CHECK(vertex[SCENE_VERTEX_COLOR + k] == rgb[k]);
    }
}

static void test_colors_through_normals(void)
{
    float colors[8 * 3];
    for (int v = 0; v < 8; ++v)
        corner_color(&cube_positions[3 * v], &colors[3 * v]);
    scene_normals_input in = {.positions = cube_positions,
                              .colors = colors,
                              .vertex_count = 8,
                              .indices = cube_indices,
                              .index_count = 36,
                              .crease_angle_deg = 40.0f,
                              .positions_unique = true};
    scene_normals_output out;
    CHECK(scene_normals_build(&in, &out) == CORE_OK);
    CHECK(out.vertex_count == 24); /* split at every crease */
    check_colors_follow_positions(&out);
    free(out.vertices);
    free(out.indices);

    /* The same cube as 24 vertices, one per face corner, welded by position
     * to average normals: welding must not mix colours either. Each face's
     * corners carry the colour of their position. */
    float positions[24 * 3], face_colors[24 * 3];
    uint32_t indices[36], count = 0;
    for (uint32_t face = 0; face < 6; ++face) {
        uint32_t slot_of[8] = {0}; /* corner -> vertex + 1 within this face */
        for (uint32_t c = 6 * face; c < 6 * face + 6; ++c) {
            uint32_t corner = cube_indices[c];
            if (!slot_of[corner]) {
                slot_of[corner] = ++count;
                memcpy(&positions[3 * (count - 1)], &cube_positions[3 * corner], 3 * sizeof(float));
                corner_color(&cube_positions[3 * corner], &face_colors[3 * (count - 1)]);
            }
            indices[c] = slot_of[corner] - 1;
        }
    }
    CHECK(count == 24);
    in = (scene_normals_input){.positions = positions,
                               .colors = face_colors,
                               .vertex_count = 24,
                               .indices = indices,
                               .index_count = 36,
                               .crease_angle_deg = 180.0f}; /* weld everything: smooth */
    CHECK(scene_normals_build(&in, &out) == CORE_OK);
    CHECK(out.vertex_count == 24);
    check_colors_follow_positions(&out);
    free(out.vertices);
    free(out.indices);

    /* Colours out of range are clamped; NaN is white. */
    float hostile[24 * 3];
    for (int i = 0; i < 24 * 3; ++i)
        hostile[i] = i % 3 == 0 ? NAN : i % 3 == 1 ? -2.0f : 7.0f;
    in.colors = hostile;
    CHECK(scene_normals_build(&in, &out) == CORE_OK);
    for (uint32_t v = 0; v < out.vertex_count; ++v) {
        const float *c = &out.vertices[(size_t)v * SCENE_VERTEX_FLOATS + SCENE_VERTEX_COLOR];
        CHECK(c[0] == 1.0f && c[1] == 0.0f && c[2] == 1.0f);
    }
    free(out.vertices);
    free(out.indices);

    /* No colours in the file: white, which multiplies to the identity. */
    in.colors = NULL;
    CHECK(scene_normals_build(&in, &out) == CORE_OK);
    for (uint32_t v = 0; v < out.vertex_count; ++v)
        for (int k = 0; k < 3; ++k)
            CHECK(out.vertices[(size_t)v * SCENE_VERTEX_FLOATS + SCENE_VERTEX_COLOR + k] == 1.0f);
    free(out.vertices);
    free(out.indices);
}

/* Three parts of the cube: vertex coloured, textured, plain. */
static void three_part_model(io_model *model, io_part *parts, io_material *materials,
                             float *colors)
{
    memset(model, 0, sizeof *model);
    memset(parts, 0, 3 * sizeof *parts);
    memset(materials, 0, 3 * sizeof *materials);
    for (int v = 0; v < 8; ++v)
        corner_color(&cube_positions[3 * v], &colors[3 * v]);
    model->format = IO_FORMAT_OBJ;
    model->positions = (float *)cube_positions;
    model->colors = colors;
    model->vertex_count = 8;
    model->indices = (uint32_t *)cube_indices;
    model->index_count = 36;
    model->parts = parts;
    model->part_count = 3;
    model->materials = materials;
    model->material_count = 3;
    static const char *const names[] = {"scan", "skin", "base"};
    for (uint32_t p = 0; p < 3; ++p) {
        snprintf(parts[p].name, sizeof parts[p].name, "%s", names[p]);
        parts[p].material = p;
        parts[p].first_index = 12 * p;
        parts[p].index_count = 12;
        materials[p].base_color[0] = 0.2f * (float)(p + 1);
        materials[p].base_color[1] = 0.1f;
        materials[p].base_color[2] = 0.05f;
        materials[p].opacity = 1.0f;
    }
    parts[0].vertex_colored = true;
    materials[1].texture_state = IO_TEXTURE_LOADED; /* pixels not needed here */
}

static void test_paint_from_file(void)
{
    io_model model;
    io_part parts[3];
    io_material materials[3];
    float colors[8 * 3];
    three_part_model(&model, parts, materials, colors);
    const scene_paint_source expected[] = {SCENE_PAINT_VERTEX, SCENE_PAINT_TEXTURE,
                                           SCENE_PAINT_FILE};
    for (uint32_t p = 0; p < 3; ++p) {
        scene_paint paint = scene_paint_from_file(&model, p);
        CHECK(paint.source == expected[p]);
        CHECK(paint.metallic == 0.0f && paint.name[0] == '\0');
        /* The material's colour, which multiplies a texture; vertex colours
         * are the paint as they are (white multiplies to the identity). */
        const float *expected_color = p == 0 ? (const float[3]){1, 1, 1} : materials[p].base_color;
        CHECK(memcmp(paint.color, expected_color, sizeof paint.color) == 0);
    }
    /* glTF's spec multiplies COLOR_0 by the material's base colour factor. */
    model.format = IO_FORMAT_GLB;
    scene_paint gltf = scene_paint_from_file(&model, 0);
    CHECK(gltf.source == SCENE_PAINT_VERTEX);
    CHECK(memcmp(gltf.color, materials[0].base_color, sizeof gltf.color) == 0);
    model.format = IO_FORMAT_OBJ;
    /* A texture named but not loaded is no texture. */
    materials[1].texture_state = IO_TEXTURE_MISSING;
    CHECK(scene_paint_from_file(&model, 1).source == SCENE_PAINT_FILE);
    materials[1].texture_state = IO_TEXTURE_LOADED;

    /* The mesh carries them, the colours in its vertices, and a chosen paint
     * can be undone. */
    scene_mesh mesh;
    CHECK(scene_mesh_from_model(&model, NULL, &mesh) == CORE_OK);
    CHECK(mesh.part_count == 3);
    for (uint32_t p = 0; p < mesh.part_count && p < 3; ++p) {
        const scene_part *part = &mesh.parts[p];
        CHECK(part->paint.source == expected[p] && part->file_paint.source == expected[p]);
        CHECK(memcmp(part->base_color, part->file_paint.color, sizeof part->base_color) == 0);
        CHECK(part->base_color[0] == (p == 0 ? 1.0f : materials[p].base_color[0]));
    }
    for (uint32_t v = 0; v < mesh.vertex_count; ++v) {
        const float *vertex = &mesh.vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        float rgb[3];
        corner_color(vertex, rgb);
        CHECK(memcmp(&vertex[SCENE_VERTEX_COLOR], rgb, sizeof rgb) == 0);
    }
    scene_paint gold;
    CHECK(scene_paint_parse("gold", &gold));
    scene_part_set_paint(&mesh.parts[0], &gold);
    CHECK(mesh.parts[0].paint.source == SCENE_PAINT_CHOSEN && mesh.parts[0].paint.metallic == 1.0f);
    CHECK(memcmp(mesh.parts[0].base_color, gold.color, sizeof gold.color) == 0);
    CHECK(mesh.parts[0].file_paint.source == SCENE_PAINT_VERTEX); /* kept for undo */
    /* Silver stays metal under satin; any paint is metal under the metal finish. */
    scene_finish satin = scene_finish_preset(SCENE_FINISH_SATIN);
    scene_finish metal = scene_finish_preset(SCENE_FINISH_METAL);
    CHECK(satin.metallic == 0.0f && scene_paint_metallic(&gold, &satin) == 1.0f);
    CHECK(scene_paint_metallic(&mesh.parts[1].paint, &satin) == 0.0f);
    CHECK(scene_paint_metallic(&mesh.parts[1].paint, &metal) == 1.0f);
    scene_part_set_paint(&mesh.parts[0], NULL);
    CHECK(mesh.parts[0].paint.source == SCENE_PAINT_VERTEX);
    CHECK(mesh.parts[0].base_color[0] == 1.0f && mesh.parts[0].base_color[2] == 1.0f);
    scene_mesh_unload(&mesh);

    /* The material is the paint's surface: Pm and Pr (or Ns) are its
     * metallic and roughness; a named paint brings its own; a #rrggbb
     * paint is a new colour on the file's surface. */
    materials[2].pbr_metallic = 1.0f;
    materials[2].pbr_roughness = 0.45f;
    scene_paint metal_file = scene_paint_from_file(&model, 2);
    CHECK(metal_file.metallic == 1.0f);
    CHECK_NEAR(metal_file.roughness, 0.45, 1e-6);
    CHECK(scene_mesh_from_model(&model, NULL, &mesh) == CORE_OK);
    scene_paint red;
    CHECK(scene_paint_parse("#ff0000", &red) && red.roughness < 0.0f);
    scene_part_set_paint(&mesh.parts[2], &red);
    CHECK(mesh.parts[2].paint.metallic == 1.0f);
    CHECK_NEAR(mesh.parts[2].paint.roughness, 0.45, 1e-6);
    CHECK(mesh.parts[2].paint.color[0] == 1.0f && mesh.parts[2].paint.color[1] == 0.0f);
    scene_part_set_paint(&mesh.parts[2], &gold);
    CHECK_NEAR(mesh.parts[2].paint.roughness, gold.roughness, 1e-6);
    CHECK_NEAR(gold.roughness, 0.30, 1e-6);
    scene_mesh_unload(&mesh);
    materials[2].pbr_metallic = 0.0f;
    materials[2].pbr_roughness = 0.0f;

    /* Vertex colours claimed by a part but absent from the model: not used. */
    model.colors = NULL;
    CHECK(scene_paint_from_file(&model, 0).source == SCENE_PAINT_FILE);
    CHECK(scene_paint_from_file(&model, 7).source == SCENE_PAINT_FILE); /* out of range */
}

int main(void)
{
    test_named_paints();
    test_hex_paints();
    test_colors_through_normals();
    test_paint_from_file();
    return check_done("test_paint");
}
