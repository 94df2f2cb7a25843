/* Sizes at life size (docs/detector.md, "Life size"): the scale inferred
 * from a model's height and shape, --scale's parser, the detector's feature
 * sizes in mm, and their words at life size. No GPU. */
#include "../check.h"

#include "detect/detect_size.h"
#include "inspect/inspect_life.h"
#include "io/io_model.h"
#include "scene/scene_scale.h"
#include "settings/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* OBJ text of axis-aligned boxes, one group (part) each. */
typedef struct box {
    const char *part;
    float min[3], max[3];
} box;

static char *boxes_obj(const box *boxes, int count)
{
    size_t size = 256 * (size_t)count + 1;
    char *text = calloc(size, 1);
    size_t used = 0;
    for (int b = 0; b < count; ++b) {
        const float *lo = boxes[b].min, *hi = boxes[b].max;
        used += (size_t)snprintf(text + used, size - used, "g %s\nusemtl %s\n", boxes[b].part,
                                 boxes[b].part);
        for (int k = 0; k < 8; ++k)
            used += (size_t)snprintf(
                text + used, size - used, "v %g %g %g\n", (double)(k & 1 ? hi[0] : lo[0]),
                (double)(k & 2 ? hi[1] : lo[1]), (double)(k & 4 ? hi[2] : lo[2]));
        static const int faces[6][4] = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 2, 6, 5},
                                        {3, 7, 8, 4}, {1, 5, 7, 3}, {2, 4, 8, 6}};
        for (int f = 0; f < 6; ++f)
            used +=
                (size_t)snprintf(text + used, size - used, "f %d %d %d %d\n", faces[f][0] + 8 * b,
                                 faces[f][1] + 8 * b, faces[f][2] + 8 * b, faces[f][3] + 8 * b);
    }
    return text;
}

static scene_scale infer(const box *boxes, int count, const char *file)
{
    char *text = boxes_obj(boxes, count);
    io_model model;
    scene_mesh mesh;
    scene_scale scale = {0};
    CHECK(io_model_load_memory(text, strlen(text), "boxes.obj", NULL, NULL, &model) == CORE_OK);
    scene_mesh_desc desc = {0};
    CHECK(scene_mesh_from_model(&model, &desc, &mesh) == CORE_OK);
    scene_infer_scale(&mesh, file, &scale);
    scene_mesh_unload(&mesh);
    io_model_unload(&model);
    free(text);
    return scale;
}

/* A 32 mm figure on a 25 mm base 3 mm thick: legs, a body, arms, a head. */
static const box figure[] = {
    {"plate", {-12.5f, 0, -12.5f}, {12.5f, 3, 12.5f}},
    {"body", {-2.5f, 3, -1}, {-0.5f, 17, 1}},       /* left leg */
    {"body", {0.5f, 3, -1}, {2.5f, 17, 1}},         /* right leg */
    {"body", {-3.5f, 17, -1.5f}, {3.5f, 27, 1.5f}}, /* torso */
    {"body", {-5, 16, -1}, {-3.5f, 27, 1}},         /* arms */
    {"body", {3.5f, 16, -1}, {5, 27, 1}},
    {"body", {-1.8f, 28.4f, -1.8f}, {1.8f, 32, 1.8f}}, /* head */
};

/* A 60 mm bust on a 15 mm plinth: chest and shoulders, neck, head. */
static const box bust[] = {
    {"plinth", {-12, 0, -12}, {12, 15, 12}},
    {"torso", {-22, 15, -10}, {22, 45, 10}},
    {"neck", {-5, 45, -5}, {5, 52, 5}},
    {"head", {-9, 52, -10}, {9, 75, 10}},
};

