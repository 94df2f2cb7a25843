#include "../check.h"

#include "app/app_options.h"
#include "scene/scene_paint.h"
#include "scene/scene_room.h"

#include <string.h>

/* --paint from the settings table to the parts: the table's paint names are
 * scene's, a paint given for `all` and then for one part ends with the part's
 * own, `file` gives a part its file's colour back, and the settings keep
 * #rrggbb as typed so presets write it back. */

static void test_names_agree(void)
{
    const settings_row *row = settings_row_of(SETTINGS_PAINT);
    CHECK(strcmp(row->choices[0], "file") == 0);
    size_t count = 0;
    while (row->choices[count + 1])
        ++count;
    CHECK(count == scene_paint_named_count());
    for (size_t i = 0; i < count && i < scene_paint_named_count(); ++i) {
        CHECK(strcmp(row->choices[i + 1], scene_paint_named(i)) == 0);
        scene_paint paint;
        CHECK(scene_paint_parse(row->choices[i + 1], &paint));
    }
}

/* --room's and --rooms' choices are scene's rooms, in scene's order (the
 * choice's index is read as the scene_room). */
static void test_room_names_agree(void)
{
    const settings_id rows[] = {SETTINGS_ROOM, SETTINGS_ROOMS};
    for (int r = 0; r < 2; ++r) {
        const settings_row *row = settings_row_of(rows[r]);
        int count = 0;
        for (; row->choices[count]; ++count) {
            scene_room room;
            CHECK(scene_room_parse(row->choices[count], &room));
            CHECK((int)room == count);
        }
        CHECK(count == SCENE_ROOM_NAMED);
    }
    scene_room room;
    CHECK(!scene_room_parse("uniform", &room)); /* the test room is no choice */
}

static void make_parts(scene_part *parts)
{
    static const char *const names[3] = {"skin", "cloak", "base"};
    for (int p = 0; p < 3; ++p) {
        memset(&parts[p], 0, sizeof parts[p]);
        snprintf(parts[p].name, sizeof parts[p].name, "%s", names[p]);
        parts[p].file_paint.source = SCENE_PAINT_FILE;
        parts[p].file_paint.color[0] = 0.1f * (float)(p + 1);
        parts[p].paint = parts[p].file_paint;
    }
}

static void test_apply_in_order(void)
{
    app_options options;
    app_options_init(&options, SETTINGS_RENDER);
    settings_values *s = &options.settings;
    CHECK(settings_set(s, SETTINGS_PAINT, "all=grey-primer", "--paint") == CORE_OK);
    CHECK(settings_set(s, SETTINGS_PAINT, "skin=#ff0000", "--paint") == CORE_OK);
    CHECK(settings_set(s, SETTINGS_PAINT, "base=gold", "--paint") == CORE_OK);
    CHECK(settings_set(s, SETTINGS_PAINT, "base=file", "--paint") == CORE_OK);
    CHECK(settings_set(s, SETTINGS_PAINT, "skin=#12345", "--paint") != CORE_OK);
    CHECK(settings_set(s, SETTINGS_PAINT, "skin=tartan", "--paint") != CORE_OK);
    CHECK(s->paint_count == 3); /* base's second word replaced its first */
    scene_part parts[3];
    make_parts(parts);
    app_options_apply_paints(&options, parts, 3);
    CHECK(parts[0].paint.source == SCENE_PAINT_CHOSEN);
    CHECK_NEAR(parts[0].paint.color[0], 1.0, 1e-5);
    CHECK_NEAR(parts[0].paint.color[1], 0.0, 1e-5);
    CHECK(strcmp(parts[1].paint.name, "grey-primer") == 0);
    /* `file` after `all`: base's own colour again */
    CHECK(parts[2].paint.source == SCENE_PAINT_FILE);
    CHECK_NEAR(parts[2].paint.color[0], 0.3, 1e-6);
    char text[256];
    CHECK(settings_format(s, SETTINGS_PAINT, text, sizeof text));
    CHECK(strcmp(text, "all=grey-primer,skin=#ff0000,base=file") == 0);
    /* applying again starts from the file's paints: nothing accumulates */
    s->paint_count = 0;
    CHECK(settings_set(s, SETTINGS_PAINT, "all=file", "--paint") == CORE_OK);
    app_options_apply_paints(&options, parts, 3);
    for (int p = 0; p < 3; ++p)
        CHECK(parts[p].paint.source == SCENE_PAINT_FILE);
    app_options_free(&options);
}

int main(void)
{
    test_names_agree();
    test_room_names_agree();
    test_apply_in_order();
    return check_done("test_app_paint");
}
