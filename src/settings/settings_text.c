#define _GNU_SOURCE /* getopt_long's struct option */
#include "settings/settings.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

bool settings_getopt(settings_command command, struct option *options, size_t capacity,
                     char *short_options, size_t short_size)
{
    size_t count = 0, shorts = 0;
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if (!(row->commands & command))
            continue;
        if (count + 1 >= capacity)
            return false;
        bool takes_value = row->type != SETTINGS_SWITCH;
        options[count++] = (struct option){row->flag, takes_value ? required_argument : no_argument,
                                           NULL, SETTINGS_OPTION_BASE + id};
        if (row->short_flag) {
            if (shorts + 3 >= short_size)
                return false;
            short_options[shorts++] = row->short_flag;
            if (takes_value)
                short_options[shorts++] = ':';
        }
    }
    options[count] = (struct option){NULL, 0, NULL, 0};
    /* A leading ':' makes a missing value ':' rather than '?', so it can be
     * told apart from an unknown flag. */
    if (shorts + 2 > short_size)
        return false;
    memmove(short_options + 1, short_options, shorts);
    short_options[0] = ':';
    short_options[shorts + 1] = '\0';
    return true;
}

int settings_option_row(int result, settings_command command)
{
    if (result >= SETTINGS_OPTION_BASE && result < SETTINGS_OPTION_BASE + SETTINGS_COUNT)
        return result - SETTINGS_OPTION_BASE;
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if ((row->commands & command) && row->short_flag && row->short_flag == result)
            return id;
    }
    return -1;
}

typedef struct text_out {
    char *out;
    size_t size, used;
} text_out;

static void put(text_out *t, const char *text, size_t length)
{
    if (t->used + length + 1 <= t->size) {
        memcpy(t->out + t->used, text, length);
        t->out[t->used + length] = '\0';
    }
    t->used += length;
}

static void puts_text(text_out *t, const char *text)
{
    put(t, text, strlen(text));
}

/* Words of `text` from column `column`, wrapped at `width`, continuing lines
 * indented to `indent`. */
static void wrap(text_out *t, const char *text, size_t column, size_t indent, size_t width)
{
    const char *word = text;
    while (*word) {
        size_t length = strcspn(word, " ");
        if (column > indent && column + 1 + length > width) {
            puts_text(t, "\n");
            for (column = 0; column < indent; ++column)
                puts_text(t, " ");
        } else if (column > indent) {
            puts_text(t, " ");
            ++column;
        }
        put(t, word, length);
        column += length;
        word += length;
        while (*word == ' ')
            ++word;
    }
    puts_text(t, "\n");
}

/* "-o, --output FILE" (or "--size WxH"), each flag between `quote`s. */
static void flag_words(const settings_row *row, const char *quote, char *out, size_t size)
{
    bool value = row->type != SETTINGS_SWITCH;
    char short_flag[16] = "";
    if (row->short_flag)
        snprintf(short_flag, sizeof short_flag, "%s-%c%s, ", quote, row->short_flag, quote);
    snprintf(out, size, "%s%s--%s%s%s%s", short_flag, quote, row->flag, value ? " " : "",
             value ? row->value_name : "", quote);
}

enum { HELP_INDENT = 24, HELP_WIDTH = 88 };

size_t settings_help_text(settings_command command, char *out, size_t size)
{
    text_out t = {out, size, 0};
    if (size)
        out[0] = '\0';
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if (!(row->commands & command))
            continue;
        char head[96], line[1024];
        /* a lone long flag lines up with the long flags after "-o, " */
        snprintf(head, sizeof head, "%s", row->short_flag ? "  " : "      ");
        flag_words(row, "", head + strlen(head), sizeof head - strlen(head));
        const char *fallback = settings_default_doc((settings_id)id, command);
        bool ranged = row->type == SETTINGS_NUMBER || row->type == SETTINGS_INTEGER ||
                      row->type == SETTINGS_NUMBER_LIST;
        int n = snprintf(line, sizeof line, "%s", settings_help((settings_id)id, command));
        /* The range, where the meaning states one ("kelvin in 1500-12000"). */
        if (ranged && strpbrk(row->meaning, "0123456789") && n > 0 && (size_t)n < sizeof line)
            n += snprintf(line + n, sizeof line - (size_t)n, ": %s", row->meaning);
        if (fallback && n > 0 && (size_t)n < sizeof line)
            snprintf(line + n, sizeof line - (size_t)n, " (default %s)", fallback);
        puts_text(&t, head);
        size_t column = strlen(head);
        if (column + 2 > HELP_INDENT) {
            puts_text(&t, "\n");
            column = 0;
        }
        for (; column < HELP_INDENT; ++column)
            puts_text(&t, " ");
        wrap(&t, line, HELP_INDENT, HELP_INDENT, HELP_WIDTH);
    }
    return t.used;
}

size_t settings_markdown(settings_command command, char *out, size_t size)
{
    text_out t = {out, size, 0};
    if (size)
        out[0] = '\0';
    puts_text(&t, "| option | meaning | values | default | preset key |\n|---|---|---|---|---|\n");
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        if (!(row->commands & command) || id == SETTINGS_HELP)
            continue;
        char line[1400], flag[96];
        flag_words(row, "`", flag, sizeof flag);
        const char *fallback = settings_default_doc((settings_id)id, command);
        const char *key = settings_key((settings_id)id, command);
        bool values = row->type != SETTINGS_SWITCH && row->type != SETTINGS_TEXT;
        snprintf(line, sizeof line, "| %s | %s | %s | %s | %s%s%s |\n", flag,
                 settings_help((settings_id)id, command), values ? row->meaning : "",
                 fallback ? fallback : "", key ? "`" : "", key ? key : "", key ? "`" : "");
        puts_text(&t, line);
    }
    return t.used;
}