static void test_inferred_scale(void)
{
    enum { FIGURE = sizeof figure / sizeof *figure, BUST = sizeof bust / sizeof *bust };
    /* Unnamed base: the whole 32 mm counts, as a standing figure by its shape. */
    scene_scale s = infer(figure, FIGURE, "knight.obj");
    CHECK(s.figure == SCENE_FIGURE_STANDING && !s.given);
    CHECK_NEAR(s.height_mm, 32.0, 1e-3);
    CHECK_NEAR(s.n, 56.0, 0.0); /* 1800 / 32 */
    CHECK(strcmp(s.why, "its proportions") == 0);
    char text[160];
    scene_scale_describe(&s, text, sizeof text);
    CHECK(strcmp(text, "scale 1:56, inferred from the 32 mm height as a standing figure (its "
                       "proportions); --scale to set") == 0);
    /* A part named as a base is left out: 29 mm of figure, 1:62. */
    box named[FIGURE];
    memcpy(named, figure, sizeof named);
    named[0].part = "base";
    s = infer(named, FIGURE, "knight.obj");
    CHECK(s.figure == SCENE_FIGURE_STANDING);
    CHECK_NEAR(s.height_mm, 29.0, 1e-3);
    CHECK_NEAR(s.n, 62.0, 0.0);
    /* The bust by its shape: its chest is wider than half its height. */
    s = infer(bust, BUST, "hero.obj");
    CHECK(s.figure == SCENE_FIGURE_BUST && strcmp(s.why, "its proportions") == 0);
    CHECK_NEAR(s.height_mm, 60.0, 1e-3); /* the plinth left out */
    CHECK_NEAR(s.n, 10.0, 0.0);          /* 600 / 60 */
    /* Names win over shape: the file's, then the parts'. */
    s = infer(figure, FIGURE, "models/knight-bust.obj");
    CHECK(s.figure == SCENE_FIGURE_BUST && strcmp(s.why, "its name") == 0);
    s = infer(figure, FIGURE, "busts/knight.obj"); /* a folder's name is not the model's */
    CHECK(s.figure == SCENE_FIGURE_STANDING);
    box legs[BUST];
    memcpy(legs, bust, sizeof legs);
    legs[1].part = "Left_Leg";
    s = infer(legs, BUST, "hero.obj");
    CHECK(s.figure == SCENE_FIGURE_STANDING && strcmp(s.why, "its parts' names") == 0);
    legs[1].part = "LeftBoots"; /* words split at capitals, plurals count */
    s = infer(legs, BUST, "hero.obj");
    CHECK(s.figure == SCENE_FIGURE_STANDING && strcmp(s.why, "its parts' names") == 0);
    /* Names are read by whole words: a legend, a standing pose or a robust
     * shape name no leg, base or bust, so the shape decides (a bust here). */
    legs[1].part = "legend";
    legs[0].part = "standing_pose";
    s = infer(legs, BUST, "robust.obj");
    CHECK(s.figure == SCENE_FIGURE_BUST && strcmp(s.why, "its parts' names") != 0 &&
          strcmp(s.why, "its name") != 0);
    s.given = true;
    s.n = 24.0f;
    scene_scale_describe(&s, text, sizeof text);
    CHECK(strcmp(text, "scale 1:24, as set") == 0);
}

static void test_scale_setting(void)
{
    settings_values v;
    CHECK(settings_init(&v, SETTINGS_CHECK) == CORE_OK);
    CHECK(!v.given[SETTINGS_SCALE]); /* no default: inferred */
    CHECK(settings_set(&v, SETTINGS_SCALE, "1:56", "--scale") == CORE_OK);
    CHECK(v.given[SETTINGS_SCALE] && v.value[SETTINGS_SCALE].number[0] == 56.0);
    char text[32];
    CHECK(settings_format(&v, SETTINGS_SCALE, text, sizeof text) && strcmp(text, "1:56") == 0);
    CHECK(settings_set(&v, SETTINGS_SCALE, "12.5", "model_scale") == CORE_OK);
    CHECK(settings_format(&v, SETTINGS_SCALE, text, sizeof text) && strcmp(text, "1:12.5") == 0);
    const char *bad[] = {"1:0", "0:56", "2:56", "1:", "1:abc", "1:56x", "", "1:1e9", "-3", NULL};
    for (int k = 0; bad[k]; ++k) {
        CHECK(settings_set(&v, SETTINGS_SCALE, bad[k], "--scale") != CORE_OK);
        char expected[96];
        snprintf(expected, sizeof expected, "--scale %s: expected a scale 1:N", bad[k]);
        CHECK(strncmp(core_last_error(), expected, strlen(expected)) == 0);
    }
    CHECK(v.value[SETTINGS_SCALE].number[0] == 12.5); /* a bad value changes nothing */
    settings_free(&v);
}

