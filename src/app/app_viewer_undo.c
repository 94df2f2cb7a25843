#include "app/app_viewer_undo.h"

#include <string.h>

void app_viewer_snapshot_take(const app_viewer *viewer, const settings_values *settings,
                              app_viewer_snapshot *s)
{
    /* Zeroed first, so two snapshots of the same state compare equal byte for
     * byte (padding included). */
    memset(s, 0, sizeof *s);
    memcpy(&s->shot, &viewer->frame.shot, sizeof s->shot);
    s->shot.turntable_deg = 0.0f;
    memcpy(s->background, viewer->frame.background, sizeof s->background);
    s->roughness = viewer->frame.roughness;
    s->exposure_ev = viewer->frame.exposure_ev;
    s->tonemap = viewer->frame.tonemap;
    s->view = viewer->frame.view;
    s->no_shadows = viewer->frame.no_shadows;
    s->room = viewer->frame.room;
    s->viewport_count = viewer->viewport_count;
    memcpy(s->looks, viewer->looks, sizeof s->looks);
    memcpy(&s->single_look, &viewer->single_look, sizeof s->single_look);
    s->focus_part = viewer->focus_part;
    if (settings) {
        s->paint_count = settings->paint_count;
        memcpy(s->paints, settings->paints, sizeof s->paints[0] * settings->paint_count);
    }
}

void app_viewer_snapshot_apply(const app_viewer_snapshot *s, app_viewer *viewer,
                               settings_values *settings)
{
    float turntable = viewer->frame.shot.turntable_deg;
    memcpy(&viewer->frame.shot, &s->shot, sizeof s->shot);
    viewer->frame.shot.turntable_deg = turntable;
    memcpy(viewer->frame.background, s->background, sizeof s->background);
    viewer->frame.roughness = s->roughness;
    viewer->frame.exposure_ev = s->exposure_ev;
    viewer->frame.tonemap = s->tonemap;
    viewer->frame.view = s->view;
    viewer->frame.no_shadows = s->no_shadows;
    viewer->frame.room = s->room;
    viewer->viewport_count = s->viewport_count;
    if (viewer->active_viewport >= viewer->viewport_count)
        viewer->active_viewport = 0;
    memcpy(viewer->looks, s->looks, sizeof s->looks);
    memcpy(&viewer->single_look, &s->single_look, sizeof s->single_look);
    viewer->focus_part = s->focus_part;
    if (settings) {
        settings->paint_count = s->paint_count;
        memcpy(settings->paints, s->paints, sizeof s->paints[0] * s->paint_count);
    }
}

static bool same(const app_viewer_snapshot *a, const app_viewer_snapshot *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* Pushes onto a bounded stack, the oldest step falling off the bottom. */
static void push(app_viewer_snapshot *stack, int *count, const app_viewer_snapshot *s)
{
    if (*count == APP_UNDO_DEPTH) {
        memmove(stack, stack + 1, sizeof *stack * (APP_UNDO_DEPTH - 1));
        --*count;
    }
    stack[(*count)++] = *s;
}

void app_viewer_history_note(app_viewer_history *h, const app_viewer_snapshot *now, bool settled)
{
    if (!h->has_committed) {
        h->committed = *now;
        h->has_committed = true;
        return;
    }
    if (!settled || same(now, &h->committed))
        return;
    push(h->undo, &h->undo_count, &h->committed);
    h->redo_count = 0; /* a new change forgets what was undone */
    h->committed = *now;
}

bool app_viewer_history_undo(app_viewer_history *h, const app_viewer_snapshot *now,
                             app_viewer_snapshot *out)
{
    /* A change not yet settled into a step is undone first. */
    if (h->has_committed && !same(now, &h->committed)) {
        push(h->redo, &h->redo_count, now);
        *out = h->committed;
        return true;
    }
    if (h->undo_count == 0)
        return false;
    push(h->redo, &h->redo_count, now);
    *out = h->undo[--h->undo_count];
    h->committed = *out;
    return true;
}

bool app_viewer_history_redo(app_viewer_history *h, const app_viewer_snapshot *now,
                             app_viewer_snapshot *out)
{
    if (h->redo_count == 0)
        return false;
    push(h->undo, &h->undo_count, now);
    *out = h->redo[--h->redo_count];
    h->committed = *out;
    return true;
}
