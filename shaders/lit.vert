#version 330 core
// The turntable only rotates and translates the model, so mat3(u_model) is
// already the normal matrix: no inverse-transpose needed.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in vec3 a_color; // linear; 1,1,1 where the file has none
layout(location = 4) in float a_occlusion; // baked ambient occlusion; 1 without a room

uniform mat4 u_model;
uniform mat4 u_view;
uniform mat4 u_projection;
uniform mat4 u_light_view_projection;

out vec3 v_world_position;
out vec3 v_world_normal;
out vec2 v_uv;
out vec3 v_color;
out vec4 v_light_clip; // where the shadow map sees this point
out float v_occlusion;

void main()
{
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world_position = world.xyz;
    v_world_normal = mat3(u_model) * a_normal;
    v_uv = a_uv;
    v_color = a_color;
    v_light_clip = u_light_view_projection * world;
    v_occlusion = a_occlusion;
    gl_Position = u_projection * u_view * world;
}
