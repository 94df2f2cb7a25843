/* glint_validation_set OUT_DIR: writes the detector's second, held-out
 * validation set (README.md here; docs/detector.md, "Validation beyond the
 * corpus") as OBJ + MTL files and OUT_DIR/cases.tsv, the label a painter
 * gives each model and the flags that label implies.
 *
 * The detector was tuned on tools/detector_corpus. This set shares none of
 * its code, shapes or random numbers: other textures (pits, hammer blows,
 * brushing, knurling, scratches) on other forms (a sphere, a bust, a round
 * base, a grip), in painters' colours, under glint's default lamp. The labels
 * were written from the geometry (README.md: the slope against the lamp-
 * widened lobe, the glint's size against the pixel) before glint was run. */

#include "vs.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PI 3.14159265358979323846

/* Paints (linear Kd) a painter would use on these parts. */
static const double BONE[3] = {0.55, 0.50, 0.42}, RED[3] = {0.45, 0.08, 0.06},
                    BLUE_GREY[3] = {0.16, 0.20, 0.26}, GREEN[3] = {0.10, 0.20, 0.12},
                    LEATHER[3] = {0.30, 0.17, 0.08}, OXBLOOD[3] = {0.30, 0.10, 0.07},
                    GUNMETAL[3] = {0.18, 0.20, 0.24}, BLACK[3] = {0.10, 0.10, 0.12};

typedef enum kind { K_PLAIN, K_FLAT, K_GEODESIC, K_PITS, K_HAMMER, K_BRUSHED, K_KNURL, K_SCRATCH } kind;

typedef struct test_case {
    const char *stem;
    kind texture;
    vs_shape_kind shape;
    double slope; /* the texture's steepness: pits and dimples their steepest,
                     brushing its rms, knurl and scratches their walls */
    double alpha;
    const double *paint;
    int segments, rings;
    uint64_t seed;
    const char *type;   /* clean, clear or ambiguous */
    const char *label;  /* what a painter would say */
    const char *expect; /* flags the label implies (all must fail the check) */
    const char *allow;  /* flags that would not contradict the label */
    const char *why;
} test_case;

/* Gloss alpha 0.03 and glint's default lamp (10 mm at 250 mm): alpha' 0.05.
 * A texture tilting the normal by under alpha'/3 cannot break the lobe
 * (clean); by over 3 alpha' it breaks the highlight into one glint per
 * feature, whose size decides between a pinpoint and a sub-pixel sparkle
 * that pops (README.md). Between the two is honestly ambiguous. */
