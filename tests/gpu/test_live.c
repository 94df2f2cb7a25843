#define _GNU_SOURCE
/* The live detector on the sample bust, headless: when it analyses, when it
 * restarts, when it idles, what its overlay holds, and that the viewer's
 * next frame is untouched by it. Small sizes keep it quick on llvmpipe. */
#include "../check.h"

#include "app/app.h"
#include "inspect/inspect.h"
#include "inspect/inspect_advice.h"
#include "inspect/inspect_live.h"
#include "core/core_log.h"
#include "gfx/gfx.h"
#include "plat/plat.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { VIEW_W = 128, VIEW_H = 96 };

typedef struct feed {
    inspect_live *live;
    app_session *session;
    render_frame_desc frame;
    int width, height;
    bool updated;
} feed;

static inspect_live_summary summary_of(const feed *f)
{
    inspect_live_summary s;
    inspect_live_summary_get(f->live, &s);
    return s;
}

/* One shown frame, then its analysis waited for (inspect_live_finish): the
 * detector's answers step by step, as when the frame waited for them. */
static core_result show(feed *f, float angle)
{
    f->frame.shot.turntable_deg = angle;
    core_result r = inspect_live_update(f->live, &f->session->render, &f->session->model, &f->frame,
                                        f->width, f->height, &f->updated);
    bool finished = false;
    if (r == CORE_OK)
        r = inspect_live_finish(f->live, &finished);
    f->updated = f->updated || finished;
    if (r != CORE_OK)
        fprintf(stderr, "test_live: %s\n", core_last_error());
    return r;
}

static feed new_feed(app_session *session, const inspect_live_desc *desc)
{
    feed f = {.session = session, .width = VIEW_W, .height = VIEW_H};
    inspect_live_desc d = desc ? *desc : (inspect_live_desc){.max_side = VIEW_W};
    CHECK(inspect_live_create(&d, &f.live) == CORE_OK);
    return f;
}

/* Every coloured overlay pixel is opaque-ish and every other one fully
 * transparent: the detector's own alpha (its risk class) must not leak. */
static int overlay_marks(const inspect_live *live)
{
    int w, h, marks = 0;
    const uint8_t *o = inspect_live_overlay(live, &w, &h);
    for (int i = 0; o && i < w * h; ++i) {
        bool coloured = o[4 * i] || o[4 * i + 1] || o[4 * i + 2];
        if (coloured != (o[4 * i + 3] != 0)) {
            CHECK(!"overlay alpha follows its colour");
            return marks;
        }
        marks += coloured;
    }
    return marks;
}

