/* inspect's parts that need no GPU: the plan and the overlay painter. */
#include "../check.h"

#include "inspect/inspect.h"
#include "inspect/inspect_overlay.h"

#include <string.h>

/* A model of two parts, as render_model_upload leaves it but without the
 * GPU: the plan reads only the parts and the bounds. */
static scene_part parts[3];
static render_model two_parts(void)
{
    memset(parts, 0, sizeof parts);
    strcpy(parts[0].name, "skin");
    parts[0].finish = scene_finish_preset(SCENE_FINISH_MATTE);
    parts[0].index_count = 3;
    strcpy(parts[1].name, "eyes");
    parts[1].finish = scene_finish_preset(SCENE_FINISH_GLOSS);
    parts[1].index_count = 3;
    strcpy(parts[2].name, "empty"); /* no triangles: never the glossiest */
    parts[2].finish = scene_finish_preset(SCENE_FINISH_METAL);
    parts[2].finish.roughness = 0.01f;
    render_model model = {.parts = parts, .part_count = 3};
    model.bounds = (scene_bounds){{-10, -10, -10}, {10, 10, 10}, {0, 0, 0}, 17.3f};
    return model;
}

static void test_plan(void)
{
    render_model model = two_parts();
    render_frame_desc frame = {0};
    inspect_plan plan;
    /* 7 degrees does not divide 360: the plan evens it out to 52 steps. */
    inspect_plan_desc desc = {.step_deg = 7.0f, .start_deg = 15.0f, .ppd = 60.0f};
    CHECK(inspect_make_plan(&model, &frame, &desc, &plan) == CORE_OK);
    CHECK(plan.steps == 52 && plan.full_circle && plan.start_deg == 15.0f);
    CHECK_NEAR(plan.step_deg, 360.0 / 52.0, 1e-5);
    CHECK(plan.ppd == 60.0f && plan.alpha_min_part == 1 && !plan.step_ok);
    CHECK(plan.alpha_min < 0.2f && plan.rule_step_deg < 7.0f);

    /* A sweep that is not a full turn ends on its last step too. */
    desc = (inspect_plan_desc){.sweep_deg = 90.0f, .step_deg = 10.0f};
    CHECK(inspect_make_plan(&model, &frame, &desc, &plan) == CORE_OK);
    CHECK(plan.steps == 10 && !plan.full_circle && plan.step_deg == 10.0f);
    CHECK_NEAR(plan.ppd, detect_display_ppd(NULL), 1e-4);

    /* The default step is the rule's, capped at max_steps over the sweep. */
    desc = (inspect_plan_desc){.max_steps = 20};
    CHECK(inspect_make_plan(&model, &frame, &desc, &plan) == CORE_OK);
    CHECK(plan.steps == 20 && plan.step_deg == 18.0f);
    desc = (inspect_plan_desc){.sweep_deg = 10.0f};
    CHECK(inspect_make_plan(&model, &frame, &desc, &plan) == CORE_OK);
    CHECK(plan.step_ok && plan.step_deg <= plan.rule_step_deg * 1.001f);

    /* Every part matte: the glossiest is the first, and steps can be coarser. */
    frame.finish = SCENE_FINISH_MATTE;
    CHECK(inspect_make_plan(&model, &frame, &desc, &plan) == CORE_OK);
    CHECK(plan.alpha_min_part == 0 && plan.rule_step_deg > 7.0f);
    CHECK(strcmp(inspect_part_name(&model, 1), "eyes") == 0);
    CHECK(strcmp(inspect_part_name(&model, 3), "?") == 0 &&
          strcmp(inspect_part_name(&model, -1), "?") == 0);
}

enum { W = 5, H = 4 };

static void test_overlay(void)
{
    uint8_t marks[4 * W * H] = {0}, rgba[4 * W * H];
    marks[4 * (1 * W + 1) + 0] = 255; /* jitter at (1, 1) */
    marks[4 * (1 * W + 1) + 3] = 255; /* its risk class: never shown */
    marks[4 * (2 * W + 3) + 1] = 255; /* a pinpoint at (3, 2) */
    inspect_overlay_paint(marks, W, H, 0, rgba);
    const uint8_t *red = &rgba[4 * (1 * W + 1)], *green = &rgba[4 * (2 * W + 3)];
    CHECK(red[0] == 255 && red[1] == 32 && red[2] == 32 && red[3] == 255);
    CHECK(green[0] == 40 && green[1] == 255 && green[2] == 60 && green[3] == 255);
    int opaque = 0;
    for (int i = 0; i < W * H; ++i)
        opaque += rgba[4 * i + 3] != 0;
    CHECK(opaque == 2);

    /* Grown, each mark covers its 3x3; where both reach, the tints mix. */
    inspect_overlay_paint(marks, W, H, 1, rgba);
    const uint8_t *both = &rgba[4 * (2 * W + 2)], *corner = &rgba[0];
    CHECK(both[0] == (255 + 40) / 2 && both[1] == (32 + 255) / 2 && both[2] == (32 + 60) / 2);
    CHECK(corner[0] == 255 && corner[3] == 255);
    CHECK(rgba[4 * (0 * W + 4) + 3] == 0); /* (4, 0): out of both reaches */

    /* Blended at 85 % over a grey picture, only marked pixels change. */
    uint8_t pixels[4 * W * H];
    memset(pixels, 100, sizeof pixels);
    io_image picture = {W, H, pixels};
    inspect_overlay_blend(&picture, rgba, 85);
    CHECK(pixels[0] == (100 * 15 + 255 * 85) / 100 && pixels[1] == (100 * 15 + 32 * 85) / 100);
    CHECK(pixels[3] == 255);
    CHECK(pixels[4 * 4] == 100 && pixels[4 * 4 + 3] == 100);
}

int main(void)
{
    test_plan();
    test_overlay();
    return check_done("test_inspect");
}