static const test_case cases[] = {
    {"clean_sphere_gloss", K_PLAIN, VS_SPHERE, 0, 0.03, BONE, 256, 128, 0, "clean",
     "clean", "-", "-", "a 25 mm gloss ball: one round highlight 1.7 mm across that rolls"},
    {"clean_sphere_satin", K_PLAIN, VS_SPHERE, 0, 0.15, RED, 256, 128, 0, "clean", "clean", "-",
     "-", "satin: a soft wide highlight"},
    {"clean_bust_gloss", K_PLAIN, VS_BUST, 0, 0.03, BLUE_GREY, 384, 192, 0, "clean", "clean",
     "-", "-", "a smooth gloss bust: the head's highlight is 0.7 mm across (7 arcmin)"},
    {"clean_base_rounded", K_PLAIN, VS_PUCK, 0, 0.05, GREEN, 384, 192, 0, "clean", "clean", "-",
     "-", "a round base with a 4 mm rounded rim: a soft glint 0.46 mm wide along the rim"},
    {"clean_grip", K_PLAIN, VS_GRIP, 0, 0.05, LEATHER, 256, 280, 0, "clean", "clean", "-", "-",
     "a 10 mm smooth grip: a band of light 0.6 mm (6 arcmin) wide along it"},
    {"faceted_geodesic", K_GEODESIC, VS_SPHERE, 0, 0.08, RED, 0, 2, 0, "clear", "faceted", "FACET",
     "-", "320 flat faces 12 degrees apart: the highlight jumps face to face"},
    {"faceted_bust", K_FLAT, VS_BUST, 0, 0.08, BLUE_GREY, 28, 16, 0, "clear", "faceted", "FACET",
     "-", "a low-poly bust, flat-shaded, faces 11-13 degrees apart"},
    {"pitted_shallow", K_PITS, VS_SPHERE, 0.012, 0.03, OXBLOOD, 512, 256, 0x5eed0101, "clean",
     "clean", "-", "-", "pits 0.7 mm across, steepest 0.012: far under the lobe, a faint softening"},
    {"pitted_medium", K_PITS, VS_SPHERE, 0.06, 0.03, OXBLOOD, 512, 256, 0x5eed0102, "ambiguous",
     "broken highlight, borderline", "-", "-", "steepest 0.06, about alpha'"},
    {"pitted_deep", K_PITS, VS_SPHERE, 0.35, 0.03, OXBLOOD, 512, 256, 0x5eed0103, "clear",
     "crawling highlight", "JIT", "PIN,HAIR,NOISE",
     "overlapping craters 0.7 mm across, steepest 0.35: glints under a tenth of a pixel that pop"},
    {"pitted_bust_deep", K_PITS, VS_BUST, 0.35, 0.03, BLUE_GREY, 512, 256, 0x5eed0104, "clear",
     "crawling highlight", "JIT", "PIN,HAIR,NOISE", "the deep craters on the bust"},
    {"hammered_shallow", K_HAMMER, VS_SPHERE, 0.012, 0.03, GUNMETAL, 512, 256, 0x5eed0201, "clean",
     "clean", "-", "-", "hammer blows 1.8 mm across, steepest 0.012: a faint ripple"},
    {"hammered_medium", K_HAMMER, VS_SPHERE, 0.06, 0.03, GUNMETAL, 512, 256, 0x5eed0202,
     "ambiguous", "rippled highlight, borderline", "-", "-", "steepest 0.06, about alpha'"},
    {"hammered_deep", K_HAMMER, VS_SPHERE, 0.2, 0.03, GUNMETAL, 512, 256, 0x5eed0203, "clear",
     "pinpoint sparkle", "PIN", "HAIR",
     "steepest 0.2: one glint per blow, about 2 px (3 arcmin), steady as it turns"},
    {"brushed_shallow", K_BRUSHED, VS_SPHERE, 0.012, 0.03, GUNMETAL, 1024, 160, 0x5eed0301,
     "clean", "clean", "-", "-", "vertical brushing 0.35-0.7 mm, rms slope 0.012"},
    {"brushed_medium", K_BRUSHED, VS_SPHERE, 0.06, 0.03, GUNMETAL, 1024, 160, 0x5eed0302,
     "ambiguous", "streaked highlight, borderline", "-", "-", "rms slope 0.06, about alpha'"},
    /* First labelled "crawling highlight" (JIT), wrongly: a groove is curved
     * across (0.3 mm), so its lit line stands still while the groove slides
     * under it (0.02 px a step) and fades in and out, as on a sphere. */
    {"brushed_deep", K_BRUSHED, VS_SPHERE, 0.25, 0.03, GUNMETAL, 1024, 160, 0x5eed0303, "clear",
     "a streak of hairlines", "HAIR", "PIN,JIT,NOISE",
     "rms slope 0.25: the highlight is a streak of fine vertical lines"},
    {"knurled_shallow", K_KNURL, VS_GRIP, 0.02, 0.05, LEATHER, 256, 280, 0, "clean", "clean", "-",
     "-", "knurl 0.6 mm pitch, faces tilted 0.02 (alpha' 0.07)"},
    {"knurled_medium", K_KNURL, VS_GRIP, 0.1, 0.05, LEATHER, 256, 280, 0, "ambiguous",
     "chequered band, borderline", "-", "-", "faces tilted 0.1, about alpha'"},
    /* First tilted 0.35 (20 degrees): then no face mirrors the lamp, whose
     * half vector stands 30 degrees up, and nothing reaches display white. */
    {"knurled_deep", K_KNURL, VS_GRIP, 0.58, 0.05, LEATHER, 256, 280, 0, "clear",
     "pinpoint sparkle", "PIN", "HAIR,JIT,NOISE,FACET",
     "faces tilted 0.58 (30 degrees, a worn knurl): each lit face a 0.3 mm diamond (3 arcmin)"},
    {"scratched_shallow", K_SCRATCH, VS_SPHERE, 0.012, 0.03, BLACK, 640, 320, 0x5eed0501,
     "clean", "clean", "-", "-", "220 scratches, walls tilted 0.012"},
    {"scratched_medium", K_SCRATCH, VS_SPHERE, 0.06, 0.03, BLACK, 640, 320, 0x5eed0502,
     "ambiguous", "faint scratches, borderline", "-", "-", "walls tilted 0.06, about alpha'"},
    {"scratched_deep", K_SCRATCH, VS_SPHERE, 0.4, 0.03, BLACK, 640, 320, 0x5eed0503, "clear",
     "hairline scratches", "HAIR", "PIN,JIT",
     "walls 0.28 mm wide tilted 0.4: lit lines 1.7 mm long, 0.28 mm (3 arcmin) wide"},
};

