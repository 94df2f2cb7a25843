/* The detector's sweep and summary without a GPU: synthetic steps and
 * records in, per-step records, flagged ranges and verdicts out. */
#include "../check.h"

#include "detect/detect_summary.h"
#include "detect/detect_sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A flat surface of dark paint filling the frame, whose object coordinates
 * are its pixel coordinates and which stays put as the turntable turns. */
enum { W = 48, H = 48, N = W * H };
static float ys[N], yd[N], position[3 * N], normal[3 * N], footprint[N], alpha[N];
static int32_t part[N];

static detect_step surface_step(float angle)
{
    for (int i = 0; i < N; ++i) {
        ys[i] = 0.0f;
        yd[i] = 0.05f;
        position[3 * i] = (float)(i % W);
        position[3 * i + 1] = (float)(i / W);
        position[3 * i + 2] = 0.0f;
        normal[3 * i] = normal[3 * i + 1] = 0.0f;
        normal[3 * i + 2] = 1.0f;
        footprint[i] = 1.0f;
        alpha[i] = 0.5f;
        part[i] = 0;
    }
    detect_step step = {angle, ys, yd, normal, position, normal, footprint, alpha, part, {0}, NULL};
    /* object (x, y, 0) to the clip position of pixel (x, y) */
    step.object_to_clip[0] = 2.0f / W;
    step.object_to_clip[12] = 1.0f / W - 1.0f;
    step.object_to_clip[5] = -2.0f / H;
    step.object_to_clip[13] = 1.0f - 1.0f / H;
    step.object_to_clip[10] = 1.0f;
    step.object_to_clip[15] = 1.0f;
    return step;
}

/* A sharp, white-hot spot on the dark paint: a pinpoint at 45 ppd. */
static void add_pinpoint(int cx, int cy)
{
    for (int i = 0; i < N; ++i) {
        float dx = (float)(i % W - cx), dy = (float)(i / W - cy);
        float v = expf(-0.5f * (dx * dx + dy * dy) / (0.7f * 0.7f));
        ys[i] += v;
        yd[i] += v;
    }
}

enum { STEPS = 10 };

/* Sweeps STEPS judged steps from 10 degrees in steps of 10, with a pinpoint
 * at (30, 20) on the steps whose angle is in `pin_angles` (0-terminated),
 * as `glint check` does: one extra step either side. Returns the records. */
static int sweep(const float *pin_angles, detect_frame *records, uint8_t *overlay_at_50)
{
    detect_sweep_desc desc = {.width = W, .height = H, .ppd = 45.0f};
    detect_sweep *s = NULL;
    CHECK(detect_sweep_create(&desc, &s) == CORE_OK);
    static uint8_t overlay[4 * N];
    int count = 0;
    for (int k = -1; s && k <= STEPS; ++k) {
        float angle = 10.0f + 10.0f * (float)k;
        detect_step step = surface_step(angle);
        for (const float *p = pin_angles; *p; ++p)
            if (*p == angle)
                add_pinpoint(30, 20);
        bool ready = true;
        detect_frame frame;
        memset(overlay, 0, sizeof overlay);
        CHECK(detect_sweep_push(s, &step, &frame, overlay, &ready) == CORE_OK);
        /* A step is judged once the step after it is in. */
        CHECK(ready == (k >= 1));
        if (!ready)
            continue;
        if (frame.angle_deg == 50.0f && overlay_at_50)
            memcpy(overlay_at_50, overlay, sizeof overlay);
        records[count++] = frame;
    }
    detect_sweep_destroy(s);
    return count;
}

