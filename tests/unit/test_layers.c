/* Paint under varnish: the layered BRDF's energy (a white furnace on the
 * CPU), the paint's metallic and roughness kept under a varnish, and the
 * deprecated metal and translucent finishes as paint. */
#include "../check.h"

#include "scene/scene_finish.h"
#include "scene/scene_layers.h"
#include "scene/scene_paint.h"

#include <stdio.h>

static const scene_finish_kind varnishes[] = {SCENE_FINISH_NONE, SCENE_FINISH_MATTE,
                                              SCENE_FINISH_SATIN, SCENE_FINISH_GLOSS};
static const float view_cosines[] = {1.0f, 0.87f, 0.7f, 0.5f, 0.3f};

static scene_paint paint_of(float grey, float metallic, float roughness)
{
    scene_paint paint = {
        .source = SCENE_PAINT_CHOSEN, .metallic = metallic, .roughness = roughness};
    for (int k = 0; k < 3; ++k)
        paint.color[k] = grey;
    return paint;
}

/* White paint under every varnish, lit evenly from everywhere: what comes
 * back is never more than what came in, and not much less; a coat over
 * the paint never returns more than the paint alone. */
static void test_furnace(void)
{
    const float paint_roughness[] = {0.3f, 0.7f};
    for (size_t r = 0; r < sizeof paint_roughness / sizeof *paint_roughness; ++r) {
        scene_paint white = paint_of(1.0f, 0.0f, paint_roughness[r]);
        for (size_t f = 0; f < sizeof varnishes / sizeof *varnishes; ++f) {
            scene_finish finish = scene_finish_preset(varnishes[f]);
            scene_layers layers = scene_paint_layers(&white, &finish, 0.0f);
            for (size_t c = 0; c < sizeof view_cosines / sizeof *view_cosines; ++c) {
                float lamp = scene_layers_albedo(&layers, 1.0f, view_cosines[c]);
                float fill = scene_layers_fill_albedo(&layers, 1.0f, view_cosines[c]);
                printf("furnace: paint roughness %.1f, %-5s, n.v %.2f: lamp %.4f, fill %.4f\n",
                       (double)paint_roughness[r], scene_finish_name(varnishes[f]),
                       (double)view_cosines[c], (double)lamp, (double)fill);
                /* Unvarnished paint keeps the lamp BRDF glint had before
                 * (Lambert times 1 - F(v.h)), which returns a few percent
                 * too much seen obliquely (1.12 at n.v 0.3 for roughness
                 * 0.3): docs/finishes.md says so. The coat adds nothing. */
                if (varnishes[f] != SCENE_FINISH_NONE || view_cosines[c] >= 0.7f)
                    CHECK(lamp <= 1.0f + 2e-3f);
                CHECK(fill <= 1.0f + 1e-4f && fill >= 0.9f);
                if (view_cosines[c] >= 0.5f)
                    CHECK(lamp >= 0.9f);
            }
        }
    }
    /* A coat never adds energy: over a black paint, all that comes back is
     * the coat's, at most what a smooth F0 0.04 interface reflects at that
     * angle, and over any paint, no more than without it. */
    for (size_t f = 1; f < sizeof varnishes / sizeof *varnishes; ++f) {
        scene_finish finish = scene_finish_preset(varnishes[f]);
        scene_paint black = paint_of(0.0f, 0.0f, 0.5f), grey = paint_of(0.5f, 0.0f, 0.5f);
        scene_layers coated = scene_paint_layers(&black, &finish, 0.0f);
        scene_layers grey_coated = scene_paint_layers(&grey, &finish, 0.0f);
        for (size_t c = 0; c < sizeof view_cosines / sizeof *view_cosines; ++c) {
            float cosine = view_cosines[c];
            float smooth = 0.04f + 0.96f * powf(1.0f - cosine, 5.0f);
            CHECK(scene_layers_albedo(&coated, 0.0f, cosine) <= smooth + 0.02f);
            CHECK(scene_layers_fill_albedo(&coated, 0.0f, cosine) <= smooth + 0.02f);
            CHECK(scene_layers_albedo(&grey_coated, 0.5f, cosine) <= 0.5f + smooth + 2e-3f);
        }
    }
    /* The coat's albedo as the shader takes it (the fit, never below
     * Fresnel) is never less than the integral: what it lets through to the
     * paint is never more than what it does not reflect. */
    scene_paint black = paint_of(0.0f, 0.0f, 0.5f);
    for (size_t f = 1; f < sizeof varnishes / sizeof *varnishes; ++f) {
        scene_finish finish = scene_finish_preset(varnishes[f]);
        scene_layers coated = scene_paint_layers(&black, &finish, 0.0f);
        for (size_t c = 0; c < sizeof view_cosines / sizeof *view_cosines; ++c)
            CHECK(scene_layers_albedo(&coated, 0.0f, view_cosines[c]) <=
                  scene_layers_coat_albedo(finish.f0, view_cosines[c], finish.roughness) + 2e-3f);
    }
}

/* Metallic paint keeps its metal under a varnish; matte dulls it, gloss
 * keeps it crisp; the deprecated finishes set the paint. */
