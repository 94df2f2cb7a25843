#ifndef GLINT_GFX_SHADER_TABLE_H
#define GLINT_GFX_SHADER_TABLE_H

/* The shaders/ folder as built into the binary (see cmake/embed_files.cmake). */
typedef struct gfx_shader_file {
    const char *name;   /* file name, e.g. "lit.frag" */
    const char *source; /* NUL-terminated GLSL */
} gfx_shader_file;

/* Ends with a {NULL, NULL} entry. */
extern const gfx_shader_file gfx_embedded_shaders[];

#endif