static void test_turning(app_session *session)
{
    feed f = new_feed(session, NULL);
    CHECK(inspect_live_record(f.live) == NULL);
    /* The first frame only shows the look; a sweep starts once it holds. */
    CHECK(show(&f, 10.0f) == CORE_OK);
    CHECK(summary_of(&f).analyses == 0);
    for (int k = 1; k <= 7; ++k) {
        CHECK(show(&f, 10.0f + (float)k) == CORE_OK);
        inspect_live_summary s = summary_of(&f);
        CHECK(s.analyses == k);
        /* A step is judged once the one after it is in: the 3rd analysis. */
        CHECK(f.updated == (k >= 3));
        CHECK((inspect_live_record(f.live) != NULL) == (k >= 3));
        CHECK(s.steps == (k >= 3 ? k - 2 : 0));
    }
    const detect_frame *record = inspect_live_record(f.live);
    CHECK(record && record->angle_deg == 16.0f); /* one step behind the shown 17 */
    int w = 0, h = 0;
    CHECK(inspect_live_overlay(f.live, &w, &h) != NULL && w == VIEW_W && h == VIEW_H);
    overlay_marks(f.live);

    /* A quarter degree a frame: an analysis every fourth frame. */
    int before = summary_of(&f).analyses;
    for (int k = 1; k <= 8; ++k)
        CHECK(show(&f, 17.0f + 0.25f * (float)k) == CORE_OK);
    CHECK(summary_of(&f).analyses == before + 2);

    /* Standing on an analysed angle: judged alone without a new render,
     * once; then idle. */
    int steps = summary_of(&f).steps;
    before = summary_of(&f).analyses;
    CHECK(show(&f, 19.0f) == CORE_OK);
    CHECK(f.updated);
    CHECK(summary_of(&f).analyses == before && summary_of(&f).steps == steps + 1);
    record = inspect_live_record(f.live);
    CHECK(record && record->angle_deg == 19.0f && record->jitter_px == 0);
    for (int k = 0; k < 3; ++k) {
        CHECK(show(&f, 19.0f) == CORE_OK);
        CHECK(!f.updated);
    }
    CHECK(summary_of(&f).analyses == before && summary_of(&f).steps == steps + 1);

    /* Turning again goes on from the standing step, summary kept. */
    CHECK(show(&f, 20.0f) == CORE_OK);
    CHECK(!f.updated && summary_of(&f).analyses == before + 1);
    CHECK(show(&f, 21.0f) == CORE_OK);
    CHECK(f.updated && summary_of(&f).steps == steps + 2);
    CHECK(inspect_live_record(f.live)->angle_deg == 20.0f);

    /* 30 degrees at once (Right, Home): the sweep starts again there. */
    CHECK(show(&f, 51.0f) == CORE_OK);
    inspect_live_summary s = summary_of(&f);
    CHECK(!f.updated && s.steps == 0 && s.analyses == 1 && inspect_live_record(f.live) == NULL);
    CHECK(show(&f, 52.0f) == CORE_OK);
    CHECK(show(&f, 51.0f) == CORE_OK); /* turned back */
    s = summary_of(&f);
    CHECK(s.steps == 0 && s.analyses == 1);

    /* Across 360 the viewer wraps; the sweep does not break. */
    for (int k = 0; k < 4; ++k)
        CHECK(show(&f, k < 2 ? 358.0f + (float)k : (float)(k - 2)) == CORE_OK);
    s = summary_of(&f);
    CHECK(s.analyses == 1 + 3 && s.steps == 1 + 1);
    CHECK(inspect_live_record(f.live) && inspect_live_record(f.live)->angle_deg == 0.0f);

    /* Moving the lamp: everything of the old look goes, and the new one is
     * analysed once it holds; standing, it gives its record at once. */
    f.frame.shot.lamp.azimuth_deg = 100.0f;
    CHECK(show(&f, 1.0f) == CORE_OK);
    s = summary_of(&f);
    CHECK(!f.updated && s.steps == 0 && s.analyses == 0 && inspect_live_record(f.live) == NULL);
    CHECK(show(&f, 1.0f) == CORE_OK);
    s = summary_of(&f);
    CHECK(f.updated && s.steps == 1 && s.analyses == 1);
    CHECK(show(&f, 1.0f) == CORE_OK);
    CHECK(!f.updated && summary_of(&f).analyses == 1);

    /* The view mode does not change what is analysed. */
    f.frame.view = RENDER_VIEW_NORMALS;
    CHECK(show(&f, 1.0f) == CORE_OK);
    CHECK(!f.updated && summary_of(&f).steps == 1);

    char text[256];
    inspect_live_describe(f.live, text, sizeof text);
    printf("describe: %s\n", text);
    CHECK(strstr(text, "128x96") != NULL && strstr(text, "coarse") == NULL);
    inspect_live_destroy(f.live);
}

