/* The sample bust, part by part, as signed distance fields (mm, Y up, the
 * plinth's bottom at y = 0, facing +Z), plus the parametric eyes and plinth. */
#ifndef GLINT_GEN_SAMPLE_MODEL_H
#define GLINT_GEN_SAMPLE_MODEL_H

#include "mesh.h"
#include "sdf.h"

/* Solid parts polygonised from their fields. */
double model_skin(v3 p);  /* head, neck, upper chest */
double model_cap(v3 p);   /* knitted cap, ribs swept back into a knot */
double model_cloth(v3 p); /* tunic plus a cloak with hanging folds */
double model_armor(v3 p); /* hammered gorget with engraved band and rivets */

/* Fields of the parametric parts, used only to cull hidden triangles (the
 * eyeball's serves its iris and pupil too). */
double model_eyes(v3 p);
double model_base(v3 p);

/* Negative where the skin's surface is painted as lips. */
double model_lips(v3 p);

/* Build the parametric parts: an eye is its white, iris and pupil. */
void model_build_eyes(mesh *m);
void model_build_irises(mesh *m);
void model_build_pupils(mesh *m);
void model_build_base(mesh *m);

#endif
