#version 330 core
// Linear HDR radiance to display values: exposure in EV, a tone map, sRGB
// encoding, and the model composited over the background by its coverage
// (the resolved alpha), so silhouettes stay anti-aliased.
in vec2 v_uv;

uniform sampler2D u_radiance;
uniform sampler2DMS u_radiance_samples; // the same before the resolve
uniform int u_samples;                  // its samples per pixel (0: none, read u_radiance)
uniform float u_exposure;  // 2^EV
uniform int u_tonemap;     // 0 Khronos PBR Neutral, 1 ACES (Narkowicz fit), 2 none
uniform int u_passthrough; // 1: the values are already display values (normals, silhouette)
uniform vec3 u_background; // linear
uniform vec3 u_silhouette; // linear, for the silhouette view
uniform float u_lod;       // > 0: read a smaller level (the squint view)
uniform int u_transparent; // 1: write coverage as alpha instead of the background

out vec4 frag_color;

#include "tonemap_curves.glsl"

vec3 linear_to_srgb(vec3 c)
{
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

#ifdef GLINT_TONEMAPPED
// After the deferred lighting pass, which tone-mapped each sample (lit.frag):
// the display values and the coverage, only composited and encoded here. A
// variant of its own, since llvmpipe runs every branch of the general pass
// below for each pixel, if only under a mask (docs/PERFORMANCE.md, "Session
// 13").
void main()
{
    vec4 sampled = textureLod(u_radiance, v_uv, 0.0);
    float coverage = clamp(sampled.a, 0.0, 1.0);
    // Straight alpha, as PNG wants, where the background is left out.
    bool transparent = u_transparent == 1;
    vec3 shown = transparent ? sampled.rgb : mix(u_background, sampled.rgb, coverage);
    vec3 encoded = linear_to_srgb(shown);
    frag_color = transparent ? vec4(coverage > 0.0 ? encoded : vec3(0.0), coverage)
                             : vec4(encoded, 1.0);
}
#else
void main()
{
    vec4 sampled = textureLod(u_radiance, v_uv, u_lod);
    float coverage = clamp(sampled.a, 0.0, 1.0);
    vec3 color;
    if (u_passthrough == 1) {
        color = sampled.rgb / max(coverage, 1e-4); // undo the resolve's premultiplication
    } else if (u_passthrough == 2) {
        color = u_silhouette;
    } else if (u_samples > 1 && u_lod == 0.0) {
        // Tone map each sample, then average what the display shows: the
        // model's samples weighted by their coverage (background samples are
        // clear, alpha 0), so mixing with the background below is the mean
        // of the samples composited one by one.
        // Inside a triangle MSAA shades once, so the samples agree: one tone
        // map then (most pixels); only where they differ, one per sample.
        ivec2 pixel = ivec2(gl_FragCoord.xy);
        vec4 first = texelFetch(u_radiance_samples, pixel, 0);
        bool alike = true;
        for (int i = 1; i < u_samples; ++i)
            alike = alike && texelFetch(u_radiance_samples, pixel, i) == first;
        if (alike) {
            coverage = clamp(first.a, 0.0, 1.0);
            color = tonemap(first.rgb / max(coverage, 1e-4));
        } else {
            vec3 sum = vec3(0.0);
            float covered = 0.0;
            for (int i = 0; i < u_samples; ++i) {
                vec4 s = texelFetch(u_radiance_samples, pixel, i);
                float a = clamp(s.a, 0.0, 1.0);
                sum += a * tonemap(s.rgb / max(a, 1e-4));
                covered += a;
            }
            coverage = covered / float(u_samples);
            color = sum / max(covered, 1e-4);
        }
    } else {
        color = tonemap(sampled.rgb / max(coverage, 1e-4));
    }
    if (u_transparent == 1) {
        // Straight alpha, as PNG wants: the model's colour, its coverage.
        vec3 encoded = u_passthrough == 1 ? color : linear_to_srgb(color);
        frag_color = vec4(coverage > 0.0 ? encoded : vec3(0.0), coverage);
        return;
    }
    if (u_passthrough == 1) {
        // Normals are data: encode as they are, no sRGB curve.
        frag_color = vec4(mix(linear_to_srgb(u_background), color, coverage), 1.0);
        return;
    }
    frag_color = vec4(linear_to_srgb(mix(u_background, color, coverage)), 1.0);
}
#endif
