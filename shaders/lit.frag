#version 330 core
// One small spherical lamp on a painted, varnished surface, in linear HDR
// radiance. docs/lighting.md explains each term; docs/finishes.md the paint
// and the varnish over it ("Paint under varnish").
//   varnish:  a clear coat (F0 0.04, its own roughness) over the paint, after
//             glTF's KHR_materials_clearcoat: its lobe on top, and the paint
//             lit by what the coat lets through, 1 - the coat's albedo;
//   specular: GGX distribution, height-correlated Smith visibility, Schlick
//             Fresnel; the lamp's size by the representative point plus
//             Karis's normalisation, alpha' = alpha + radius / (2 distance);
//             a metallic paint's lobe blurred by the coat, alpha^2 adding;
//   diffuse:  Lambert, scaled by what the paint's surface did not reflect,
//             with wrap and a thin-edge back light for translucent paint;
//   fill:     a dim uniform surround, returned by each layer's directional
//             albedo (an analytic split-sum fit), so it never adds light;
//   room:     or a room (--room): the same layers, each lobe reading the room
//             prefiltered at its roughness (split sum), the paint its
//             irradiance (SH9), dimmed by the baked ambient occlusion and
//             Lagarde's specular occlusion so cavities do not glow.
//
// Three programs from this file (docs/lighting.md, "Deferred lighting"): as
// it is, the forward pass (shading each fragment; the analysis buffers, the
// views the deferred path leaves alone, rooms); with GLINT_GBUFFER, a pass
// that only stores what shading needs; with GLINT_DEFERRED, the full-screen
// pass that shades the G-buffer once per distinct sample.
#ifdef GLINT_DEFERRED
// Read from the G-buffer, sample by sample, instead of interpolated.
vec3 v_world_position;
vec4 v_light_clip;
float v_occlusion;
#else
in vec3 v_world_position;
in vec3 v_world_normal;
in vec2 v_uv;
in vec3 v_color;
in vec4 v_light_clip;
in vec3 v_object_position;
in vec3 v_object_normal;
in float v_occlusion;
#endif
// The shadow receiver's screen derivatives of its map position (taken in the
// forward or the G-buffer pass, where the fragment's quad is), the part's
// parameters (per draw in the forward pass, per part id in the deferred
// one) and the analysis values shade() leaves.
vec3 s_map_ddx, s_map_ddy;
float p_roughness, p_f0, p_metallic, p_translucency, p_coat, p_coat_roughness, p_highlight;
vec3 s_specular, s_diffuse;
float s_alpha;

uniform vec3 u_eye;
uniform vec3 u_lamp_position;
uniform float u_lamp_radius;
uniform vec3 u_lamp_intensity; // radiant intensity per channel
uniform vec3 u_ambient;        // fill radiance on white

// The room (docs/lighting.md, "Rooms"), in the program compiled with
// GLINT_ROOM (the dark room's has none of it: llvmpipe runs both sides of a
// branch, so an untaken room would still cost): a room fixed to the world,
// its radiance prefiltered per roughness into a cube map (roughness = level /
// u_room_levels) and its irradiance / pi as nine SH coefficients, both
// already scaled by the lamp's intensity.
#ifdef GLINT_ROOM
uniform samplerCube u_room_light;
uniform float u_room_levels; // the cube map's last level
uniform vec3 u_room_scale;
uniform vec3 u_room_sh[9];
uniform sampler2D u_room_env; // the lobes' directional albedo, pre-integrated
#endif

uniform vec3 u_base_color; // linear: the part's paint
uniform float u_has_texture;
uniform float u_vertex_colors; // 1: the file's vertex colours are the paint
uniform sampler2D u_base_color_texture;
uniform float u_roughness;    // the paint's, perceptual; alpha = roughness^2
uniform float u_f0;           // a dielectric surface's reflectance at normal incidence
uniform float u_metallic;     // the paint's
uniform float u_translucency; // the paint's
uniform float u_coat;           // 1: a varnish over the paint; 0: the paint is the surface
uniform float u_coat_roughness; // the varnish's, perceptual

