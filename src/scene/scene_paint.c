#include "scene/scene_paint.h"

#include "core/core_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Linear albedos and metal reflectances; docs/finishes.md, "Paint", says
 * where each value comes from. Primers are matte dielectrics, so their
 * colour is a diffuse albedo; a metal has no diffuse, so its colour is its
 * reflectance at normal incidence (F0), which the shader uses as the tint.
 * Roughness is the paint's own surface, before any varnish: primers dry
 * flat; metallic paints are pigment flakes in a binder, a brushed-metal
 * sheen rather than a mirror (the 0.3 the old metal finish had). */
static const struct named_paint {
    const char *name;
    float color[3];
    float metallic;
    float roughness;
} named_paints[] = {
    {"grey-primer", {0.18f, 0.18f, 0.18f}, 0.0f, 0.70f},  /* a photographer's mid grey card */
    {"white-primer", {0.80f, 0.80f, 0.80f}, 0.0f, 0.70f}, /* titanium-white paint */
    {"black-primer", {0.04f, 0.04f, 0.04f}, 0.0f, 0.70f}, /* carbon-black matte paint */
    {"silver", {0.987f, 0.983f, 0.967f}, 1.0f, 0.30f},    /* Ag, from measured n and k */
    {"gold", {1.000f, 0.710f, 0.315f}, 1.0f, 0.30f},      /* Au */
    {"bronze", {0.955f, 0.714f, 0.475f}, 1.0f, 0.30f},    /* between Cu and brass: an estimate */
    {"copper", {1.000f, 0.650f, 0.527f}, 1.0f, 0.30f},    /* Cu */
};
#define NAMED_COUNT (sizeof named_paints / sizeof *named_paints)

size_t scene_paint_named_count(void)
{
    return NAMED_COUNT;
}

