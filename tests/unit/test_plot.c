#include "../check.h"

#include "draw/draw_plot.h"
#include "core/core_result.h"
#include "io/io_image.h"

#include <float.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The detector's plot, drawn from synthetic scores. With GLINT_PLOT_OUT set
 * (to anything) the pictures are also written to the working directory as
 * test_plot*.png, to be looked at. */

enum { STEPS = 360 };

static float angles[STEPS], jitter[STEPS], pins[STEPS];
static const uint8_t RED[3] = {214, 40, 40}, GREEN[3] = {30, 150, 60};
static const draw_plot_range BUMP = {9.5f, 20.5f};

static void make_data(void)
{
    for (int i = 0; i < STEPS; ++i) {
        angles[i] = (float)i;
        /* A quiet baseline with a bump of jitter from 10 to 20 degrees. */
        float wobble = 0.3f * sinf(0.37f * (float)i) + 0.2f * sinf(1.3f * (float)i);
        jitter[i] = 0.6f + wobble;
        if (i >= 10 && i <= 20)
            jitter[i] = 3.0f + 3.0f * sinf(3.14159265f * (float)(i - 10) / 10.0f);
        pins[i] = (float)((i * 7) % 5 == 0 ? 3 : (i % 11 == 0 ? 1 : 0));
        if (i >= 100 && i < 110)
            pins[i] = NAN; /* a gap */
    }
}

static draw_plot_desc sample_desc(draw_plot_panel panels[2])
{
    panels[0] = (draw_plot_panel){.title = "Jitter: share of bright pixels that pop (J)",
                                  .unit = "%",
                                  .values = jitter,
                                  .threshold = 2.0f,
                                  .flagged = &BUMP,
                                  .flagged_count = 1,
                                  .rgb = {RED[0], RED[1], RED[2]}};
    panels[1] = (draw_plot_panel){.title = "Pinpoints and hairlines in the step",
                                  .unit = "count",
                                  .values = pins,
                                  .threshold = NAN,
                                  .rgb = {GREEN[0], GREEN[1], GREEN[2]}};
    return (draw_plot_desc){.title = "glint check bust.obj: FAIL",
                            .subtitle = "512x512, 360 steps of 1 deg, 45 pixels per degree",
                            .angles_deg = angles,
                            .count = STEPS,
                            .panels = panels,
                            .panel_count = 2};
}

static const uint8_t *pixel(const io_image *image, int x, int y)
{
    return image->pixels + 4 * ((size_t)y * (size_t)image->width + (size_t)x);
}

static bool is_white(const uint8_t *p)
{
    return p[0] == 255 && p[1] == 255 && p[2] == 255;
}

static int count_colour(const io_image *image, const uint8_t rgb[3])
{
    int count = 0;
    for (int y = 0; y < image->height; ++y)
        for (int x = 0; x < image->width; ++x) {
            const uint8_t *p = pixel(image, x, y);
            count += p[0] == rgb[0] && p[1] == rgb[1] && p[2] == rgb[2];
        }
    return count;
}

static bool same_image(const io_image *a, const io_image *b)
{
    return a->width == b->width && a->height == b->height &&
           memcmp(a->pixels, b->pixels, (size_t)a->width * (size_t)a->height * 4) == 0;
}

static void maybe_write(const char *name, const io_image *image)
{
    const char *out = getenv("GLINT_PLOT_OUT");
    if (!out || !out[0])
        return;
    CHECK(io_png_write(name, CORE_WRITE_REPLACE, image) == CORE_OK);
    printf("wrote %s\n", name);
}

