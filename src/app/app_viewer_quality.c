#include "app/app_viewer_quality.h"
#include "app/app_viewer_loop.h"

#include "core/core_log.h"
#include "core/core_time.h"
#include "gfx/gfx.h"
#include "scene/scene_decimate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_viewer_choose_divisor(double frame_ms, int divisor, double target_ms)
{
    if (divisor < 1)
        divisor = 1;
    if (divisor > APP_VIEWER_MAX_DIVISOR)
        divisor = APP_VIEWER_MAX_DIVISOR;
    if (!(frame_ms > 0.0) || !(target_ms > 0.0))
        return divisor;
    if (frame_ms > 1.2 * target_ms)
        return divisor < APP_VIEWER_MAX_DIVISOR ? divisor + 1 : divisor;
    if (divisor > 1) {
        double grow = (double)divisor / (double)(divisor - 1);
        if (frame_ms * grow * grow < 0.9 * target_ms)
            return divisor - 1;
    }
    return divisor;
}

float app_viewer_detector_turn(double frame_s, double cycle_s, bool busy, float ahead_deg)
{
    double cycle = cycle_s > frame_s ? cycle_s : frame_s;
    float limit = cycle > 0.0 ? (float)(1.05 * frame_s / cycle) : 1.0f;
    if (!busy)
        return limit;
    return fmaxf(fminf(limit, 1.05f - ahead_deg), 1e-4f);
}

double app_viewer_held_wait_s(double last_frame_ms)
{
    double s = last_frame_ms / 1000.0;
    return s < 0.005 ? 0.005 : s > 0.05 ? 0.05 : s;
}

core_result app_viewer_upload_coarse(render_model *model, const scene_mesh *mesh)
{
    uint32_t triangles = mesh->index_count / 3u;
    if (triangles <= APP_VIEWER_COARSE_TRIANGLES + APP_VIEWER_COARSE_TRIANGLES / 2u)
        return CORE_OK;
    double start = core_seconds();
    scene_decimated coarse;
    core_result r = scene_decimate(mesh, APP_VIEWER_COARSE_TRIANGLES, &coarse);
    if (r == CORE_OK)
        r = render_model_upload_coarse(model, &coarse.mesh, coarse.remap,
                                       coarse.source_vertex_count);
    if (r == CORE_OK)
        core_log(CORE_LOG_DEBUG,
                 "moving frames draw a coarse copy: %u of %u triangles (%.2f mm cells), %.0f ms",
                 coarse.mesh.index_count / 3u, triangles, (double)coarse.cell_mm,
                 1000.0 * (core_seconds() - start));
    scene_decimated_unload(&coarse);
    return r;
}

/* FNV-1a over what moves the picture: a change is motion. */
static uint64_t hash_floats(uint64_t hash, const float *values, size_t count)
{
    const unsigned char *bytes = (const unsigned char *)values;
    for (size_t i = 0; i < count * sizeof *values; ++i)
        hash = (hash ^ bytes[i]) * 1099511628211ull;
    return hash;
}

/* The camera, the model's placement (turntable, up axis) and the lamp of
 * every viewport. Finishes, paint and views are not motion: they show at
 * full quality at once. */
static uint64_t motion_signature(app_viewer_loop *loop)
{
    uint64_t hash = 14695981039346656037ull;
    const app_viewer *viewer = &loop->viewer;
    for (int v = 0; v < viewer->viewport_count; ++v) {
        render_part_finish parts[APP_VIEWER_MAX_PARTS];
        render_frame_desc frame = app_viewer_viewport_frame(viewer, v, parts);
        scene_view view;
        scene_shot_view(&frame.shot, &loop->session->model.bounds, 1.0f, &view);
        hash = hash_floats(hash, view.model, 16);
        hash = hash_floats(hash, view.view, 16);
        hash = hash_floats(hash, view.projection, 16);
        hash = hash_floats(hash, view.lamp_position, 3);
        hash = hash_floats(hash, &view.lamp_radius, 1);
        hash = hash_floats(hash, view.light_view_projection, 16);
    }
    return hash ^ (uint64_t)viewer->viewport_count ^ ((uint64_t)loop->session->model.generation << 8);
}

static uint64_t hash_bytes(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < size; ++i)
        hash = (hash ^ bytes[i]) * 1099511628211ull;
    return hash;
}

