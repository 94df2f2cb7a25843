#include "scene/scene_scale.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { BAND_SLICES = 10 };

/* The band that tells a bust from a standing figure, as shares of the
 * height, and the width (a share of the height) from which it is a bust. */
#define BAND_LOW 0.2f
#define BAND_HIGH 0.5f
#define BUST_WIDTH 0.45f

/* Whether a word of `text` is one of `words` (or its plural in s). Words are
 * split at anything not a letter and where a lower-case letter meets a
 * capital ("LeftLeg"), so "legend", "standing" and "robust" name nothing. */
static bool names(const char *text, const char *const *words)
{
    size_t i = 0;
    while (text && text[i]) {
        while (text[i] && !isalpha((unsigned char)text[i]))
            ++i;
        char word[64];
        size_t n = 0;
        for (; isalpha((unsigned char)text[i]); ++i) {
            if (n && islower((unsigned char)text[i - 1]) && isupper((unsigned char)text[i]))
                break;
            if (n + 1 < sizeof word)
                word[n++] = (char)tolower((unsigned char)text[i]);
        }
        word[n] = '\0';
        if (n && word[n - 1] == 's' && n > 3)
            for (int k = 0; words[k]; ++k)
                if (strlen(words[k]) == n - 1 && strncmp(word, words[k], n - 1) == 0)
                    return true;
        for (int k = 0; n && words[k]; ++k)
            if (strcmp(word, words[k]) == 0)
                return true;
    }
    return false;
}

static const char *const base_words[] = {"base", "plinth", "pedestal", "stand", "socle", NULL};
static const char *const bust_words[] = {"bust", NULL};
static const char *const leg_words[] = {"leg",  "foot", "feet",  "boot",
                                        "shoe", "knee", "thigh", NULL};

static bool is_base(const scene_mesh *mesh, uint32_t p)
{
    /* A model that is all base has no figure to leave out. */
    return mesh->part_count > 1 && names(mesh->parts[p].name, base_words);
}

/* The band's slices: each one's X and Z extent. */
typedef struct band {
    float low, high; /* the figure's height range */
    float min[BAND_SLICES][2], max[BAND_SLICES][2];
} band;

static void figure_range(const scene_mesh *mesh, float *low, float *high)
{
    *low = INFINITY;
    *high = -INFINITY;
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        if (is_base(mesh, p))
            continue;
        const scene_part *part = &mesh->parts[p];
        for (uint32_t i = part->first_index; i < part->first_index + part->index_count; ++i) {
            float y = mesh->vertices[(size_t)mesh->indices[i] * SCENE_VERTEX_FLOATS + 1];
            *low = fminf(*low, y);
            *high = fmaxf(*high, y);
        }
    }
    if (!(*high >= *low)) { /* no indexed part: the whole model */
        *low = mesh->bounds.min[1];
        *high = mesh->bounds.max[1];
    }
}

/* The median width (the wider of X and Z) of the slices in the band. */
static float band_width(const scene_mesh *mesh, float low, float high)
{
    band b;
    for (int s = 0; s < BAND_SLICES; ++s)
        for (int c = 0; c < 2; ++c) {
            b.min[s][c] = INFINITY;
            b.max[s][c] = -INFINITY;
        }
    float height = high - low;
    b.low = low + BAND_LOW * height;
    b.high = low + BAND_HIGH * height;
    /* By triangles, not vertices: a coarse mesh may have no vertex in the
     * band (a box's sides span it); a triangle widens every slice it spans. */
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        if (is_base(mesh, p))
            continue;
        const scene_part *part = &mesh->parts[p];
        for (uint32_t i = part->first_index; i + 2 < part->first_index + part->index_count;
             i += 3) {
            float lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
            for (int k = 0; k < 3; ++k) {
                const float *v =
                    &mesh->vertices[(size_t)mesh->indices[i + k] * SCENE_VERTEX_FLOATS];
                for (int c = 0; c < 3; ++c) {
                    lo[c] = fminf(lo[c], v[c]);
                    hi[c] = fmaxf(hi[c], v[c]);
                }
            }
            if (hi[1] < b.low || lo[1] >= b.high)
                continue;
            float per = (b.high - b.low) / BAND_SLICES;
            int first = lo[1] <= b.low ? 0 : (int)((lo[1] - b.low) / per);
            int last = hi[1] >= b.high ? BAND_SLICES - 1 : (int)((hi[1] - b.low) / per);
            for (int s = first < 0 ? 0 : first; s <= last && s < BAND_SLICES; ++s) {
                b.min[s][0] = fminf(b.min[s][0], lo[0]);
                b.max[s][0] = fmaxf(b.max[s][0], hi[0]);
                b.min[s][1] = fminf(b.min[s][1], lo[2]);
                b.max[s][1] = fmaxf(b.max[s][1], hi[2]);
            }
        }
    }
    float widths[BAND_SLICES];
    int count = 0;
    for (int s = 0; s < BAND_SLICES; ++s) {
        if (!(b.max[s][0] >= b.min[s][0]))
            continue;
        float w = fmaxf(b.max[s][0] - b.min[s][0], b.max[s][1] - b.min[s][1]);
        int k = count++;
        for (; k > 0 && widths[k - 1] > w; --k) /* insertion sort: ten at most */
            widths[k] = widths[k - 1];
        widths[k] = w;
    }
    return count ? widths[count / 2] : 0.0f;
}

void scene_infer_scale(const scene_mesh *mesh, const char *file, scene_scale *scale)
{
    memset(scale, 0, sizeof *scale);
    float low, high;
    figure_range(mesh, &low, &high);
    scale->height_mm = high > low ? high - low : 0.0f;
    /* Only the file's own name, not its folders ("busts/knight.obj" may be a figure). */
    const char *slash = file ? strrchr(file, '/') : NULL;
    const char *name = slash ? slash + 1 : file;
    bool bust_part = false, leg_part = false;
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        bust_part = bust_part || names(mesh->parts[p].name, bust_words);
        leg_part = leg_part || names(mesh->parts[p].name, leg_words);
    }
    if (name && names(name, bust_words)) {
        scale->figure = SCENE_FIGURE_BUST;
        snprintf(scale->why, sizeof scale->why, "its name");
    } else if (bust_part || leg_part) {
        scale->figure = bust_part ? SCENE_FIGURE_BUST : SCENE_FIGURE_STANDING;
        snprintf(scale->why, sizeof scale->why, "its parts' names");
    } else {
        float width = band_width(mesh, low, high);
        scale->figure = scale->height_mm > 0.0f && width >= BUST_WIDTH * scale->height_mm
                            ? SCENE_FIGURE_BUST
                            : SCENE_FIGURE_STANDING;
        snprintf(scale->why, sizeof scale->why, "its proportions");
    }
    float life = scale->figure == SCENE_FIGURE_BUST ? SCENE_LIFE_BUST_MM : SCENE_LIFE_PERSON_MM;
    float n = scale->height_mm > 0.0f ? roundf(life / scale->height_mm) : 1.0f;
    scale->n = n >= 1.0f ? n : 1.0f;
}

const char *scene_figure_name(scene_figure figure)
{
    return figure == SCENE_FIGURE_BUST ? "bust" : "standing figure";
}

void scene_scale_describe(const scene_scale *scale, char *text, size_t size)
{
    if (scale->given)
        snprintf(text, size, "scale 1:%.4g, as set", (double)scale->n);
    else
        snprintf(text, size,
                 "scale 1:%.4g, inferred from the %.0f mm height as a %s (%s); --scale to set",
                 (double)scale->n, (double)scale->height_mm, scene_figure_name(scale->figure),
                 scale->why);
}
