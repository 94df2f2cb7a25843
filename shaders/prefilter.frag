#version 330 core
// A room's light prefiltered for one roughness, into one face of one level
// of a cube map: the first half of Karis's split sum ("Real Shading in Unreal
// Engine 4", 2013). GGX importance samples around the direction, with n = v =
// r as the split sum assumes, weighted by n.l; each sample reads the room at
// the level whose texel matches the sample's share of the lobe (filtered
// importance sampling, Colbert and Krivanek 2007, without their one level up:
// that blurred the window's reflection off satin), so few samples are smooth.
// Roughness 0 copies the room.
in vec2 v_uv;

uniform samplerCube u_source; // the room's radiance, mipmapped
uniform int u_face;           // 0..5: +x, -x, +y, -y, +z, -z
uniform float u_roughness;    // perceptual; alpha = roughness^2
uniform float u_source_size;  // texels across a face of the source's level 0
uniform int u_samples;

out vec4 frag_color;

const float PI = 3.14159265;

// scene_room_cube_direction's layout (GL's cube-map table).
vec3 face_direction(int face, vec2 uv)
{
    float u = uv.x * 2.0 - 1.0, v = uv.y * 2.0 - 1.0;
    if (face == 0) return vec3(1.0, -v, -u);
    if (face == 1) return vec3(-1.0, -v, u);
    if (face == 2) return vec3(u, 1.0, v);
    if (face == 3) return vec3(u, -1.0, -v);
    if (face == 4) return vec3(u, -v, 1.0);
    return vec3(-u, -v, -1.0);
}

// Hammersley's point set: i / n and the bits of i reversed.
vec2 hammersley(uint i, uint n)
{
    uint bits = i;
    bits = (bits << 16u) | (bits >> 16u);
    bits = ((bits & 0x55555555u) << 1u) | ((bits & 0xAAAAAAAAu) >> 1u);
    bits = ((bits & 0x33333333u) << 2u) | ((bits & 0xCCCCCCCCu) >> 2u);
    bits = ((bits & 0x0F0F0F0Fu) << 4u) | ((bits & 0xF0F0F0F0u) >> 4u);
    bits = ((bits & 0x00FF00FFu) << 8u) | ((bits & 0xFF00FF00u) >> 8u);
    return vec2(float(i) / float(n), float(bits) * 2.3283064365386963e-10);
}

void main()
{
    vec3 n = normalize(face_direction(u_face, v_uv));
    if (u_roughness <= 0.0) {
        frag_color = vec4(textureLod(u_source, n, 0.0).rgb, 1.0);
        return;
    }
    float alpha = u_roughness * u_roughness;
    float a2 = alpha * alpha;
    vec3 up = abs(n.y) < 0.999 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0);
    vec3 tangent = normalize(cross(up, n));
    vec3 bitangent = cross(n, tangent);
    float texel_solid_angle = 4.0 * PI / (6.0 * u_source_size * u_source_size);
    vec3 sum = vec3(0.0);
    float weight = 0.0;
    uint count = uint(u_samples);
    for (uint i = 0u; i < count; ++i) {
        vec2 xi = hammersley(i, count);
        float phi = 2.0 * PI * xi.x;
        float cos_theta = sqrt((1.0 - xi.y) / (1.0 + (a2 - 1.0) * xi.y));
        float sin_theta = sqrt(1.0 - cos_theta * cos_theta);
        vec3 h = tangent * (sin_theta * cos(phi)) + bitangent * (sin_theta * sin(phi)) +
                 n * cos_theta;
        vec3 l = 2.0 * dot(n, h) * h - n;
        float n_dot_l = dot(n, l);
        if (n_dot_l <= 0.0)
            continue;
        // pdf of l with v = n: D(h) (n.h) / (4 v.h) = D / 4.
        float d = cos_theta * cos_theta * (a2 - 1.0) + 1.0;
        float pdf = a2 / (PI * d * d) / 4.0;
        float sample_solid_angle = 1.0 / (float(count) * pdf + 1e-6);
        float lod = max(0.5 * log2(sample_solid_angle / texel_solid_angle), 0.0);
        sum += textureLod(u_source, l, lod).rgb * n_dot_l;
        weight += n_dot_l;
    }
    frag_color = vec4(sum / max(weight, 1e-6), 1.0);
}