static void test_sample_plot(void)
{
    draw_plot_panel panels[2];
    draw_plot_desc desc = sample_desc(panels);
    io_image plot = {0};
    CHECK(draw_plot(&desc, &plot) == CORE_OK);
    CHECK(plot.width == 1200);
    CHECK(plot.height > 2 * 200 && plot.height < 2 * 200 + 300);
    CHECK(plot.pixels != NULL);
    if (!plot.pixels)
        return;
    for (int i = 0; i < plot.width * plot.height; ++i)
        if (plot.pixels[4 * i + 3] != 255) {
            CHECK(!"every pixel is opaque");
            break;
        }

    /* Each series is drawn in its own colour (a line's middle is fully covered). */
    CHECK(count_colour(&plot, RED) > 300);
    CHECK(count_colour(&plot, GREEN) > 300);

    /* Dark text in the title band. */
    int dark = 0;
    for (int y = 0; y < 50; ++y)
        for (int x = 0; x < plot.width; ++x)
            dark += pixel(&plot, x, y)[0] < 100;
    CHECK(dark > 200);

    /* The flagged range: drawn again without it, exactly one band of
     * columns changes, about 11/360 of the plot's width, all in the top panel. */
    panels[0].flagged_count = 0;
    io_image plain = {0};
    CHECK(draw_plot(&desc, &plain) == CORE_OK);
    CHECK(plain.width == plot.width && plain.height == plot.height);
    if (!plain.pixels || plain.width != plot.width || plain.height != plot.height) {
        io_image_free(&plot);
        io_image_free(&plain);
        return;
    }
    int x0 = plot.width, x1 = -1, y0 = plot.height, y1 = -1;
    for (int y = 0; y < plot.height; ++y)
        for (int x = 0; x < plot.width; ++x)
            if (memcmp(pixel(&plot, x, y), pixel(&plain, x, y), 3) != 0) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
    int band = x1 - x0 + 1;
    CHECK(band >= 11 * 900 / 360 && band <= 11 * 1200 / 360 + 2);
    CHECK(y1 - y0 > 100 && y1 < plot.height / 2 + 40);
    CHECK(x0 > 60 && x0 < 200); /* 9.5 degrees is near the left */

    /* Shaded pixels differ from the unshaded background at the same height,
     * and carry the series' hue. */
    int xc = (x0 + x1) / 2, xo = xc + 300, rows = 0, tinted = 0, wrong = 0;
    for (int y = y0; y <= y1; ++y) {
        if (!is_white(pixel(&plain, xc, y)) || !is_white(pixel(&plain, xo, y)))
            continue; /* grid, threshold, series: not background here */
        ++rows;
        const uint8_t *shaded = pixel(&plot, xc, y);
        wrong += is_white(shaded) || !is_white(pixel(&plot, xo, y));
        tinted += shaded[0] > shaded[1] + 20 && shaded[0] > shaded[2] + 20;
    }
    CHECK(rows > 50);
    CHECK(wrong == 0);
    CHECK(tinted == rows);
    maybe_write("test_plot.png", &plot);

    /* The threshold is a dashed horizontal line: drawn again without it, the
     * row that changes most has many separate dashes. */
    panels[0].flagged_count = 1;
    panels[0].threshold = NAN;
    io_image bare = {0};
    CHECK(draw_plot(&desc, &bare) == CORE_OK);
    int best_row = -1, best = 0;
    for (int y = 0; bare.pixels && y < plot.height; ++y) {
        int changed = 0;
        for (int x = 0; x < plot.width; ++x)
            changed += memcmp(pixel(&plot, x, y), pixel(&bare, x, y), 3) != 0;
        if (changed > best) {
            best = changed;
            best_row = y;
        }
    }
    CHECK(best > 400);
    int dashes = 0;
    for (int x = 1; best_row >= 0 && x < plot.width; ++x)
        dashes += memcmp(pixel(&plot, x, best_row), pixel(&bare, x, best_row), 3) != 0 &&
                  memcmp(pixel(&plot, x - 1, best_row), pixel(&bare, x - 1, best_row), 3) == 0;
    CHECK(dashes > 40);

    io_image_free(&plot);
    io_image_free(&plain);
    io_image_free(&bare);
}