static void test_sweep_records(void)
{
    detect_frame records[STEPS + 2];
    static uint8_t overlay[4 * N];
    const float none[] = {0.0f};
    CHECK(sweep(none, records, NULL) == STEPS);
    for (int k = 0; k < STEPS; ++k) {
        CHECK(records[k].step == k && records[k].angle_deg == 10.0f + 10.0f * (float)k);
        CHECK(records[k].flags == 0 && records[k].pins == 0 && records[k].object_px == N);
    }

    const float at_50[] = {50.0f, 0.0f};
    CHECK(sweep(at_50, records, overlay) == STEPS);
    for (int k = 0; k < STEPS; ++k) {
        bool pin = (records[k].flags & DETECT_FLAG_BIT(DETECT_FLAG_PIN)) != 0;
        CHECK(pin == (records[k].angle_deg == 50.0f));
    }
    const detect_frame *f = &records[4];
    CHECK(f->angle_deg == 50.0f && f->pins == 1 && f->hairs == 0);
    CHECK(f->where[DETECT_FLAG_PIN].part == 0 && f->where[DETECT_FLAG_PIN].pixels >= 1);
    CHECK_NEAR(f->where[DETECT_FLAG_PIN].centroid[0], 30.0, 0.5);
    CHECK_NEAR(f->where[DETECT_FLAG_PIN].centroid[1], 20.0, 0.5);
    CHECK_NEAR(f->pin_density, 1e4 / N, 1e-3);
    /* There for one step only, it pops: jitter on that step. */
    CHECK(f->flags & DETECT_FLAG_BIT(DETECT_FLAG_JIT));
    /* The overlay marks the pinpoint green where it is, and nothing far off. */
    CHECK(overlay[4 * (20 * W + 30) + 1] == 255);
    CHECK(overlay[4 * (40 * W + 5) + 1] == 0 && overlay[4 * (40 * W + 5)] == 0);

    /* Through the summary: one PIN range, at 50 degrees, within the limit of
     * 10 % of the steps; the lone jittery step does not fail either. On a
     * surface this small one pinpoint is 4.3 per 10k pixels, all of it
     * popping: sparkling noise, and any NOISE range fails. */
    detect_summary s;
    CHECK(detect_summarize(records, STEPS, NULL, &s) == CORE_OK);
    int pin_ranges = 0;
    for (int i = 0; i < s.range_count; ++i) {
        const detect_range *r = &s.ranges[i];
        if (r->flag != DETECT_FLAG_PIN)
            continue;
        ++pin_ranges;
        CHECK(r->from_deg == 50.0f && r->to_deg == 50.0f && r->worst_angle_deg == 50.0f);
        CHECK(r->flagged_steps == 1 && r->where.part == 0);
    }
    CHECK(pin_ranges == 1 && s.flagged_steps[DETECT_FLAG_PIN] == 1);
    CHECK(!s.fail[DETECT_FLAG_PIN] && !s.fail[DETECT_FLAG_JIT]);
    CHECK(f->flags & DETECT_FLAG_BIT(DETECT_FLAG_NOISE));
    CHECK(s.fail[DETECT_FLAG_NOISE] && s.flagged);
    detect_summary_free(&s);

    /* In two steps of ten it is over the limit: a fail. */
    const float at_50_90[] = {50.0f, 90.0f, 0.0f};
    CHECK(sweep(at_50_90, records, NULL) == STEPS);
    CHECK(detect_summarize(records, STEPS, NULL, &s) == CORE_OK);
    CHECK(s.flagged_steps[DETECT_FLAG_PIN] == 2 && s.fail[DETECT_FLAG_PIN] && s.flagged);
    detect_summary_free(&s);
}

/* Records at 0, 5, 10, ... degrees carrying `flag` where `pattern` has a
 * digit above 0, that digit its strength. */
static int records_from(const char *pattern, detect_flag flag, detect_frame *frames)
{
    int n = (int)strlen(pattern);
    for (int i = 0; i < n; ++i) {
        memset(&frames[i], 0, sizeof frames[i]);
        frames[i].step = i;
        frames[i].angle_deg = 5.0f * (float)i;
        frames[i].persistence = 1.0f;
        int strength = pattern[i] - '0';
        if (strength <= 0)
            continue;
        frames[i].flags = DETECT_FLAG_BIT(flag);
        frames[i].jitter = flag == DETECT_FLAG_JIT ? 0.01f * (float)strength : 0.0f;
        frames[i].cae = flag == DETECT_FLAG_FACET ? 0.1f * (float)strength : 0.0f;
        frames[i].where[flag] = (detect_where){(uint32_t)strength, {(float)i, 0.0f, 0.0f}, i % 3};
    }
    return n;
}

