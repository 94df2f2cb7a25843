/* inspect's parts that need no GPU: the plan and the overlay painter. */
#include "../check.h"

#include "inspect/inspect.h"
#include "inspect/inspect_advice.h"
#include "inspect/inspect_live.h"
#include "inspect/inspect_overlay.h"
#include "inspect/inspect_reduce.h"

#include <math.h>
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
    io_image picture = {.width = W, .height = H, .pixels = pixels};
    inspect_overlay_blend(&picture, rgba, 85);
    CHECK(pixels[0] == (100 * 15 + 255 * 85) / 100 && pixels[1] == (100 * 15 + 32 * 85) / 100);
    CHECK(pixels[3] == 255);
    CHECK(pixels[4 * 4] == 100 && pixels[4 * 4 + 3] == 100);
}

/* inspect_place: fifths of the height, sides off the middle by a fifth. */
static void test_place(void)
{
    scene_bounds box = {{-10, 0, -20}, {10, 50, 20}, {0, 25, 0}, 33.0f};
    char text[96];
    inspect_place(&box, (const float[3]){-8, 46, 10}, text, sizeof text);
    CHECK(strcmp(text, "top front left, 46 mm up") == 0);
    inspect_place(&box, (const float[3]){1, 25, -2}, text, sizeof text);
    CHECK(strcmp(text, "middle, 25 mm up") == 0);
    inspect_place(&box, (const float[3]){9, 2, -19}, text, sizeof text);
    CHECK(strcmp(text, "bottom back right, 2 mm up") == 0);
    inspect_place(&box, (const float[3]){0, 31, 0}, text, sizeof text);
    CHECK(strcmp(text, "upper, 31 mm up") == 0);
}

/* A run made by hand: flags on chosen parts and steps, summarised. */
static scene_part advice_parts[4];
static render_model advice_model(void)
{
    const char *names[4] = {"skin", "eyes", "armor", "cap"};
    const scene_finish_kind kinds[4] = {SCENE_FINISH_MATTE, SCENE_FINISH_GLOSS, SCENE_FINISH_GLOSS,
                                        SCENE_FINISH_GLOSS};
    memset(advice_parts, 0, sizeof advice_parts);
    for (int p = 0; p < 4; ++p) {
        strcpy(advice_parts[p].name, names[p]);
        advice_parts[p].finish = scene_finish_preset(kinds[p]);
        advice_parts[p].index_count = 3;
    }
    render_model model = {.parts = advice_parts, .part_count = 4};
    model.bounds = (scene_bounds){{-10, 0, -10}, {10, 60, 10}, {0, 30, 0}, 33.0f};
    return model;
}

static void flag(detect_frame *f, detect_flag which, int32_t part, float x, float y, float z)
{
    f->flags |= DETECT_FLAG_BIT(which);
    f->where[which] = (detect_where){.pixels = 5, .centroid = {x, y, z}, .part = part};
    f->pins += which == DETECT_FLAG_PIN;
    f->jitter = which == DETECT_FLAG_JIT ? 0.1f : f->jitter;
    f->cae = which == DETECT_FLAG_FACET ? 0.8f : f->cae;
}

static void make_run(inspect_run *run, detect_frame *frames, int count, bool step_ok)
{
    memset(run, 0, sizeof *run);
    for (int i = 0; i < count; ++i) {
        frames[i].step = i;
        frames[i].angle_deg = (float)i;
    }
    run->frames = frames;
    run->frame_count = count;
    run->plan = (inspect_plan){.step_deg = 1.0f,
                               .steps = count,
                               .rule_step_deg = 0.5f,
                               .alpha_min_part = 1,
                               .step_ok = step_ok};
    CHECK(detect_summarize(frames, count, NULL, &run->summary) == CORE_OK);
}

