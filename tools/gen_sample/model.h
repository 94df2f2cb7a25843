/* The sample bust, part by part, as signed distance fields (mm, Y up, the
 * plinth's bottom at y = 0, facing +Z), plus the parametric eyes and plinth. */
#ifndef GLINT_GEN_SAMPLE_MODEL_H
#define GLINT_GEN_SAMPLE_MODEL_H

#include "mesh.h"
#include "sdf.h"

/* Solid parts polygonised from their fields. */
double model_skin(v3 p);  /* head, neck, upper chest */
double model_hair(v3 p);  /* swept-back hair gathered into a bun, grooved */
double model_cloth(v3 p); /* tunic plus a cloak with hanging folds */
double model_armor(v3 p); /* hammered gorget with engraved band and rivets */

/* Fields of the parametric parts, used only to cull hidden triangles. */
double model_eyes(v3 p);
double model_base(v3 p);

/* Build the parametric parts. */
void model_build_eyes(mesh *m);
void model_build_base(mesh *m);

#endif
