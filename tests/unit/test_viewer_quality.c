#include "../check.h"

#include "app/app_viewer_quality.h"

/* The viewer's cheap frames: the chooser of their internal size
 * (app_viewer_choose_divisor), a pure function of the last frames' cost. */

/* A frame costing `fixed` ms whatever its size plus `per_pixel` ms at full
 * size, scaled by the pixels drawn: what the chooser settles on from 2. */
static int settle(double fixed, double per_pixel, double target)
{
    int divisor = 2;
    for (int i = 0; i < 20; ++i) {
        double ms = fixed + per_pixel / (double)(divisor * divisor);
        divisor = app_viewer_choose_divisor(ms, divisor, target);
    }
    return divisor;
}

/* The turntable with the live detector on, frame by frame: frames of
 * frame_s; an analysis is drawn at the first frame with the worker free and
 * the model a degree on from the last one (inspect_live's step), and keeps
 * the worker `work_s` (slow_from on: `slow_s`, a busy machine). Returns the
 * most the turntable ever got ahead of the angle last analysed. */
static float simulate(double frame_s, double work_s, double slow_s, int slow_from, int *analyses)
{
    double now = 0.0, busy_until = 0.0, last_s = -1.0, cycle_s = 0.0;
    float angle = 0.0f, analysed = 0.0f, worst = 0.0f;
    *analyses = 0;
    for (int frame = 0; frame < 2000; ++frame, now += frame_s) {
        bool busy = now < busy_until;
        float turn = app_viewer_detector_turn(frame_s, cycle_s, busy, angle - analysed);
        float wanted = 30.0f * (float)frame_s; /* 30 degrees a second */
        angle += wanted < turn ? wanted : turn;
        worst = angle - analysed > worst ? angle - analysed : worst;
        if (!busy && (*analyses == 0 || angle - analysed >= 0.999f)) {
            analysed = angle;
            busy_until = now + (*analyses >= slow_from ? slow_s : work_s);
            cycle_s = last_s >= 0.0 ? now - last_s : 0.0;
            last_s = now;
            ++*analyses;
        }
    }
    return worst;
}

int main(void)
{
    const double target = APP_VIEWER_TARGET_MS;
    /* No measure yet: the divisor stays, clamped to the range. */
    CHECK(app_viewer_choose_divisor(0.0, 2, target) == 2);
    CHECK(app_viewer_choose_divisor(-1.0, 3, target) == 3);
    CHECK(app_viewer_choose_divisor(0.0, 0, target) == 1);
    CHECK(app_viewer_choose_divisor(0.0, 99, target) == APP_VIEWER_MAX_DIVISOR);
    /* Too slow: one step smaller, never past the smallest. */
    CHECK(app_viewer_choose_divisor(60.0, 1, target) == 2);
    CHECK(app_viewer_choose_divisor(60.0, 2, target) == 3);
    CHECK(app_viewer_choose_divisor(500.0, APP_VIEWER_MAX_DIVISOR, target) ==
          APP_VIEWER_MAX_DIVISOR);
    /* Within the band: it stays. */
    CHECK(app_viewer_choose_divisor(40.0, 2, target) == 2);
    CHECK(app_viewer_choose_divisor(47.0, 2, target) == 2);
    /* Fast enough that the larger size fits: one step larger. At 2, the
     * full size would cost 4 x: 8 ms -> 32 ms, under 0.9 x 40. */
    CHECK(app_viewer_choose_divisor(8.0, 2, target) == 1);
    CHECK(app_viewer_choose_divisor(10.0, 2, target) == 2); /* 40 ms: not under 36 */
    CHECK(app_viewer_choose_divisor(15.0, 3, target) == 2); /* 33.75 ms */
    CHECK(app_viewer_choose_divisor(17.0, 3, target) == 3); /* 38.25 ms */
    CHECK(app_viewer_choose_divisor(1.0, 1, target) == 1);
    /* Settling: a fast GPU stays at full size; a pixel-bound software
     * renderer goes as small as it needs and no smaller; a frame whose cost
     * is all fixed goes to the smallest (nothing else helps) without
     * oscillating back. */
    CHECK(settle(2.0, 10.0, target) == 1);
    CHECK(settle(5.0, 120.0, target) == 2);  /* 35 ms at 1/2; 125 ms at 1 */
    CHECK(settle(5.0, 300.0, target) == 3);  /* 38 ms at 1/3; 80 ms at 1/2 */
    CHECK(settle(100.0, 10.0, target) == APP_VIEWER_MAX_DIVISOR);
    /* No oscillation: from each divisor, one step and back never both happen. */
    for (double ms = 1.0; ms < 200.0; ms += 0.5)
        for (int d = 1; d <= APP_VIEWER_MAX_DIVISOR; ++d) {
            int next = app_viewer_choose_divisor(ms, d, target);
            if (next == d)
                continue;
            /* The cost at the new size under the pixel model. */
            double scaled = ms * ((double)d * d) / ((double)next * next);
            CHECK(app_viewer_choose_divisor(scaled, next, target) != d || next == d);
        }
    /* The detector's hold: a steady detector sets the pace, about a degree
     * an analysis; one that slows down (its thread yields to the frames on
     * a busy machine) holds the turntable within 1.05 degrees of its last
     * step, and one frame's turn past it when it is free again (a degree
     * while no pace is known yet, at the start: two steps in all), instead
     * of falling behind by its 5-degree restart (the pace rule alone: 7.9
     * degrees in the second case, 63 in the third). */
    int analyses = 0;
    CHECK(simulate(0.04, 0.2, 0.2, 1 << 30, &analyses) <= 2.2f);
    CHECK(analyses > 300);
    CHECK(simulate(0.04, 0.2, 1.5, 100, &analyses) <= 2.2f);
    CHECK(analyses > 100);
    CHECK(simulate(0.01, 0.05, 3.0, 10, &analyses) <= 2.2f);
    /* Free, it is the pace rule alone: never 0 (no limit) when held. */
    CHECK(app_viewer_detector_turn(0.04, 0.4, false, 5.0f) > 0.1f);
    CHECK(app_viewer_detector_turn(0.04, 0.4, true, 5.0f) == 1e-4f);
    CHECK(app_viewer_detector_turn(0.04, 0.0, true, 0.0f) == 1.05f); /* no pace yet */
    /* Held for an analysis, the loop pauses as long as the last frame took
     * to draw, 5-50 ms, and the held turn is under the threshold it uses. */
    CHECK(app_viewer_held_wait_s(20.0) == 0.02);
    CHECK(app_viewer_held_wait_s(0.0) == 0.005 && app_viewer_held_wait_s(400.0) == 0.05);
    CHECK(app_viewer_detector_turn(0.04, 0.4, true, 5.0f) <= APP_VIEWER_HELD_DEG);
    CHECK(app_viewer_detector_turn(0.04, 0.4, true, 0.5f) > APP_VIEWER_HELD_DEG);
    return check_done("test_viewer_quality");
}
