#include "../check.h"

#include "scene/scene_finish.h"
#include "scene/scene_light.h"

#include <string.h>

static float luminance(const float *rgb)
{
    return 0.2126f * rgb[0] + 0.7152f * rgb[1] + 0.0722f * rgb[2];
}

static void test_kelvin(void)
{
    float rgb[3];
    scene_kelvin_to_linear_srgb(6500.0f, rgb); /* the white balance: neutral */
    CHECK_NEAR(rgb[0], 1.0, 1e-4);
    CHECK_NEAR(rgb[1], 1.0, 1e-4);
    CHECK_NEAR(rgb[2], 1.0, 1e-4);
    scene_kelvin_to_linear_srgb(2700.0f, rgb); /* a warm tungsten bulb */
    CHECK(rgb[0] > rgb[1] && rgb[1] > rgb[2]);
    CHECK(rgb[2] / rgb[0] < 0.3f);
    scene_kelvin_to_linear_srgb(12000.0f, rgb); /* blue sky shade */
    CHECK(rgb[2] > rgb[1] && rgb[1] > rgb[0]);
    /* Warmer always means redder; the brightness never changes. */
    float previous_ratio = 1e9f;
    for (float k = 1500.0f; k <= 12000.0f; k += 500.0f) {
        scene_kelvin_to_linear_srgb(k, rgb);
        CHECK_NEAR(luminance(rgb), 1.0, 1e-4);
        CHECK(rgb[0] >= 0.0f && rgb[1] >= 0.0f && rgb[2] >= 0.0f);
        float ratio = rgb[0] / (rgb[2] + 1e-6f);
        CHECK(ratio < previous_ratio);
        previous_ratio = ratio;
    }
    float clamped[3];
    scene_kelvin_to_linear_srgb(100.0f, clamped);
    scene_kelvin_to_linear_srgb(1500.0f, rgb);
    CHECK(memcmp(clamped, rgb, sizeof rgb) == 0);
}

static void test_finishes(void)
{
    scene_finish matte = scene_finish_preset(SCENE_FINISH_MATTE);
    scene_finish satin = scene_finish_preset(SCENE_FINISH_SATIN);
    scene_finish gloss = scene_finish_preset(SCENE_FINISH_GLOSS);
    /* The ranges: 0.7-0.9, 0.35-0.5, 0.05-0.15; a varnish is F0 0.04. */
    CHECK(matte.roughness >= 0.7f && matte.roughness <= 0.9f);
    CHECK(satin.roughness >= 0.35f && satin.roughness <= 0.5f);
    CHECK(gloss.roughness >= 0.05f && gloss.roughness <= 0.15f);
    CHECK(matte.f0 == 0.04f && satin.f0 == 0.04f && gloss.f0 == 0.04f);
    CHECK(scene_finish_preset(SCENE_FINISH_METAL).metallic == 1.0f);
    CHECK(scene_finish_preset(SCENE_FINISH_TRANSLUCENT).translucency > 0.0f);
    scene_finish_kind kind;
    CHECK(scene_finish_parse("gloss", &kind) && kind == SCENE_FINISH_GLOSS);
    CHECK(!scene_finish_parse("shiny", &kind));
    /* Presets say "from-file" for a part's own first guess; it must read back. */
    CHECK(scene_finish_parse("from-file", &kind) && kind == SCENE_FINISH_FROM_FILE);
    CHECK(strcmp(scene_finish_name(SCENE_FINISH_TRANSLUCENT), "translucent") == 0);

    /* From an MTL: Ns 400 (the sample's eyes) is glossy, Ns 6 (its cloth) matte;
     * Pr/Pm, where given, win: the sample's armour says Pm 1. */
    scene_finish eyes = scene_finish_from_material(400.0f, 0.0f, 0.0f);
    scene_finish cloth = scene_finish_from_material(6.0f, 0.0f, 0.0f);
    scene_finish armor = scene_finish_from_material(250.0f, 0.3f, 1.0f);
    CHECK(eyes.roughness < 0.35f && cloth.roughness > 0.7f);
    CHECK(eyes.metallic == 0.0f && cloth.metallic == 0.0f);
    CHECK(armor.metallic == 1.0f && armor.roughness == 0.3f);
    CHECK(scene_finish_from_material(0.0f, 0.0f, 0.0f).roughness ==
          scene_finish_preset(SCENE_FINISH_SATIN).roughness);
}

int main(void)
{
    test_kelvin();
    test_finishes();
    return check_done("test_light");
}
