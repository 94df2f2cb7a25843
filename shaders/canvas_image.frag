#version 330 core
// An image stretched over a rectangle: the texture coordinate comes from the
// pixel's place in the rectangle, so the quad needs no per-vertex UVs. Row 0
// of the texture is the image's top row, as gfx uploads images.
in vec4 v_color; // alpha: the opacity
in vec2 v_pixel;

uniform sampler2D u_image;
uniform vec4 u_rect;         // x, y, width, height in pixels
uniform int u_encode_srgb;   // 1: an sRGB texture, whose samples are linear

out vec4 frag_color;

vec3 encode_srgb(vec3 linear)
{
    vec3 c = clamp(linear, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

void main()
{
    vec2 uv = (v_pixel - u_rect.xy) / u_rect.zw;
    vec4 texel = texture(u_image, uv);
    if (u_encode_srgb == 1)
        texel.rgb = encode_srgb(texel.rgb);
    frag_color = vec4(texel.rgb, texel.a * v_color.a);
}
