#version 330 core
// Text and shapes: the font atlas's coverage (white where there is no glyph)
// times the vertex colour.
in vec2 v_uv;
in vec4 v_color;

uniform sampler2D u_image;

out vec4 frag_color;

void main()
{
    frag_color = v_color * texture(u_image, v_uv);
}
