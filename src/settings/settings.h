#ifndef GLINT_SETTINGS_H
#define GLINT_SETTINGS_H

/* settings: the one table of every setting glint takes, on the command line
 * and in presets. Each row says its flag, its preset key, its type and range
 * or choices, its default, its help and which commands take it; the getopt
 * entries, `--help`, docs/cli.md's option tables, the preset reader and
 * writer are all driven by it, so a setting is spelt in one place.
 *
 * Values are kept as typed (the float a flag said, the choice's index) with a
 * "given" bit each: a default is a value like any other, and zero is a real
 * angle. Mapping values to render and scene descriptions is app's work.
 * Uses core only. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The commands, as bits of a row's `commands`. */
typedef enum settings_command {
    SETTINGS_RENDER = 1u << 0,
    SETTINGS_VIEW = 1u << 1,
    SETTINGS_INFO = 1u << 2,
    SETTINGS_TURNTABLE = 1u << 3,
    SETTINGS_COMPARE = 1u << 4,
    SETTINGS_CHECK = 1u << 5
} settings_command;

#define SETTINGS_DRAWING                                                                           \
    (SETTINGS_RENDER | SETTINGS_VIEW | SETTINGS_TURNTABLE | SETTINGS_COMPARE | SETTINGS_CHECK)
#define SETTINGS_EVERY_COMMAND (SETTINGS_DRAWING | SETTINGS_INFO)

/* Every setting. The order is --help's order within a group. */
typedef enum settings_id {
    /* what a command writes, and its own settings */
    SETTINGS_OUTPUT,
    SETTINGS_VIDEO,
    SETTINGS_FPS,
    SETTINGS_STEPS,
    SETTINGS_TURNTABLE_SWEEP,
    SETTINGS_COLUMNS,
    SETTINGS_FINISHES,
    SETTINGS_LAMPS,
    SETTINGS_ROOMS,
    SETTINGS_ANGLES,
    SETTINGS_COMPARE_CHECK,
    SETTINGS_CHECK_SWEEP,
    SETTINGS_ANGLE,
    SETTINGS_STEP,
    SETTINGS_MAX_STEPS,
    SETTINGS_REPORT,
    SETTINGS_FRAMES,
    SETTINGS_FRAMES_ALL,
    SETTINGS_PLOT,
    SETTINGS_JSON,
    SETTINGS_SIZE,
    SETTINGS_DISPLAY_DISTANCE,
    SETTINGS_DISPLAY_WIDTH,
    SETTINGS_DISPLAY_PX,
    SETTINGS_PPD,
    SETTINGS_SHOWN,
    SETTINGS_MSAA,
    SETTINGS_JPEG_QUALITY,
    SETTINGS_OUTPUT_DIR,
    SETTINGS_SCREENSHOT_DIR,
    SETTINGS_SHOT_SIZE,
    SETTINGS_SCRIPT,
    SETTINGS_SNAPSHOT,
    SETTINGS_STATS,
    SETTINGS_NO_VSYNC,
    SETTINGS_CONTROLS,
    SETTINGS_OVERWRITE,
    /* how the frame looks */
    SETTINGS_FINISH,
    SETTINGS_PART,
    SETTINGS_PAINT,
    SETTINGS_ROUGHNESS,
    /* the lamp */
    SETTINGS_LIGHT_AZIMUTH,
    SETTINGS_LIGHT_ELEVATION,
    SETTINGS_LIGHT_DISTANCE,
    SETTINGS_LIGHT_RADIUS,
    SETTINGS_LIGHT_TEMP,
    SETTINGS_LIGHT_INTENSITY,
    SETTINGS_AMBIENT,
    SETTINGS_AMBIENT_TEMP,
    SETTINGS_ROOM,
    /* the picture */
    SETTINGS_EXPOSURE,
    SETTINGS_TONEMAP,
    SETTINGS_VIEW_MODE,
    SETTINGS_BACKGROUND,
    SETTINGS_TRANSPARENT,
    SETTINGS_NO_SHADOWS,
    /* the camera */
    SETTINGS_VIEWING_DISTANCE,
    SETTINGS_CAMERA_AZIMUTH,
    SETTINGS_CAMERA_ELEVATION,
    SETTINGS_ZOOM,
    SETTINGS_PAN,
    SETTINGS_FOCUS,
    /* the model */
    SETTINGS_PRESET,
    SETTINGS_UNITS,
    SETTINGS_UP,
    SETTINGS_SPLIT,
    SETTINGS_CREASE_ANGLE,
    SETTINGS_MAX_FILE_MB,
    SETTINGS_SCALE,
    /* for developers, and every command's last words */
    SETTINGS_SHADER_DIR,
    SETTINGS_VERBOSE,
    SETTINGS_QUIET,
    SETTINGS_HELP,
    SETTINGS_COUNT
} settings_id;