static void test_advice(void)
{
    render_model model = advice_model();
    render_frame_desc frame = {.shot = scene_shot_defaults()};
    enum { N = 20 };
    detect_frame frames[N];
    inspect_run run;
    inspect_advice advice;

    /* Pinpoints on the cap all the way, jitter on the armour for a while:
     * both glossy, so a rougher varnish; the unflagged eyes keep theirs. */
    memset(frames, 0, sizeof frames);
    for (int i = 0; i < N; ++i)
        flag(&frames[i], DETECT_FLAG_PIN, 3, -8, 58, 0);
    for (int i = 5; i <= 9; ++i)
        flag(&frames[i], DETECT_FLAG_JIT, 2, 6, 20, 8);
    make_run(&run, frames, N, false);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(advice.flagged);
    const char *verdict = "FAIL: the highlights on armor (lower front right) and cap (top "
                          "left) glitter as the model turns (pinpoints 0-19° on cap, jitter "
                          "5-9° on armor).\n";
    CHECK(strncmp(advice.summary, verdict, strlen(verdict)) == 0);
    CHECK(strstr(advice.summary, "\nTry a rougher varnish, satin, on armor and cap; keep the "
                                 "gloss on eyes.") != NULL);
    CHECK(!strstr(advice.summary, "bevel") && !strstr(advice.summary, "lamp"));
    CHECK(advice.problem_count == 2);
    CHECK(advice.problems[0].flag == DETECT_FLAG_PIN && advice.problems[0].part == 3);
    CHECK(strcmp(advice.problems[0].place, "top left, 58 mm up") == 0);
    CHECK(strcmp(advice.problems[0].severity, "severe") == 0);
    CHECK(strcmp(advice.problems[1].place, "lower front right, 20 mm up") == 0);
    CHECK(strcmp(advice.problems[1].severity, "fails") == 0);
    CHECK(strstr(advice.problems[1].line, "jitter on armor, lower front right, 20 mm up: 5-9°"));
    /* Coarser than the rule: one sentence on what --step adds. */
    CHECK(strstr(advice.step_note, "--step 0.5") != NULL);
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);

    /* A lone popping step on the skin is slight beside the armour's
     * jitter: told, but no varnish is asked of the skin. */
    flag(&frames[15], DETECT_FLAG_JIT, 0, 0, 50, 0);
    make_run(&run, frames, N, true);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(advice.problem_count == 3 && !advice.problems[2].fails && advice.problems[2].part == 0);
    CHECK(strcmp(advice.problems[2].severity, "slight, within the limits") == 0);
    CHECK(strstr(advice.summary, "satin, on armor and cap;") != NULL);
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);
    memset(&frames[15].where[DETECT_FLAG_JIT], 0, sizeof frames[15].where[DETECT_FLAG_JIT]);
    frames[15].flags &= ~DETECT_FLAG_BIT(DETECT_FLAG_JIT);

    /* Under a small lamp the pinpoints' advice names it. */
    frame.shot.lamp.radius_mm = 2.0f;
    make_run(&run, frames, N, true);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(strstr(advice.summary, "bigger than this 2 mm one") != NULL);
    CHECK(advice.step_note[0] == '\0');
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);
    frame.shot.lamp.radius_mm = 10.0f;

    /* Facets on the matte skin: smoother geometry, no varnish. */
    memset(frames, 0, sizeof frames);
    for (int i = 0; i < N; ++i)
        flag(&frames[i], DETECT_FLAG_FACET, 0, 0, 30, -9);
    make_run(&run, frames, N, true);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(strstr(advice.summary, "snap from facet to facet") != NULL);
    CHECK(strstr(advice.summary, "\nSmooth the normals or bevel the sharp edges on skin") != NULL);
    CHECK(!strstr(advice.summary, "satin") && !strstr(advice.summary, "keep the gloss"));
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);

    /* Pinpoints from three parts: fewer glossy parts. */
    memset(frames, 0, sizeof frames);
    for (int i = 0; i < N; ++i)
        flag(&frames[i], DETECT_FLAG_PIN, 1 + i % 3, 0, 30, 0);
    make_run(&run, frames, N, true);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(strstr(advice.summary, "Pinpoints come from 3 parts") != NULL);
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);

    /* ... but not when two of them pinpoint in a step each. */
    memset(frames, 0, sizeof frames);
    for (int i = 0; i < N; ++i)
        flag(&frames[i], DETECT_FLAG_PIN, i == 3 ? 1 : i == 12 ? 2 : 3, 0, 30, 0);
    make_run(&run, frames, N, true);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(strstr(advice.summary, "Pinpoints come from") == NULL);
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);

    /* Nothing flagged: one PASS line, no step note. */
    memset(frames, 0, sizeof frames);
    make_run(&run, frames, N, false);
    CHECK(inspect_advise(&model, &frame, &run, &advice) == CORE_OK);
    CHECK(!advice.flagged && strncmp(advice.summary, "PASS: ", 6) == 0);
    CHECK(!strchr(advice.summary, '\n') && advice.step_note[0] == '\0');
    CHECK(advice.problem_count == 0);
    inspect_advice_free(&advice);
    detect_summary_free(&run.summary);
}

