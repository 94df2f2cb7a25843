#ifndef GLINT_SCENE_FINISH_H
#define GLINT_SCENE_FINISH_H

/* Finishes as data: what a coat of varnish or paint does to light. The
 * values and their reasons are in docs/finishes.md. */

#include <stdbool.h>

typedef enum scene_finish_kind {
    SCENE_FINISH_FROM_FILE = 0, /* a first guess from the material (Pr/Pm, else Ns) */
    SCENE_FINISH_MATTE,
    SCENE_FINISH_SATIN,
    SCENE_FINISH_GLOSS,
    SCENE_FINISH_METAL,
    SCENE_FINISH_TRANSLUCENT,
    SCENE_FINISH_COUNT
} scene_finish_kind;

typedef struct scene_finish {
    scene_finish_kind kind;
    float roughness;    /* perceptual roughness; GGX alpha = roughness^2 */
    float f0;           /* dielectric reflectance at normal incidence */
    float metallic;     /* 1: the paint's colour tints the reflection, no diffuse */
    float translucency; /* 0..1: wrap lighting and thin-edge back light */
} scene_finish;

/* The finish a kind stands for (FROM_FILE: satin's values; see
 * scene_finish_from_material). */
scene_finish scene_finish_preset(scene_finish_kind kind);
/* The first guess from an OBJ material. The MTL's PBR extension wins where
 * present (Pr roughness, Pm metallic); otherwise Ns (a Phong exponent) gives
 * the roughness by matching lobe widths, alpha^2 = 2 / (Ns + 2), and the
 * finish is a dielectric: Ks alone cannot tell metal from a bright varnish. */
scene_finish scene_finish_from_material(float shininess, float pbr_roughness,
                                        float pbr_metallic);
const char *scene_finish_name(scene_finish_kind kind);
/* "matte", "satin", "gloss", "metal", "translucent", or "from-file" (the
 * part's own first guess, as presets write it). */
bool scene_finish_parse(const char *text, scene_finish_kind *kind);

#endif
