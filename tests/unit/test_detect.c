#include "../check.h"

#include <math.h>

#include "detect/detect_blobs.h"
#include "detect/detect_display.h"
#include "detect/detect_facet.h"
#include "detect/detect_jitter.h"
#include "detect/detect_noise.h"
#include "detect/detect_risk.h"

#include <stdlib.h>
#include <string.h>

enum { W = 96, H = 96 };
static float ys[W * H], yd[W * H];

/* A frame of dark paint (Yd = base) with nothing on it. */
static void clear_frame(float base)
{
    for (int i = 0; i < W * H; ++i) {
        ys[i] = 0.0f;
        yd[i] = base;
    }
}

/* A highlight: a Gaussian spot of peak `peak` and widths sx, sy (px). */
static void add_spot(float cx, float cy, float sx, float sy, float peak)
{
    for (int y = 0; y < H; ++y) {
        for (int x = 0; x < W; ++x) {
            float dx = ((float)x - cx) / sx, dy = ((float)y - cy) / sy;
            float v = peak * expf(-0.5f * (dx * dx + dy * dy));
            ys[y * W + x] += v;
            yd[y * W + x] += v;
        }
    }
}

static int find(float ppd, detect_blob *blobs)
{
    detect_blob_desc desc = {
        .width = W, .height = H, .specular_luminance = ys, .total_luminance = yd, .ppd = ppd};
    int count = -1;
    CHECK(detect_find_blobs(&desc, blobs, 16, &count) == CORE_OK);
    return count;
}

static void test_blobs(void)
{
    detect_blob blobs[16];
    clear_frame(0.05f); /* a sharp, white-hot spot on dark paint: a pinpoint */
    add_spot(48, 48, 0.7f, 0.7f, 1.0f);
    CHECK(find(45.0f, blobs) == 1);
    CHECK(blobs[0].kind == DETECT_BLOB_PIN && blobs[0].x == 48 && blobs[0].y == 48);
    CHECK(blobs[0].diameter_arcmin <= 4.0f && blobs[0].contrast >= 2.0f);

    clear_frame(0.05f); /* a broad, soft highlight rolling over a form: fine */
    add_spot(48, 48, 8.0f, 8.0f, 1.0f);
    CHECK(find(45.0f, blobs) >= 1);
    CHECK(blobs[0].kind == DETECT_BLOB_NONE && blobs[0].diameter_arcmin > 10.0f);

    clear_frame(0.05f); /* a glint along an edge: a hairline */
    add_spot(48, 48, 14.0f, 0.6f, 1.0f);
    CHECK(find(45.0f, blobs) >= 1);
    CHECK(blobs[0].kind == DETECT_BLOB_HAIR && blobs[0].elongation >= 4.0f);
    CHECK(blobs[0].minor_width_arcmin <= 4.0f);

    clear_frame(0.05f); /* small but not at display white: not harsh */
    add_spot(48, 48, 0.7f, 0.7f, 0.6f);
    CHECK(find(45.0f, blobs) >= 1 && blobs[0].kind == DETECT_BLOB_NONE);

    clear_frame(0.7f); /* white-hot on pale paint: too little contrast to read as a pin */
    add_spot(48, 48, 0.7f, 0.7f, 0.4f);
    CHECK(find(45.0f, blobs) >= 1 && blobs[0].kind == DETECT_BLOB_NONE);
    CHECK(blobs[0].contrast < 2.0f);

    /* The same 1.6 px spot is about 5 arcmin on a 45 ppd display and a pinpoint
     * on a 90 ppd one: size is judged at the eye, not in pixels. */
    clear_frame(0.05f);
    add_spot(48, 48, 1.6f, 1.6f, 1.0f);
    CHECK(find(45.0f, blobs) >= 1 && blobs[0].kind == DETECT_BLOB_NONE);
    CHECK(find(90.0f, blobs) >= 1 && blobs[0].kind == DETECT_BLOB_PIN);

    clear_frame(0.05f); /* two pins, the brighter first; nothing else */
    add_spot(20, 20, 0.7f, 0.7f, 1.0f);
    add_spot(70, 60, 0.7f, 0.7f, 1.4f);
    CHECK(find(45.0f, blobs) == 2);
    CHECK(blobs[0].x == 70 && blobs[1].x == 20);
    CHECK(blobs[0].kind == DETECT_BLOB_PIN && blobs[1].kind == DETECT_BLOB_PIN);

    clear_frame(0.05f); /* nothing to find */
    CHECK(find(45.0f, blobs) == 0);
    detect_blob_desc tiny = {
        .width = 2, .height = 2, .specular_luminance = ys, .total_luminance = yd};
    int count;
    CHECK(detect_find_blobs(&tiny, blobs, 16, &count) == CORE_ERR_ARGUMENT);
}

