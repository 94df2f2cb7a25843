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

/* What the lamp's BRDF of the layers returns of light arriving evenly from
 * the whole hemisphere, seen at n.v, on a grey paint of albedo base: the
 * numerical integral of f(v, l) cos(l) over l (importance-sampled grids, one
 * per lobe). A point lamp (no widening); no translucency. */
float scene_layers_albedo(const scene_layers *layers, float base, float n_dot_v);

/* The fill's share of a uniform surround that the layers return at n.v, as
 * lit.frag computes it (the analytic albedos above). */
float scene_layers_fill_albedo(const scene_layers *layers, float base, float n_dot_v);

#endif