// Shadows: a depth map from the lamp's centre, read with PCSS so that the
// penumbra widens with the lamp's radius and with the gap between the shadow
// caster and the surface it falls on, as behind a real small lamp.
uniform int u_shadows;
uniform sampler2D u_shadow_map;
uniform float u_light_near;
uniform float u_light_far;
uniform float u_light_tan_half_fov;
uniform float u_shadow_texel; // 1 / the map's size
uniform int u_shadow_quality; // 0: full; 1: the viewer's frames while something moves (fewer taps)

// What to output: 0 shaded, 1 specular only, 2 diffuse only (with fill),
// 3 normals, 4 silhouette, 5 clay (grey matte).
uniform int u_output;

uniform float u_part_id; // the part's index + 1: 0 is the background
uniform float u_highlight; // 1 tints the part: the viewer's selection, briefly

#ifdef GLINT_GBUFFER
// The G-buffer, multisampled as the frame: part ids start at 1, so 0 is the
// background; the paint's colour rides in the spare channels (blue beside
// the id: id + blue / 2, blue below 2).
layout(location = 0) out vec4 g_position;  // world position, part id and blue (RGBA32F)
layout(location = 1) out vec4 g_normal;    // interpolated world normal, red (RGBA16F)
layout(location = 2) out vec4 g_geometric; // the face's world normal, green (RGBA16F)
#else
layout(location = 0) out vec4 frag_color;
#endif
#ifdef GLINT_DEFERRED
#define GLINT_PARTS_MAX 64  // render_deferred.c's RENDER_DEFERRED_PARTS
#define GLINT_SAMPLES_MAX 8 // and its RENDER_DEFERRED_SAMPLES
uniform sampler2DMS u_gbuffer_position;
uniform sampler2DMS u_gbuffer_normal;
uniform sampler2DMS u_gbuffer_geometric;
uniform int u_samples;
uniform mat4 u_light_view_projection;
uniform vec4 u_part_paint[GLINT_PARTS_MAX]; // roughness, f0, metallic, translucency
uniform vec4 u_part_coat[GLINT_PARTS_MAX];  // coat, coat roughness, highlight, 0
uniform int u_deferred_output; // 0: display colour and coverage; 1: radiance
uniform float u_exposure;      // 2^EV
uniform int u_tonemap;         // 0 Khronos PBR Neutral, 1 ACES (Narkowicz fit), 2 none

// tonemap.frag's curves, for the samples' tone map before they are averaged
// (test_deferred compares the two paths' pictures).
vec3 tonemap_neutral(vec3 color)
{
    const float start_compression = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < start_compression)
        return color;
    const float d = 1.0 - start_compression;
    float new_peak = 1.0 - d * d / (peak + d - start_compression);
    color *= new_peak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0);
    return mix(color, vec3(new_peak), g);
}

vec3 display_tonemap(vec3 radiance)
{
    vec3 x = max(radiance * u_exposure, 0.0);
    vec3 aces = clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
    return u_tonemap == 0 ? tonemap_neutral(x) : u_tonemap == 1 ? aces : clamp(x, 0.0, 1.0);
}
#endif
#ifndef GLINT_GBUFFER
// The analysis buffers the detector reads (drawn only into an MRT target; the
// tone-mapped frame has just attachment 0, which discards the rest).
layout(location = 1) out vec4 out_specular;    // linear specular radiance
layout(location = 2) out vec4 out_diffuse;     // linear diffuse radiance, fill included
layout(location = 3) out vec4 out_normal;      // world shading normal
layout(location = 4) out vec4 out_position;    // object-space position (before the turntable)
layout(location = 5) out vec4 out_geometric;   // object-space geometric (face) normal
layout(location = 6) out vec4 out_part_alpha;  // part id, effective GGX alpha (lamp-widened)
#endif

const float PI = 3.14159265;

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

float light_distance(float depth) // the map's depth to mm along the lamp's axis
{
    float z = depth * 2.0 - 1.0;
    return 2.0 * u_light_near * u_light_far /
           (u_light_far + u_light_near - z * (u_light_far - u_light_near));
}

// Evenly spread samples over a unit disc: Vogel's golden-angle spiral.
vec2 disc_sample(int i, int count)
{
    float r = sqrt((float(i) + 0.5) / float(count));
    float theta = float(i) * 2.39996323;
    return r * vec2(cos(theta), sin(theta));
}

