#include "../check.h"

#include "app/app_options.h"
#include "app/app_viewer.h"
#include "app/app_viewer_undo.h"

#include <stdlib.h>
#include <string.h>

/* Undo (Ctrl+Z) and its steps, the numpad's views and the help sheet's
 * groups: the viewer's pure parts, without a GPU. */

static scene_part parts[2];

static render_model fake_model(void)
{
    render_model model;
    memset(&model, 0, sizeof model);
    memset(parts, 0, sizeof parts);
    snprintf(parts[0].name, sizeof parts[0].name, "cloak");
    snprintf(parts[1].name, sizeof parts[1].name, "face");
    model.parts = parts;
    model.part_count = 2;
    model.bounds.radius = 20.0f;
    for (int i = 0; i < 3; ++i) {
        model.bounds.min[i] = -20.0f;
        model.bounds.max[i] = 20.0f;
    }
    return model;
}

static void press(app_viewer *viewer, plat_key key, unsigned mods)
{
    plat_event event = {.kind = PLAT_EVENT_KEY, .key = key, .mods = mods, .down = true};
    app_viewer_handle_event(viewer, &event, 0.0);
}

static void test_history(void)
{
    render_model model = fake_model();
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    app_viewer *viewer = calloc(1, sizeof *viewer);
    app_viewer_history *h = calloc(1, sizeof *h);
    app_viewer_snapshot *now = calloc(1, sizeof *now), *back = calloc(1, sizeof *back);
    CHECK(viewer && h && now && back);
    if (!viewer || !h || !now || !back)
        return;
    app_viewer_init(viewer, &options, &model);
    float kelvin = viewer->frame.shot.lamp.kelvin;
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, true);
    CHECK(!app_viewer_history_undo(h, now, back)); /* nothing yet */

    /* A drag's many frames while a button is held are one step. */
    for (int i = 1; i <= 5; ++i) {
        viewer->frame.shot.lamp.azimuth_deg = 40.0f + 10.0f * (float)i;
        app_viewer_snapshot_take(viewer, &options.settings, now);
        app_viewer_history_note(h, now, false);
    }
    app_viewer_history_note(h, now, true);
    CHECK(h->undo_count == 1);
    /* The turntable turning is no step. */
    viewer->frame.shot.turntable_deg += 30.0f;
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, true);
    CHECK(h->undo_count == 1);
    /* A key: the lamp warmer, another step. */
    press(viewer, PLAT_KEY_A + ('T' - 'A'), PLAT_MOD_SHIFT);
    CHECK(viewer->frame.shot.lamp.kelvin < kelvin);
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, true);
    CHECK(h->undo_count == 2);

    /* Ctrl+Z asks the loop; the loop undoes: the temperature first, then the drag. */
    press(viewer, PLAT_KEY_A + ('Z' - 'A'), PLAT_MOD_CONTROL);
    CHECK(viewer->requests.undo_steps == 1);
    CHECK(app_viewer_history_undo(h, now, back));
    app_viewer_snapshot_apply(back, viewer, &options.settings);
    CHECK_NEAR(viewer->frame.shot.lamp.kelvin, kelvin, 1e-3);
    CHECK_NEAR(viewer->frame.shot.lamp.azimuth_deg, 90.0, 1e-3);
    CHECK_NEAR(viewer->frame.shot.turntable_deg, 30.0, 1e-3); /* the turntable stays */
    app_viewer_snapshot_take(viewer, &options.settings, now);
    CHECK(app_viewer_history_undo(h, now, back));
    app_viewer_snapshot_apply(back, viewer, &options.settings);
    CHECK_NEAR(viewer->frame.shot.lamp.azimuth_deg, 40.0, 1e-3);
    app_viewer_snapshot_take(viewer, &options.settings, now);
    CHECK(!app_viewer_history_undo(h, now, back));
    /* Redo walks forward again; a new change forgets the rest. */
    press(viewer, PLAT_KEY_A + ('Z' - 'A'), PLAT_MOD_CONTROL | PLAT_MOD_SHIFT);
    CHECK(viewer->requests.redo_steps == 1);
    CHECK(app_viewer_history_redo(h, now, back));
    app_viewer_snapshot_apply(back, viewer, &options.settings);
    CHECK_NEAR(viewer->frame.shot.lamp.azimuth_deg, 90.0, 1e-3);
    CHECK_NEAR(viewer->frame.shot.lamp.kelvin, kelvin, 1e-3);
    press(viewer, PLAT_KEY_0 + 3, 0); /* gloss */
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, true);
    CHECK(!app_viewer_history_redo(h, now, back));
    /* An unsettled change is undone before any step. */
    viewer->frame.exposure_ev = 2.0f;
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, false);
    CHECK(app_viewer_history_undo(h, now, back));
    app_viewer_snapshot_apply(back, viewer, &options.settings);
    CHECK_NEAR(viewer->frame.exposure_ev, 0.0, 1e-6);
    CHECK(viewer->looks[0].finish == SCENE_FINISH_GLOSS);
    /* Paints are part of a step. */
    CHECK(settings_set(&options.settings, SETTINGS_PAINT, "face=gold", "--paint") == CORE_OK);
    app_viewer_snapshot_take(viewer, &options.settings, now);
    app_viewer_history_note(h, now, true);
    CHECK(app_viewer_history_undo(h, now, back));
    app_viewer_snapshot_apply(back, viewer, &options.settings);
    CHECK(options.settings.paint_count == 0);
    /* The depth is bounded: the oldest steps fall off. */
    for (int i = 0; i < APP_UNDO_DEPTH + 10; ++i) {
        viewer->frame.shot.lamp.radius_mm = 1.0f + (float)i;
        app_viewer_snapshot_take(viewer, &options.settings, now);
        app_viewer_history_note(h, now, true);
    }
    CHECK(h->undo_count == APP_UNDO_DEPTH);
    app_options_free(&options);
    free(viewer);
    free(h);
    free(now);
    free(back);
}