/* Synthetic buffers: a 4x2 strip; the left half a flat part, the right half a
 * second part whose normals swing hard; a silhouette between rows. */
static void test_risk(void)
{
    enum { RW = 4, RH = 2, N = RW * RH };
    float normal[3 * N], position[3 * N], footprint[N], alpha[N];
    int32_t part[N];
    for (int i = 0; i < N; ++i) {
        int x = i % RW;
        float angle = x >= 2 ? 0.5f * (float)x : 0.0f; /* right part: 0.5 rad a pixel */
        normal[3 * i] = sinf(angle);
        normal[3 * i + 1] = 0.0f;
        normal[3 * i + 2] = cosf(angle);
        position[3 * i] = (float)x * 0.1f;
        position[3 * i + 1] = (float)(i / RW) * 0.1f;
        position[3 * i + 2] = 0.0f;
        footprint[i] = 0.1f;
        alpha[i] = 0.05f;
        part[i] = x >= 2 ? 1 : 0;
    }
    detect_risk_desc desc = {RW, RH, normal, position, footprint, alpha, part, 45.0f};
    uint8_t classes[N];
    float rhat[N];
    detect_risk_summary summary;
    CHECK(detect_predict_risk(&desc, classes, rhat, &summary) == CORE_OK);
    CHECK(classes[0] == DETECT_RISK_OK && isinf(rhat[0])); /* flat: no highlight can shrink */
    /* Between x = 1 and 2 the part changes: the jump there is not surface. */
    CHECK(classes[1] == DETECT_RISK_OK);
    /* 0.5 rad a pixel against alpha 0.05: rhat = 0.644 x 0.05 / 0.49 = 0.07 px. */
    CHECK(classes[2] == DETECT_RISK_SPARKLE);
    CHECK_NEAR(rhat[2], 0.644 * 0.05 / (2.0 * sin(0.25)), 1e-3);
    /* A gap of five footprints between the rows' left halves is a silhouette:
     * not compared. Pixels 1 and 5 then have no neighbour on their surface (a
     * part boundary one way, the silhouette the other) and go untested. */
    position[3 * 4 + 2] = 0.5f;
    position[3 * 5 + 2] = 0.5f;
    CHECK(detect_predict_risk(&desc, classes, rhat, &summary) == CORE_OK);
    CHECK(summary.tested == N - 2);
    CHECK(classes[1] == DETECT_RISK_UNTESTED && classes[5] == DETECT_RISK_UNTESTED);
    part[0] = -1;
    CHECK(detect_predict_risk(&desc, classes, NULL, &summary) == CORE_OK);
    CHECK(classes[0] == DETECT_RISK_UNTESTED && summary.tested == N - 3);
}

/* Three turntable steps of a flat surface whose object coordinates are its
 * pixel coordinates, with highlights painted on. */
enum { JW = 48, JH = 48, JN = JW * JH };
static float jitter_position[3 * JN], jitter_normal[3 * JN], jitter_footprint[JN];
static int32_t jitter_part[JN];
static float jitter_spec[3][JN];

static void jitter_surface(detect_jitter_step steps[3])
{
    for (int i = 0; i < JN; ++i) {
        jitter_position[3 * i] = (float)(i % JW);
        jitter_position[3 * i + 1] = (float)(i / JW);
        jitter_position[3 * i + 2] = 0.0f;
        jitter_normal[3 * i] = jitter_normal[3 * i + 1] = 0.0f;
        jitter_normal[3 * i + 2] = 1.0f;
        jitter_footprint[i] = 1.0f;
        jitter_part[i] = 0;
    }
    for (int k = 0; k < 3; ++k) {
        memset(jitter_spec[k], 0, sizeof jitter_spec[k]);
        detect_jitter_step step = {jitter_spec[k], jitter_position,  jitter_normal,
                                   jitter_part,    jitter_footprint, {0}};
        /* object (x, y, 0) to the clip position of pixel (x, y) */
        step.object_to_clip[0] = 2.0f / JW;
        step.object_to_clip[12] = 1.0f / JW - 1.0f;
        step.object_to_clip[5] = -2.0f / JH;
        step.object_to_clip[13] = 1.0f - 1.0f / JH;
        step.object_to_clip[10] = 1.0f;
        step.object_to_clip[15] = 1.0f;
        steps[k] = step;
    }
}