static const double SPHERE_R = 12.5;

/* Bowls scattered over the shape: pits (0.35 mm radius, overlapping) or
 * hammer blows (0.9 mm, each place struck about 2.5 times). */
static int bowls(vs_texture *t, const vs_shape *s, vs_rng *r, int count, double radius, double slope)
{
    t->kind = VS_PITS;
    t->features = calloc((size_t)count, sizeof *t->features);
    if (!t->features)
        return -1;
    for (int i = 0; i < count; ++i) {
        vs_v3 p, n;
        vs_shape_along(s, vs_random_direction(r), &p, &n);
        double a = radius * (0.8 + 0.4 * vs_uniform(r));
        /* (1 - r^2/a^2)^2 is steepest at a / sqrt 3, 1.54 depth / a */
        t->features[i] = (vs_feature){p, p, a, slope * a / 1.5396};
    }
    t->count = count;
    return vs_texture_index(t);
}

/* Scratches: short great-circle arcs on the sphere, as polylines of 0.5 mm
 * pieces (so that a piece stays within 0.003 mm of the surface). */
static int scratches(vs_texture *t, vs_rng *r, int count, double slope)
{
    t->kind = VS_SCRATCHES;
    t->features = calloc((size_t)count * 8, sizeof *t->features);
    if (!t->features)
        return -1;
    for (int i = 0; i < count; ++i) {
        vs_v3 d = vs_random_direction(r);
        vs_v3 dir = vs_unit(vs_cross(d, vs_random_direction(r)));
        double length = 1.5 + 2.5 * vs_uniform(r), w = 0.22 + 0.12 * vs_uniform(r);
        double turn = length / SPHERE_R;
        for (int k = 0; k < 8; ++k) {
            double a0 = turn * k / 8.0, a1 = turn * (k + 1) / 8.0;
            vs_v3 p0 = vs_scale(vs_add(vs_scale(d, cos(a0)), vs_scale(dir, sin(a0))), SPHERE_R);
            vs_v3 p1 = vs_scale(vs_add(vs_scale(d, cos(a1)), vs_scale(dir, sin(a1))), SPHERE_R);
            t->features[t->count++] = (vs_feature){p0, p1, w, slope * w};
        }
    }
    return vs_texture_index(t);
}

