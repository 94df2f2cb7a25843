#version 330 core
// First light: Lambert diffuse from one point lamp with inverse-square
// falloff, a normalised Blinn-Phong highlight from the material's Ks/Ns, and
// a dim ambient fill. The physically based shading replaces this later.
in vec3 v_world_position;
in vec3 v_world_normal;
in vec2 v_uv;

uniform vec3 u_eye;
uniform vec3 u_lamp_position;
uniform float u_lamp_intensity; // irradiance at distance 1
uniform float u_ambient;
uniform vec3 u_base_color;      // linear
uniform float u_has_texture;    // 1 when u_base_color_texture holds map_Kd
uniform sampler2D u_base_color_texture;
uniform float u_specular;
uniform float u_shininess;

out vec4 frag_color;

const float PI = 3.14159265;

vec3 linear_to_srgb(vec3 c)
{
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

void main()
{
    // OBJ's v runs up the image; the texture's rows run down from the top.
    vec3 texel = texture(u_base_color_texture, vec2(v_uv.x, 1.0 - v_uv.y)).rgb;
    vec3 base_color = u_base_color * mix(vec3(1.0), texel, u_has_texture);
    vec3 n = normalize(v_world_normal);
    vec3 to_lamp = u_lamp_position - v_world_position;
    float distance_squared = dot(to_lamp, to_lamp);
    vec3 l = to_lamp * inversesqrt(distance_squared);
    vec3 v = normalize(u_eye - v_world_position);
    vec3 h = normalize(l + v);

    float n_dot_l = max(dot(n, l), 0.0);
    float irradiance = u_lamp_intensity / distance_squared * n_dot_l;
    vec3 diffuse = base_color * irradiance;
    float lobe = (u_shininess + 8.0) / (8.0 * PI) * pow(max(dot(n, h), 0.0), u_shininess);
    vec3 highlight = vec3(u_specular * lobe * irradiance);
    vec3 fill = base_color * u_ambient;

    frag_color = vec4(linear_to_srgb(diffuse + highlight + fill), 1.0);
}