static void paint_spot(float *image, float cx, float cy, float sigma, float peak)
{
    for (int i = 0; i < JN; ++i) {
        float dx = (float)(i % JW) - cx, dy = (float)(i / JW) - cy;
        image[i] += peak * expf(-0.5f * (dx * dx + dy * dy) / (sigma * sigma));
    }
}

static detect_jitter_result run_jitter(detect_jitter_step steps[3])
{
    detect_jitter_desc desc = {JW, JH, &steps[0], &steps[1], &steps[2], 0.0f, 0.0f};
    detect_jitter_result result;
    CHECK(detect_jitter(&desc, NULL, &result) == CORE_OK);
    return result;
}

static void test_jitter(void)
{
    detect_jitter_step steps[3];
    jitter_surface(steps); /* a highlight that stays put */
    for (int k = 0; k < 3; ++k)
        paint_spot(jitter_spec[k], 24, 24, 1.5f, 1.0f);
    detect_jitter_result r = run_jitter(steps);
    CHECK(r.object_px == JN && r.bright_valid_px > 0 && r.jitter_px == 0 && !r.flagged);

    jitter_surface(steps); /* a highlight rolling a pixel a step across the surface */
    for (int k = 0; k < 3; ++k)
        paint_spot(jitter_spec[k], 23.0f + (float)k, 24, 1.5f, 1.0f);
    r = run_jitter(steps);
    CHECK(r.bright_valid_px > 0 && r.jitter_px == 0 && !r.flagged);

    jitter_surface(steps); /* a sparkle: there for one step only */
    paint_spot(jitter_spec[1], 24, 24, 1.0f, 1.0f);
    r = run_jitter(steps);
    CHECK(r.jitter_px > 0 && r.flagged);

    jitter_surface(steps); /* snapping 6 px and back: too far for a smooth motion */
    paint_spot(jitter_spec[0], 20, 24, 1.0f, 1.0f);
    paint_spot(jitter_spec[1], 26, 24, 1.0f, 1.0f);
    paint_spot(jitter_spec[2], 20, 24, 1.0f, 1.0f);
    r = run_jitter(steps);
    CHECK(r.jitter_px > 0 && r.flagged);

    jitter_surface(steps); /* a surface seen at t but occluded at t+1 is not judged */
    for (int k = 0; k < 3; ++k)
        paint_spot(jitter_spec[k], 24, 24, 1.5f, 1.0f);
    static int32_t hidden[JN];
    for (int i = 0; i < JN; ++i)
        hidden[i] = -1;
    steps[2].part = hidden;
    r = run_jitter(steps);
    CHECK(r.bright_valid_px == 0 && !r.flagged);
}

/* Vertical facets 8 px wide, each turned `step` degrees from the last. */
static void facet_surface(float step_deg, bool smooth)
{
    for (int i = 0; i < JN; ++i) {
        int x = i % JW;
        float angle = (smooth ? (float)x : (float)(x / 8 * 8)) * step_deg / (smooth ? 1.0f : 8.0f);
        angle *= 3.14159265f / 180.0f;
        jitter_normal[3 * i] = sinf(angle);
        jitter_normal[3 * i + 1] = 0.0f;
        jitter_normal[3 * i + 2] = cosf(angle);
    }
}

static void test_facets(void)
{
    detect_jitter_step steps[3];
    jitter_surface(steps); /* positions, parts and footprints of a 48x48 surface */
    detect_facet_desc desc = {
        JW,          JH,  jitter_spec[1], jitter_normal, jitter_position, jitter_footprint,
        jitter_part, 0.0f,           NULL};
    detect_facet_result r;

    facet_surface(20.0f, false); /* the highlight fills one facet: its edge is the creases */
    for (int i = 0; i < JN; ++i)
        jitter_spec[1][i] = (i % JW) / 8 == 2 ? 1.0f : 0.05f;
    CHECK(detect_facets(&desc, NULL, &r) == CORE_OK);
    CHECK(r.highlight_px == 8 * JH && r.cae > 0.8f && r.flagged);

    facet_surface(1.0f, true); /* a round highlight on a smooth curve: no creases at all */
    memset(jitter_spec[1], 0, sizeof jitter_spec[1]);
    paint_spot(jitter_spec[1], 24, 24, 4.0f, 1.0f);
    CHECK(detect_facets(&desc, NULL, &r) == CORE_OK);
    CHECK(r.highlight_px >= 16 && r.cae == 0.0f && !r.flagged);

    /* Tight but smooth relief (a hammered metal up close): the normal turns
     * 10 degrees every pixel, evenly; nowhere does it jump, so no creases. */
    facet_surface(10.0f, true);
    for (int i = 0; i < JN; ++i)
        jitter_spec[1][i] = (i % JW) / 8 == 2 ? 1.0f : 0.05f;
    CHECK(detect_facets(&desc, NULL, &r) == CORE_OK);
    CHECK(r.highlight_px == 8 * JH && r.cae == 0.0f && !r.flagged);

    facet_surface(60.0f, false); /* a designed hard edge (60 degrees) is not a crease */
    for (int i = 0; i < JN; ++i)
        jitter_spec[1][i] = (i % JW) / 8 == 2 ? 1.0f : 0.05f;
    CHECK(detect_facets(&desc, NULL, &r) == CORE_OK);
    CHECK(r.cae == 0.0f && !r.flagged);

    const float steady[3] = {2.0f, 2.0f, 2.0f}, pulsing[2] = {0.5f, 1.5f};
    CHECK(detect_wobble(steady, 3) == 0.0f);
    CHECK_NEAR(detect_wobble(pulsing, 2), 1.0, 1e-6);
}

