#ifndef GLINT_SCENE_LAYERS_H
#define GLINT_SCENE_LAYERS_H

/* The layered material's energy, on the CPU: the same BRDF as
 * shaders/lit.frag (a clear coat over the paint, after glTF's
 * KHR_materials_clearcoat; docs/finishes.md, "Paint under varnish"), so
 * tests can integrate it over the hemisphere and check that the coat never
 * adds light. Pure functions, no GL. */

#include "scene/scene_paint.h"

/* The analytic directional albedo of a GGX lobe with Schlick Fresnel, as
 * E = f0 * scale + bias (Karis's fit for mobile, "Physically Based Shading
 * on Mobile", 2014): what a uniform white surround gives back off the lobe
 * seen at n.v, before the layer below. lit.frag has the same function. */
void scene_layers_env(float n_dot_v, float roughness, float *scale, float *bias);

/* The coat's directional albedo as lit.frag takes it: the fit above, and
 * never below Schlick's Fresnel at n.v. 1 minus it is what the coat lets
 * through to the paint (both ways: the fit is an albedo, light in and out). */
float scene_layers_coat_albedo(float f0, float n_dot_v, float roughness);

/* The same directional albedo pre-integrated, not fitted: the lamp's GGX lobe
 * (height-correlated Smith, Schlick Fresnel at v.h) integrated over the
 * hemisphere, as E = f0 * scale + bias; and the varnish's (F0 0.04) with the
 * exact Fresnel of a dielectric of index 1.5, which Schlick's runs under by
 * up to a fifth between 45 and 70 degrees. A room's lobes read them
 * (lit.frag, GLINT_ROOM) from a table of size x size texels, scale, bias and
 * the varnish's albedo interleaved, row j the perceptual roughness
 * (j + 0.5) / size, column i n.v = (i + 0.5) / size, so linear filtering
 * returns them in between. */
#define SCENE_LAYERS_ENV_TABLE 32
void scene_layers_env_exact(float n_dot_v, float roughness, float *scale, float *bias);
float scene_layers_coat_exact(float n_dot_v, float roughness);
void scene_layers_env_table(float table[SCENE_LAYERS_ENV_TABLE * SCENE_LAYERS_ENV_TABLE * 3]);

/* What the lamp's BRDF of the layers returns of light arriving evenly from
 * the whole hemisphere, seen at n.v, on a grey paint of albedo base: the
 * numerical integral of f(v, l) cos(l) over l (importance-sampled grids, one
 * per lobe). A point lamp (no widening); no translucency. */
float scene_layers_albedo(const scene_layers *layers, float base, float n_dot_v);

/* The fill's share of a uniform surround that the layers return at n.v, as
 * lit.frag computes it (the analytic albedos above). */
float scene_layers_fill_albedo(const scene_layers *layers, float base, float n_dot_v);

#endif