/* Few steps get a marker each; a lone value between gaps still shows. */
static void test_few_steps(void)
{
    float a[13], v[13], w[13];
    for (int i = 0; i < 13; ++i) {
        a[i] = 30.0f * (float)i;
        v[i] = (float)i * (float)i * 0.01f;
        w[i] = (i % 3 == 1) ? 2.0f : NAN; /* only lone values */
    }
    draw_plot_range r = {175.0f, 245.0f};
    draw_plot_panel panels[2] = {{.title = "Growing",
                                  .unit = "%",
                                  .values = v,
                                  .threshold = 1.0f,
                                  .flagged = &r,
                                  .flagged_count = 1,
                                  .rgb = {40, 90, 220}},
                                 {.title = "Lone values",
                                  .unit = "per 10k px",
                                  .values = w,
                                  .threshold = NAN,
                                  .rgb = {200, 120, 0}}};
    draw_plot_desc desc = {.title = "glint check a.obj: PASS",
                           .angles_deg = a,
                           .count = 13,
                           .panels = panels,
                           .panel_count = 2};
    io_image plot = {0};
    CHECK(draw_plot(&desc, &plot) == CORE_OK);
    const uint8_t orange[3] = {200, 120, 0};
    CHECK(count_colour(&plot, orange) > 4 * 9);
    maybe_write("test_plot_few.png", &plot);
    io_image_free(&plot);
}

/* The four panels `glint check` draws, with its long titles and subtitle:
 * everything fits the default width. */
static void test_four_panels(void)
{
    static float density[STEPS], crease[STEPS];
    for (int i = 0; i < STEPS; ++i) {
        density[i] = 1.0f + 0.8f * sinf(0.05f * (float)i) + (i >= 200 && i <= 230 ? 3.0f : 0.0f);
        crease[i] = 20.0f + 15.0f * sinf(0.02f * (float)i);
    }
    draw_plot_range noise = {199.5f, 230.5f}, ends[2] = {{-0.5f, 4.5f}, {354.5f, 359.5f}};
    draw_plot_panel panels[4] = {
        {.title = "Jitter: share of bright pixels that pop between steps (JIT over 2 %)",
         .unit = "%",
         .values = jitter,
         .threshold = 2.0f,
         .flagged = &BUMP,
         .flagged_count = 1,
         .rgb = {214, 40, 40}},
        {.title = "Pinpoints and hairlines in the step (PIN / HAIR)",
         .unit = "count",
         .values = pins,
         .threshold = NAN,
         .flagged = ends,
         .flagged_count = 2,
         .rgb = {30, 150, 60}},
        {.title = "Pinpoint density (NOISE: over 3, jittery and short-lived)",
         .unit = "per 10k px",
         .values = density,
         .threshold = 3.0f,
         .flagged = &noise,
         .flagged_count = 1,
         .rgb = {200, 120, 0}},
        {.title = "Highlight edge along facet creases (FACET over 50 %)",
         .unit = "%",
         .values = crease,
         .threshold = 50.0f,
         .rgb = {40, 90, 220}}};
    draw_plot_desc desc = {
        .title = "glint check assets/sample/bust.obj: FAIL",
        .subtitle = "512x512, 360 steps of 1 deg, 45 pixels per degree; shaded: flagged steps",
        .angles_deg = angles,
        .count = STEPS,
        .panels = panels,
        .panel_count = 4};
    io_image plot = {0};
    CHECK(draw_plot(&desc, &plot) == CORE_OK);
    CHECK(plot.width == 1200 && plot.height > 4 * 200 && plot.height < 4 * 200 + 300);
    const uint8_t orange[3] = {200, 120, 0}, blue[3] = {40, 90, 220};
    CHECK(count_colour(&plot, orange) > 300);
    CHECK(count_colour(&plot, blue) > 300);
    maybe_write("test_plot_check.png", &plot);
    io_image_free(&plot);

    /* Smaller than the default: titles are cut short, nothing overlaps the plot. */
    desc.width = 640;
    desc.height = 600;
    CHECK(draw_plot(&desc, &plot) == CORE_OK);
    CHECK(plot.width == 640 && plot.height == 600);
    maybe_write("test_plot_small.png", &plot);
    io_image_free(&plot);
}

