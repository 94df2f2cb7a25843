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
// pass that shades the G-buffer once per distinct sample. The analysis
// buffers have their own pair (docs/PERFORMANCE.md, "Deferred analysis
// render"): GLINT_GBUFFER_ANALYSIS stores, one sample, at full precision,
// what the forward pass interpolates, and GLINT_DEFERRED_ANALYSIS shades
// each pixel once and writes the seven analysis targets as the forward
// pass does (the shadow's receiver plane rebuilt, as the shaded frame's).
#ifdef GLINT_GBUFFER_ANALYSIS
#define GLINT_GBUFFER 1
#endif
#ifdef GLINT_DEFERRED_ANALYSIS
#define GLINT_DEFERRED 1
#endif
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
in float v_occlusion;

// The normal of the side the camera sees. A face seen from behind (an open
// shell's inside, a cloak's lining, a file wound inside out) is the other
// side of a thin sheet, shaded as modelling tools show it; interpolated as
// it is, its normal would face away and leave it black. A closed solid's
// back faces are hidden behind its front ones, so they change nothing.
vec3 seen_normal()
{
    vec3 n = normalize(v_world_normal);
    return gl_FrontFacing ? n : -n;
}
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

#if defined(GLINT_GBUFFER_ANALYSIS)
// The analysis G-buffer, one sample, RGBA32F: what shade() reads, as the
// forward pass has it (the object-space values follow from these,
// object_point and object_face). The paint in a fourth image, unless the
// model's is plain (GLINT_PLAIN_PAINT: the lighting pass takes it by part):
// llvmpipe's cost goes by the images a fragment writes.
layout(location = 0) out vec4 g_position;  // world position, part id (0: background)
layout(location = 1) out vec4 g_normal;    // normalised world normal, 0
layout(location = 2) out vec4 g_face;      // the face's world normal, 0
#ifndef GLINT_PLAIN_PAINT
layout(location = 3) out vec4 g_paint;     // the paint, 0
#endif
#elif defined(GLINT_GBUFFER)
// The G-buffer, multisampled as the frame: one image, as llvmpipe's cost
// goes by the images (and bytes) each sample writes. The shading normal
// packed (pack_normal), the face's normal more coarsely beside the part's id
// (from 1; pack_face), and the paint's channels as 16-bit fractions of 0..2
// unless the model's paint is plain (GLINT_PLAIN_PAINT: the lighting pass
// takes it by part, quantised alike). No position: the depth places it
// (fragment_position), and says which samples were drawn.
#ifdef GLINT_PLAIN_PAINT
layout(location = 0) out uvec2 g_surface; // normal, face normal | id (RG32UI)
#else
layout(location = 0) out uvec4 g_surface; // normal, face normal | id, red | green, blue (RGBA32UI)
#endif
#else
layout(location = 0) out vec4 frag_color;
#endif
#ifdef GLINT_DEFERRED
#define GLINT_PARTS_MAX 64  // render_deferred.c's RENDER_DEFERRED_PARTS
#define GLINT_SAMPLES_MAX 8 // and its RENDER_DEFERRED_SAMPLES
#ifdef GLINT_DEFERRED_ANALYSIS
uniform sampler2D u_analysis_images[4]; // three of them with GLINT_PLAIN_PAINT
#endif
uniform usampler2DMS u_gbuffer_surface;
uniform sampler2DMS u_gbuffer_depth;
#ifdef GLINT_PLAIN_PAINT
uniform vec4 u_part_base[GLINT_PARTS_MAX]; // each part's paint (linear rgb, 0)
#endif
uniform vec2 u_sample_positions[GLINT_SAMPLES_MAX]; // in the pixel, 0..1, as the GL places them
uniform vec2 u_target_size;                          // the G-buffer's, in pixels
uniform mat4 u_clip_to_world;                        // inverse(projection * view)
uniform mat4 u_light_view_projection;
uniform vec4 u_part_paint[GLINT_PARTS_MAX]; // roughness, f0, metallic, translucency
uniform vec4 u_part_coat[GLINT_PARTS_MAX];  // coat, coat roughness, highlight, 0
uniform int u_deferred_output; // 0: display colour and coverage; 1: radiance
uniform float u_exposure;      // 2^EV
uniform int u_tonemap;         // 0 Khronos PBR Neutral, 1 ACES (Narkowicz fit), 2 none

// The samples are tone-mapped before they are averaged, as the resolve does.
#include "tonemap_curves.glsl"
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