static void test_summary_ranges(void)
{
    detect_frame frames[32];
    detect_summary s;
    /* Steps one unflagged step apart are one range; two apart, two ranges. */
    int n = records_from("0110200030000", DETECT_FLAG_JIT, frames);
    CHECK(detect_summarize(frames, n, NULL, &s) == CORE_OK);
    CHECK(s.range_count == 2);
    if (s.range_count == 2) {
        const detect_range *a = &s.ranges[0], *b = &s.ranges[1];
        CHECK(a->flag == DETECT_FLAG_JIT && a->first == 1 && a->last == 4);
        CHECK(a->from_deg == 5.0f && a->to_deg == 20.0f && a->flagged_steps == 3);
        CHECK(a->worst == 4 && a->worst_angle_deg == 20.0f); /* the strongest J */
        CHECK(a->where.part == 1 && a->where.pixels == 2 && a->where.centroid[0] == 4.0f);
        CHECK(b->first == 8 && b->last == 8 && b->flagged_steps == 1 && b->from_deg == 40.0f);
    }
    /* A JIT range of two flagged steps or more fails. */
    CHECK(s.fail[DETECT_FLAG_JIT] && s.flagged && s.flagged_steps[DETECT_FLAG_JIT] == 4);
    CHECK_NEAR(s.jitter_mean, (0.01 + 0.01 + 0.02 + 0.03) / n, 1e-6);
    detect_summary_free(&s);

    /* Lone jittery steps, each its own range, do not. */
    n = records_from("1001001", DETECT_FLAG_JIT, frames);
    CHECK(detect_summarize(frames, n, NULL, &s) == CORE_OK);
    CHECK(s.range_count == 3 && !s.fail[DETECT_FLAG_JIT] && !s.flagged);
    detect_summary_free(&s);
    /* ... unless the rules ask for one step. */
    detect_verdict_desc strict = {.min_jitter_steps = 1};
    CHECK(detect_summarize(frames, n, &strict, &s) == CORE_OK);
    CHECK(s.fail[DETECT_FLAG_JIT] && s.flagged);
    detect_summary_free(&s);

    /* Any FACET range fails; its worst step is the highest CAE. */
    n = records_from("0000130000", DETECT_FLAG_FACET, frames);
    CHECK(detect_summarize(frames, n, NULL, &s) == CORE_OK);
    CHECK(s.range_count == 1 && s.fail[DETECT_FLAG_FACET] && s.flagged);
    CHECK(s.range_count == 1 && s.ranges[0].worst_angle_deg == 25.0f);
    CHECK_NEAR(s.cae_max, 0.3, 1e-6);
    detect_summary_free(&s);

    /* Nothing flagged, or nothing at all: a pass with no ranges. */
    n = records_from("000000", DETECT_FLAG_PIN, frames);
    CHECK(detect_summarize(frames, n, NULL, &s) == CORE_OK);
    CHECK(s.range_count == 0 && !s.flagged && s.steps == n && s.persistence_mean == 1.0f);
    detect_summary_free(&s);
    CHECK(detect_summarize(NULL, 0, NULL, &s) == CORE_OK);
    CHECK(s.range_count == 0 && !s.flagged && s.steps == 0);
    detect_summary_free(&s);
    CHECK(detect_summarize(NULL, 3, NULL, &s) == CORE_ERR_ARGUMENT);
}

/* A pinpoint at white on a surface whose normal flips a lot from pixel to
 * pixel (M1: a half width far under a pixel) is told as not resolved, with
 * the whole analysis scale that would resolve it; the same pinpoint where a
 * finer analysis measured 0.8 analysis pixels (analysis_rhat) is resolved. */
static int unresolved_after(float analysis_scale, const float *analysis_rhat,
                            detect_unresolved *out)
{
    detect_sweep_desc desc = {
        .width = W, .height = H, .ppd = 45.0f, .analysis_scale = analysis_scale};
    detect_sweep *s = NULL;
    CHECK(detect_sweep_create(&desc, &s) == CORE_OK);
    for (int k = 0; s && k < 3; ++k) {
        detect_step step = surface_step(10.0f * (float)k);
        for (int i = 0; i < N; ++i) {
            float tilt = (i % W + i / W) % 2 ? 0.3f : -0.3f; /* a chequer of tilts */
            normal[3 * i] = sinf(tilt);
            normal[3 * i + 2] = cosf(tilt);
            alpha[i] = 0.1f; /* rhat = 0.644 * 0.1 / 0.59 = 0.11 px */
        }
        add_pinpoint(30, 20);
        step.analysis_rhat = analysis_rhat;
        bool ready;
        detect_frame frame;
        CHECK(detect_sweep_push(s, &step, &frame, NULL, &ready) == CORE_OK);
    }
    int count = s ? detect_sweep_unresolved(s, out, 4) : -1;
    detect_sweep_destroy(s);
    return count;
}

static void test_unresolved(void)
{
    detect_unresolved out[4];
    CHECK(unresolved_after(0.0f, NULL, out) == 1);
    CHECK(out[0].part == 0 && out[0].share == 1.0f);
    CHECK(out[0].rhat_px > 0.09f && out[0].rhat_px < 0.13f);
    /* 0.5 / 0.11: five analysis pixels a screen pixel */
    CHECK(out[0].needed_scale == 5.0f);
    /* at 4 analysis pixels a screen pixel, the same normals are 0.44 px: still short */
    CHECK(unresolved_after(4.0f, NULL, out) == 1 && out[0].needed_scale == 5.0f);
    static float fine[N];
    for (int i = 0; i < N; ++i)
        fine[i] = 0.8f;
    CHECK(unresolved_after(4.0f, fine, out) == 0);
}

int main(void)
{
    test_sweep_records();
    test_summary_ranges();
    test_unresolved();
    return check_done("test_detect_sweep");
}