static core_result draw_one(const float *a, const float *v, int count, float threshold,
                            const draw_plot_range *ranges, int range_count, io_image *image)
{
    draw_plot_panel panel = {.title = "edge",
                             .unit = "u",
                             .values = v,
                             .threshold = threshold,
                             .flagged = ranges,
                             .flagged_count = range_count};
    draw_plot_desc desc = {.angles_deg = a, .count = count, .panels = &panel, .panel_count = 1};
    return draw_plot(&desc, image);
}

static void test_edge_cases(void)
{
    io_image image = {0};
    float a[8] = {0, 10, 20, 30, 40, 50, 60, 70};
    float nan8[8], zero8[8] = {0},
                   huge[8] = {1e30f, FLT_MAX, -FLT_MAX, INFINITY, 5, 0, -INFINITY, 1e-30f};
    for (int i = 0; i < 8; ++i)
        nan8[i] = NAN;

    /* Draw without crashing. */
    CHECK(draw_one(NULL, NULL, 0, NAN, NULL, 0, &image) == CORE_OK);
    CHECK(image.width == 1200 && image.pixels);
    io_image_free(&image);
    CHECK(draw_one(a, zero8, 1, 2.0f, NULL, 0, &image) == CORE_OK);
    io_image_free(&image);
    CHECK(draw_one(a, nan8, 8, NAN, NULL, 0, &image) == CORE_OK);
    io_image_free(&image);
    CHECK(draw_one(a, zero8, 8, NAN, NULL, 0, &image) == CORE_OK);
    io_image_free(&image);
    CHECK(draw_one(a, huge, 8, 1e35f, NULL, 0, &image) == CORE_OK);
    maybe_write("test_plot_huge.png", &image);
    io_image_free(&image);
    float same[3] = {45, 45, 45}, tiny[3] = {1e-7f, 2e-7f, 0};
    CHECK(draw_one(same, tiny, 3, NAN, NULL, 0, &image) == CORE_OK);
    io_image_free(&image);

    /* Ranges outside the span (and reversed, and NAN) shade nothing. */
    io_image plain = {0};
    draw_plot_range outside[4] = {{-100, -50}, {400, 500}, {NAN, 10}, {-20, -30}};
    CHECK(draw_one(a, zero8, 8, NAN, NULL, 0, &plain) == CORE_OK);
    CHECK(draw_one(a, zero8, 8, NAN, outside, 4, &image) == CORE_OK);
    CHECK(same_image(&plain, &image));
    io_image_free(&image);
    draw_plot_range reversed = {30, 20}, spill = {-100, 1000};
    CHECK(draw_one(a, zero8, 8, NAN, &reversed, 1, &image) == CORE_OK);
    CHECK(!same_image(&plain, &image));
    io_image_free(&image);
    CHECK(draw_one(a, zero8, 8, NAN, &spill, 1, &image) == CORE_OK);
    io_image_free(&image);
    io_image_free(&plain);

    /* A y_max below the data cuts it off; text outside ASCII and far too
     * long is drawn anyway. */
    char long_title[600];
    memset(long_title, 'W', sizeof long_title - 1);
    long_title[sizeof long_title - 1] = '\0';
    long_title[10] = '\t';
    long_title[11] = (char)0xE2; /* an unfinished UTF-8 sequence */
    draw_plot_panel panel = {
        .title = long_title, .unit = long_title, .values = huge, .threshold = 3.0f, .y_max = 10.0f};
    draw_plot_desc desc = {.title = long_title,
                           .subtitle = long_title,
                           .x_label = long_title,
                           .angles_deg = a,
                           .count = 8,
                           .panels = &panel,
                           .panel_count = 1};
    CHECK(draw_plot(&desc, &image) == CORE_OK);
    io_image_free(&image);

    /* Eight panels at the default size. */
    draw_plot_panel eight[8];
    for (int p = 0; p < 8; ++p)
        eight[p] = (draw_plot_panel){.title = "panel", .values = zero8, .threshold = NAN};
    desc = (draw_plot_desc){.angles_deg = a, .count = 8, .panels = eight, .panel_count = 8};
    CHECK(draw_plot(&desc, &image) == CORE_OK);
    CHECK(image.height > 8 * 200);
    io_image_free(&image);

    /* Refused, with a message and an empty image. */
    struct {
        int width, height, panels, count;
        const float *angles;
        float y_max;
        int flagged_count;
    } bad[] = {
        {100, 100, 1, 8, a, 0, 0},  /* too small */
        {1200, 120, 2, 8, a, 0, 0}, /* too low for two panels */
        {-5, 0, 1, 8, a, 0, 0},     /* negative */
        {20000, 0, 1, 8, a, 0, 0},  /* larger than an image may be */
        {0, 0, 0, 8, a, 0, 0},      /* no panels */
        {0, 0, 9, 8, a, 0, 0},      /* too many */
        {0, 0, 1, 8, NULL, 0, 0},   /* no angles */
        {0, 0, 1, -1, a, 0, 0},     /* negative count */
        {0, 0, 1, 8, a, -1.0f, 0},  /* negative y_max */
        {0, 0, 1, 8, a, NAN, 0},    /* NAN y_max */
        {0, 0, 1, 8, a, 0, 2},      /* flagged ranges missing */
        {0, 0, 1, 8, a, 0, -1},     /* negative flagged count */
    };
    draw_plot_panel nine[9];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        for (int p = 0; p < 9; ++p)
            nine[p] = (draw_plot_panel){.values = zero8,
                                        .threshold = NAN,
                                        .y_max = bad[i].y_max,
                                        .flagged_count = bad[i].flagged_count};
        desc = (draw_plot_desc){.width = bad[i].width,
                                .height = bad[i].height,
                                .angles_deg = bad[i].angles,
                                .count = bad[i].count,
                                .panels = nine,
                                .panel_count = bad[i].panels};
        core_clear_error();
        image.pixels = (uint8_t *)&image; /* must be reset */
        core_result r = draw_plot(&desc, &image);
        CHECK(r == CORE_ERR_ARGUMENT);
        CHECK(image.pixels == NULL && image.width == 0);
        CHECK(strncmp(core_last_error(), "plot: ", 6) == 0 || strstr(core_last_error(), "image"));
        if (r != CORE_ERR_ARGUMENT)
            fprintf(stderr, "case %zu: %s\n", i, core_result_name(r));
        if (r == CORE_OK)
            io_image_free(&image);
    }
    float descending[3] = {0, 20, 10}, wild[2] = {0, NAN};
    CHECK(draw_one(descending, zero8, 3, NAN, NULL, 0, &image) == CORE_ERR_ARGUMENT);
    CHECK(strstr(core_last_error(), "ascending") != NULL);
    CHECK(draw_one(wild, zero8, 2, NAN, NULL, 0, &image) == CORE_ERR_ARGUMENT);
    CHECK(draw_one(a, NULL, 8, NAN, NULL, 0, &image) == CORE_ERR_ARGUMENT);
    CHECK(draw_plot(NULL, &image) == CORE_ERR_ARGUMENT);
    desc = (draw_plot_desc){.angles_deg = a, .count = 8, .panels = eight, .panel_count = 1};
    CHECK(draw_plot(&desc, NULL) == CORE_ERR_ARGUMENT);
}

int main(void)
{
    make_data();
    test_sample_plot();
    test_few_steps();
    test_four_panels();
    test_edge_cases();
    return check_done("test_plot");
}