static void test_layers_of(void)
{
    scene_paint gold;
    CHECK(scene_paint_parse("gold", &gold));
    CHECK(gold.roughness > 0.0f);
    scene_finish gloss = scene_finish_preset(SCENE_FINISH_GLOSS);
    scene_finish matte = scene_finish_preset(SCENE_FINISH_MATTE);
    scene_finish none = scene_finish_preset(SCENE_FINISH_NONE);
    CHECK(gloss.coat == 1.0f && matte.coat == 1.0f && none.coat == 0.0f);
    scene_layers under_gloss = scene_paint_layers(&gold, &gloss, 0.0f);
    CHECK(under_gloss.metallic == 1.0f && under_gloss.coat == 1.0f);
    CHECK(under_gloss.coat_roughness == gloss.roughness);
    CHECK(under_gloss.paint_roughness == gold.roughness);
    /* Gold under gloss reflects gold: its lobe carries most of the albedo. */
    scene_layers bare = scene_paint_layers(&gold, &none, 0.0f);
    CHECK(bare.coat == 0.0f && bare.coat_roughness == 0.0f);
    CHECK(scene_layers_albedo(&under_gloss, 0.315f, 1.0f) < 0.5f);
    CHECK(scene_layers_albedo(&under_gloss, 1.0f, 1.0f) > 0.9f);

    /* The deprecated metal finish: a metallic paint, unvarnished, roughness
     * 0.3; translucent: translucency 0.35, roughness 0.5. */
    scene_paint red = paint_of(0.5f, 0.0f, 0.6f);
    scene_finish metal = scene_finish_preset(SCENE_FINISH_METAL);
    scene_finish translucent = scene_finish_preset(SCENE_FINISH_TRANSLUCENT);
    CHECK(scene_finish_is_alias(SCENE_FINISH_METAL) && !scene_finish_is_alias(SCENE_FINISH_GLOSS));
    scene_layers as_metal = scene_paint_layers(&red, &metal, 0.0f);
    CHECK(as_metal.metallic == 1.0f && as_metal.coat == 0.0f);
    CHECK_NEAR(as_metal.paint_roughness, 0.3, 1e-6);
    scene_layers as_translucent = scene_paint_layers(&red, &translucent, 0.0f);
    CHECK_NEAR(as_translucent.translucency, 0.35, 1e-6);
    CHECK(as_translucent.coat == 0.0f && as_translucent.metallic == 0.0f);
    /* --roughness moves the varnish, or the paint when there is none. */
    CHECK_NEAR(scene_paint_layers(&red, &gloss, 0.6f).coat_roughness, 0.6, 1e-6);
    CHECK_NEAR(scene_paint_layers(&red, &gloss, 0.9f).paint_roughness, 0.6, 1e-6);
    CHECK_NEAR(scene_paint_layers(&red, &none, 0.25f).paint_roughness, 0.25, 1e-6);

    scene_finish_kind kind;
    CHECK(scene_finish_parse("None", &kind) && kind == SCENE_FINISH_NONE);
    CHECK(scene_finish_parse("from-file", &kind) && kind == SCENE_FINISH_FROM_FILE);
}

/* The room's directional albedo, pre-integrated: the lamp's own lobe over
 * the hemisphere (scene_layers_albedo's finer grid agrees), where Karis's
 * fit ran 15-20 % dark for a metal and a rough coat's grazing albedo was
 * floored at Fresnel (0.61 at n.v 0.1 for matte, where the lobe gives
 * 0.08); the varnish's with the exact Fresnel, within -10 % and +30 % of
 * Schlick's; the table holds them at its texel centres. */
static void test_env_table(void)
{
    const float roughness[] = {0.1f, 0.42f, 0.8f};
    const float cosines[] = {1.0f, 0.7f, 0.4f, 0.2f, 0.1f, 0.05f};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 6; ++c) {
            scene_layers coat_only = {.coat = 1.0f, .coat_roughness = roughness[r],
                                      .coat_f0 = 0.04f, .paint_roughness = 1.0f};
            float scale, bias;
            scene_layers_env_exact(cosines[c], roughness[r], &scale, &bias);
            float integral = scene_layers_albedo(&coat_only, 0.0f, cosines[c]);
            CHECK_NEAR(0.04f * scale + bias, integral, 0.004 * integral + 2e-4);
            if (r == 2 && c >= 4)
                CHECK(0.04f * scale + bias < 0.1f); /* no Fresnel floor */
            float exact = scene_layers_coat_exact(cosines[c], roughness[r]);
            CHECK(exact > 0.9f * integral && exact < 1.3f * integral);
        }
    /* A gloss varnish seen at 60 degrees: Fresnel at 60 degrees, index 1.5,
     * is 0.089 where Schlick's is 0.070. */
    CHECK_NEAR(scene_layers_coat_exact(0.5f, 0.1f), 0.089, 0.002);
    float scale, bias;
    scene_layers_env_exact(0.8f, 0.47f, &scale, &bias); /* gold under satin */
    CHECK(scale + bias > 0.88f && scale + bias < 0.95f);
    static float table[SCENE_LAYERS_ENV_TABLE * SCENE_LAYERS_ENV_TABLE * 3];
    scene_layers_env_table(table);
    const int texels[3][2] = {{0, 0}, {5, 20}, {31, 31}};
    for (int t = 0; t < 3; ++t) {
        int i = texels[t][0], j = texels[t][1];
        float nv = ((float)i + 0.5f) / SCENE_LAYERS_ENV_TABLE;
        float rough = ((float)j + 0.5f) / SCENE_LAYERS_ENV_TABLE;
        scene_layers_env_exact(nv, rough, &scale, &bias);
        const float *texel = table + 3 * (j * SCENE_LAYERS_ENV_TABLE + i);
        CHECK(texel[0] == scale && texel[1] == bias);
        CHECK(texel[2] == scene_layers_coat_exact(nv, rough));
    }
}

int main(void)
{
    test_furnace();
    test_env_table();
    test_layers_of();
    return check_done("test_layers");
}