typedef enum settings_type {
    SETTINGS_SWITCH,      /* no value: given or not */
    SETTINGS_NUMBER,      /* a finite number in [min, max] */
    SETTINGS_INTEGER,     /* a whole number in [min, max] */
    SETTINGS_CHOICE,      /* one of `choices`, whatever its case */
    SETTINGS_SIZE_WXH,    /* WIDTHxHEIGHT, each in [min, max] */
    SETTINGS_PAIR,        /* X,Y, each within [min, max] */
    SETTINGS_COLOUR,      /* #rrggbb or r,g,b (0-255) */
    SETTINGS_TEXT,        /* a file or folder name, not empty */
    SETTINGS_PART_CHOICE, /* NAME=CHOICE, repeatable: one part's choice (or NAME=#rrggbb
                             where the row allows colours) */
    SETTINGS_NUMBER_LIST, /* comma-separated numbers in [min, max], 1..max_count of them */
    SETTINGS_CHOICE_LIST, /* comma-separated choices, 1..max_count of them */
    SETTINGS_RATIO        /* 1:N (or N alone), N in [min, max]: number[0] is N */
} settings_type;

/* A command whose default or help differs from the row's. */
typedef struct settings_variant {
    unsigned commands;
    const char *fallback;    /* NULL: the row's */
    const char *help;        /* NULL: the row's */
    const char *default_doc; /* NULL: the row's */
    const char *key;         /* NULL: the row's */
} settings_variant;

#define SETTINGS_MAX_VARIANTS 5

typedef struct settings_row {
    const char *flag; /* the long flag without its dashes */
    char short_flag;  /* 0: none */
    /* The preset key ("lamp.radius_mm"); NULL: not in presets. A size's key
     * is an object with width and height. */
    const char *key;
    settings_type type;
    double min, max;
    bool above_min;             /* min itself is not allowed: (min, max] */
    int max_count;              /* lists: how many values at most */
    const char *const *choices; /* NULL-terminated, for choices */
    const char *fallback;       /* the default as the flag would say it; NULL: none */
    const char *value_name;     /* in --help: "DEG" */
    const char *meaning;        /* what a bad value is told it expects */
    const char *help;           /* one sentence for --help and the docs */
    const char *default_doc;    /* the default as the docs say it; NULL: `fallback` */
    bool colours_too;           /* PART_CHOICE: NAME=#rrggbb is a value as well */
    unsigned commands;          /* settings_command bits */
    settings_variant variants[SETTINGS_MAX_VARIANTS];
} settings_row;

const settings_row *settings_row_of(settings_id id);
/* The row for a long flag that `command` takes; -1 if none. */
int settings_find_flag(const char *flag, settings_command command);
/* The row for a preset key that `command` takes; -1 if none. */
int settings_find_key(const char *key, settings_command command);
/* A row's preset key for a command: its variant's, else the row's (NULL: none). */
const char *settings_key(settings_id id, settings_command command);
/* Whether any command takes the key: a preset may hold another command's. */
bool settings_key_known(const char *key);
/* The default and help for a command: its variant's, else the row's. */
const char *settings_fallback(settings_id id, settings_command command);
const char *settings_help(settings_id id, settings_command command);
const char *settings_default_doc(settings_id id, settings_command command);
/* The command's name ("render") and bit by name. */
const char *settings_command_name(settings_command command);

