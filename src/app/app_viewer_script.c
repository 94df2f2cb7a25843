#define _POSIX_C_SOURCE 200809L
#include "app/app_viewer_script.h"

#include "core/core_file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SCRIPT_BYTES (4u << 20)

/* "Ctrl+Shift+F12" -> the key and its modifiers; false if a part names nothing. */
static bool parse_chord(const char *text, plat_key *key, plat_button *button, bool want_button,
                        unsigned *mods)
{
    *mods = 0;
    char copy[128];
    snprintf(copy, sizeof copy, "%s", text);
    char *part = copy;
    for (;;) {
        char *plus = strchr(part, '+');
        /* "+" alone or a trailing "+" is not a key glint binds. */
        if (!plus || plus[1] == '\0')
            break;
        *plus = '\0';
        if (strcasecmp(part, "ctrl") == 0 || strcasecmp(part, "control") == 0)
            *mods |= PLAT_MOD_CONTROL;
        else if (strcasecmp(part, "shift") == 0)
            *mods |= PLAT_MOD_SHIFT;
        else if (strcasecmp(part, "alt") == 0)
            *mods |= PLAT_MOD_ALT;
        else
            return false;
        part = plus + 1;
    }
    if (want_button) {
        static const char *const names[] = {"left", "right", "middle"};
        for (int b = 0; b < 3; ++b)
            if (strcasecmp(part, names[b]) == 0) {
                *button = (plat_button)b;
                return true;
            }
        return false;
    }
    *key = plat_key_parse(part);
    return *key != PLAT_KEY_NONE;
}

static bool parse_numbers(char **words, int count, double *numbers)
{
    for (int i = 0; i < count; ++i) {
        char *end = NULL;
        numbers[i] = strtod(words[i], &end);
        if (end == words[i] || *end != '\0' || numbers[i] != numbers[i] || numbers[i] > 1e6 ||
            numbers[i] < -1e6)
            return false;
    }
    return true;
}

/* Splits at spaces; the last word keeps the rest of the line (paths, values). */
static int split(char *line, char **words, int max)
{
    int count = 0;
    char *p = line;
    while (*p && count < max) {
        while (isspace((unsigned char)*p))
            ++p;
        if (!*p)
            break;
        words[count++] = p;
        if (count == max)
            break;
        while (*p && !isspace((unsigned char)*p))
            ++p;
        if (*p)
            *p++ = '\0';
    }
    if (count)
        for (char *end = words[count - 1] + strlen(words[count - 1]);
             end > words[count - 1] && isspace((unsigned char)end[-1]); --end)
            end[-1] = '\0';
    return count;
}

/* `ui set "Panel/Label" VALUE`, `ui click "Panel/Label"`, `ui rects FILE`,
 * `ui texts FILE`:
 * a control's path may hold spaces, so it may be quoted. */
static bool parse_ui(char *rest, app_script_command *c)
{
    char *words[2];
    if (split(rest, words, 2) != 2)
        return false;
    char *p = words[1], *path = p, *end;
    if (strcmp(words[0], "rects") == 0 || strcmp(words[0], "texts") == 0) {
        c->verb = words[0][0] == 'r' ? APP_SCRIPT_UI_RECTS : APP_SCRIPT_UI_TEXTS;
        snprintf(c->text, sizeof c->text, "%s", p);
        return true;
    }
    if (*p == '"') {
        path = p + 1;
        end = strchr(path, '"');
        if (!end)
            return false;
        *end++ = '\0';
    } else {
        end = p;
        while (*end && !isspace((unsigned char)*end))
            ++end;
        if (*end)
            *end++ = '\0';
    }
    while (isspace((unsigned char)*end))
        ++end;
    if (!strchr(path, '/') || strlen(path) >= sizeof c->name)
        return false;
    snprintf(c->name, sizeof c->name, "%s", path);
    snprintf(c->text, sizeof c->text, "%s", end);
    if (strcmp(words[0], "set") == 0) {
        c->verb = APP_SCRIPT_UI_SET;
        return *end != '\0';
    }
    c->verb = APP_SCRIPT_UI_CLICK;
    return strcmp(words[0], "click") == 0 && *end == '\0';
}