/* A big viewport is analysed small, and its ppd scaled with it. */
static void test_scaled(app_session *session)
{
    feed f = new_feed(session, &(inspect_live_desc){.max_side = 80});
    f.width = 640;
    f.height = 400;
    CHECK(show(&f, 5.0f) == CORE_OK);
    CHECK(show(&f, 5.0f) == CORE_OK);
    int w = 0, h = 0;
    CHECK(f.updated && inspect_live_overlay(f.live, &w, &h) != NULL);
    CHECK(w == 80 && h == 50);
    char text[256];
    inspect_live_describe(f.live, text, sizeof text);
    printf("describe: %s\n", text);
    CHECK(strstr(text, "80x50") && strstr(text, " 6 px/deg") && strstr(text, "coarse"));
    /* A viewer too slow for its turntable: every frame a jump. */
    for (int k = 1; k <= 3; ++k)
        CHECK(show(&f, 5.0f + 6.0f * (float)k) == CORE_OK);
    inspect_live_describe(f.live, text, sizeof text);
    CHECK(strstr(text, "too fast") != NULL && summary_of(&f).steps == 0);
    CHECK(summary_of(&f).analyses == 1 && summary_of(&f).last_ms > 0.0f);
    f.width = 320; /* resized: a new look */
    CHECK(show(&f, 5.0f) == CORE_OK);
    CHECK(inspect_live_record(f.live) == NULL && summary_of(&f).analyses == 0);
    inspect_live_destroy(f.live);
}

/* every_nth_frame: any turn will do, every Nth frame. */
static void test_every_nth_frame(app_session *session)
{
    feed f = new_feed(session, &(inspect_live_desc){.max_side = 64, .every_nth_frame = 2});
    const int expected[] = {0, 1, 1, 2, 2, 3};
    for (int k = 0; k < 6; ++k) {
        CHECK(show(&f, 5.0f + 0.1f * (float)k) == CORE_OK);
        CHECK(summary_of(&f).analyses == expected[k]);
    }
    CHECK(f.updated && summary_of(&f).steps == 1);
    char text[256];
    inspect_live_describe(f.live, text, sizeof text);
    CHECK(strstr(text, "every 2 frames") != NULL);
    inspect_live_destroy(f.live);
}

typedef struct sweep_result {
    int marks, flagged_steps, steps;
    bool on_cap_or_armor;
    detect_frame records[8];
} sweep_result;

static sweep_result sweep(app_session *session, scene_finish_kind finish)
{
    feed f = new_feed(session, NULL);
    f.frame.finish = finish;
    sweep_result out = {0};
    for (int k = 0; k < 9; ++k) {
        CHECK(show(&f, 30.0f + (float)k) == CORE_OK);
        const detect_frame *record = inspect_live_record(f.live);
        if (!f.updated || !record)
            continue;
        out.marks += overlay_marks(f.live);
        if (out.steps < 8)
            out.records[out.steps++] = *record;
        for (int flag = 0; flag < DETECT_FLAG_COUNT; ++flag) {
            int32_t part = record->where[flag].part;
            if (!(record->flags & DETECT_FLAG_BIT(flag)) || part < 0)
                continue;
            const char *name = session->model.parts[part].name;
            out.on_cap_or_armor |= !strcmp(name, "cap") || !strcmp(name, "armor");
        }
    }
    inspect_live_summary s = summary_of(&f);
    out.flagged_steps = s.any_flagged_steps;
    CHECK(out.steps == s.steps);
    /* The HUD says the latest step's flags in glint check's words, not codes. */
    const detect_frame *last = inspect_live_record(f.live);
    for (int flag = 0; last && flag < DETECT_FLAG_COUNT; ++flag) {
        if (last->flags & DETECT_FLAG_BIT(flag))
            CHECK(strstr(s.flags_text, inspect_flag_word((detect_flag)flag)) &&
                  !strstr(s.flags_text, detect_flag_name((detect_flag)flag)));
    }
    CHECK(!last || last->flags || strcmp(s.flags_text, "clean") == 0);
    printf("finish %d: %d steps, %d flagged (%s), %d overlay pixels, score %.2f\n", (int)finish,
           s.steps, s.any_flagged_steps, s.flags_text, out.marks, (double)s.score);
    inspect_live_destroy(f.live);
    return out;
}