// The same spiral drawn in towards the centre (radius ((i + 1/2) / count)^2):
// the second blocker search's taps, which look for the deepest blocker in the
// lamp's cone; the rim that casts a point's edge lies near the point.
vec2 search_sample(int i, int count)
{
    float t = (float(i) + 0.5) / float(count);
    float theta = float(i) * 2.39996323;
    return t * t * vec2(cos(theta), sin(theta));
}

// 1 lit, 0 in the lamp's full shadow.
//
// Each tap compares the map's depth with the receiver's own plane at that
// tap's texel centre, not with the receiver's depth at its centre: the
// blocker search and the filter reach millimetres away, and a floor tilted to
// the lamp is nearer the lamp there, so a single depth (with the constant and
// slope bias that suits a one-texel kernel) let the floor shadow itself in a
// grey ring around every shadow. The plane is the receiver's map depth and its
// gradient over the map (from the screen derivatives of the light-clip
// position: planes stay planes under the lamp's projection, so the depth is
// linear in the map's uv along them), so a flat receiver matches the map
// exactly at every texel centre and the bias is left a few tenths of a texel
// for creases; a convex surface curves away behind its plane, so it does not
// shadow itself either.
float shadow_visibility(float n_dot_l)
{
    // The derivatives come from main (or the G-buffer pass), taken before
    // any branch: they need every pixel of the quad.
    vec3 map_position = (v_light_clip.xyz / v_light_clip.w) * 0.5 + 0.5; // uv, window depth
    vec3 ddx = s_map_ddx, ddy = s_map_ddy;
    if (u_shadows == 0 || n_dot_l <= 0.0)
        return 1.0;
    vec2 uv = map_position.xy;
    if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0))) ||
        map_position.z >= 1.0)
        return 1.0;
    float receiver = light_distance(map_position.z);
    // mm per unit of map uv at a depth z is 2 z tan(half fov).
    float uv_scale = 1.0 / (2.0 * u_light_tan_half_fov);

    // d(depth)/d(uv) from d(uv, depth)/d(screen x, y); a receiver edge-on to
    // the lamp (no area in the map) falls back to a flat plane.
    float det = ddx.x * ddy.y - ddx.y * ddy.x;
    vec2 gradient = vec2(ddx.z * ddy.y - ddy.z * ddx.y, ddy.z * ddx.x - ddx.z * ddy.x) / det;
    if (abs(det) < 1e-24 || any(isnan(gradient)) || any(isinf(gradient)))
        gradient = vec2(0.0);
    // The cap: a plane steeper than tan(angle to the lamp) = 8 (83 degrees,
    // an eighth of the light) is taken as that steep. Extrapolated across the
    // disks, a plane nearly edge-on to the lamp runs far behind the real
    // blockers on one side (a bump on the far side of a backlit armour let
    // the lamp through in single bright pixels at about tan 50); so near the
    // terminator the surface darkens a little early instead. At tan 4 that
    // grey band on a ball's terminator was a quarter of the penumbra pixels
    // of the fidelity suite's floor scene (Cycles draws none).
    float texel_mm = receiver * u_shadow_texel / uv_scale;
    float depth_per_mm = u_light_near * u_light_far /
                         ((u_light_far - u_light_near) * receiver * receiver);
    float steepest = 8.0 * depth_per_mm * receiver / uv_scale; // depth per uv at tan 8
    float steepness = length(gradient);
    if (steepness > steepest)
        gradient *= steepest / steepness;
    steepness = min(steepness, steepest);
    // What the plane leaves to a bias: a few tenths of a texel (more as the
    // surface turns from the lamp) for a curved or creased mesh, whose
    // neighbouring triangles stand a little in front of this one's plane
    // (without it, the face's triangle edges drew lines); and the gradient's
    // rounding, which grows with the offset. In window depth, which changes
    // by near * far / ((far - near) z^2) per mm.
    float slope = sqrt(max(1.0 - n_dot_l * n_dot_l, 0.0)) / max(n_dot_l, 0.2);
    float bias_near = depth_per_mm * texel_mm * (0.3 + 0.5 * slope);

    // The lamp's cone from the receiver, cut at a window depth d, has a radius
    // in map uv of lamp radius * (1/distance - 1/receiver) * uv_scale, and
    // 1/distance is linear in d: cone_near - cone_slope * d, no division per
    // tap. At the near plane it bounds the search: blockers can only be
    // between the near plane and the receiver.
    float cone_near = u_lamp_radius * uv_scale * (1.0 / u_light_near - 1.0 / receiver);
    float cone_slope = u_lamp_radius * uv_scale * (u_light_far - u_light_near) /
                       (u_light_near * u_light_far);
    // Each tap reads the texel under it and compares at that texel's centre,
    // where the map's depth was drawn, so a plane matches it exactly.
    float tolerance = 0.75 * u_shadow_texel;
    ivec2 last = textureSize(u_shadow_map, 0) - 1;
    float texels = float(last.x + 1);
    float search = clamp(cone_near, 2.0 * u_shadow_texel, 0.1);
    float bias = bias_near + 0.01 * steepness * search;
    // While the viewer's picture moves, half the taps: noisier penumbrae for
    // a moment, then the full frame (docs/viewer.md, on a software renderer).
    int search_samples = u_shadow_quality == 0 ? 12 : 6;
    float deepest = 0.0, deepest_inside = 0.0, inside_count = 0.0, hidden = 0.0;
    bool found = false;
    for (int i = 0; i < search_samples; ++i) {
        vec2 at = uv + disc_sample(i, search_samples) * search;
        ivec2 texel = clamp(ivec2(at * texels), ivec2(0), last);
        vec2 offset = (vec2(texel) + 0.5) * u_shadow_texel - uv;
        float d = texelFetch(u_shadow_map, texel, 0).r;
        if (d < map_position.z + dot(gradient, offset) - bias) {
            // A blocker hides some of the lamp only inside the lamp's cone
            // from the receiver at the blocker's own depth: the search disc is
            // that cone cut at the near plane, far wider. Taps can miss a thin
            // cone, so with none inside it the deepest blocker (the nearest
            // the receiver) sets a small filter that looks closer.
            float cone = max(cone_near - cone_slope * d + tolerance, 0.0);
            float inside = dot(offset, offset) <= cone * cone ? 1.0 : 0.0;
            deepest = max(deepest, d);
            deepest_inside = max(deepest_inside, inside * d);
            inside_count += inside;
            hidden += 1.0;
            found = true;
        }
    }
    if (!found)
        return 1.0;
    // The blocker that sets the edge is the deepest one inside the cone, not
    // the mean: the map holds a solid caster's side facing the lamp, and for
    // a ball that side rises towards the lamp from the rim (the silhouette,
    // which casts the edge) to the top, so a mean of what the cone holds lay
    // above the rim and widened the penumbra (1.24x the geometry's under a
    // 20 mm lamp overhead). A second search, drawn in towards the point
    // inside the cone at the first estimate, finds the deeper blockers there
    // (the cone only narrows as the estimate deepens; a flat caster has one
    // depth, so nothing moves). 12 + 4 taps where anything is found, as the
    // search alone had before, and 4 fewer where nothing is. Whether the
    // caster is solid stays the first search's call: the second one, close
    // in, finds a bump of the surface inside its own small cone, and 32
    // filter taps on every bump cost a tenth of a frame.
    float blocker = inside_count > 0.0 ? deepest_inside : deepest;
    float reach = clamp(cone_near - cone_slope * blocker, u_shadow_texel, 0.1);
    int refine_samples = u_shadow_quality == 0 ? 4 : 2;
    bool solid = inside_count > 0.0;
    for (int i = 0; i < refine_samples; ++i) {
        vec2 at = uv + search_sample(i, refine_samples) * reach;
        ivec2 texel = clamp(ivec2(at * texels), ivec2(0), last);
        vec2 offset = (vec2(texel) + 0.5) * u_shadow_texel - uv;
        float d = texelFetch(u_shadow_map, texel, 0).r;
        if (d < map_position.z + dot(gradient, offset) - bias) {
            float cone = max(cone_near - cone_slope * d + tolerance, 0.0);
            float inside = dot(offset, offset) <= cone * cone ? 1.0 : 0.0;
            deepest_inside = max(deepest_inside, inside * d);
            inside_count += inside;
            hidden += 1.0;
        }
    }
    // The lamp's disc, seen from the receiver, cut at that blocker's depth:
    // how much of the map decides this point's share.
    blocker = inside_count > 0.0 ? deepest_inside : deepest;
    float radius = clamp(cone_near - cone_slope * blocker, u_shadow_texel, 0.1);
    // The umbra: every search and refine tap hid and the filter disc lies
    // inside the searched one, so the filter would find it hidden too (on the
    // sample at 1280x720, 6 pixels of 921,600 differ, by up to 17/255); the
    // 32 filter taps are skipped (docs/PERFORMANCE.md, "Cheaper shadow taps").
    if (solid && hidden == float(search_samples + refine_samples) && radius <= search)
        return 0.0;
    bias = bias_near + 0.01 * steepness * radius;
    // A tap in front of the receiver's plane hides its share of the lamp (a
    // caster is taken as solid behind the surface the map holds). With no
    // blocker inside the cone, only what crosses the cone at its own depth
    // does: a bump of the surface beside the point, barely in front of its
    // plane, hides nothing.
    // A bump's own filter is a texel or two across: 4 taps do; the sample's
    // knit and folds are full of them, and 32 there cost 15 % of a render.
    int filter_samples = solid || radius > 2.0 * u_shadow_texel ? 32 : 4;
    if (u_shadow_quality != 0)
        filter_samples = min(filter_samples, 8);
    float lit = 0.0;
    for (int i = 0; i < filter_samples; ++i) {
        vec2 at = uv + disc_sample(i, filter_samples) * radius;
        ivec2 texel = clamp(ivec2(at * texels), ivec2(0), last);
        vec2 offset = (vec2(texel) + 0.5) * u_shadow_texel - uv;
        float d = texelFetch(u_shadow_map, texel, 0).r;
        bool hides = d < map_position.z + dot(gradient, offset) - bias;
        if (hides && !solid) {
            float cone = max(cone_near - cone_slope * d + tolerance, 0.0);
            hides = dot(offset, offset) <= cone * cone;
        }
        lit += hides ? 0.0 : 1.0;
    }
    return lit / float(filter_samples);
}

