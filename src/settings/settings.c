#define _POSIX_C_SOURCE 200809L
#include "settings/settings.h"

#include "core/core_text.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    settings_command command;
    const char *name;
} command_names[] = {{SETTINGS_RENDER, "render"},   {SETTINGS_VIEW, "view"},
                     {SETTINGS_INFO, "info"},       {SETTINGS_TURNTABLE, "turntable"},
                     {SETTINGS_COMPARE, "compare"}, {SETTINGS_CHECK, "check"}};

const char *settings_command_name(settings_command command)
{
    for (size_t i = 0; i < sizeof command_names / sizeof *command_names; ++i)
        if (command_names[i].command == command)
            return command_names[i].name;
    return "glint";
}

int settings_find_flag(const char *flag, settings_command command)
{
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if ((row->commands & command) && strcmp(row->flag, flag) == 0)
            return id;
    }
    return -1;
}

static const settings_variant *variant_of(settings_id id, settings_command command);

const char *settings_key(settings_id id, settings_command command)
{
    const settings_variant *variant = variant_of(id, command);
    return variant && variant->key ? variant->key : settings_row_of(id)->key;
}

int settings_find_key(const char *key, settings_command command)
{
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        const char *own = settings_key((settings_id)id, command);
        if ((row->commands & command) && own && strcmp(own, key) == 0)
            return id;
    }
    return -1;
}

bool settings_key_known(const char *key)
{
    static const settings_command commands[] = {SETTINGS_RENDER,  SETTINGS_VIEW,
                                                SETTINGS_INFO,    SETTINGS_TURNTABLE,
                                                SETTINGS_COMPARE, SETTINGS_CHECK};
    for (size_t c = 0; c < sizeof commands / sizeof *commands; ++c)
        if (settings_find_key(key, commands[c]) >= 0)
            return true;
    return false;
}

static const settings_variant *variant_of(settings_id id, settings_command command)
{
    const settings_row *row = settings_row_of(id);
    for (int v = 0; v < SETTINGS_MAX_VARIANTS && row->variants[v].commands; ++v)
        if (row->variants[v].commands & command)
            return &row->variants[v];
    return NULL;
}

const char *settings_fallback(settings_id id, settings_command command)
{
    const settings_variant *variant = variant_of(id, command);
    return variant && variant->fallback ? variant->fallback : settings_row_of(id)->fallback;
}

const char *settings_help(settings_id id, settings_command command)
{
    const settings_variant *variant = variant_of(id, command);
    return variant && variant->help ? variant->help : settings_row_of(id)->help;
}

const char *settings_default_doc(settings_id id, settings_command command)
{
    const settings_variant *variant = variant_of(id, command);
    if (variant && variant->default_doc)
        return variant->default_doc;
    if (variant && variant->fallback)
        return variant->fallback;
    const settings_row *row = settings_row_of(id);
    return row->default_doc ? row->default_doc : row->fallback;
}

const char *settings_choice_name(settings_id id, int choice)
{
    const char *const *choices = settings_row_of(id)->choices;
    for (int c = 0; choices && choices[c]; ++c)
        if (c == choice)
            return choices[c];
    return "?";
}

/* ---- parsing ------------------------------------------------------------------------------ */

/* A finite number that a float can hold, all of the text. Past FLT_MAX the
 * float would be infinite (found by fuzz_preset: "turntable_deg": 3e60). */
static bool parse_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    double parsed = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(parsed) ||
        fabs(parsed) > FLT_MAX)
        return false;
    *out = (double)(float)parsed; /* settings are floats: keep what the float holds */
    return true;
}

static bool in_range(const settings_row *row, double value)
{
    bool above = row->above_min ? value > row->min : value >= row->min;
    return above && value <= row->max;
}

static int find_choice(const settings_row *row, const char *text, size_t length)
{
    for (int c = 0; row->choices[c]; ++c)
        if (strlen(row->choices[c]) == length && length < 64) {
            char word[64];
            memcpy(word, text, length);
            word[length] = '\0';
            if (core_text_same_name(word, row->choices[c]))
                return c;
        }
    return -1;
}