uint64_t app_viewer_look_signature(const app_viewer_loop *loop, const render_frame_desc *frame,
                                   int width, int height)
{
    /* Field by field: the structs have padding. scene_shot is floats only. */
    uint64_t hash = hash_floats(14695981039346656037ull, (const float *)&frame->shot,
                                sizeof frame->shot / sizeof(float));
    hash = hash_floats(hash, frame->background, 3);
    hash = hash_floats(hash, &frame->roughness, 1);
    hash = hash_floats(hash, &frame->exposure_ev, 1);
    const int ints[] = {(int)frame->finish, (int)frame->tonemap,     (int)frame->view,
                        frame->samples,     frame->no_shadows,       frame->transparent,
                        frame->highlight_part, (int)frame->room,     frame->interactive,
                        width,              height,                  (int)frame->part_finish_count};
    hash = hash_bytes(hash, ints, sizeof ints);
    for (uint32_t i = 0; frame->part_finishes && i < frame->part_finish_count; ++i) {
        const render_part_finish *pf = &frame->part_finishes[i];
        hash = hash_bytes(hash, &pf->finish, sizeof pf->finish);
        if (pf->part)
            hash = hash_bytes(hash, pf->part, strlen(pf->part) + 1);
    }
    const render_model *model = &loop->session->model;
    hash = hash_bytes(hash, &model->generation, sizeof model->generation);
    hash = hash_floats(hash, (const float *)&model->bounds, sizeof model->bounds / sizeof(float));
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const scene_paint *paint = &model->parts[p].paint; /* read at each draw */
        hash = hash_bytes(hash, &paint->source, sizeof paint->source);
        hash = hash_floats(hash, paint->color, 3);
        const float more[] = {paint->metallic, paint->roughness, paint->translucency};
        hash = hash_floats(hash, more, 3);
    }
    return hash ? hash : 1; /* 0 means "nothing drawn" */
}

static double settle_s(const app_viewer_loop *loop)
{
    return loop->mouse_held ? APP_VIEWER_SETTLE_HELD_S : APP_VIEWER_SETTLE_S;
}

void app_viewer_quality_update(app_viewer_loop *loop, double now)
{
    app_viewer_quality *q = &loop->quality;
    uint64_t signature = motion_signature(loop);
    if (signature != q->signature || loop->viewer.turning) {
        q->last_motion = now;
        q->motion_over = false;
    }
    q->signature = signature;
    /* A motion that ends itself (the turntable stopped, the button let go)
     * needs no wait to see whether it goes on: full quality at once. */
    if ((q->was_turning && !loop->viewer.turning) || (q->was_held && !loop->mouse_held))
        q->motion_over = true;
    q->was_turning = loop->viewer.turning;
    q->was_held = loop->mouse_held;
    if (q->divisor < 1)
        q->divisor = 2; /* a first guess; the chooser settles it */
    bool shot = loop->pending_shot[0] || loop->viewer.requests.screenshot ||
                loop->viewer.requests.screenshot_large;
    q->cheap = !q->off && !shot && !q->motion_over && now - q->last_motion < settle_s(loop);
    q->triangles_before = loop->session->render.triangles_drawn;
}

bool app_viewer_quality_owes_full(const app_viewer_loop *loop, double now)
{
    const app_viewer_quality *q = &loop->quality;
    return q->shown_cheap && (q->motion_over || now - q->last_motion >= settle_s(loop));
}

double app_viewer_quality_wait_s(const app_viewer_loop *loop, double now)
{
    const app_viewer_quality *q = &loop->quality;
    if (!q->shown_cheap)
        return 0.25;
    double left = q->motion_over ? 0.0 : q->last_motion + settle_s(loop) - now;
    return left < 0.005 ? 0.005 : left > 0.25 ? 0.25 : left;
}

void app_viewer_quality_frame_done(app_viewer_loop *loop, double ms, int target_width,
                                   int target_height)
{
    app_viewer_quality *q = &loop->quality;
    bool shown_cheap = q->cheap || q->left_cheap > 0;
    if (q->shown_cheap && !shown_cheap) {
        q->returns++;
        if (q->back_count < (int)(sizeof q->back_ms / sizeof *q->back_ms))
            q->back_ms[q->back_count++] = 1000.0 * (core_seconds() - q->last_motion);
    }
    q->shown_cheap = shown_cheap;
    loop->last_frame_ms = ms;
    uint64_t triangles = loop->session->render.triangles_drawn - q->triangles_before;
    if (triangles > 0) /* not a frame that only showed its pictures again */
        *(q->cheap ? &q->cheap_triangles : &q->full_triangles) = triangles;
    q->partial_frames += q->left_cheap > 0;
    q->undrawn_frames += !q->cheap && triangles == 0;
    if (q->cheap) {
        q->cheap_width = target_width;
        q->cheap_height = target_height;
        q->cheap_ms = q->cheap_ms > 0.0 ? 0.5 * q->cheap_ms + 0.5 * ms : ms;
        int divisor = app_viewer_choose_divisor(q->cheap_ms, q->divisor, APP_VIEWER_TARGET_MS);
        if (divisor != q->divisor) {
            q->divisor = divisor;
            q->cheap_ms = 0.0; /* measure the new size afresh */
        }
    } else {
        q->full_width = target_width;
        q->full_height = target_height;
    }
    if (!loop->settings.stats)
        return;
    if (loop->frame_count == loop->frame_capacity) {
        int capacity = loop->frame_capacity ? loop->frame_capacity * 2 : 1024;
        double *grown = realloc(loop->frame_ms, sizeof *grown * (size_t)capacity);
        if (!grown)
            return;
        loop->frame_ms = grown;
        unsigned char *kinds = realloc(loop->frame_cheap, (size_t)capacity);
        if (!kinds)
            return;
        loop->frame_cheap = kinds;
        loop->frame_capacity = capacity;
    }
    loop->frame_cheap[loop->frame_count] = q->cheap ? 1 : 0;
    loop->frame_ms[loop->frame_count++] = ms;
}

