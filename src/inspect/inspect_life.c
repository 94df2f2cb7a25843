#include "inspect/inspect_life.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Textures everyone has seen up close, by their typical size at life size
 * (a pore, a thread's pitch, a dent's width), smallest first. */
static const struct {
    float mm;
    const char *name;
} familiar[] = {
    {0.1f, "skin pores"},
    {0.3f, "a fine fabric's weave"},
    {1.0f, "leather grain"},
    {2.5f, "a coarse canvas weave"},
    {5.0f, "knitted wool"},
    {9.0f, "chain-mail rings"},
    {25.0f, "hammered-metal dents"},
    {60.0f, "cobblestones"},
};
enum { FAMILIAR = sizeof familiar / sizeof *familiar };

/* Within this factor of a texture's size it is "like" it. */
#define LIKE 1.6f

void inspect_life_compare(float life_mm, char *text, size_t size)
{
    if (!(life_mm > 0.0f)) {
        snprintf(text, size, "not measured");
        return;
    }
    if (life_mm < familiar[0].mm / LIKE) {
        snprintf(text, size, "finer than %s: smooth at life size", familiar[0].name);
        return;
    }
    if (life_mm > 3.0f * familiar[FAMILIAR - 1].mm) {
        snprintf(text, size,
                 "far coarser than skin, bigger than any surface texture: it reads as "
                 "shape");
        return;
    }
    int nearest = 0;
    for (int k = 1; k < FAMILIAR; ++k)
        if (fabsf(logf(life_mm / familiar[k].mm)) < fabsf(logf(life_mm / familiar[nearest].mm)))
            nearest = k;
    /* Ten pores across is where skin stops reading as skin. */
    const char *skin = life_mm >= 10.0f * familiar[0].mm ? "far coarser than skin, " : "";
    float ratio = life_mm / familiar[nearest].mm;
    if (ratio <= LIKE && ratio >= 1.0f / LIKE) {
        snprintf(text, size, "%slike %s", skin, familiar[nearest].name);
        return;
    }
    /* Between two textures, neither near: the one below and the one above. */
    int below = ratio > 1.0f ? nearest : nearest - 1;
    int above = below + 1 < FAMILIAR ? below + 1 : below;
    if (below < 0)
        snprintf(text, size, "finer than %s", familiar[0].name);
    else if (above == below)
        snprintf(text, size, "%scoarser than %s", skin, familiar[below].name);
    else
        snprintf(text, size, "%scoarser than %s, finer than %s", skin, familiar[below].name,
                 familiar[above].name);
}

/* "0.6 mm", "34 mm", "1.2 m": two significant figures, never exponents. */
static void length_text(float mm, char *text, size_t size)
{
    if (mm >= 1000.0f)
        snprintf(text, size, "%.2g m", (double)(mm / 1000.0f));
    else if (mm >= 10.0f)
        snprintf(text, size, "%.0f mm", (double)mm);
    else
        snprintf(text, size, "%.2g mm", (double)mm);
}

void inspect_life_words(detect_flag flag, float size_mm, float scale_n, char *text, size_t size)
{
    text[0] = '\0';
    if (!(size_mm > 0.0f) || !(scale_n > 0.0f))
        return;
    static const char *const measures[DETECT_FLAG_COUNT] = {
        [DETECT_FLAG_PIN] = "pinpoints %s across",
        [DETECT_FLAG_HAIR] = "hairlines %s wide",
        [DETECT_FLAG_JIT] = "popping patches %s across",
        [DETECT_FLAG_NOISE] = "sparkle's glints %s apart",
        [DETECT_FLAG_FACET] = "facets %s wide"};
    if (flag < 0 || flag >= DETECT_FLAG_COUNT)
        return;
    char model[32], life[32], words[160];
    length_text(size_mm, model, sizeof model);
    length_text(size_mm * scale_n, life, sizeof life);
    inspect_life_compare(size_mm * scale_n, words, sizeof words);
    int used = snprintf(text, size, measures[flag], model);
    if (used >= 0 && (size_t)used < size)
        snprintf(text + used, size - (size_t)used, " — %s at life size (1:%.4g): %s", life,
                 (double)scale_n, words);
}

void inspect_life_frame(const detect_frame *frame, float scale_n, char *text, size_t size)
{
    static const detect_flag order[] = {DETECT_FLAG_PIN, DETECT_FLAG_HAIR, DETECT_FLAG_JIT,
                                        DETECT_FLAG_NOISE, DETECT_FLAG_FACET};
    text[0] = '\0';
    for (size_t k = 0; frame && !text[0] && k < sizeof order / sizeof *order; ++k)
        if (frame->flags & DETECT_FLAG_BIT(order[k]))
            inspect_life_words(order[k], frame->size_mm[order[k]], scale_n, text, size);
}

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

float inspect_problem_size_mm(const inspect_run *run, const inspect_problem *p)
{
    const detect_summary *s = &run->summary;
    float *sizes = malloc((size_t)(run->frame_count > 0 ? run->frame_count : 1) * sizeof *sizes);
    if (!sizes)
        return 0.0f;
    int count = 0;
    for (int i = 0; i < s->range_count; ++i) {
        const detect_range *r = &s->ranges[i];
        if (r->flag != p->flag || r->where.part != p->part)
            continue;
        for (int k = r->first; k <= r->last && k < run->frame_count; ++k) {
            const detect_frame *f = &run->frames[k];
            if (k >= 0 && (f->flags & DETECT_FLAG_BIT(p->flag)) && f->size_mm[p->flag] > 0.0f)
                sizes[count++] = f->size_mm[p->flag];
        }
    }
    float median = 0.0f;
    if (count) {
        qsort(sizes, (size_t)count, sizeof *sizes, compare_floats);
        median = sizes[count / 2];
    }
    free(sizes);
    return median;
}

void inspect_advice_at_scale(inspect_advice *advice, const scene_scale *scale)
{
    advice->scale_n = scale->n;
    for (int k = 0; k < advice->problem_count; ++k) {
        inspect_problem *p = &advice->problems[k];
        inspect_life_words(p->flag, p->size_mm, scale->n, p->life, sizeof p->life);
    }
}
