#ifndef GLINT_SCENE_FINISH_H
#define GLINT_SCENE_FINISH_H

/* Finishes as data: the varnish over the paint. A varnish is a clear coat
 * (F0 0.04) whose roughness makes it matte, satin or gloss; the paint under
 * it (scene_paint) has its own colour, metallic, roughness and translucency.
 * scene_layers.h combines the two; docs/finishes.md gives the numbers. */

#include <stdbool.h>

typedef enum scene_finish_kind {
    SCENE_FINISH_FROM_FILE = 0, /* no varnish: the file's material is read as the paint */
    SCENE_FINISH_MATTE,
    SCENE_FINISH_SATIN,
    SCENE_FINISH_GLOSS,
    SCENE_FINISH_METAL,       /* deprecated alias: makes the paint metallic, no varnish */
    SCENE_FINISH_TRANSLUCENT, /* deprecated alias: makes the paint translucent, no varnish */
    SCENE_FINISH_NONE,        /* no varnish: the paint is the surface (as from-file) */
    SCENE_FINISH_COUNT
} scene_finish_kind;

typedef struct scene_finish {
    scene_finish_kind kind;
    /* coat 1: the varnish's perceptual roughness (GGX alpha = roughness^2).
     * coat 0: the roughness this finish gives the paint (the file's guess, or
     * an alias's), < 0 for none (the paint's own). */
    float roughness;
    float f0;           /* the coat's reflectance at normal incidence */
    float metallic;     /* coat 0: the metallic it gives the paint (file's Pm, metal alias) */
    float translucency; /* coat 0: the translucency it gives the paint (translucent alias) */
    float coat;         /* 1: a clear coat over the paint; 0: none, the paint is the surface */
} scene_finish;

/* True for the deprecated aliases that set the paint (metal, translucent). */
bool scene_finish_is_alias(scene_finish_kind kind);

/* The finish a kind stands for (FROM_FILE and NONE: no coat, the paint as
 * it is; a part's FROM_FILE finish is scene_finish_from_material's). */
scene_finish scene_finish_preset(scene_finish_kind kind);
/* The first guess from an OBJ material, uncoated: its roughness and
 * metallic are the paint's (scene_paint_from_file copies them). The MTL's
 * PBR extension wins where
 * present (Pr roughness, Pm metallic); otherwise Ns (a Phong exponent) gives
 * the roughness by matching lobe widths, alpha^2 = 2 / (Ns + 2), and the
 * finish is a dielectric: Ks alone cannot tell metal from a bright varnish. */
scene_finish scene_finish_from_material(float shininess, float pbr_roughness,
                                        float pbr_metallic);
const char *scene_finish_name(scene_finish_kind kind);
/* "none", "matte", "satin", "gloss", the deprecated "metal" and
 * "translucent", or "from-file" (the file's material as the paint, no
 * varnish, as presets write it). */
bool scene_finish_parse(const char *text, scene_finish_kind *kind);

#endif