const char *scene_paint_named(size_t index)
{
    return index < NAMED_COUNT ? named_paints[index].name : NULL;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The sRGB transfer curve, inverted (IEC 61966-2-1). */
static float srgb_to_linear(float c)
{
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

/* "#rrggbb" or its shorthand "#rgb" (each digit doubled, as CSS reads it). */
static bool parse_hex(const char *text, scene_paint *paint)
{
    size_t length = strlen(text);
    if (text[0] != '#' || (length != 7 && length != 4))
        return false;
    int value[6];
    for (size_t i = 1; i < length; ++i) {
        value[i - 1] = hex_digit(text[i]);
        if (value[i - 1] < 0)
            return false;
    }
    unsigned bytes[3];
    for (int k = 0; k < 3; ++k) {
        bytes[k] = (unsigned)(length == 7 ? value[2 * k] * 16 + value[2 * k + 1] : value[k] * 17);
        paint->color[k] = srgb_to_linear((float)bytes[k] / 255.0f);
    }
    /* Named as "#rrggbb" in lower case, whichever way it was written. */
    snprintf(paint->name, sizeof paint->name, "#%02x%02x%02x", bytes[0], bytes[1], bytes[2]);
    return true;
}

bool scene_paint_parse(const char *text, scene_paint *paint)
{
    if (!text)
        return false;
    /* A #rrggbb paint is a new colour on the file's surface: roughness
     * below 0 (and metallic) are filled in from the file's paint by
     * scene_part_set_paint. */
    scene_paint parsed = {.source = SCENE_PAINT_CHOSEN, .roughness = -1.0f};
    bool ok = parse_hex(text, &parsed);
    for (size_t i = 0; !ok && i < NAMED_COUNT; ++i) {
        /* "gray" is the same paint in American spelling. */
        bool gray = core_text_same_name(text, "gray-primer") && i == 0;
        if (core_text_same_name(text, named_paints[i].name) || gray) {
            memcpy(parsed.color, named_paints[i].color, sizeof parsed.color);
            parsed.metallic = named_paints[i].metallic;
            parsed.roughness = named_paints[i].roughness;
            snprintf(parsed.name, sizeof parsed.name, "%s", named_paints[i].name);
            ok = true;
        }
    }
    if (ok)
        *paint = parsed;
    return ok;
}

scene_paint scene_paint_from_file(const io_model *model, uint32_t part)
{
    scene_paint paint = {.source = SCENE_PAINT_FILE, .color = {0.6f, 0.6f, 0.6f}};
    scene_finish guess = scene_finish_from_material(0.0f, 0.0f, 0.0f);
    paint.roughness = guess.roughness;
    if (part >= model->part_count)
        return paint;
    const io_part *src = &model->parts[part];
    if (src->material < model->material_count) {
        const io_material *m = &model->materials[src->material];
        memcpy(paint.color, m->base_color, sizeof paint.color);
        /* The material is one surface, so its roughness and metallic are the
         * paint's; a varnish (--finish) goes over them. */
        guess = scene_finish_from_material(m->shininess, m->pbr_roughness, m->pbr_metallic);
        paint.roughness = guess.roughness;
        paint.metallic = guess.metallic;
        if (m->texture_state == IO_TEXTURE_LOADED)
            paint.source = SCENE_PAINT_TEXTURE;
    }
    /* Vertex colours win over a texture: they are per vertex of this very
     * mesh, where a texture may be a material's shared default. */
    if (src->vertex_colored && model->colors) {
        paint.source = SCENE_PAINT_VERTEX;
        /* glTF's spec multiplies COLOR_0 by the base colour factor (1 unless
         * stated). Elsewhere the colours are the paint as they are: PLY has
         * no materials, and an OBJ's Kd (or the loader's 0.6 grey default)
         * would only darken a scan's or a polypaint's colours. */
        if (model->format != IO_FORMAT_GLTF && model->format != IO_FORMAT_GLB)
            paint.color[0] = paint.color[1] = paint.color[2] = 1.0f;
    }
    return paint;
}

void scene_part_set_paint(scene_part *part, const scene_paint *paint)
{
    part->paint = paint ? *paint : part->file_paint;
    if (part->paint.roughness < 0.0f) {
        /* A colour alone: the file's surface keeps its roughness, metallic
         * and translucency, as it did before paint had them. */
        part->paint.roughness = part->file_paint.roughness;
        part->paint.metallic = part->file_paint.metallic;
        part->paint.translucency = part->file_paint.translucency;
    }
    memcpy(part->base_color, part->paint.color, sizeof part->base_color);
}

float scene_paint_metallic(const scene_paint *paint, const scene_finish *finish)
{
    return scene_paint_layers(paint, finish, 0.0f).metallic;
}

scene_layers scene_paint_layers(const scene_paint *paint, const scene_finish *finish,
                                float roughness_override)
{
    scene_layers layers = {
        .paint_roughness = paint->roughness >= 0.0f ? paint->roughness : 0.42f,
        .metallic = paint->metallic,
        .translucency = paint->translucency,
        .coat = finish->coat > 0.5f ? 1.0f : 0.0f,
        .coat_roughness = finish->roughness,
        .coat_f0 = finish->f0,
    };
    if (scene_finish_is_alias(finish->kind)) {
        /* The deprecated finishes set the paint, as they looked before. */
        layers.paint_roughness = finish->roughness;
        layers.metallic = fmaxf(layers.metallic, finish->metallic);
        layers.translucency = fmaxf(layers.translucency, finish->translucency);
    }
    if (layers.coat == 0.0f)
        layers.coat_roughness = 0.0f;
    if (roughness_override > 0.0f) {
        /* --roughness moves the outermost surface: the varnish, or the paint
         * when there is none. */
        if (layers.coat > 0.0f)
            layers.coat_roughness = fminf(roughness_override, 1.0f);
        else
            layers.paint_roughness = fminf(roughness_override, 1.0f);
    }
    layers.paint_roughness = fminf(fmaxf(layers.paint_roughness, 0.02f), 1.0f);
    return layers;
}
