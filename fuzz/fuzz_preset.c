/* libFuzzer target for the preset reader (app_preset_apply_memory): cJSON on
 * arbitrary bytes, or the settings chunk of a PNG (by its signature), then
 * every key through its flag's parser (docs/presets.md). On success the
 * options must be what the flags could have made. */
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
    return value == 0.0f || (value >= low && value <= high); /* 0: the default */
}

static void check_options(const app_options *options, const app_preset *preset)
{
    if (options->width < 1 || options->width > 16384 || options->height < 1 ||
        options->height > 16384)
        __builtin_trap();
    int s = options->samples;
    if (s != 1 && s != 2 && s != 4 && s != 8 && s != 16)
        __builtin_trap();
    if (!memchr(preset->model_path, '\0', sizeof preset->model_path))
        __builtin_trap();
    const render_frame_desc *frame = &options->frame;
    if (frame->part_finish_count > APP_PRESET_MAX_PARTS ||
        (frame->part_finish_count && frame->part_finishes != options->part_finishes))
        __builtin_trap();
    for (uint32_t i = 0; i < frame->part_finish_count; ++i) {
        const char *name = frame->part_finishes[i].part;
        /* The names live in the preset's own texts, which outlive the options. */
        if ((const void *)name < (const void *)preset->texts ||
            (const void *)name >= (const void *)(preset->texts + APP_PRESET_MAX_PARTS) ||
            strlen(name) >= sizeof preset->texts[0])
            __builtin_trap();
    }
    const scene_lamp_desc *lamp = &frame->shot.lamp;
    if (!in_range(lamp->kelvin, 1500.0f, 12000.0f) || !in_range(lamp->radius_mm, 0.01f, 10000.0f) ||
        !isfinite(frame->shot.turntable_deg) || !isfinite(frame->exposure_ev) ||
        !isfinite(frame->shot.camera.pan_mm[0]) || !isfinite(frame->shot.camera.pan_mm[1]))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    app_options options = {.width = 1280, .height = 960, .samples = 4};
    app_preset preset;
    if (app_preset_apply_memory("fuzz.json", (const char *)data, size, "fuzz", &options, &preset) ==
        0)
        check_options(&options, &preset);
    return 0;
}
