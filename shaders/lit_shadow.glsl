// lit.frag's soft shadows, included by it (gfx expands `#include`): the
// lamp's shadow map read by a receiver-plane PCSS; reads lit.frag's u_shadow_*
// and u_light_* uniforms and the receiver plane's s_map_ddx/ddy.

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
    // A tap in front of the receiver's plane hides its share of the lamp (a
    // caster is taken as solid behind the surface the map holds). With no
    // blocker inside the cone, only what crosses the cone at its own depth
    // does: a bump of the surface beside the point, barely in front of its
    // plane, hides nothing.
    // A bump's own filter is a texel or two across: 4 taps do; the sample's
    // knit and folds are full of them, and 32 there cost 15 % of a render.
    // The filter's bias is four times the search's: the search only has to
    // tell a blocker from the surface, but each filter tap that the
    // surface's own curvature or facets put a hair in front of its plane is a
    // share of the lamp lost, and on the sample's knit those made shadows
    // Cycles has none of.
    bias = 4.0 * (bias_near + 0.01 * steepness * radius);
    // A blocker whose cone is under a texel (the 2 mm lamp's shadows of the
    // knit's bumps, cast from 0.3-3.6 mm away: 0.005-0.06 mm penumbrae where
    // a texel is 0.052 mm) gets a ramp, not a disc two texels wide: each of
    // the 2x2 texels around the point compared as the taps are and weighted
    // bilinearly, the ramp narrowed to the cone's width, between half a
    // texel (a full texel's ramp left the 2 mm lamp at 1.29x Cycles'
    // penumbra, half 1.08x) and an eighth (narrower aliases into stairs at
    // the map's texels). 4 reads, as the small filter had.
    float cone_radius = cone_near - cone_slope * blocker;
    if (!solid && cone_radius < u_shadow_texel) {
        vec2 st = uv * texels - 0.5;
        ivec2 base = ivec2(floor(st));
        float sharp = clamp(u_shadow_texel / max(2.0 * cone_radius, 1e-9), 2.0, 8.0);
        vec2 f = clamp((st - vec2(base) - 0.5) * sharp + 0.5, 0.0, 1.0);
        float lit = 0.0;
        for (int i = 0; i < 4; ++i) {
            ivec2 corner = ivec2(i & 1, i >> 1);
            ivec2 texel = clamp(base + corner, ivec2(0), last);
            vec2 offset = (vec2(texel) + 0.5) * u_shadow_texel - uv;
            float d = texelFetch(u_shadow_map, texel, 0).r;
            bool hides = d < map_position.z + dot(gradient, offset) - bias;
            if (hides) {
                float cone = max(cone_near - cone_slope * d + tolerance, 0.0);
                hides = dot(offset, offset) <= cone * cone;
            }
            vec2 w = mix(1.0 - f, f, vec2(corner));
            lit += hides ? 0.0 : w.x * w.y;
        }
        return lit;
    }
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
