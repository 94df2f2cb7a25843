/* libFuzzer target for the preset reader (app_preset_apply_memory): cJSON on
 * arbitrary bytes, or the settings chunk of a PNG or the settings attribute
 * of an EXR's header (by their signatures), then
 * every key through its row of the settings table and its flag's parser
 * (docs/presets.md). On success the options must be what the flags could
 * have made. */
#include "app/app_options.h"
#include "app/app_preset.h"
#include "core/core_log.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Warnings (unknown keys) are the expected result of most inputs. The
 * errors app_preset prints go to stderr, which the bounded run closes
 * (-close_fd_mask=2, fuzz/CMakeLists.txt). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_log_set_level(CORE_LOG_NONE);
    return 0;
}

static bool in_range(float value, float low, float high)
{
    return value >= low && value <= high;
}

/* What any command's flags could have made: the preset is read as `glint
 * check` (the command that takes the most keys) and as `glint render`. */
static void check_options(const app_options *options)
{
    if (options->width < 1 || options->width > 16384 || options->height < 1 ||
        options->height > 16384)
        __builtin_trap();
    int s = options->samples;
    if (s != 1 && s != 2 && s != 4 && s != 8 && s != 16)
        __builtin_trap();
    if (!memchr(options->model_storage, '\0', sizeof options->model_storage))
        __builtin_trap();
    const render_frame_desc *frame = &options->frame;
    if (frame->part_finish_count > SETTINGS_MAX_PARTS ||
        (frame->part_finish_count && frame->part_finishes != options->part_finishes))
        __builtin_trap();
    for (uint32_t i = 0; i < frame->part_finish_count; ++i) {
        const char *name = frame->part_finishes[i].part;
        /* The names are copies in the settings, never pointers into the input. */
        const settings_part *parts = options->settings.parts;
        if ((const void *)name < (const void *)parts ||
            (const void *)name >= (const void *)(parts + SETTINGS_MAX_PARTS) ||
            strlen(name) >= SETTINGS_NAME_MAX)
            __builtin_trap();
    }
    const scene_lamp_desc *lamp = &frame->shot.lamp;
    if (!in_range(lamp->kelvin, 1500.0f, 12000.0f) || !in_range(lamp->radius_mm, 0.01f, 10000.0f) ||
        !in_range(lamp->azimuth_deg, -360.0f, 360.0f) || !in_range(lamp->ambient, 0.0f, 10.0f) ||
        !isfinite(frame->shot.turntable_deg) || !isfinite(frame->exposure_ev) ||
        !isfinite(frame->shot.camera.pan_mm[0]) || !isfinite(frame->shot.camera.pan_mm[1]))
        __builtin_trap();
    const settings_values *values = &options->settings;
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_value *v = &values->value[id];
        if (v->list_count < 0 || v->list_count > SETTINGS_MAX_LIST)
            __builtin_trap();
    }
}

static void read_as(settings_command command, const uint8_t *data, size_t size)
{
    static app_options options; /* 20 KB: not on the stack */
    app_options_init(&options, command);
    if (app_preset_apply_memory("fuzz.json", (const char *)data, size, &options) == 0)
        check_options(&options);
    app_options_free(&options);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_as(SETTINGS_CHECK, data, size);
    read_as(SETTINGS_RENDER, data, size);
    return 0;
}