// The surface's paint: the part's colour, times its texture and its vertex
// colours where it has them (the G-buffer stores this, not its inputs).
#ifndef GLINT_DEFERRED
vec3 surface_base()
{
    // OBJ's v runs up the image; the texture's rows run down from the top.
    vec3 texel = texture(u_base_color_texture, vec2(v_uv.x, 1.0 - v_uv.y)).rgb;
    return u_base_color * mix(vec3(1.0), texel, u_has_texture) *
           mix(vec3(1.0), v_color, u_vertex_colors);
}
#endif

// One surface point's radiance (as u_output asks) at the shading normal n
// with the paint `base`, from v_world_position, v_light_clip, v_occlusion,
// the part's p_ parameters and the shadow's s_map_ddx/ddy; the analysis
// values in s_specular, s_diffuse and s_alpha.
vec3 shade(vec3 n, vec3 base)
{
    float roughness = p_roughness, metallic = p_metallic, translucency = p_translucency;
    float coat = p_coat;
    if (u_output == 5) {
        base = vec3(0.5);
        roughness = 0.8;
        metallic = 0.0;
        translucency = 0.0;
        coat = 0.0;
    }

    vec3 v = normalize(u_eye - v_world_position);
    vec3 to_lamp = u_lamp_position - v_world_position;
    float distance_squared = dot(to_lamp, to_lamp);
    vec3 l = to_lamp * inversesqrt(distance_squared);
    vec3 irradiance = u_lamp_intensity / distance_squared; // at normal incidence
    float n_dot_v = max(dot(n, v), 1e-4);

    // The lamp's size: GGX's D averaged over the cap of half-vectors the
    // lamp's sphere spans (distribution_ggx_lamp); the rest of the BRDF at its
    // centre. The widened alpha' = alpha + radius / (2 distance) is still what
    // the analysis buffer reports as the lobe's effective width.
    float sin_lamp = u_lamp_radius * inversesqrt(distance_squared);
    // The coat blurs what the paint below reflects: the slopes' variances
    // add, alpha^2 = alpha_paint^2 + alpha_coat^2.
    float coat_alpha = max(p_coat_roughness * p_coat_roughness, 1e-3);
    float paint_alpha = max(roughness * roughness, 1e-3);
    float alpha = sqrt(paint_alpha * paint_alpha + coat * coat_alpha * coat_alpha);
    float lamp_widening = u_lamp_radius / (2.0 * sqrt(distance_squared));
    float widened = clamp(alpha + lamp_widening, 0.0, 1.0);
    vec3 h = normalize(v + l);
    float n_dot_h = clamp(dot(n, h), 0.0, 1.0);
    float v_dot_h = clamp(dot(v, h), 0.0, 1.0);
    float n_dot_ls = clamp(dot(n, l), 0.0, 1.0);
    // Where the normal lies from the half-vector: its share along the plane of
    // eye and lamp (the lamp's cap is narrower across it, distribution_ggx_lamp).
    vec3 across = l - v; // perpendicular to h, in the plane of eye and lamp
    float off2 = max(1.0 - n_dot_h * n_dot_h, 0.0) * dot(across, across);
    float along = dot(n, across);
    float cos2_phi = off2 > 1e-12 ? clamp(along * along / off2, 0.0, 1.0) : 0.5;
    // Under a coat a dielectric paint has no surface of its own (binder and
    // varnish share an index near 1.5): its lobe is the metal's only.
    float lobe = mix(1.0, metallic, coat);
    vec3 f0 = mix(vec3(p_f0 * (1.0 - coat)), base, metallic);
    vec3 fresnel = fresnel_schlick(f0, v_dot_h);
    vec3 specular = lobe *
                    distribution_ggx_lamp(n_dot_h, v_dot_h, alpha, sin_lamp, cos2_phi) *
                    visibility_smith_correlated(n_dot_v, max(n_dot_ls, 1e-4), alpha) * fresnel *
                    n_dot_ls * irradiance;
    // The varnish: its own lobe on top, and what it does not reflect (its
    // directional albedo, never below Fresnel at n.v) reaches the paint.
    float coat_albedo = 0.0;
    float widened_coat = widened;
    if (coat > 0.0) {
        widened_coat = clamp(coat_alpha + lamp_widening, 0.0, 1.0);
#ifdef GLINT_ROOM
        // In a room the coat reflects, and lets through, its albedo
        // integrated with the exact Fresnel, not fitted and floored.
        coat_albedo = coat * room_env(n_dot_v, p_coat_roughness).z;
#else
        vec2 coat_env = env_albedo(n_dot_v, p_coat_roughness);
        coat_albedo = coat * max(p_f0 * coat_env.x + coat_env.y,
                                 fresnel_schlick(vec3(p_f0), n_dot_v).x);
#endif
        vec3 coat_specular = coat *
                             distribution_ggx_lamp(n_dot_h, v_dot_h, coat_alpha, sin_lamp,
                                                   cos2_phi) *
                             visibility_smith_correlated(n_dot_v, max(n_dot_ls, 1e-4),
                                                         coat_alpha) *
                             fresnel_schlick(vec3(p_f0), v_dot_h) * n_dot_ls * irradiance;
        specular = coat_specular + (1.0 - coat_albedo) * specular;
    }
    float transmit = 1.0 - coat_albedo;

    // Wrap lighting lets light reach a little past the terminator, as in skin
    // or wax; the back light glows through thin edges (ears, fingers) when the
    // lamp is behind them.
    float n_dot_l = dot(n, l);
    // The lamp's share past the terminator (sphere_lamp_cosine) or the
    // paint's wrap, whichever is more.
    float wrapped = max((n_dot_l + translucency) / (1.0 + translucency),
                        sphere_lamp_cosine(n_dot_l, sin_lamp * sin_lamp));
    float through = translucency * pow(clamp(dot(v, -l), 0.0, 1.0), 4.0) *
                    (1.0 - n_dot_v) * 0.5;
    vec3 kd = (1.0 - lobe * fresnel) * (1.0 - metallic) * transmit;
    float visibility = shadow_visibility(n_dot_l);
    specular *= visibility;
    vec3 diffuse = kd * base / PI * irradiance * (wrapped * visibility + through);
    // The fill is light from everywhere: each layer returns its directional
    // albedo of it, and the paint scatters what its surface and the coat let
    // through, so a uniform white surround on white paint returns itself.
    vec2 paint_env = env_albedo(n_dot_v, sqrt(alpha));
    vec3 paint_fill = lobe * (f0 * paint_env.x + paint_env.y) +
                      base * (1.0 - metallic) * (1.0 - lobe * (p_f0 * paint_env.x + paint_env.y));
    vec3 fill = (coat_albedo + transmit * paint_fill) * u_ambient;
#ifdef GLINT_ROOM
    {
        // The same layers in the room: the coat's lobe reflects the room
        // prefiltered at its roughness, the paint's (metal) lobe at its
        // coat-blurred one, and the paint scatters the irradiance; each
        // reads what the coat lets through. A uniform room gives exactly the
        // fill above, so the furnace still returns what arrives.
        vec3 r = reflect(-v, n); // the mirror direction
        float occlusion = clamp(v_occlusion, 0.0, 1.0);
        float paint_roughness = sqrt(alpha);
        vec2 paint_env = room_env(n_dot_v, paint_roughness).xy;
        // The prefiltered lobe is the one seen face on (n = v = r); seen at
        // n.v a lobe's directions cover n.v times the solid angle (dl =
        // 4 v.h dh), as a lobe of alpha sqrt(n.v) does, and lean towards the
        // normal (Lagarde's dominant direction): the window's reflection
        // off a satin sphere was 9 % dim.
        float shrink = sqrt(sqrt(n_dot_v)); // (n.v)^(1/4)
        vec3 coat_room = room_reflected(room_dominant(n, r, coat_alpha),
                                        p_coat_roughness * shrink) *
                         specular_occlusion(n_dot_v, occlusion, p_coat_roughness);
        vec3 paint_room = room_reflected(room_dominant(n, r, alpha), paint_roughness * shrink) *
                          specular_occlusion(n_dot_v, occlusion, paint_roughness);
        vec3 paint_lobe = lobe * (f0 * paint_env.x + paint_env.y);
        vec3 paint_scatter = base * (1.0 - metallic) *
                             (1.0 - lobe * (p_f0 * paint_env.x + paint_env.y));
        specular += coat_albedo * coat_room + transmit * paint_lobe * paint_room;
        fill = transmit * paint_scatter * room_irradiance(n) * occlusion;
    }
#endif

    s_specular = specular;
    s_diffuse = diffuse + fill;
    // The sharpest lobe the surface shows: the varnish's when there is one.
    s_alpha = coat > 0.0 ? widened_coat : widened;
    vec3 radiance = diffuse + specular + fill;
    if (u_output == 1)
        radiance = specular;
    else if (u_output == 2)
        radiance = diffuse + fill;
    return mix(radiance, vec3(1.0, 0.45, 0.05), 0.4 * p_highlight);
}


