// lit.frag's surface lobes, included by it (gfx expands `#include`): the GGX
// lobe and its sphere-lamp integration, Fresnel, the pre-integrated albedo and,
// in a room (GLINT_ROOM), its light; they read lit.frag's uniforms and PI.

float distribution_ggx(float n_dot_h, float alpha)
{
    float a2 = alpha * alpha;
    float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

float visibility_smith_correlated(float n_dot_v, float n_dot_l, float alpha)
{
    float a2 = alpha * alpha;
    float from_view = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
    float from_light = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
    return 0.5 / max(from_view + from_light, 1e-6);
}

// GGX's D averaged over the lamp's cap of half-vectors, so that a lamp larger
// than the lobe draws a flat-topped disc and one smaller the lobe itself, both
// at the right peak (the representative point with Karis's (alpha/alpha')^2
// drew a gloss highlight too big and too dim). In slope space GGX is a
// Student-t with two degrees of freedom; over a disc of radius rho*alpha at
// delta*alpha from the normal its mass has a closed form (integrate the ring
// average, 2pi*a/(a^2-b^2)^1.5, over the radius squared):
//   m = 1/2 + (rho^2 - 1 - delta^2) / (2 sqrt(rho^4 + 2(1 - delta^2)rho^2 + (1 + delta^2)^2)),
// written below without cancellation, divided by the disc's area. The cap:
// the lamp's angular radius, halved from light to half-vector (stretched by
// 1/sqrt(v.h), the equal-area mean of the two axes), and its slopes widened
// by 1/cos^1.5 of the half-vector's tilt. A point lamp gives GGX exactly.
// The cap is an ellipse, not a disc: half the lamp's angle along the plane of
// eye and lamp, that over v.h across it. The disc above has its area; the
// normal's offset from the cap's centre is scaled per axis (cos2_phi: its
// share along the plane) by how much wider the highlight, lobe and cap
// together, is along that axis than the disc's: variances adding, the
// lobe's alpha^2 and the cap's (radius^2 / 4 per axis), x = rho^2 / 4. So a
// lamp larger than the lobe draws the ellipse's edge (a gloss highlight was
// 7 % too bright across the plane and too dim along it), and one smaller
// than the lobe leaves GGX as it was.
float distribution_ggx_lamp(float n_dot_h, float v_dot_h, float alpha, float sin_lamp,
                            float cos2_phi)
{
    float a2 = alpha * alpha;
    float cos2 = max(n_dot_h * n_dot_h, 1e-6);
    float delta2 = (1.0 - cos2) / (cos2 * a2);
    float beta = min(0.5 * asin(clamp(sin_lamp, 0.0, 1.0)) / sqrt(max(v_dot_h, 1e-3)), 1.2);
    float stretch = pow(cos2, 0.75);
    float slope = tan(beta) / stretch;
    float rho2 = slope * slope / a2;
    float vh = max(v_dot_h, 1e-3);
    float x = 0.25 * rho2;
    float centre = sqrt(delta2 * a2);
    delta2 *= (1.0 + x) * (cos2_phi / (1.0 + x * vh) + (1.0 - cos2_phi) / (1.0 + x / vh));
    float c = 1.0 + delta2;
    float s = sqrt(rho2 * rho2 + 2.0 * (1.0 - delta2) * rho2 + c * c);
    // mass / rho^2, each branch free of cancellation
    float mass_per_area = rho2 < c ? 2.0 / (s * (s + c - rho2))
                                   : (s - c + rho2) / (2.0 * s * rho2);
    // Back from slopes to solid angle: 1/cos of the half-vector where the
    // mass lies: the centre's for a small disc (GGX's 1/cos^4 with the
    // stretch), moving towards the normal as the disc grows, the normal's once
    // the disc reaches it (so a cap centred at grazing stays finite).
    float at = max(centre - slope * min(slope / max(centre, 1e-6), 1.0), 0.0);
    float cos_mass = inversesqrt(1.0 + at * at);
    float mean = mass_per_area / (PI * a2 * stretch * stretch * cos_mass);
    // A mean is never above the largest value it averages: D at the cap's
    // point nearest the normal (its widest extent, 1/(v.h) from the light's).
    // Only near grazing, where the slope disc above is a poor fit to the cap
    // (a silhouette whose interpolated normal turns from the eye), does it bind.
    float reach = min(0.5 * asin(clamp(sin_lamp, 0.0, 1.0)) / max(v_dot_h, 1e-3), 1.5);
    float cos_near = n_dot_h >= cos(reach)
                         ? 1.0
                         : n_dot_h * cos(reach) + sqrt(max(1.0 - cos2, 0.0)) * sin(reach);
    return min(mean, distribution_ggx(cos_near, alpha));
}

// The lamp's cosine factor for a Lambertian surface: the irradiance of a
// sphere of uniform radiance, angular radius asin(sqrt(sin2)), over that of a
// point of the same intensity at its centre. Wholly above the surface's
// horizon it is n.l exactly (a sphere lights as a point); across the horizon
// only the cap above it lights, so the light reaches past the terminator by
// the lamp's angular radius (Snyder, "Area light sources for real-time
// graphics", 1996: the cone's cosine-weighted solid angle clipped by the
// plane). A 40 mm lamp at 150 mm is 15 degrees across: a band that wide.
float sphere_lamp_cosine(float n_dot_l, float sin2)
{
    sin2 = min(sin2, 0.999);
    if (n_dot_l * n_dot_l >= sin2)
        return max(n_dot_l, 0.0);
    float sin_tilt = sqrt(1.0 - n_dot_l * n_dot_l);
    float x = sqrt(1.0 / sin2 - 1.0); // the cone's cot
    float y = -x * n_dot_l / sin_tilt;
    float chord = sin_tilt * sqrt(max(1.0 - y * y, 0.0));
    float e = (n_dot_l * acos(clamp(y, -1.0, 1.0)) - x * chord) * sin2 + atan(chord / x);
    return max(e, 0.0) / (PI * sin2);
}

vec3 fresnel_schlick(vec3 f0, float v_dot_h)
{
    return f0 + (1.0 - f0) * pow(1.0 - v_dot_h, 5.0);
}

// A GGX lobe's directional albedo under a uniform white surround as
// f0 * x + y: Karis's analytic fit to the split-sum table ("Physically Based
// Shading on Mobile", 2014); scene_layers_env is the same on the CPU.
vec2 env_albedo(float n_dot_v, float roughness)
{
    const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
    const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
    vec4 r = roughness * c0 + c1;
    float a004 = min(r.x * r.x, exp2(-9.28 * n_dot_v)) * r.x + r.y;
    return vec2(-1.04, 1.04) * a004 + r.zw;
}

#ifdef GLINT_ROOM
// env_albedo pre-integrated (scene_layers_env_table: the lamp's own GGX lobe,
// height-correlated Smith, over the hemisphere): Schlick's scale and bias,
// and the varnish's albedo with the exact Fresnel of index 1.5 (F0 0.04,
// every finish's). Texel i of a row is n.v = (i + 0.5) / size, row j
// roughness (j + 0.5) / size.
vec3 room_env(float n_dot_v, float roughness)
{
    return textureLod(u_room_env, vec2(n_dot_v, roughness), 0.0).rgb; // one level: no lod
}

// Where a GGX lobe of this alpha mostly gathers from, between the mirror
// direction and the normal (Lagarde and de Rousiers 2014's fit).
vec3 room_dominant(vec3 n, vec3 r, float alpha)
{
    float smooth_ = 1.0 - alpha;
    return normalize(mix(n, r, smooth_ * (sqrt(smooth_) + alpha)));
}

// The room's radiance reflected about direction r by a lobe of this
// (perceptual) roughness, and its irradiance / pi at normal n.
vec3 room_reflected(vec3 r, float roughness)
{
    // Level k holds roughness (k / levels)^2 (render_room.c): finer steps
    // at the glossy end, where the window's edge is sharp.
    float level = sqrt(clamp(roughness, 0.0, 1.0)) * u_room_levels;
    return textureLod(u_room_light, r, level).rgb * u_room_scale;
}

vec3 room_irradiance(vec3 n)
{
    vec3 e = u_room_sh[0] * 0.28209479 + u_room_sh[1] * (0.48860251 * n.y) +
             u_room_sh[2] * (0.48860251 * n.z) + u_room_sh[3] * (0.48860251 * n.x) +
             u_room_sh[4] * (1.09254843 * n.x * n.y) + u_room_sh[5] * (1.09254843 * n.y * n.z) +
             u_room_sh[6] * (0.31539157 * (3.0 * n.z * n.z - 1.0)) +
             u_room_sh[7] * (1.09254843 * n.x * n.z) +
             u_room_sh[8] * (0.54627422 * (n.x * n.x - n.y * n.y));
    return max(e, vec3(0.0));
}

// Specular occlusion from ambient occlusion (Lagarde and de Rousiers, "Moving
// Frostbite to PBR", 2014): a rough lobe is occluded as the diffuse is, a
// sharp one less when seen face on, more at grazing angles.
float specular_occlusion(float n_dot_v, float occlusion, float roughness)
{
    return clamp(pow(n_dot_v + occlusion, exp2(-16.0 * roughness - 1.0)) - 1.0 + occlusion, 0.0,
                 1.0);
}
#endif