/* The viewer's list of flagged stretches from the live detector's degrees. */
static void test_stretches(void)
{
    static inspect_live_summary s;
    memset(&s, 0, sizeof s);
    inspect_live_stretch out[4];
    CHECK(inspect_live_stretches(&s, out, 4) == 0);
    const uint32_t pin = DETECT_FLAG_BIT(DETECT_FLAG_PIN), jit = DETECT_FLAG_BIT(DETECT_FLAG_JIT);
    for (int d = 10; d <= 40; ++d) /* judged every degree; 20-25 clean */
        s.judged_at[d] = 1, s.flags_at[d] = d < 20 ? pin : d > 25 ? jit : 0;
    s.judged_at[18] = 0; /* a degree skipped inside a stretch does not cut it */
    s.flags_at[33] |= pin;
    s.judged_at[100] = 1, s.flags_at[100] = pin; /* 59 degrees not judged: a new stretch */
    int n = inspect_live_stretches(&s, out, 4);
    CHECK(n == 3);
    CHECK(out[0].from_deg == 10 && out[0].to_deg == 19 && out[0].flags == pin);
    CHECK(out[1].from_deg == 26 && out[1].to_deg == 40 && out[1].flags == (jit | pin));
    CHECK(out[2].from_deg == 100 && out[2].to_deg == 100);
    CHECK(inspect_live_stretches(&s, out, 1) == 1 && out[0].to_deg == 19); /* capacity kept */
}

/* A 6x6 analysis shown at 4x4 (1.5 analysis pixels a screen pixel) and at
 * 2x2 (3): each screen pixel is the mean radiance over its area of the
 * samples on its centre's part, and the surface of its brightest sample. */
static void test_reduce(void)
{
    enum { S = 6, SN = S * S };
    static float spec[3 * SN], diff[3 * SN], nrm[3 * SN], pos[3 * SN], geo[3 * SN], depth[SN],
        alpha[SN], foot[SN];
    static int32_t part[SN];
    for (int i = 0; i < SN; ++i) {
        int x = i % S, y = i / S;
        for (int c = 0; c < 3; ++c) {
            spec[3 * i + c] = (float)x; /* a ramp across */
            diff[3 * i + c] = 0.5f;
            pos[3 * i + c] = c == 0 ? (float)x : c == 1 ? (float)y : 0.0f;
            geo[3 * i + c] = nrm[3 * i + c] = c == 2 ? 1.0f : 0.0f;
        }
        depth[i] = 0.5f;
        alpha[i] = 0.2f;
        foot[i] = 1.0f;
        part[i] = y < 3 ? 0 : x < 3 ? 1 : -1; /* the bottom right is background */
    }
    spec[3 * (1 * S + 1) + 1] = 100.0f; /* a glint on one sample */
    nrm[3 * (1 * S + 1)] = 1.0f, nrm[3 * (1 * S + 1) + 2] = 0.0f;
    render_analysis in = {.width = S,
                          .height = S,
                          .specular = spec,
                          .diffuse = diff,
                          .normal = nrm,
                          .position = pos,
                          .geometric = geo,
                          .depth = depth,
                          .part = part,
                          .alpha = alpha,
                          .footprint = foot};
    render_analysis out;
    static float rhat[4];
    CHECK(inspect_reduce_analysis(&in, 2, 2, &out, rhat) == CORE_OK);
    CHECK(out.width == 2 && out.height == 2);
    /* top left: samples x 0-2, y 0-2, all part 0; red is the mean of the ramp */
    CHECK_NEAR(out.specular[0], 1.0, 1e-5);
    CHECK_NEAR(out.specular[1], (3.0 * (0.0 + 1.0 + 2.0) - 1.0 + 100.0) / 9.0, 1e-4);
    CHECK_NEAR(out.diffuse[0], 0.5, 1e-6);
    /* it stands for the glint's sample: its normal, position, and a 3x footprint */
    CHECK(out.normal[0] == 1.0f && out.position[0] == 1.0f && out.position[1] == 1.0f);
    CHECK_NEAR(out.footprint[0], 3.0, 1e-6);
    /* M1 at the glint's sample, in analysis pixels: its normal turns by
     * sqrt(2) to its neighbours, 0.644 * 0.2 / sqrt(2) */
    CHECK(out.part[0] == 0);
    CHECK_NEAR(rhat[0], 0.644 * 0.2 / sqrt(2.0), 1e-4);
    /* bottom left: centre (1, 4) is part 1, the ramp's x 0-2 */
    CHECK(out.part[2] == 1);
    CHECK_NEAR(out.specular[3 * 2], 1.0, 1e-5);
    /* bottom right: centre (4, 4) is background: no surface, no radiance */
    CHECK(out.part[3] == -1 && out.specular[3 * 3] == 0.0f);
    render_analysis_free(&out);

    CHECK(inspect_reduce_analysis(&in, 4, 4, &out, NULL) == CORE_OK);
    /* screen pixel 1 of a row covers samples [1.5, 3): half of x 1 and all of x 2 */
    CHECK_NEAR(out.specular[3 * (3 * 4 + 1)], (0.5 * 1.0 + 2.0) / 1.5, 1e-4);
    CHECK_NEAR(out.footprint[0], 1.5, 1e-6);
    render_analysis_free(&out);
}

int main(void)
{
    test_reduce();
    test_stretches();
    test_place();
    test_advice();
    test_plan();
    test_overlay();
    return check_done("test_inspect");
}