#if defined(GLINT_GBUFFER)
// The G-buffer pass: what the lighting pass needs of each fragment, written
// to every sample it covers (docs/lighting.md, "Deferred lighting").
void main()
{
    vec3 base = surface_base();
    vec3 geometric = normalize(cross(dFdx(v_world_position), dFdy(v_world_position)));
    g_position = vec4(v_world_position, u_part_id + 0.5 * clamp(base.b, 0.0, 1.999));
    g_normal = vec4(normalize(v_world_normal), base.r);
    g_geometric = vec4(geometric, base.g);
}
#elif defined(GLINT_DEFERRED)
// The shadow receiver's plane carried into the map as the forward pass's
// screen derivatives carry it: the map positions of two directions in the
// face's plane (normal g) at this point. The map holds a plane as a plane,
// so any two give shadow_visibility the same depth gradient over the map.
void map_derivatives(vec3 world, vec3 g)
{
    vec3 a = abs(g.x) < 0.9 ? vec3(1.0, 0.0, 0.0) : vec3(0.0, 1.0, 0.0);
    vec3 t1 = normalize(cross(g, a));
    vec3 t2 = cross(g, t1);
    vec4 c = u_light_view_projection * vec4(world, 1.0);
    vec4 m1 = u_light_view_projection * vec4(t1, 0.0);
    vec4 m2 = u_light_view_projection * vec4(t2, 0.0);
    s_map_ddx = 0.5 * (m1.xyz * c.w - c.xyz * m1.w) / (c.w * c.w);
    s_map_ddy = 0.5 * (m2.xyz * c.w - c.xyz * m2.w) / (c.w * c.w);
}