static bool parse_size(const settings_row *row, const char *text, double out[2])
{
    char *end;
    errno = 0;
    long width = strtol(text, &end, 10);
    if (end == text || errno == ERANGE || (*end != 'x' && *end != 'X'))
        return false;
    const char *rest = end + 1;
    long height = strtol(rest, &end, 10);
    if (end == rest || errno == ERANGE || *end != '\0')
        return false;
    out[0] = (double)width;
    out[1] = (double)height;
    return in_range(row, out[0]) && in_range(row, out[1]);
}

static bool parse_pair(const settings_row *row, const char *text, double out[2])
{
    const char *comma = strchr(text, ',');
    if (!comma || comma - text >= 64)
        return false;
    char first[64];
    memcpy(first, text, (size_t)(comma - text));
    first[comma - text] = '\0';
    return parse_number(first, &out[0]) && parse_number(comma + 1, &out[1]) &&
           in_range(row, out[0]) && in_range(row, out[1]);
}

static bool parse_colour(const char *text, uint8_t rgb[3])
{
    unsigned r, g, b;
    char end;
    bool ok =
        (sscanf(text, "#%2x%2x%2x%c", &r, &g, &b, &end) == 3 && strlen(text) == 7) ||
        (sscanf(text, "%u,%u,%u%c", &r, &g, &b, &end) == 3 && r <= 255 && g <= 255 && b <= 255);
    if (ok) {
        rgb[0] = (uint8_t)r;
        rgb[1] = (uint8_t)g;
        rgb[2] = (uint8_t)b;
    }
    return ok;
}

static bool parse_list(const settings_row *row, const char *text, settings_value *value)
{
    double items[SETTINGS_MAX_LIST];
    int count = 0;
    const char *cursor = text;
    for (;;) {
        size_t length = strcspn(cursor, ",");
        if (length == 0 || length >= 64 || count == row->max_count || count == SETTINGS_MAX_LIST)
            return false;
        if (row->type == SETTINGS_CHOICE_LIST) {
            int choice = find_choice(row, cursor, length);
            if (choice < 0)
                return false;
            items[count++] = choice;
        } else {
            char word[64];
            memcpy(word, cursor, length);
            word[length] = '\0';
            if (!parse_number(word, &items[count]) || !in_range(row, items[count]))
                return false;
            ++count;
        }
        if (cursor[length] == '\0')
            break;
        cursor += length + 1;
    }
    memcpy(value->list, items, (size_t)count * sizeof *items);
    value->list_count = count;
    return true;
}

settings_part *settings_part_list(settings_values *values, settings_id id, uint32_t **count)
{
    switch (id) {
    case SETTINGS_PART: *count = &values->part_count; return values->parts;
    case SETTINGS_PAINT: *count = &values->paint_count; return values->paints;
    default: *count = NULL; return NULL;
    }
}

const char *settings_part_value(settings_id id, const settings_part *part, char *buffer,
                                size_t size)
{
    if (part->choice != SETTINGS_PART_COLOUR)
        return settings_choice_name(id, part->choice);
    snprintf(buffer, size, "#%02x%02x%02x", part->rgb[0], part->rgb[1], part->rgb[2]);
    return buffer;
}

/* NAME=CHOICE: the name up to the last '=' (names may hold one), copied. */
static bool parse_part(const settings_row *row, settings_id id, const char *text,
                       settings_values *values)
{
    uint32_t *count;
    settings_part *parts = settings_part_list(values, id, &count);
    const char *equals = strrchr(text, '=');
    if (!parts || !equals || equals == text || (size_t)(equals - text) >= SETTINGS_NAME_MAX)
        return false;
    settings_part part = {.choice = find_choice(row, equals + 1, strlen(equals + 1))};
    if (part.choice < 0) {
        /* only "#rrggbb": "r,g,b" would be split by the preset's part lists */
        bool colour = row->colours_too && equals[1] == '#' && parse_colour(equals + 1, part.rgb);
        if (!colour)
            return false;
        part.choice = SETTINGS_PART_COLOUR;
    }
    memcpy(part.name, text, (size_t)(equals - text));
    part.name[equals - text] = '\0';
    uint32_t slot = *count;
    for (uint32_t p = 0; p < *count; ++p)
        if (strcmp(parts[p].name, part.name) == 0)
            slot = p; /* the last one given wins */
    if (slot == SETTINGS_MAX_PARTS)
        return false;
    parts[slot] = part;
    if (slot == *count)
        (*count)++;
    return true;
}

