/* Paint on screen: a file's vertex colours and texture, a chosen paint that
 * replaces them (and gives them back), and a metallic paint that stays metal
 * under a satin varnish. Reads linear radiance, before tone mapping. */
#include "../check.h"
#include "gpu_fixture.h"

#include "scene/scene_paint.h"

#include <cglm/cglm.h>

#include <string.h>

enum { W = 160, H = 120 };
static float radiance[W * H * 4];

/* A 20 x 10 mm card facing +Z: its left half (x < 0) red, its right half
 * green, as vertex colours; x = 0 is on both halves, once in each colour. */
static const float card_positions[8 * 3] = {-10, -5, 0, 0, -5, 0, 0, 5, 0, -10, 5, 0,
                                            0,   -5, 0, 10, -5, 0, 10, 5, 0, 0, 5, 0};
static const float card_colors[8 * 3] = {1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0,
                                         0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0};
static float card_normals[8 * 3];
static float card_uvs[8 * 2];
static const uint32_t card_indices[12] = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};

/* Uploads the card; `texture` (RGBA8, 2 x 2) makes its one material textured
 * instead of vertex coloured. */
static int upload_card(const uint8_t *texture, render_model *out)
{
    for (int v = 0; v < 8; ++v)
        card_normals[3 * v + 2] = 1.0f;
    io_part part = {.name = "card", .index_count = 12, .vertex_colored = !texture};
    io_material material = {.name = "white", .base_color = {1, 1, 1}, .opacity = 1.0f};
    uint8_t pixels[16];
    if (texture) {
        memcpy(pixels, texture, sizeof pixels);
        material.texture_state = IO_TEXTURE_LOADED;
        material.texture = (io_image){.width = 2, .height = 2, .pixels = pixels};
    }
    io_model model = {.format = IO_FORMAT_OBJ,
                      .positions = (float *)card_positions,
                      .normals = card_normals,
                      .uvs = card_uvs,
                      .colors = texture ? NULL : (float *)card_colors,
                      .vertex_count = 8,
                      .indices = (uint32_t *)card_indices,
                      .index_count = 12,
                      .parts = &part,
                      .part_count = 1,
                      .materials = &material,
                      .material_count = 1};
    scene_mesh mesh;
    core_result r = scene_mesh_from_model(&model, NULL, &mesh);
    if (r == CORE_OK)
        r = render_model_upload(&mesh, &model, out);
    scene_mesh_unload(&mesh);
    if (r != CORE_OK)
        fprintf(stderr, "test_paint_render: %s\n", core_last_error());
    return r == CORE_OK;
}

/* The lamp alone, matte, no tone map: colours stay as the paint made them. */
static render_frame_desc card_frame(void)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.lamp.ambient = 0.0f;
    frame.shot.lamp.kelvin = 6500.0f; /* near white, so red and green compare fairly */
    frame.tonemap = RENDER_TONEMAP_NONE;
    frame.finish = SCENE_FINISH_MATTE;
    return frame;
}

/* Mean radiance over 5 x 5 pixels around where the point (mm) lands. */
static void radiance_at(const render_model *model, const render_frame_desc *frame, float x,
                        float y, float rgb[3])
{
    scene_view view;
    scene_shot_view(&frame->shot, &model->bounds, (float)W / H, &view);
    vec4 p = {x, y, 0.0f, 1.0f}, world, eye, clip;
    glm_mat4_mulv((vec4 *)view.model, p, world);
    glm_mat4_mulv((vec4 *)view.view, world, eye);
    glm_mat4_mulv((vec4 *)view.projection, eye, clip);
    int px = (int)((clip[0] / clip[3] * 0.5f + 0.5f) * W);
    int py = (int)((0.5f - clip[1] / clip[3] * 0.5f) * H); /* rows run down */
    rgb[0] = rgb[1] = rgb[2] = 0.0f;
    for (int dy = -2; dy <= 2; ++dy) {
        for (int dx = -2; dx <= 2; ++dx) {
            int cx = px + dx, cy = py + dy;
            CHECK(cx >= 0 && cx < W && cy >= 0 && cy < H);
            if (cx < 0 || cx >= W || cy < 0 || cy >= H)
                continue;
            for (int k = 0; k < 3; ++k)
                rgb[k] += radiance[4 * (cy * W + cx) + k] / 25.0f;
        }
    }
}

static int render(gpu_fixture *f, const render_model *model, const render_frame_desc *frame)
{
    return render_offscreen_radiance(&f->render, model, frame, W, H, radiance) == CORE_OK;
}

/* left and right: the card's two halves, read after a render. */
static void halves(gpu_fixture *f, const render_model *model, const render_frame_desc *frame,
                   float left[3], float right[3])
{
    CHECK(render(f, model, frame));
    radiance_at(model, frame, -5.0f, 0.0f, left);
    radiance_at(model, frame, 5.0f, 0.0f, right);
}