static void test_gloss_against_matte(app_session *session)
{
    sweep_result matte = sweep(session, SCENE_FINISH_MATTE);
    sweep_result gloss = sweep(session, SCENE_FINISH_GLOSS);
    CHECK(matte.steps == 6 && gloss.steps == 6);
    CHECK(gloss.marks > matte.marks);
    CHECK(gloss.flagged_steps > matte.flagged_steps);
    CHECK(gloss.on_cap_or_armor);

    /* The same steps through `glint check`'s sweep give the same records:
     * the live detector is the check, step by step. */
    render_frame_desc look = {.finish = SCENE_FINISH_GLOSS};
    inspect_subject subject = {&session->render, &session->model, &look, VIEW_W, VIEW_H, 0, 0};
    inspect_plan plan = {.start_deg = 32.0f,
                         .step_deg = 1.0f,
                         .steps = 6,
                         .ppd = detect_display_ppd(&(detect_display_desc){0})};
    inspect_run run = {0};
    CHECK(inspect_sweep(&subject, &plan, NULL, &run) == CORE_OK);
    CHECK(run.frame_count == gloss.steps);
    for (int k = 0; k < run.frame_count && k < gloss.steps; ++k) {
        const detect_frame *a = &run.frames[k], *b = &gloss.records[k];
        CHECK(a->angle_deg == b->angle_deg && a->flags == b->flags && a->pins == b->pins &&
              a->hairs == b->hairs && a->jitter_px == b->jitter_px && a->cae == b->cae &&
              a->object_px == b->object_px && a->energy == b->energy && a->wobble == b->wobble &&
              a->risk_sparkle_px == b->risk_sparkle_px);
    }
    inspect_run_free(&run);
}

/* The frame never waits for the detector: while an analysis runs (held on
 * the worker here, so the test does not depend on timing), updates come back
 * at once, count themselves, and decide nothing; the records come with the
 * first update after it finishes, for the angle they were rendered at. */
static void test_off_the_frame(app_session *session)
{
    feed f = new_feed(session, NULL);
    f.frame.finish = SCENE_FINISH_GLOSS;
    CHECK(show(&f, 10.0f) == CORE_OK); /* the look holds: the sweep starts next */
    inspect_live_hold(f.live, true);
    f.frame.shot.turntable_deg = 11.0f;
    CHECK(inspect_live_update(f.live, &session->render, &session->model, &f.frame, f.width,
                              f.height, &f.updated) == CORE_OK);
    CHECK(!f.updated && summary_of(&f).analyses == 1 && inspect_live_busy(f.live));
    for (int k = 0; k < 5; ++k) {
        f.frame.shot.turntable_deg = 12.0f + (float)k;
        CHECK(inspect_live_update(f.live, &session->render, &session->model, &f.frame, f.width,
                                  f.height, &f.updated) == CORE_OK);
        CHECK(!f.updated);
    }
    inspect_live_summary s = summary_of(&f);
    CHECK(s.frames_during_analysis == 5 && s.analyses == 1 && s.steps == 0);
    inspect_live_hold(f.live, false);
    /* Two more steps, a degree apart, make the first record: step 11's. */
    bool updated = false;
    CHECK(inspect_live_finish(f.live, &updated) == CORE_OK && !updated);
    CHECK(!inspect_live_busy(f.live));
    CHECK(show(&f, 12.0f) == CORE_OK && !f.updated);
    CHECK(show(&f, 13.0f) == CORE_OK && f.updated);
    const detect_frame *record = inspect_live_record(f.live);
    CHECK(record && record->angle_deg == 12.0f);
    CHECK(summary_of(&f).frames_during_analysis == 5);
    inspect_live_destroy(f.live);
}

/* The analysis render on the worker's own GL context (issue 17): a second
 * context sharing the session's (headless EGL here; a hidden window's in the
 * viewer), made current on the worker only. */
typedef struct own_context {
    plat_context *context;
    pthread_t caller;
    int calls, off_caller; /* written by the worker, read after it is joined */
    bool fail;
} own_context;

static bool own_make_current(void *user, bool current)
{
    own_context *own = user;
    own->calls++;
    own->off_caller += !pthread_equal(pthread_self(), own->caller);
    return !own->fail && plat_context_make_current(own->context, current);
}