void app_viewer_count_detector_frame(app_viewer_loop *loop)
{
    if (!loop->viewer.detector)
        return;
    float angle = loop->viewer.frame.shot.turntable_deg;
    if (loop->detector_frames > 0) {
        double turn = fmod((double)angle - loop->detector_last_deg + 540.0, 360.0) - 180.0;
        loop->detector_turned_deg += fabs(turn);
    }
    loop->detector_last_deg = angle;
    loop->detector_frames++;
    bool over = false;
    long renders = 0, frame_renders = 0;
    for (int v = 0; v < loop->viewer.viewport_count; ++v) {
        if (!loop->live[v])
            continue;
        over = over || inspect_live_busy(loop->live[v]);
        renders += inspect_live_renders(loop->live[v]);
        frame_renders += inspect_live_frame_renders(loop->live[v]);
    }
    loop->detector_renders = renders;
    loop->frames_over_analysis += over;
    /* A frame whose update drew an analysis itself waited for it. */
    loop->frames_waited_for_render += frame_renders > loop->detector_frame_renders;
    loop->detector_frame_renders = frame_renders;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of values[first..count) whose kind is `kind` (-1: every one);
 * sorts a copy. Returns the number of frames counted. */
static int median_of(const app_viewer_loop *loop, int first, int kind, double *median,
                     double *p90)
{
    int n = 0;
    double *values = malloc(sizeof *values * (size_t)(loop->frame_count + 1));
    if (!values)
        return 0;
    for (int i = first; i < loop->frame_count; ++i)
        if (kind < 0 || loop->frame_cheap[i] == kind)
            values[n++] = loop->frame_ms[i];
    if (n > 0) {
        qsort(values, (size_t)n, sizeof *values, compare_doubles);
        *median = values[n / 2];
        *p90 = values[n * 9 / 10];
    }
    free(values);
    return n;
}

void app_viewer_print_stats(app_viewer_loop *loop, int width, int height)
{
    /* The first frames pay for shader compiles and first uploads. */
    int skip = loop->frame_count > 20 ? 10 : 0;
    double median = 0.0, p90 = 0.0;
    int n = median_of(loop, skip, -1, &median, &p90);
    if (n <= 0)
        return;
    const app_viewer_quality *q = &loop->quality;
    printf("glint view: %d frames at %dx%d (first %d not counted): median %.1f ms (%.1f fps), "
           "90th percentile %.1f ms; %s\n",
           n, width, height, skip, median, 1000.0 / median, p90, gfx_renderer());
    n = median_of(loop, skip, 1, &median, &p90);
    if (n > 0)
        printf("glint view: interactive median %.1f ms (%.1f fps) over %d frames, 90th percentile "
               "%.1f ms; internal size %dx%d per viewport, 1 sample, fewer shadow taps, "
               "%" PRIu64 " triangles drawn (the model has %u)\n",
               median, 1000.0 / median, n, p90, q->cheap_width, q->cheap_height,
               q->cheap_triangles, loop->session->triangle_count);
    else
        printf("glint view: interactive median - (no interactive frames)\n");
    n = median_of(loop, skip, 0, &median, &p90);
    double back = 0.0;
    if (q->back_count > 0) {
        double sorted[64];
        memcpy(sorted, q->back_ms, sizeof *sorted * (size_t)q->back_count);
        qsort(sorted, (size_t)q->back_count, sizeof *sorted, compare_doubles);
        back = sorted[q->back_count / 2];
    }
    if (n > 0)
        printf("glint view: at rest median %.1f ms (%.1f fps) over %d frames, 90th percentile "
               "%.1f ms; internal size %dx%d per viewport; full quality back %d times, "
               "median %.0f ms after the last motion, %d frames of them one viewport at a "
               "time; %d frames shown again undrawn; %" PRIu64 " triangles drawn\n",
               median, 1000.0 / median, n, p90, q->full_width, q->full_height, q->returns, back,
               q->partial_frames, q->undrawn_frames, q->full_triangles);
    else
        printf("glint view: at rest median - (no frames at rest)\n");
    if (loop->detector_frames > 0)
        printf("glint view: live detector: %d of %d frames drawn while an analysis ran; "
               "%ld analyses, the turntable turned %.0f deg; %d frames waited for an analysis "
               "render\n",
               loop->frames_over_analysis, loop->detector_frames, loop->detector_renders,
               loop->detector_turned_deg, loop->frames_waited_for_render);
}