static core_result parse_line(const char *file, int number, char *line, app_script_command *c)
{
    char *words[3];
    int count = split(line, words, 2);
    /* Paths keep their spaces; other commands split their arguments further. */
    bool takes_path =
        strcmp(words[0], "screenshot") == 0 || strcmp(words[0], "screenshot-window") == 0 ||
        strcmp(words[0], "screenshot-offscreen") == 0 || strcmp(words[0], "drop") == 0;
    bool ui = strcmp(words[0], "ui") == 0;
    if (count == 2 && !takes_path && !ui)
        count = 1 + split(words[1], &words[1], 2);
    memset(c, 0, sizeof *c);
    c->line = number;
    const char *verb = words[0];
    bool ok = true;
    if (strcmp(verb, "set") == 0 && count == 3) {
        c->verb = APP_SCRIPT_SET;
        snprintf(c->name, sizeof c->name, "%s", words[1]);
        snprintf(c->text, sizeof c->text, "%s", words[2]);
    } else if (strcmp(verb, "key") == 0 && count == 2) {
        c->verb = APP_SCRIPT_KEY;
        ok = parse_chord(words[1], &c->key, &c->button, false, &c->mods);
    } else if (strcmp(verb, "drag") == 0 && count == 3) {
        c->verb = APP_SCRIPT_DRAG;
        char *rest[5];
        ok = parse_chord(words[1], &c->key, &c->button, true, &c->mods) &&
             split(words[2], rest, 5) == 4 && parse_numbers(rest, 4, c->numbers);
    } else if ((strcmp(verb, "scroll") == 0 || strcmp(verb, "wait") == 0) && count == 2) {
        c->verb = verb[0] == 's' ? APP_SCRIPT_SCROLL : APP_SCRIPT_WAIT;
        ok = parse_numbers(&words[1], 1, c->numbers) &&
             (c->verb == APP_SCRIPT_SCROLL || (c->numbers[0] >= 0 && c->numbers[0] <= 100000));
    } else if (strcmp(verb, "resize") == 0 && count == 3) {
        c->verb = APP_SCRIPT_RESIZE;
        ok = parse_numbers(&words[1], 1, &c->numbers[0]) &&
             parse_numbers(&words[2], 1, &c->numbers[1]) && c->numbers[0] >= 1 &&
             c->numbers[1] >= 1 && c->numbers[0] <= 16384 && c->numbers[1] <= 16384;
    } else if (takes_path && count == 2) {
        c->verb = verb[0] == 'd'                              ? APP_SCRIPT_DROP
                  : strcmp(verb, "screenshot-window") == 0    ? APP_SCRIPT_SCREENSHOT_WINDOW
                  : strcmp(verb, "screenshot-offscreen") == 0 ? APP_SCRIPT_SCREENSHOT_OFFSCREEN
                                                              : APP_SCRIPT_SCREENSHOT;
        snprintf(c->text, sizeof c->text, "%s", words[1]);
    } else if (ui && count == 2) {
        ok = parse_ui(words[1], c);
    } else if (strcmp(verb, "quit") == 0 && count == 1) {
        c->verb = APP_SCRIPT_QUIT;
    } else {
        static const char *const verbs[] = {"set",
                                            "key",
                                            "drag",
                                            "scroll",
                                            "wait",
                                            "screenshot",
                                            "screenshot-window",
                                            "screenshot-offscreen",
                                            "resize",
                                            "drop",
                                            "ui",
                                            "quit"};
        for (size_t i = 0; i < sizeof verbs / sizeof *verbs; ++i)
            if (strcmp(verb, verbs[i]) == 0)
                return core_fail(CORE_ERR_PARSE,
                                 "%s:%d: '%s' takes other arguments "
                                 "(docs/viewer.md)",
                                 file, number, verb);
        return core_fail(CORE_ERR_PARSE, "%s:%d: unknown command '%s'", file, number, verb);
    }
    if (!ok)
        return core_fail(CORE_ERR_PARSE, "%s:%d: bad arguments for '%s'", file, number, verb);
    return CORE_OK;
}

core_result app_script_parse(const char *file, const char *text, size_t size, app_script *script)
{
    memset(script, 0, sizeof *script);
    snprintf(script->file, sizeof script->file, "%s", file);
    size_t start = 0;
    int number = 0;
    core_result r = CORE_OK;
    while (start < size && r == CORE_OK) {
        size_t end = start;
        while (end < size && text[end] != '\n')
            ++end;
        ++number;
        char line[8192];
        size_t length = end - start;
        if (length >= sizeof line) {
            r = core_fail(CORE_ERR_PARSE, "%s:%d: line too long", file, number);
            break;
        }
        memcpy(line, text + start, length);
        line[length] = '\0';
        if (memchr(line, '\0', length)) {
            r = core_fail(CORE_ERR_PARSE, "%s:%d: not text", file, number);
            break;
        }
        start = end + 1;
        char *p = line;
        while (isspace((unsigned char)*p))
            ++p;
        if (*p == '\0' || *p == '#')
            continue;
        app_script_command *grown =
            realloc(script->commands, sizeof *grown * (size_t)(script->count + 1));
        if (!grown) {
            r = core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", file);
            break;
        }
        script->commands = grown;
        r = parse_line(file, number, p, &script->commands[script->count]);
        if (r == CORE_OK)
            script->count++;
    }
    if (r != CORE_OK)
        app_script_free(script);
    return r;
}

core_result app_script_load(const char *path, app_script *script)
{
    char *bytes = NULL;
    size_t size = 0;
    core_result r = core_file_read(path, MAX_SCRIPT_BYTES, &bytes, &size);
    if (r != CORE_OK)
        return r;
    r = app_script_parse(path, bytes, size, script);
    core_file_free(bytes);
    return r;
}

void app_script_free(app_script *script)
{
    free(script->commands);
    script->commands = NULL;
    script->count = script->next = 0;
}