/* Each step drawn on the worker's context gives the records, overlays and
 * summaries that the step drawn inside the update gives, and no update
 * draws one; the worker's context is current there only, released before
 * it is destroyed, and the caller's stays current and draws. */
static void test_own_context(app_session *session)
{
    own_context own = {.caller = pthread_self()};
    CHECK(plat_context_create_shared(session->platform, &own.context) == CORE_OK);
    inspect_live_desc desc = {.max_side = VIEW_W, .worker_gl = {own_make_current, &own}};
    feed on = new_feed(session, &desc), here = new_feed(session, NULL);
    feed *feeds[2] = {&on, &here};
    for (int i = 0; i < 2; ++i) {
        feeds[i]->frame.finish = SCENE_FINISH_GLOSS;
        feeds[i]->frame.shot.lamp.azimuth_deg = -60.0f;
    }
    for (int k = 0; k < 6; ++k) {
        CHECK(show(&on, 30.0f + (float)k) == CORE_OK);
        CHECK(show(&here, 30.0f + (float)k) == CORE_OK);
        CHECK(on.updated == here.updated);
        const detect_frame *a = inspect_live_record(on.live), *b = inspect_live_record(here.live);
        CHECK((a == NULL) == (b == NULL) && (k < 3 || a != NULL));
        if (a && b)
            CHECK(a->angle_deg == b->angle_deg && a->flags == b->flags && a->pins == b->pins &&
                  a->hairs == b->hairs && a->jitter == b->jitter && a->cae == b->cae);
    }
    int wa, ha, wb, hb;
    const uint8_t *oa = inspect_live_overlay(on.live, &wa, &ha);
    const uint8_t *ob = inspect_live_overlay(here.live, &wb, &hb);
    CHECK(oa && ob && wa == wb && ha == hb && memcmp(oa, ob, (size_t)wa * (size_t)ha * 4) == 0);
    CHECK(summary_of(&on).steps == 3 && summary_of(&on).score == summary_of(&here).score);
    CHECK(inspect_live_renders(on.live) == 5 && inspect_live_frame_renders(on.live) == 0);
    CHECK(inspect_live_frame_renders(here.live) == inspect_live_renders(here.live));
    inspect_live_destroy(on.live);
    inspect_live_destroy(here.live);
    printf("worker context: made current and released %d times, %d off the caller's thread\n",
           own.calls, own.off_caller);
    CHECK(own.calls == 2 && own.off_caller == 2);
    plat_context_destroy(own.context);
    static uint8_t pixels[16 * 16 * 4];
    render_frame_desc frame = render_frame_desc_defaults();
    CHECK(render_offscreen(&session->render, &session->model, &frame, 16, 16, pixels) == CORE_OK);
}

/* A worker context that cannot be made current: the step it could not draw
 * is dropped and the detector goes on drawing inside the updates. */
static void test_own_context_fails(app_session *session)
{
    own_context own = {.caller = pthread_self(), .fail = true};
    inspect_live_desc desc = {.max_side = VIEW_W, .worker_gl = {own_make_current, &own}};
    feed f = new_feed(session, &desc);
    CHECK(show(&f, 10.0f) == CORE_OK && show(&f, 11.0f) == CORE_OK && !f.updated);
    CHECK(inspect_live_frame_renders(f.live) == 0 && inspect_live_record(f.live) == NULL);
    for (int k = 0; k < 4; ++k)
        CHECK(show(&f, 12.0f + (float)k) == CORE_OK);
    CHECK(f.updated && inspect_live_record(f.live) &&
          inspect_live_record(f.live)->angle_deg == 14.0f);
    CHECK(inspect_live_renders(f.live) == 4 && inspect_live_frame_renders(f.live) == 3);
    inspect_live_destroy(f.live);
    CHECK(own.calls == 2 && own.off_caller == 2); /* at its start, at its first step */
}