static void test_vertex_colours_and_chosen_paint(gpu_fixture *f)
{
    render_model model;
    CHECK(upload_card(NULL, &model));
    CHECK(model.parts[0].paint.source == SCENE_PAINT_VERTEX);
    render_frame_desc frame = card_frame();
    float left[3], right[3];
    halves(f, &model, &frame, left, right);
    /* The file's colours: red on the left, green on the right. */
    CHECK(left[0] > 0.01f && left[0] > 20.0f * left[1] && left[0] > 20.0f * left[2]);
    CHECK(right[1] > 0.01f && right[1] > 20.0f * right[0] && right[1] > 20.0f * right[2]);

    /* A chosen paint replaces them, on an uploaded model, without a new upload. */
    scene_paint grey;
    CHECK(scene_paint_parse("grey-primer", &grey));
    render_model_set_part_paint(&model, 0, &grey);
    halves(f, &model, &frame, left, right);
    for (int k = 0; k < 3; ++k) {
        CHECK(left[k] > 0.001f);
        CHECK_NEAR(left[k] / right[k], 1.0, 0.1); /* one paint across both halves */
    }
    CHECK(left[1] > 0.7f * left[0] && left[0] > 0.7f * left[1]); /* grey, not red */

    /* And it is undone: the file's paint again. */
    render_model_set_part_paint(&model, 0, NULL);
    halves(f, &model, &frame, left, right);
    CHECK(left[0] > 20.0f * left[1] && right[1] > 20.0f * right[0]);
    render_model_set_part_paint(&model, 5, &grey); /* no such part: ignored */
    render_model_unload(&model);
}

static void test_texture_and_chosen_paint(gpu_fixture *f)
{
    static const uint8_t blue[16] = {20, 40, 230, 255, 20, 40, 230, 255,
                                     20, 40, 230, 255, 20, 40, 230, 255};
    render_model model;
    CHECK(upload_card(blue, &model));
    CHECK(model.parts[0].paint.source == SCENE_PAINT_TEXTURE);
    render_frame_desc frame = card_frame();
    float left[3], right[3];
    halves(f, &model, &frame, left, right);
    CHECK(left[2] > 5.0f * left[0] && right[2] > 5.0f * right[0]); /* the texture's blue */
    scene_paint red;
    CHECK(scene_paint_parse("#ff0000", &red));
    render_model_set_part_paint(&model, 0, &red);
    halves(f, &model, &frame, left, right);
    /* The chosen paint alone: a texture multiplying it would leave it dark. */
    CHECK(left[0] > 20.0f * left[2] && right[0] > 20.0f * right[2]);
    render_model_unload(&model);
}

/* Silver under satin: satin is a dielectric varnish (metallic 0), yet the
 * paint is metal, so nothing scatters diffusely; grey primer under the same
 * varnish does. */
static void test_metallic_paint_under_satin(gpu_fixture *f)
{
    render_model model;
    CHECK(upload_card(NULL, &model));
    render_frame_desc frame = card_frame();
    frame.finish = SCENE_FINISH_SATIN;
    CHECK(render_part_finish_for(&frame, &model.parts[0]).metallic == 0.0f);
    frame.view = RENDER_VIEW_DIFFUSE;
    scene_paint silver, grey;
    CHECK(scene_paint_parse("silver", &silver));
    CHECK(scene_paint_parse("grey-primer", &grey));
    float grey_left[3], grey_right[3], metal_left[3], metal_right[3];
    render_model_set_part_paint(&model, 0, &grey);
    halves(f, &model, &frame, grey_left, grey_right);
    render_model_set_part_paint(&model, 0, &silver);
    halves(f, &model, &frame, metal_left, metal_right);
    CHECK(grey_left[1] > 0.005f && grey_right[1] > 0.005f);
    for (int k = 0; k < 3; ++k) {
        CHECK(metal_left[k] < 0.001f * grey_left[1]);
        CHECK(metal_right[k] < 0.001f * grey_right[1]);
    }
    /* What it does reflect is tinted by the metal, where the varnish over
     * the primer reflects the lamp's own colour. */
    frame.view = RENDER_VIEW_SPECULAR;
    scene_paint gold;
    CHECK(scene_paint_parse("gold", &gold));
    render_model_set_part_paint(&model, 0, &grey);
    halves(f, &model, &frame, grey_left, grey_right);
    render_model_set_part_paint(&model, 0, &gold);
    halves(f, &model, &frame, metal_left, metal_right);
    CHECK(grey_left[2] > 0.0f && metal_left[2] > 0.0f);
    CHECK_NEAR(grey_left[0] / grey_left[2], 1.0, 0.25);
    CHECK(metal_left[0] > 2.0f * metal_left[2]);
    CHECK(metal_left[1] > 5.0f * grey_left[1]); /* a metal reflects far more than varnish */
    render_model_unload(&model);
}

/* The memory check counts the mesh's vertices at the size they now have. */
static void test_memory_estimate_counts_the_colour(void)
{
    render_memory_desc none = {.width = 64, .height = 64, .samples = 1};
    render_memory_desc some = none;
    some.vertex_count = 1000;
    CHECK(render_memory_estimate(&some) - render_memory_estimate(&none) ==
          1000u * SCENE_VERTEX_FLOATS * sizeof(float));
    CHECK(SCENE_VERTEX_FLOATS == 11); /* position, normal, uv, colour */
}

int main(void)
{
    test_memory_estimate_counts_the_colour();
    gpu_fixture f;
    if (!gpu_fixture_open(&f))
        return 1;
    test_vertex_colours_and_chosen_paint(&f);
    test_texture_and_chosen_paint(&f);
    test_metallic_paint_under_satin(&f);
    gpu_fixture_close(&f);
    return check_done("test_paint_render");
}