static void test_numpad_and_groups(void)
{
    render_model model = fake_model();
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    app_viewer *viewer = calloc(1, sizeof *viewer);
    CHECK(viewer != NULL);
    if (!viewer)
        return;
    app_viewer_init(viewer, &options, &model);
    scene_finish_kind finish = viewer->looks[0].finish;
    press(viewer, PLAT_KEY_KP_0 + 3, 0);
    CHECK_NEAR(viewer->frame.shot.camera.azimuth_deg, 90.0, 1e-6);
    CHECK_NEAR(viewer->frame.shot.camera.elevation_deg, 0.0, 1e-6);
    press(viewer, PLAT_KEY_KP_0 + 1, PLAT_MOD_CONTROL);
    CHECK_NEAR(viewer->frame.shot.camera.azimuth_deg, 180.0, 1e-6);
    press(viewer, PLAT_KEY_KP_0 + 7, 0);
    CHECK_NEAR(viewer->frame.shot.camera.elevation_deg, 89.0, 1e-6);
    /* The keypad's 1 is a view, not the number row's matte. */
    press(viewer, PLAT_KEY_KP_0 + 1, 0);
    CHECK(viewer->looks[0].finish == finish);
    CHECK(strcmp(plat_key_name(PLAT_KEY_KP_0 + 7), "Num7") == 0);
    CHECK(plat_key_parse("num3") == PLAT_KEY_KP_0 + 3);
    /* Every key belongs to a group of the help sheet. */
    for (int i = 0; i < app_viewer_binding_count; ++i) {
        const char *group = app_viewer_action_group(app_viewer_bindings[i].action);
        CHECK(group != NULL);
        if (!group)
            fprintf(stderr, "binding %d (%s) has no group\n", i, app_viewer_bindings[i].help);
    }
    static char help[16384];
    app_viewer_help_text(help, sizeof help);
    const char *lamp = strstr(help, "\nLamp\n"), *turntable = strstr(help, "\nTurntable\n");
    CHECK(lamp && turntable && turntable < lamp);
    CHECK(strstr(help, "Num1") != NULL && strstr(help, "Ctrl+Z") != NULL);
    app_options_free(&options);
    free(viewer);
}

int main(void)
{
    test_history();
    test_numpad_and_groups();
    return check_done("test_viewer_undo");
}