static void test_noise(void)
{
    detect_jitter_step steps[3];
    jitter_surface(steps); /* object coordinates = pixel coordinates */
    detect_blob now[3] = {{.x = 10, .y = 10, .kind = DETECT_BLOB_PIN},
                          {.x = 30, .y = 30, .kind = DETECT_BLOB_PIN},
                          {.x = 40, .y = 5, .kind = DETECT_BLOB_HAIR}};
    detect_blob next[2] = {{.x = 11, .y = 10, .kind = DETECT_BLOB_PIN}, /* 1 px on: the same */
                           {.x = 5, .y = 40, .kind = DETECT_BLOB_PIN}}; /* a new one */
    detect_persistence_desc desc = {JW, JH, now, 3, next, 2, jitter_position, {0}};
    memcpy(desc.next_object_to_clip, steps[2].object_to_clip, sizeof desc.next_object_to_clip);
    CHECK_NEAR(detect_pin_persistence(&desc), 0.5, 1e-6); /* the hairline does not count */
    /* The surface moved 5 px: the pin at (30,30) reappears at (35,30), where
     * its surface went, and so persists. */
    desc.next_object_to_clip[12] += 2.0f * 5.0f / JW;
    next[1] = (detect_blob){.x = 35, .y = 30, .kind = DETECT_BLOB_PIN};
    next[0] = (detect_blob){.x = 16, .y = 10, .kind = DETECT_BLOB_PIN};
    CHECK_NEAR(detect_pin_persistence(&desc), 1.0, 1e-6);
    desc.now_count = 0;
    CHECK(detect_pin_persistence(&desc) == 1.0f);

    CHECK(detect_is_noise(40, 10000, true, 0.15f));  /* many pins, much of it popping */
    CHECK(!detect_is_noise(1, 20000, true, 0.15f));  /* a few pins are not chaos */
    CHECK(!detect_is_noise(40, 10000, false, 0.15f)); /* not jittering: sparkly but calm */
    CHECK(!detect_is_noise(40, 10000, true, 0.02f));  /* a few pops among many steady pins */
}

int main(void)
{
    test_blobs();
    test_risk();
    test_jitter();
    test_facets();
    test_noise();
    /* The spec's default: a 27-inch 2560-pixel display at 60 cm is about 45 ppd. */
    float ppd = detect_display_ppd(NULL);
    CHECK_NEAR(ppd, 44.9, 0.2);
    detect_display_desc zero = {0};
    CHECK_NEAR(detect_display_ppd(&zero), ppd, 1e-6);
    /* FLIP's default: 0.7 m from a 0.7 m wide 4K display: 67 ppd. */
    detect_display_desc flip = {0.7f, 0.7f, 3840};
    CHECK_NEAR(detect_display_ppd(&flip), 67.0, 0.1);
    /* Doubling the distance doubles ppd. */
    detect_display_desc far = {1.2f, 0.0f, 0};
    CHECK_NEAR(detect_display_ppd(&far), 2.0 * ppd, 1e-3);
    /* A render half as wide as the display, shown full width, has half the ppd. */
    CHECK_NEAR(detect_display_image_ppd(NULL, 1280), ppd / 2.0, 1e-3);
    CHECK(detect_display_image_ppd(NULL, 0) == 0.0f);
    /* 4 px at 60 ppd is 4 arcmin; at 0 ppd a size is unbounded. */
    CHECK_NEAR(detect_pixels_to_arcmin(4.0f, 60.0f), 4.0, 1e-6);
    CHECK(isinf(detect_pixels_to_arcmin(1.0f, 0.0f)));
    return check_done("test_detect");
}
