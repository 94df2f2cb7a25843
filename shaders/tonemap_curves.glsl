// The tone curves, shared by tonemap.frag's resolve and lit.frag's deferred
// lighting pass (which tone-maps each sample before the average); the
// includer declares u_exposure (2^EV) and u_tonemap.

// Khronos PBR Neutral: leaves colours below ~0.76 as they are (so paint reads
// true) and rolls highlights off towards white.
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

vec3 tonemap_aces(vec3 x)
{
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

vec3 tonemap(vec3 radiance)
{
    vec3 exposed = max(radiance * u_exposure, 0.0);
    return u_tonemap == 0 ? tonemap_neutral(exposed)
         : u_tonemap == 1 ? tonemap_aces(exposed)
                          : clamp(exposed, 0.0, 1.0);
}
