#define _GNU_SOURCE
#include "../check.h"

#include "core/core_result.h"
#include "settings/settings.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const settings_command commands[] = {SETTINGS_RENDER,    SETTINGS_VIEW,    SETTINGS_INFO,
                                            SETTINGS_TURNTABLE, SETTINGS_COMPARE, SETTINGS_CHECK};
enum { COMMANDS = sizeof commands / sizeof *commands };

/* The table is consistent: one row per flag and per key for any command,
 * every default valid, every row explained. */
static void test_table(void)
{
    for (int a = 0; a < SETTINGS_COUNT; ++a) {
        const settings_row *row = settings_row_of((settings_id)a);
        CHECK(row->flag && row->flag[0] && row->help && row->help[0] && row->commands);
        CHECK(row->type == SETTINGS_SWITCH || (row->value_name && row->meaning));
        CHECK(!strchr(row->help, '|')); /* it goes into a Markdown table */
        for (int b = a + 1; b < SETTINGS_COUNT; ++b) {
            const settings_row *other = settings_row_of((settings_id)b);
            if (strcmp(row->flag, other->flag) == 0)
                CHECK((row->commands & other->commands) == 0);
            if (row->key && other->key && strcmp(row->key, other->key) == 0)
                CHECK((row->commands & other->commands) == 0);
        }
    }
    for (int c = 0; c < COMMANDS; ++c) {
        settings_values values;
        CHECK(settings_init(&values, commands[c]) == CORE_OK);
        settings_free(&values);
    }
}

static void test_defaults_and_given(void)
{
    settings_values values;
    CHECK(settings_init(&values, SETTINGS_RENDER) == CORE_OK);
    CHECK(values.value[SETTINGS_LIGHT_AZIMUTH].number[0] == 40.0);
    CHECK(!values.given[SETTINGS_LIGHT_AZIMUTH]);
    CHECK(values.value[SETTINGS_SIZE].number[0] == 1280 &&
          values.value[SETTINGS_SIZE].number[1] == 960);
    /* zero is a real angle, not "default" */
    CHECK(settings_set(&values, SETTINGS_LIGHT_AZIMUTH, "0", "--light-azimuth") == CORE_OK);
    CHECK(values.value[SETTINGS_LIGHT_AZIMUTH].number[0] == 0.0);
    CHECK(values.given[SETTINGS_LIGHT_AZIMUTH]);
    settings_free(&values);
    CHECK(settings_init(&values, SETTINGS_TURNTABLE) == CORE_OK);
    CHECK(values.value[SETTINGS_SIZE].number[0] == 400); /* a command's own default */
    CHECK(values.value[SETTINGS_STEPS].number[0] == 8);
    settings_free(&values);
}

static void test_parsing(void)
{
    settings_values v;
    CHECK(settings_init(&v, SETTINGS_COMPARE) == CORE_OK);
    CHECK(settings_set(&v, SETTINGS_FINISH, "Gloss", "--finish") == CORE_OK);
    CHECK(strcmp(settings_choice_name(SETTINGS_FINISH, v.value[SETTINGS_FINISH].choice), "gloss") ==
          0);
    CHECK(settings_set(&v, SETTINGS_FINISH, "shiny", "--finish") == CORE_ERR_ARGUMENT);
    CHECK(strcmp(core_last_error(),
                 "--finish shiny: expected none, matte, satin or gloss (metal, translucent: deprecated)") == 0);
    CHECK(settings_set(&v, SETTINGS_LIGHT_RADIUS, "0", "--light-radius") == CORE_ERR_ARGUMENT);
    CHECK(strstr(core_last_error(), "expected millimetres above 0") != NULL);
    CHECK(settings_set(&v, SETTINGS_ANGLE, "3e39", "--angle") != CORE_OK); /* past a float */
    CHECK(settings_set(&v, SETTINGS_SIZE, "12xbig", "--size") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_SIZE, "0x10", "--size") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_SIZE, "64x48", "--size") == CORE_OK);
    CHECK(settings_set(&v, SETTINGS_BACKGROUND, "#12345", "--background") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_BACKGROUND, "1,2,300", "--background") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_BACKGROUND, "#0a0B0c", "--background") == CORE_OK);
    CHECK(v.value[SETTINGS_BACKGROUND].rgb[1] == 11);
    CHECK(settings_set(&v, SETTINGS_PAN, "1.5,-2", "--pan") == CORE_OK);
    CHECK(v.value[SETTINGS_PAN].number[1] == -2.0);
    CHECK(settings_set(&v, SETTINGS_PAN, "1.5", "--pan") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_FINISHES, "matte,Gloss", "--finishes") == CORE_OK);
    CHECK(v.value[SETTINGS_FINISHES].list_count == 2);
    CHECK(settings_set(&v, SETTINGS_FINISHES, "matte,,gloss", "--finishes") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_ANGLES, "0,400", "--angles") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_ANGLES, "0,120,-90.5", "--angles") == CORE_OK);
    CHECK(v.value[SETTINGS_ANGLES].list_count == 3 && v.value[SETTINGS_ANGLES].list[2] == -90.5);
    /* parts: names are copied, a repeated name's last choice wins */
    char argument[] = "eyes=gloss";
    CHECK(settings_set(&v, SETTINGS_PART, argument, "--part") == CORE_OK);
    CHECK(strcmp(argument, "eyes=gloss") == 0); /* argv is never written */
    CHECK(settings_set(&v, SETTINGS_PART, "armor.left=satin", "--part") == CORE_OK);
    CHECK(settings_set(&v, SETTINGS_PART, "eyes=matte", "--part") == CORE_OK);
    CHECK(v.part_count == 2 && strcmp(v.parts[0].name, "eyes") == 0);
    CHECK(strcmp(settings_choice_name(SETTINGS_PART, v.parts[0].choice), "matte") == 0);
    CHECK(settings_set(&v, SETTINGS_PART, "=gloss", "--part") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_PART, "eyes", "--part") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_OUTPUT, "", "-o") == CORE_ERR_ARGUMENT);
    CHECK(strstr(core_last_error(), "empty") != NULL);
    CHECK(settings_set(&v, SETTINGS_CREASE_ANGLE, "0", "--crease-angle") != CORE_OK);
    CHECK(settings_set(&v, SETTINGS_CREASE_ANGLE, "180", "--crease-angle") == CORE_OK);
    settings_free(&v);
}