static void test_life_words(void)
{
    char text[256];
    inspect_life_words(DETECT_FLAG_PIN, 0.6f, 56.0f, text, sizeof text);
    CHECK(strcmp(text, "pinpoints 0.6 mm across — 34 mm at life size (1:56): far coarser than "
                       "skin, like hammered-metal dents") == 0);
    inspect_life_words(DETECT_FLAG_FACET, 0.3f, 10.0f, text, sizeof text);
    CHECK(strcmp(text, "facets 0.3 mm wide — 3 mm at life size (1:10): far coarser than skin, "
                       "like a coarse canvas weave") == 0);
    inspect_life_words(DETECT_FLAG_NOISE, 0.02f, 10.0f, text, sizeof text);
    CHECK(strcmp(text, "sparkle's glints 0.02 mm apart — 0.2 mm at life size (1:10): like a fine "
                       "fabric's weave") == 0);
    inspect_life_words(DETECT_FLAG_HAIR, 0.0f, 10.0f, text, sizeof text);
    CHECK(text[0] == '\0'); /* not measured: nothing to say */
    inspect_life_compare(0.03f, text, sizeof text);
    CHECK(strcmp(text, "finer than skin pores: smooth at life size") == 0);
    inspect_life_compare(0.55f, text, sizeof text);
    CHECK(strcmp(text, "coarser than a fine fabric's weave, finer than leather grain") == 0);
    inspect_life_compare(120.0f, text, sizeof text);
    CHECK(strcmp(text, "far coarser than skin, coarser than cobblestones") == 0);
    inspect_life_compare(2000.0f, text, sizeof text);
    CHECK(strstr(text, "reads as shape") != NULL);
    /* The viewer's line: a step's first flagged feature, in the summary's order. */
    detect_frame frame = {.flags = DETECT_FLAG_BIT(DETECT_FLAG_JIT) |
                                   DETECT_FLAG_BIT(DETECT_FLAG_FACET)};
    frame.size_mm[DETECT_FLAG_JIT] = 0.5f;
    frame.size_mm[DETECT_FLAG_FACET] = 2.0f;
    inspect_life_frame(&frame, 10.0f, text, sizeof text);
    CHECK(strncmp(text, "popping patches 0.5 mm across — 5 mm at life size (1:10)", 56) == 0);
    frame.flags = 0;
    inspect_life_frame(&frame, 10.0f, text, sizeof text);
    CHECK(text[0] == '\0');
    inspect_life_frame(NULL, 10.0f, text, sizeof text);
    CHECK(text[0] == '\0');
    inspect_life_words(DETECT_FLAG_JIT, 40.0f, 56.0f, text, sizeof text);
    CHECK(strncmp(text, "popping patches 40 mm across — 2.2 m at life size (1:56)", 57) == 0);
}

/* A flat frame 0.1 mm a pixel: a pinpoint of 13 pixels, jitter patches of
 * 4 and 9 pixels 30 px apart, and a facet highlight of 10x10 with an
 * aligned edge. */