// The model's own space, before the turntable (what the detector follows
// from step to step): u_model only turns and moves, so its transpose turns
// back. The analysis passes take both values from world ones, so the
// forward and the deferred pass compute them alike, bit for bit.
#ifndef GLINT_GBUFFER
uniform mat4 u_model;
vec3 object_point(vec3 world)
{
    return transpose(mat3(u_model)) * (world - u_model[3].xyz);
}
// The face's normal `face` (from the screen derivatives of the world
// position) turned to agree with the shading normal n, in the model's space.
vec3 object_face(vec3 face, vec3 n)
{
    return transpose(mat3(u_model)) * (dot(face, n) < 0.0 ? -face : face);
}
#endif

#include "lit_lobes.glsl"

#include "lit_shadow.glsl"

// The surface's paint: the part's colour, times its texture and its vertex
// colours where it has them (the G-buffer stores this, not its inputs).
// With GLINT_PLAIN_PAINT (no part of the model has either) the colour alone:
// the texture's coordinates and the colours are then not interpolated.
#ifndef GLINT_DEFERRED
vec3 surface_base()
{
#ifdef GLINT_PLAIN_PAINT
    return u_base_color;
#else
    // OBJ's v runs up the image; the texture's rows run down from the top.
    vec3 texel = texture(u_base_color_texture, vec2(v_uv.x, 1.0 - v_uv.y)).rgb;
    return u_base_color * mix(vec3(1.0), texel, u_has_texture) *
           mix(vec3(1.0), v_color, u_vertex_colors);
#endif
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


#if defined(GLINT_GBUFFER) || defined(GLINT_DEFERRED)
// A unit normal in 32 bits (the multisampled G-buffer's): its octahedral
// map, two 16-bit signed fractions, to within about 0.00005 radians (the
// half floats it replaced held 0.0005). GLSL 3.30 has no packSnorm2x16.
// NaN (a face seen edge on has no normal) packs to a code no normal takes
// and unpacks as NaN again, which the shadow's receiver plane then handles.
const uint NAN_NORMAL = 0x80008000u;
uint pack_normal(vec3 n)
{
    if (any(isnan(n)))
        return NAN_NORMAL;
    vec2 e = n.xy / (abs(n.x) + abs(n.y) + abs(n.z));
    if (n.z < 0.0)
        e = (1.0 - abs(e.yx)) * vec2(e.x >= 0.0 ? 1.0 : -1.0, e.y >= 0.0 ? 1.0 : -1.0);
    ivec2 q = ivec2(round(clamp(e, -1.0, 1.0) * 32767.0));
    return uint(q.x & 0xFFFF) | (uint(q.y & 0xFFFF) << 16);
}

vec3 unfold(vec2 e)
{
    vec3 n = vec3(e, 1.0 - abs(e.x) - abs(e.y));
    float fold = max(-n.z, 0.0);
    n.xy += vec2(n.x >= 0.0 ? -fold : fold, n.y >= 0.0 ? -fold : fold);
    return normalize(n);
}

vec3 unpack_normal(uint bits)
{
    if (bits == NAN_NORMAL)
        return vec3(uintBitsToFloat(0x7FC00000u));
    return unfold(vec2(float(int(bits << 16) >> 16), float(int(bits) >> 16)) / 32767.0);
}

// The face's normal in 24 bits (two 12-bit signed fractions, about 0.0005
// radians: it only places the face's plane within a pixel and tilts the
// shadow's receiver plane) and the part's id in the top 8.
const uint NAN_FACE = 0x800800u;
uint pack_face(vec3 n, float id)
{
    uint bits = NAN_FACE;
    if (!any(isnan(n))) {
        vec2 e = n.xy / (abs(n.x) + abs(n.y) + abs(n.z));
        if (n.z < 0.0)
            e = (1.0 - abs(e.yx)) * vec2(e.x >= 0.0 ? 1.0 : -1.0, e.y >= 0.0 ? 1.0 : -1.0);
        ivec2 q = ivec2(round(clamp(e, -1.0, 1.0) * 2047.0));
        bits = uint(q.x & 0xFFF) | (uint(q.y & 0xFFF) << 12);
    }
    return bits | (uint(id + 0.5) << 24);
}

vec3 unpack_face(uint bits)
{
    bits &= 0xFFFFFFu;
    if (bits == NAN_FACE)
        return vec3(uintBitsToFloat(0x7FC00000u));
    return unfold(vec2(float(int(bits << 20) >> 20), float(int(bits << 8) >> 20)) / 2047.0);
}

// The paint as the G-buffer holds it: 16-bit fractions of 0..2.
uvec3 quantise_paint(vec3 base)
{
    return uvec3(round(clamp(base, 0.0, 2.0) * (65535.0 / 2.0)));
}
#endif

#ifdef GLINT_DEFERRED
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

// The world point at a window position (pixels) and depth (0..1).
vec3 world_at(vec2 window, float depth)
{
    vec4 p = u_clip_to_world * vec4(window / u_target_size * 2.0 - 1.0, depth * 2.0 - 1.0, 1.0);
    return p.xyz / p.w;
}

// Where the fragment that wrote a sample was shaded. MSAA without sample
// shading interpolates at the pixel's centre, on the face's plane even where
// the centre is off the face: so the centre's ray (near + t ray) meets the
// plane through the sample's own point (its depth at its place in the pixel)
// with the face's normal g. Edge on, or with no normal (NaN fails the
// test), the ray never meets it, and the sample's point stands in.
vec3 fragment_position(vec2 sample_window, float depth, vec3 g, vec3 near, vec3 ray)
{
    vec3 at_sample = world_at(sample_window, depth);
    float facing = dot(ray, g);
    if (abs(facing) > 1e-3 * length(ray))
        return near + ray * (dot(at_sample - near, g) / facing);
    return at_sample;
}

#endif

#if defined(GLINT_GBUFFER_ANALYSIS)
// The analysis G-buffer pass: the forward main()'s values before shade().
void main()
{
    g_position = vec4(v_world_position, u_part_id);
    g_normal = vec4(seen_normal(), 0.0);
    g_face = vec4(normalize(cross(dFdx(v_world_position), dFdy(v_world_position))), 0.0);
#ifndef GLINT_PLAIN_PAINT
    g_paint = vec4(surface_base(), 0.0);
#endif
}
#elif defined(GLINT_DEFERRED_ANALYSIS)
// The analysis lighting pass, once per pixel: the forward main()'s outputs
// from the analysis G-buffer; the background keeps the cleared zeros.
void main()
{
    ivec2 pixel = ivec2(gl_FragCoord.xy);
    vec4 position = texelFetch(u_analysis_images[0], pixel, 0);
    if (position.w == 0.0)
        discard;
    int part = clamp(int(position.w) - 1, 0, GLINT_PARTS_MAX - 1);
    vec3 n = texelFetch(u_analysis_images[1], pixel, 0).xyz;
    vec3 face = texelFetch(u_analysis_images[2], pixel, 0).xyz;
#ifdef GLINT_PLAIN_PAINT
    vec3 base = u_part_base[part].rgb;
#else
    vec3 base = texelFetch(u_analysis_images[3], pixel, 0).rgb;
#endif
    v_world_position = position.xyz;
    v_light_clip = u_light_view_projection * vec4(v_world_position, 1.0);
    v_occlusion = 1.0;
    map_derivatives(v_world_position, face);
    p_roughness = u_part_paint[part].x;
    p_f0 = u_part_paint[part].y;
    p_metallic = u_part_paint[part].z;
    p_translucency = u_part_paint[part].w;
    p_coat = u_part_coat[part].x;
    p_coat_roughness = u_part_coat[part].y;
    p_highlight = u_part_coat[part].z;
    vec3 radiance = shade(n, base);
    out_specular = vec4(s_specular, 1.0);
    out_diffuse = vec4(s_diffuse, 1.0);
    out_normal = vec4(n, 1.0);
    out_position = vec4(object_point(v_world_position), 1.0);
    out_geometric = vec4(object_face(face, n), 1.0);
    out_part_alpha = vec4(position.w, s_alpha, 0.0, 1.0);
    frag_color = vec4(radiance, 1.0);
}
#elif defined(GLINT_GBUFFER)
// The G-buffer pass: what the lighting pass needs of each fragment, written
// to every sample it covers (docs/lighting.md, "Deferred lighting").
void main()
{
    vec3 geometric = normalize(cross(dFdx(v_world_position), dFdy(v_world_position)));
    uvec2 normals = uvec2(pack_normal(seen_normal()), pack_face(geometric, u_part_id));
#ifdef GLINT_PLAIN_PAINT
    g_surface = normals;
#else
    uvec3 paint = quantise_paint(surface_base());
    g_surface = uvec4(normals, paint.r | (paint.g << 16), paint.b);
#endif
}
#elif defined(GLINT_DEFERRED)
// The lighting pass, once per pixel over the G-buffer: MSAA without sample
// shading writes one fragment's values to all the samples it covers, so each
// distinct value is shaded once and weighted by how many samples hold it,
// and tone-mapped before they are averaged, as tonemap.frag resolves the
// forward pass's samples. Out: the display colour (before sRGB) and the
// coverage; or, with u_deferred_output 1, the linear radiance premultiplied
// by coverage, as the forward pass's resolve gives it.
//
// GLINT_SAMPLES (the G-buffer's samples, render_deferred.c defines it) is a
// constant so that the loops over the samples unroll and their arrays become
// registers: llvmpipe reads and writes an array at an index that differs
// between pixels one lane at a time, and the grouping by an index into
// arrays of the distinct values cost about as much as the shading
// (docs/PERFORMANCE.md, "Session 13"). So the samples are grouped here into
// two integers, and the shading loop reads its sample again by index.
#ifndef GLINT_SAMPLES
#error "GLINT_SAMPLES: the lighting pass is made for one sample count"
#endif
void main()
{
    ivec2 pixel = ivec2(gl_FragCoord.xy);
    float depths[GLINT_SAMPLES];
    uvec4 surfaces[GLINT_SAMPLES];
    for (int i = 0; i < GLINT_SAMPLES; ++i) {
        depths[i] = texelFetch(u_gbuffer_depth, pixel, i).r;
        surfaces[i] = texelFetch(u_gbuffer_surface, pixel, i);
    }
    // Bit i of firsts: sample i was drawn and no earlier sample holds its
    // values; 4 bits from 4 i of counts: how many samples hold them. A
    // sample not drawn (the depth as cleared) holds whatever an earlier
    // frame left in the G-buffer, and is left out.
    uint firsts = 0u, counts = 0u;
    float covered = 0.0;
    for (int i = 0; i < GLINT_SAMPLES; ++i) {
        if (depths[i] >= 1.0)
            continue;
        covered += 1.0;
        // One fragment wrote the same values to each sample it covered;
        // two faces that agree in both normals, paint and part lie in one
        // plane (or parallel ones, seen at once only at an edge), so they
        // are shaded at one point too.
        int first = i;
        for (int j = i - 1; j >= 0; --j)
            if (depths[j] < 1.0 && surfaces[j] == surfaces[i])
                first = j;
        if (first == i)
            firsts |= 1u << uint(i);
        counts += 1u << uint(4 * first);
    }
    vec2 centre = vec2(pixel) + 0.5;
    vec3 near = world_at(centre, 0.0);
    vec3 ray = world_at(centre, 1.0) - near;
    vec3 sum = vec3(0.0);
    // Each lane runs as many times as its pixel has distinct values.
    for (uint left = firsts; left != 0u;) {
        uint bit = left & (0u - left);
        left ^= bit;
        int i = ((bit & 0xAAu) != 0u ? 1 : 0) | ((bit & 0xCCu) != 0u ? 2 : 0) |
                ((bit & 0xF0u) != 0u ? 4 : 0);
        float depth = texelFetch(u_gbuffer_depth, pixel, i).r;
        uvec4 surface = texelFetch(u_gbuffer_surface, pixel, i);
        float count = float((counts >> uint(4 * i)) & 15u);
        vec3 geometric = unpack_face(surface.y);
        v_world_position = fragment_position(vec2(pixel) + u_sample_positions[i], depth,
                                             geometric, near, ray);
        v_light_clip = u_light_view_projection * vec4(v_world_position, 1.0);
        v_occlusion = 1.0;
        map_derivatives(v_world_position, geometric);
        int part = clamp(int(surface.y >> 24) - 1, 0, GLINT_PARTS_MAX - 1);
        p_roughness = u_part_paint[part].x;
        p_f0 = u_part_paint[part].y;
        p_metallic = u_part_paint[part].z;
        p_translucency = u_part_paint[part].w;
        p_coat = u_part_coat[part].x;
        p_coat_roughness = u_part_coat[part].y;
        p_highlight = u_part_coat[part].z;
#ifdef GLINT_PLAIN_PAINT
        uvec3 paint = quantise_paint(u_part_base[part].rgb);
#else
        uvec3 paint = uvec3(surface.z & 0xFFFFu, surface.z >> 16, surface.w);
#endif
        vec3 base = vec3(paint) * (2.0 / 65535.0);
        vec3 radiance = shade(unpack_normal(surface.x), base);
        sum += count * (u_deferred_output == 0 ? tonemap(radiance) : radiance);
    }
    float samples = float(GLINT_SAMPLES);
    if (u_deferred_output == 0)
        frag_color = vec4(sum / max(covered, 1.0), covered / samples);
    else
        frag_color = vec4(sum / samples, covered / samples);
}
#else
void main()
{
    vec3 n = seen_normal();
    // The face's own normal, from screen derivatives (turned to agree with
    // the interpolated one by object_face: the derivative's sign depends on
    // the screen).
    vec3 face = normalize(cross(dFdx(v_world_position), dFdy(v_world_position)));
    // The shadow's receiver plane, from derivatives taken before any branch:
    // they need every pixel of the quad.
    vec3 map_position = (v_light_clip.xyz / v_light_clip.w) * 0.5 + 0.5;
    s_map_ddx = dFdx(map_position);
    s_map_ddy = dFdy(map_position);
    out_specular = vec4(0.0);
    out_diffuse = vec4(0.0);
    out_normal = vec4(n, 1.0);
    out_position = vec4(object_point(v_world_position), 1.0);
    out_geometric = vec4(object_face(face, n), 1.0);
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
