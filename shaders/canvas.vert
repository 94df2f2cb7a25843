#version 330 core
// 2D drawing in framebuffer pixels from the top-left (the HUD's coordinates),
// turned into clip space here so the CPU side never needs a matrix.
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_color;

uniform vec2 u_framebuffer_size;

out vec4 v_color;
out vec2 v_pixel;

void main()
{
    v_color = a_color;
    v_pixel = a_position;
    vec2 ndc = a_position / u_framebuffer_size * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