static bool parse_value(settings_values *values, settings_id id, const char *text)
{
    const settings_row *row = settings_row_of(id);
    settings_value *value = &values->value[id];
    double number;
    switch (row->type) {
    case SETTINGS_SWITCH: value->count++; return true;
    case SETTINGS_NUMBER:
        if (!parse_number(text, &number) || !in_range(row, number))
            return false;
        value->number[0] = number;
        return true;
    case SETTINGS_INTEGER: {
        char *end;
        errno = 0;
        long whole = strtol(text, &end, 10);
        if (end == text || *end != '\0' || errno == ERANGE || !in_range(row, (double)whole))
            return false;
        value->number[0] = (double)whole;
        return true;
    }
    case SETTINGS_CHOICE: {
        int choice = find_choice(row, text, strlen(text));
        if (choice < 0)
            return false;
        value->choice = choice;
        return true;
    }
    case SETTINGS_SIZE_WXH: return parse_size(row, text, value->number);
    case SETTINGS_PAIR: return parse_pair(row, text, value->number);
    case SETTINGS_COLOUR: return parse_colour(text, value->rgb);
    case SETTINGS_TEXT: {
        if (!text[0])
            return false;
        char *copy = strdup(text);
        if (!copy)
            return false;
        free(value->text);
        value->text = copy;
        return true;
    }
    case SETTINGS_PART_CHOICE: return parse_part(row, id, text, values);
    case SETTINGS_NUMBER_LIST:
    case SETTINGS_CHOICE_LIST: return parse_list(row, text, value);
    case SETTINGS_RATIO:
        /* "1:56"; a bare 56 too, as a preset's number or a panel's slider says it */
        if (!parse_number(strncmp(text, "1:", 2) == 0 ? text + 2 : text, &number) ||
            !in_range(row, number))
            return false;
        value->number[0] = number;
        return true;
    }
    return false;
}

/* "; 1000000 is outside 2..720", unless the meaning already says the range. */
static void range_note(const settings_row *row, const char *text, char *out, size_t size)
{
    out[0] = '\0';
    double number;
    bool numeric = row->type == SETTINGS_NUMBER || row->type == SETTINGS_INTEGER;
    if (!numeric || !parse_number(text, &number) || in_range(row, number))
        return;
    char range[64];
    snprintf(range, sizeof range, "%g..%g", row->min, row->max);
    if (!strstr(row->meaning, range))
        snprintf(out, size, "; %s is outside %s", text, range);
}

core_result settings_set(settings_values *values, settings_id id, const char *text,
                         const char *what)
{
    const settings_row *row = settings_row_of(id);
    if (!row)
        return core_fail(CORE_ERR_ARGUMENT, "%s: not a setting", what);
    if (row->type != SETTINGS_SWITCH && !text)
        return core_fail(CORE_ERR_ARGUMENT, "%s needs a value", what);
    if (parse_value(values, id, row->type == SETTINGS_SWITCH ? "" : text)) {
        values->given[id] = true;
        return CORE_OK;
    }
    /* A flag's message quotes the value ("--size 12xbig: expected ..."); a
     * preset's names the file and the key, where the value is. */
    bool flag = what[0] == '-';
    if (row->type == SETTINGS_TEXT && !text[0])
        return core_fail(CORE_ERR_ARGUMENT, "%s: empty %s", what, row->meaning);
    uint32_t *part_count;
    settings_part_list(values, id, &part_count);
    if (part_count && *part_count == SETTINGS_MAX_PARTS)
        return core_fail(CORE_ERR_ARGUMENT, "%s%s%s: at most %d parts", what, flag ? " " : "",
                         flag ? text : "", SETTINGS_MAX_PARTS);
    char note[160];
    range_note(row, text, note, sizeof note);
    return core_fail(CORE_ERR_ARGUMENT, "%s%s%s: expected %s%s", what, flag ? " " : "",
                     flag ? text : "", row->meaning, note);
}