static void test_feature_sizes(void)
{
    enum { W = 64, H = 64, N = W * H };
    static float specular[N], footprint[N], position[3 * N];
    static int32_t part[N];
    static uint8_t jitter[N], aligned[N];
    for (int i = 0; i < N; ++i) {
        footprint[i] = 0.1f;
        part[i] = 0;
        position[3 * i] = 0.1f * (float)(i % W);
        position[3 * i + 1] = 0.1f * (float)(i / W);
    }
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 2; ++x)
            jitter[(10 + y) * W + 10 + x] = 1;
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x)
            jitter[(10 + y) * W + 40 + x] = 1;
    for (int y = 40; y < 50; ++y)
        for (int x = 40; x < 50; ++x)
            specular[y * W + x] = 1.0f;
    aligned[40 * W + 45] = 1;
    detect_blob blobs[2] = {
        {.x = 20, .y = 20, .area_px = 13, .kind = DETECT_BLOB_PIN},
        {.x = 30, .y = 5, .minor_width_arcmin = 4.0f, .kind = DETECT_BLOB_HAIR}};
    uint32_t all = DETECT_FLAG_BIT(DETECT_FLAG_PIN) | DETECT_FLAG_BIT(DETECT_FLAG_HAIR) |
                   DETECT_FLAG_BIT(DETECT_FLAG_JIT) | DETECT_FLAG_BIT(DETECT_FLAG_NOISE) |
                   DETECT_FLAG_BIT(DETECT_FLAG_FACET);
    detect_size_desc d = {W,       H,        60.0f,     blobs,    2,    jitter,
                          aligned, specular, footprint, position, part, all};
    float size[DETECT_FLAG_COUNT];
    CHECK(detect_feature_sizes(&d, size) == CORE_OK);
    CHECK_NEAR(size[DETECT_FLAG_PIN], 0.1 * 2.0 * sqrt(13.0 / 3.14159265), 1e-4);
    CHECK_NEAR(size[DETECT_FLAG_HAIR], 0.1 * 4.0 * 60.0 / 60.0, 1e-4); /* 4 px wide */
    /* the patches: discs of 4 and 9 px; the median of two is the larger */
    CHECK_NEAR(size[DETECT_FLAG_JIT], 0.1 * 2.0 * sqrt(9.0 / 3.14159265), 1e-4);
    /* glints: the pinpoint at (20, 20), patches centred at (10.5, 10.5) and
     * (41, 11): each one's nearest neighbour, median */
    double a = hypot(9.5, 9.5), b = hypot(21, 9), c = hypot(30.5, 0.5);
    double nearest[3] = {fmin(a, b), fmin(a, c), fmin(b, c)};
    double sorted[3] = {nearest[0], nearest[1], nearest[2]};
    for (int i = 0; i < 3; ++i)
        for (int j = i + 1; j < 3; ++j)
            if (sorted[j] < sorted[i]) {
                double t = sorted[i];
                sorted[i] = sorted[j];
                sorted[j] = t;
            }
    CHECK_NEAR(size[DETECT_FLAG_NOISE], 0.1 * sorted[1], 1e-4);
    CHECK_NEAR(size[DETECT_FLAG_FACET], 0.1 * 2.0 * sqrt(100.0 / 3.14159265), 1e-4);
    /* Only the step's flags are measured. */
    d.flags = DETECT_FLAG_BIT(DETECT_FLAG_PIN);
    CHECK(detect_feature_sizes(&d, size) == CORE_OK);
    CHECK(size[DETECT_FLAG_PIN] > 0.0f && size[DETECT_FLAG_JIT] == 0.0f &&
          size[DETECT_FLAG_NOISE] == 0.0f && size[DETECT_FLAG_FACET] == 0.0f);
    /* A facet highlight with no edge along a crease is no facet. */
    aligned[40 * W + 45] = 0;
    d.flags = DETECT_FLAG_BIT(DETECT_FLAG_FACET);
    CHECK(detect_feature_sizes(&d, size) == CORE_OK);
    CHECK(size[DETECT_FLAG_FACET] == 0.0f);
}

/* A problem's size is the median over its ranges' steps that carry its flag. */
static void test_problem_size(void)
{
    detect_frame frames[5] = {{0}};
    float sizes[5] = {0.2f, 0.9f, 0.4f, 0.3f, 5.0f};
    for (int i = 0; i < 5; ++i) {
        frames[i].flags = DETECT_FLAG_BIT(DETECT_FLAG_PIN);
        frames[i].size_mm[DETECT_FLAG_PIN] = sizes[i];
    }
    frames[4].flags = 0; /* outside its flag: not counted */
    detect_range ranges[2] = {
        {.flag = DETECT_FLAG_PIN, .first = 0, .last = 1, .where = {.part = 2}},
        {.flag = DETECT_FLAG_PIN, .first = 3, .last = 4, .where = {.part = 2}}};
    inspect_run run = {.frames = frames, .frame_count = 5};
    run.summary.ranges = ranges;
    run.summary.range_count = 2;
    inspect_problem p = {.flag = DETECT_FLAG_PIN, .part = 2};
    CHECK_NEAR(inspect_problem_size_mm(&run, &p), 0.3, 1e-6); /* 0.2, 0.3, 0.9 */
    p.part = 1;
    CHECK(inspect_problem_size_mm(&run, &p) == 0.0f);
}

int main(void)
{
    test_inferred_scale();
    test_scale_setting();
    test_life_words();
    test_feature_sizes();
    test_problem_size();
    return check_done("test_life");
}