static void brushed(vs_texture *t, vs_rng *r, double rms)
{
    t->kind = VS_BRUSHED;
    t->waves = 16;
    for (int i = 0; i < t->waves; ++i) {
        t->wave_n[i] = floor(112.0 + 113.0 * vs_uniform(r)); /* 0.35-0.7 mm apart at the equator */
        t->wave_phase[i] = 2.0 * PI * vs_uniform(r);
        /* slope amplitude A n / R; the sum's rms is sqrt(sum of squares / 2) */
        t->wave_amp[i] = rms * SPHERE_R * sqrt(2.0 / t->waves) / t->wave_n[i];
    }
}

static int write_case(const char *out, const test_case *c)
{
    vs_material m = {"paint", {c->paint[0], c->paint[1], c->paint[2]}, c->alpha};
    vs_shape shape = {c->shape, SPHERE_R, 0.0};
    if (c->shape == VS_GRIP) {
        shape.radius = 5.0;
        shape.half_height = 9.0;
    }
    vs_texture t;
    memset(&t, 0, sizeof t);
    vs_rng rng = {c->seed};
    int failed = 0;
    double sphere_area = 4.0 * PI * SPHERE_R * SPHERE_R;
    switch (c->texture) {
    case K_PITS:
        /* on the sphere 1.2 pits per place; the bust has about 0.7 its area */
        failed = bowls(&t, &shape, &rng,
                       (int)(1.2 * sphere_area * (c->shape == VS_BUST ? 0.7 : 1.0) /
                             (PI * 0.35 * 0.35)),
                       0.35, c->slope);
        break;
    case K_HAMMER:
        failed = bowls(&t, &shape, &rng, (int)(2.5 * sphere_area / (PI * 0.9 * 0.9)), 0.9, c->slope);
        break;
    case K_SCRATCH:
        failed = scratches(&t, &rng, 220, c->slope);
        break;
    case K_BRUSHED:
        brushed(&t, &rng, c->slope);
        break;
    case K_KNURL:
        t.kind = VS_KNURL;
        t.knurl_n = 52; /* 0.6 mm pitch round a 5 mm radius */
        t.knurl_radius = shape.radius;
        t.knurl_half_height = shape.half_height;
        /* a face's slope is 2 depth / pitch */
        t.knurl_depth = c->slope * (2.0 * PI * shape.radius / t.knurl_n) / 2.0;
        break;
    default:
        break;
    }
    vs_obj o;
    if (failed || vs_obj_open(&o, out, c->stem, &m) != 0) {
        vs_texture_free(&t);
        return -1;
    }
    printf("%-20s", c->stem);
    if (c->texture == K_GEODESIC)
        vs_write_geodesic(&o, SPHERE_R, c->rings);
    else
        vs_write_surface(&o, &shape, &t, c->segments, c->rings, c->texture == K_FLAT);
    vs_texture_free(&t);
    return vs_obj_close(&o);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: glint_validation_set OUT_DIR [CASE]\n");
        return 2;
    }
    const char *out = argv[1], *only = argc == 3 ? argv[2] : NULL;
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "glint_validation_set: %s: %s\n", out, strerror(errno));
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/cases.tsv", out);
    FILE *manifest = fopen(path, "w");
    if (!manifest) {
        fprintf(stderr, "glint_validation_set: %s: %s\n", path, strerror(errno));
        return 1;
    }
    fprintf(manifest, "case\ttype\tlabel\texpect\tallow\twhy\n");
    int failed = 0, written = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        const test_case *c = &cases[i];
        if (only && strcmp(only, c->stem) != 0)
            continue;
        written++;
        fprintf(manifest, "%s\t%s\t%s\t%s\t%s\t%s\n", c->stem, c->type, c->label, c->expect,
                c->allow, c->why);
        if (write_case(out, c) != 0) {
            fprintf(stderr, "glint_validation_set: writing %s into %s failed\n", c->stem, out);
            failed = 1;
        }
    }
    if (fclose(manifest) != 0)
        failed = 1;
    if (written == 0) {
        fprintf(stderr, "glint_validation_set: no case %s (cases.tsv of the whole set lists them)\n",
                only);
        return 2;
    }
    return failed;
}