// The lighting pass, once per pixel over the G-buffer: MSAA without sample
// shading writes one fragment's values to all the samples it covers, so each
// distinct value is shaded once and weighted by how many samples hold it,
// and tone-mapped before they are averaged, as tonemap.frag resolves the
// forward pass's samples. Out: the display colour (before sRGB) and the
// coverage; or, with u_deferred_output 1, the linear radiance premultiplied
// by coverage, as the forward pass's resolve gives it.
void main()
{
    ivec2 pixel = ivec2(gl_FragCoord.xy);
    vec4 positions[GLINT_SAMPLES_MAX], normals[GLINT_SAMPLES_MAX];
    float counts[GLINT_SAMPLES_MAX];
    int firsts[GLINT_SAMPLES_MAX];
    int distinct = 0;
    float covered = 0.0;
    for (int i = 0; i < u_samples; ++i) {
        vec4 position = texelFetch(u_gbuffer_position, pixel, i);
        if (position.w == 0.0)
            continue; // background: part ids start at 1
        covered += 1.0;
        vec4 normal = texelFetch(u_gbuffer_normal, pixel, i);
        int found = -1;
        for (int k = 0; k < distinct; ++k)
            if (found < 0 && positions[k] == position && normals[k] == normal)
                found = k;
        if (found >= 0) {
            counts[found] += 1.0;
        } else {
            positions[distinct] = position;
            normals[distinct] = normal;
            counts[distinct] = 1.0;
            firsts[distinct] = i;
            ++distinct;
        }
    }
    vec3 sum = vec3(0.0);
    for (int k = 0; k < distinct; ++k) {
        vec4 geometric = texelFetch(u_gbuffer_geometric, pixel, firsts[k]);
        float id = floor(positions[k].w);
        v_world_position = positions[k].xyz;
        v_light_clip = u_light_view_projection * vec4(v_world_position, 1.0);
        v_occlusion = 1.0;
        map_derivatives(v_world_position, geometric.xyz);
        int part = clamp(int(id) - 1, 0, GLINT_PARTS_MAX - 1);
        p_roughness = u_part_paint[part].x;
        p_f0 = u_part_paint[part].y;
        p_metallic = u_part_paint[part].z;
        p_translucency = u_part_paint[part].w;
        p_coat = u_part_coat[part].x;
        p_coat_roughness = u_part_coat[part].y;
        p_highlight = u_part_coat[part].z;
        vec3 base = vec3(normals[k].w, geometric.w, 2.0 * (positions[k].w - id));
        vec3 radiance = shade(normalize(normals[k].xyz), base);
        sum += counts[k] * (u_deferred_output == 0 ? display_tonemap(radiance) : radiance);
    }
    float samples = float(u_samples);
    if (u_deferred_output == 0)
        frag_color = vec4(sum / max(covered, 1.0), covered / samples);
    else
        frag_color = vec4(sum / samples, covered / samples);
}
#else
void main()
{
    vec3 n = normalize(v_world_normal);
    // The face's own normal, from screen derivatives, turned to agree with
    // the interpolated one (the derivative's sign depends on the screen).
    vec3 geometric = normalize(cross(dFdx(v_object_position), dFdy(v_object_position)));
    if (dot(geometric, v_object_normal) < 0.0)
        geometric = -geometric;
    // The shadow's receiver plane, from derivatives taken before any branch:
    // they need every pixel of the quad.
    vec3 map_position = (v_light_clip.xyz / v_light_clip.w) * 0.5 + 0.5;
    s_map_ddx = dFdx(map_position);
    s_map_ddy = dFdy(map_position);
    out_specular = vec4(0.0);
    out_diffuse = vec4(0.0);
    out_normal = vec4(n, 1.0);
    out_position = vec4(v_object_position, 1.0);
    out_geometric = vec4(geometric, 1.0);
    out_part_alpha = vec4(u_part_id, 1.0, 0.0, 1.0);
    if (u_output == 3) {
        frag_color = vec4(n * 0.5 + 0.5, 1.0);
        return;
    }
    if (u_output == 4) {
        frag_color = vec4(1.0);
        return;
    }
    p_roughness = u_roughness;
    p_f0 = u_f0;
    p_metallic = u_metallic;
    p_translucency = u_translucency;
    p_coat = u_coat;
    p_coat_roughness = u_coat_roughness;
    p_highlight = u_highlight;
    vec3 radiance = shade(n, surface_base());
    out_specular = vec4(s_specular, 1.0);
    out_diffuse = vec4(s_diffuse, 1.0);
    out_part_alpha = vec4(u_part_id, s_alpha, 0.0, 1.0);
    frag_color = vec4(radiance, 1.0);
}
#endif