core_result settings_init(settings_values *values, settings_command command)
{
    memset(values, 0, sizeof *values);
    values->command = command;
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        const char *fallback = settings_fallback((settings_id)id, command);
        if (!(row->commands & command) || !fallback)
            continue;
        if (!parse_value(values, (settings_id)id, fallback))
            return core_fail(CORE_ERR_ARGUMENT, "settings: --%s's default '%s' is not valid",
                             row->flag, fallback);
    }
    return CORE_OK;
}

void settings_free(settings_values *values)
{
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        free(values->value[id].text);
        values->value[id].text = NULL;
    }
}

/* ---- formatting --------------------------------------------------------------------------- */

void settings_float_text(float value, char *out, size_t size)
{
    /* The fewest digits that read back as the same float, written as a
     * person would ("30", not the equally exact "3e+01"); an exponent only
     * when no plain form of up to 9 digits is exact. */
    char exact[32] = "";
    for (int digits = 1; digits <= 9; ++digits) {
        snprintf(out, size, "%.*g", digits, (double)value);
        if (strtof(out, NULL) != value)
            continue;
        if (!strchr(out, 'e'))
            return;
        if (!exact[0])
            snprintf(exact, sizeof exact, "%s", out);
    }
    if (exact[0])
        snprintf(out, size, "%s", exact);
}

static bool append(char *out, size_t size, size_t *used, const char *text)
{
    size_t length = strlen(text);
    if (*used + length + 1 > size)
        return false;
    memcpy(out + *used, text, length + 1);
    *used += length;
    return true;
}

bool settings_format(const settings_values *values, settings_id id, char *out, size_t size)
{
    const settings_row *row = settings_row_of(id);
    const settings_value *value = &values->value[id];
    char a[32], b[32];
    size_t used = 0;
    out[0] = '\0';
    switch (row->type) {
    case SETTINGS_SWITCH: return append(out, size, &used, value->count ? "true" : "false");
    case SETTINGS_NUMBER:
        settings_float_text((float)value->number[0], a, sizeof a);
        return append(out, size, &used, a);
    case SETTINGS_INTEGER:
        snprintf(a, sizeof a, "%.0f", value->number[0]);
        return append(out, size, &used, a);
    case SETTINGS_CHOICE: return append(out, size, &used, settings_choice_name(id, value->choice));
    case SETTINGS_SIZE_WXH:
        snprintf(a, sizeof a, "%.0fx%.0f", value->number[0], value->number[1]);
        return append(out, size, &used, a);
    case SETTINGS_PAIR:
        settings_float_text((float)value->number[0], a, sizeof a);
        settings_float_text((float)value->number[1], b, sizeof b);
        return append(out, size, &used, a) && append(out, size, &used, ",") &&
               append(out, size, &used, b);
    case SETTINGS_COLOUR:
        snprintf(a, sizeof a, "#%02x%02x%02x", value->rgb[0], value->rgb[1], value->rgb[2]);
        return append(out, size, &used, a);
    case SETTINGS_TEXT: return append(out, size, &used, value->text ? value->text : "");
    case SETTINGS_RATIO:
        settings_float_text((float)value->number[0], a, sizeof a);
        return append(out, size, &used, "1:") && append(out, size, &used, a);
    case SETTINGS_PART_CHOICE: {
        uint32_t *count;
        const settings_part *parts =
            settings_part_list((settings_values *)values, id, &count);
        for (uint32_t p = 0; parts && p < *count; ++p) {
            if ((p && !append(out, size, &used, ",")) ||
                !append(out, size, &used, parts[p].name) || !append(out, size, &used, "=") ||
                !append(out, size, &used, settings_part_value(id, &parts[p], a, sizeof a)))
                return false;
        }
        return true;
    }
    case SETTINGS_NUMBER_LIST:
    case SETTINGS_CHOICE_LIST:
        for (int i = 0; i < value->list_count; ++i) {
            if (row->type == SETTINGS_CHOICE_LIST)
                snprintf(a, sizeof a, "%s", settings_choice_name(id, (int)value->list[i]));
            else
                settings_float_text((float)value->list[i], a, sizeof a);
            if ((i && !append(out, size, &used, ",")) || !append(out, size, &used, a))
                return false;
        }
        return true;
    }
    return false;
}