#define SETTINGS_MAX_PARTS 64
#define SETTINGS_NAME_MAX 64
#define SETTINGS_MAX_LIST 16

typedef struct settings_part {
    char name[SETTINGS_NAME_MAX];
    int choice;     /* SETTINGS_PART_COLOUR: the value is `rgb` */
    uint8_t rgb[3]; /* sRGB as typed */
} settings_part;

#define SETTINGS_PART_COLOUR (-1)

typedef struct settings_value {
    double number[2];               /* NUMBER, INTEGER: [0]; SIZE, PAIR: both */
    uint8_t rgb[3];                 /* COLOUR, sRGB as typed */
    int choice;                     /* CHOICE: the index into the row's choices */
    char *text;                     /* TEXT: owned */
    double list[SETTINGS_MAX_LIST]; /* lists: numbers, or choice indices */
    int list_count;
    int count; /* SWITCH: how many times given (-v -v) */
} settings_value;

/* A command's settings: every row's value, defaults filled in. */
typedef struct settings_values {
    settings_command command;
    settings_value value[SETTINGS_COUNT];
    bool given[SETTINGS_COUNT]; /* by a flag or a preset, not the default */
    settings_part parts[SETTINGS_MAX_PARTS]; /* --part */
    uint32_t part_count;
    settings_part paints[SETTINGS_MAX_PARTS]; /* --paint */
    uint32_t paint_count;
} settings_values;

/* The NAME=CHOICE list a PART_CHOICE row holds, and its count (NULL for
 * other rows). */
settings_part *settings_part_list(settings_values *values, settings_id id, uint32_t **count);
/* A part's value as a flag says it: the choice's name, or "#rrggbb". */
const char *settings_part_value(settings_id id, const settings_part *part, char *buffer,
                                size_t size);

/* Every row's default for the command. Free with settings_free. */
core_result settings_init(settings_values *values, settings_command command);
void settings_free(settings_values *values);

/* Sets a row from text (a flag's value; NULL for a switch). On a bad value
 * fails with "WHAT VALUE: expected MEANING", WHAT being `what` (the flag as
 * typed, or a preset's "file: key"). A list or a part replaces or adds as a
 * repeated flag does: parts add (a name given twice: the last wins). */
core_result settings_set(settings_values *values, settings_id id, const char *text,
                         const char *what);

/* The value as a flag would say it, numbers in the shortest text that reads
 * back as the same float ("0.9", not "0.899999976"). Switches: "true" or
 * "false"; parts: "NAME=CHOICE,..."; false if it does not fit. */
bool settings_format(const settings_values *values, settings_id id, char *out, size_t size);
/* The shortest decimal text that strtof reads back as `value`. */
void settings_float_text(float value, char *out, size_t size);

/* A row's choice by index ("?" for none). */
const char *settings_choice_name(settings_id id, int choice);

/* ---- the command line and the docs (settings_text.c) ---- */

/* getopt_long results for long flags are SETTINGS_OPTION_BASE + the row. */
#define SETTINGS_OPTION_BASE 1000
struct option;
/* getopt_long's table for the command's rows, terminated, and the short
 * options ("-o FILE", "-v"...) in getopt's form, starting with ':' so that a
 * missing value reads ':' and an unknown flag '?'. False if out of room. */
bool settings_getopt(settings_command command, struct option *options, size_t capacity,
                     char *short_options, size_t short_size);
/* The row that getopt_long's result names; -1 for anything else. */
int settings_option_row(int result, settings_command command);
/* The command's options as --help lines, in the table's order, wrapped at
 * 88 columns; returns the length it needed (written up to `size`). */
size_t settings_help_text(settings_command command, char *out, size_t size);
/* The command's options as docs/cli.md's Markdown table (option, meaning,
 * default, preset key); returns the length it needed. */
size_t settings_markdown(settings_command command, char *out, size_t size);

#endif