/* A thread's nice from /proc/self/task/TID/stat (the 19th field), or -100. */
static int thread_nice(const char *tid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/self/task/%s/stat", tid);
    FILE *file = fopen(path, "r");
    if (!file)
        return -100;
    size_t n = fread(line, 1, sizeof line - 1, file);
    fclose(file);
    line[n] = '\0';
    const char *at = strrchr(line, ')'); /* the name may hold spaces */
    int nice = -100;
    for (int field = 2; at && field < 19; ++field)
        at = strchr(at + 1, ' ');
    if (at)
        nice = atoi(at + 1);
    return nice;
}

/* The frame first: the detector's worker runs nicer than the thread that
 * feeds it (on Linux, where each thread has its own nice). */
static void test_worker_nicer(app_session *session)
{
    feed f = new_feed(session, &(inspect_live_desc){.max_side = 32});
    CHECK(show(&f, 10.0f) == CORE_OK);
    CHECK(show(&f, 11.0f) == CORE_OK); /* an analysis: the worker has started */
    int nicer = 0;
    DIR *tasks = opendir("/proc/self/task");
    CHECK(tasks != NULL);
    char self[32];
    snprintf(self, sizeof self, "%ld", (long)syscall(SYS_gettid));
    int base = thread_nice(self);
    int expected = base + INSPECT_LIVE_WORKER_NICE > 19 ? 19 : base + INSPECT_LIVE_WORKER_NICE;
    for (struct dirent *e; tasks && (e = readdir(tasks)) != NULL;)
        if (e->d_name[0] != '.' && thread_nice(e->d_name) == expected)
            nicer++;
    if (tasks)
        closedir(tasks);
    printf("threads %d nicer than the caller's %d\n", nicer, base);
    CHECK(base > -100 && (nicer == 1 || base == 19)); /* at 19 no thread can be nicer */
    inspect_live_destroy(f.live);
}

/* The viewer's frame after an analysis is the frame before it. */
static void test_viewer_frame_untouched(app_session *session)
{
    gfx_target target;
    CHECK(gfx_target_create(VIEW_W, VIEW_H, 4, GFX_COLOR_RGBA8, &target) == CORE_OK);
    static uint8_t before[VIEW_W * VIEW_H * 4], after[VIEW_W * VIEW_H * 4];
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.turntable_deg = 40.0f;
    CHECK(render_frame(&session->render, &session->model, &frame, &target) == CORE_OK);
    CHECK(gfx_target_read_rgba8(&target, before) == CORE_OK);
    feed f = new_feed(session, &(inspect_live_desc){.max_side = 64});
    f.frame.finish = SCENE_FINISH_GLOSS;
    f.frame.shot.lamp.azimuth_deg = -60.0f;
    CHECK(show(&f, 90.0f) == CORE_OK);
    CHECK(show(&f, 91.0f) == CORE_OK);
    CHECK(summary_of(&f).analyses == 1);
    CHECK(render_frame(&session->render, &session->model, &frame, &target) == CORE_OK);
    CHECK(gfx_target_read_rgba8(&target, after) == CORE_OK);
    CHECK(memcmp(before, after, sizeof before) == 0);
    inspect_live_destroy(f.live);
    gfx_target_unload(&target);
}

int main(int argc, char **argv)
{
    core_log_set_level(CORE_LOG_WARNING);
    app_options options = {.model_path = argc > 1 ? argv[1] : app_sample_model_path(),
                           .samples = 4};
    app_session session;
    if (app_session_open(&session, &options, PLAT_BACKEND_HEADLESS, NULL) != CORE_OK) {
        fprintf(stderr, "test_live: %s\n", core_last_error());
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    test_turning(&session);
    test_scaled(&session);
    test_every_nth_frame(&session);
    test_gloss_against_matte(&session);
    test_viewer_frame_untouched(&session);
    test_off_the_frame(&session);
    test_worker_nicer(&session);
    test_own_context(&session);
    test_own_context_fails(&session);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("tests took %.1f s after loading\n",
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    app_session_close(&session);
    return check_done("test_live");
}