/* Every value reads back as itself through its own text: what presets rely on. */
static void test_round_trip(void)
{
    CHECK_NEAR(0, 0, 0);
    char text[64];
    settings_float_text(0.9f, text, sizeof text);
    CHECK(strcmp(text, "0.9") == 0);
    settings_float_text(0.3f, text, sizeof text);
    CHECK(strcmp(text, "0.3") == 0);
    settings_float_text(1.0f / 3.0f, text, sizeof text);
    CHECK(strtof(text, NULL) == 1.0f / 3.0f);
    settings_float_text(-0.0f, text, sizeof text);
    CHECK(strtof(text, NULL) == 0.0f);
    /* Plain figures where they are exact: a scale is 1:30, not 1:3e+01. */
    settings_float_text(30.0f, text, sizeof text);
    CHECK(strcmp(text, "30") == 0);
    settings_float_text(1500.0f, text, sizeof text);
    CHECK(strcmp(text, "1500") == 0);
    settings_float_text(1e10f, text, sizeof text);
    CHECK(strtof(text, NULL) == 1e10f);

    settings_values a, b;
    CHECK(settings_init(&a, SETTINGS_COMPARE) == CORE_OK);
    CHECK(settings_set(&a, SETTINGS_ZOOM, "0.9", "--zoom") == CORE_OK);
    CHECK(settings_set(&a, SETTINGS_PAN, "0.1,-3.25", "--pan") == CORE_OK);
    CHECK(settings_set(&a, SETTINGS_PART, "eyes=gloss", "--part") == CORE_OK);
    CHECK(settings_set(&a, SETTINGS_ANGLES, "0,33.3", "--angles") == CORE_OK);
    CHECK(settings_init(&b, SETTINGS_COMPARE) == CORE_OK);
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if (!(row->commands & SETTINGS_COMPARE) || row->type == SETTINGS_SWITCH ||
            row->type == SETTINGS_PART_CHOICE ||
            (row->type == SETTINGS_TEXT && !a.value[id].text) ||
            (!a.given[id] && !row->fallback &&
             !settings_fallback((settings_id)id, SETTINGS_COMPARE)))
            continue;
        CHECK(settings_format(&a, (settings_id)id, text, sizeof text));
        CHECK(settings_set(&b, (settings_id)id, text, row->flag) == CORE_OK);
        CHECK(memcmp(a.value[id].number, b.value[id].number, sizeof a.value[id].number) == 0);
        CHECK(a.value[id].choice == b.value[id].choice);
        CHECK(a.value[id].list_count == b.value[id].list_count &&
              memcmp(a.value[id].list, b.value[id].list, sizeof a.value[id].list) == 0);
    }
    CHECK(settings_format(&a, SETTINGS_ZOOM, text, sizeof text) && strcmp(text, "0.9") == 0);
    CHECK(settings_format(&a, SETTINGS_PART, text, sizeof text) && strcmp(text, "eyes=gloss") == 0);
    settings_free(&a);
    settings_free(&b);
}

static void test_command_line_and_docs(void)
{
    for (int c = 0; c < COMMANDS; ++c) {
        struct option options[SETTINGS_COUNT + 1];
        char shorts[32];
        CHECK(settings_getopt(commands[c], options, SETTINGS_COUNT + 1, shorts, sizeof shorts));
        CHECK(shorts[0] == ':' && strchr(shorts, 'h') && strchr(shorts, 'q'));
        char help[16384], table[32768];
        size_t needed = settings_help_text(commands[c], help, sizeof help);
        CHECK(needed > 0 && needed < sizeof help);
        size_t table_needed = settings_markdown(commands[c], table, sizeof table);
        CHECK(table_needed > 0 && table_needed < sizeof table);
        for (int i = 0; options[i].name; ++i) {
            char flag[80];
            snprintf(flag, sizeof flag, "--%s", options[i].name);
            CHECK(strstr(help, flag) != NULL);
            if (strcmp(options[i].name, "help") != 0)
                CHECK(strstr(table, flag) != NULL);
            CHECK(settings_option_row(options[i].val, commands[c]) ==
                  options[i].val - SETTINGS_OPTION_BASE);
        }
        /* no help line runs past the width */
        for (const char *line = help; *line;) {
            size_t length = strcspn(line, "\n");
            CHECK(length <= 88);
            line += length + (line[length] == '\n');
        }
    }
    CHECK(settings_option_row('o', SETTINGS_RENDER) == SETTINGS_OUTPUT);
    CHECK(settings_option_row('o', SETTINGS_CHECK) == -1);
    CHECK(settings_find_flag("sweep", SETTINGS_CHECK) == SETTINGS_CHECK_SWEEP);
    CHECK(settings_find_flag("sweep", SETTINGS_TURNTABLE) == SETTINGS_TURNTABLE_SWEEP);
    CHECK(settings_find_key("sheet.steps", SETTINGS_RENDER) == -1);
    CHECK(settings_key_known("sheet.steps"));
}

int main(void)
{
    test_table();
    test_defaults_and_given();
    test_parsing();
    test_round_trip();
    test_command_line_and_docs();
    return check_done("test_settings");
}
