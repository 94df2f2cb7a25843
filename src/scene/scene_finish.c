#include "scene/scene_finish.h"

#include "core/core_text.h"

#include <math.h>
#include <string.h>

static const char *const names[] = {"from-file", "matte",       "satin", "gloss",
                                    "metal",     "translucent", "none"};
_Static_assert(sizeof names / sizeof *names == SCENE_FINISH_COUNT, "a name for every finish");

/* Varnishes are clear coats (F0 = 0.04, a refractive index near 1.5) over
 * the paint; what changes between matte, satin and gloss is how rough the
 * coat's surface is. metal and translucent were finishes before paint had a
 * metallic and a translucency of its own: they now set the paint and leave
 * it unvarnished, with the roughness they always had. Reasons for each
 * number: docs/finishes.md. */
scene_finish scene_finish_preset(scene_finish_kind kind)
{
    switch (kind) {
    case SCENE_FINISH_MATTE: return (scene_finish){kind, 0.80f, 0.04f, 0.0f, 0.0f, 1.0f};
    case SCENE_FINISH_GLOSS: return (scene_finish){kind, 0.10f, 0.04f, 0.0f, 0.0f, 1.0f};
    case SCENE_FINISH_METAL: return (scene_finish){kind, 0.30f, 0.04f, 1.0f, 0.0f, 0.0f};
    case SCENE_FINISH_TRANSLUCENT: return (scene_finish){kind, 0.50f, 0.04f, 0.0f, 0.35f, 0.0f};
    case SCENE_FINISH_NONE:
    case SCENE_FINISH_FROM_FILE: return (scene_finish){kind, -1.0f, 0.04f, 0.0f, 0.0f, 0.0f};
    case SCENE_FINISH_SATIN:
    default: return (scene_finish){kind, 0.42f, 0.04f, 0.0f, 0.0f, 1.0f};
    }
}

bool scene_finish_is_alias(scene_finish_kind kind)
{
    return kind == SCENE_FINISH_METAL || kind == SCENE_FINISH_TRANSLUCENT;
}

scene_finish scene_finish_from_material(float shininess, float pbr_roughness, float pbr_metallic)
{
    scene_finish finish = scene_finish_preset(SCENE_FINISH_SATIN);
    finish.kind = SCENE_FINISH_FROM_FILE;
    finish.coat = 0.0f; /* a file's material is one surface: the paint */
    if (pbr_roughness > 0.0f) {
        finish.roughness = fminf(pbr_roughness, 1.0f);
    } else if (shininess > 0.0f) {
        /* A Phong lobe of exponent Ns is about as wide as a GGX lobe of
         * alpha^2 = 2 / (Ns + 2) (Walter et al. 2007); roughness = sqrt(alpha). */
        float alpha = sqrtf(2.0f / (shininess + 2.0f));
        finish.roughness = sqrtf(alpha);
    }
    finish.roughness = fminf(fmaxf(finish.roughness, 0.05f), 1.0f);
    finish.metallic = fminf(fmaxf(pbr_metallic, 0.0f), 1.0f);
    return finish;
}

const char *scene_finish_name(scene_finish_kind kind)
{
    return kind >= 0 && kind < SCENE_FINISH_COUNT ? names[kind] : "unknown";
}

bool scene_finish_parse(const char *text, scene_finish_kind *kind)
{
    for (int k = SCENE_FINISH_FROM_FILE; k < SCENE_FINISH_COUNT; ++k) {
        if (core_text_same_name(text, names[k])) {
            *kind = (scene_finish_kind)k;
            return true;
        }
    }
    return false;
}
