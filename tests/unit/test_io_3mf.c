#include "../check.h"

#include "core/core_log.h"
#include "core/core_result.h"
#include "io/io_model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <unistd.h>

/* 3MF through lib3mf, from zips written here: the unit attribute stated,
 * base materials and a colour group as parts and paint, a build item's
 * transform applied, a model past the first 4 KB found, and a zip that is
 * not a 3MF named. */

static float srgb(float v) /* the sRGB decode, written out independently */
{
    return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

static void put_u32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[i] = (unsigned char)(v >> (8 * i));
}

static void put_u16(unsigned char *b, uint16_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
}

static core_result load(const void *bytes, size_t size, const char *name, io_model *model)
{
    return io_model_load_memory(bytes, size, name, NULL, NULL, model);
}

static void write_file(const char *path, const void *bytes, size_t size)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(bytes, 1, size, f) == size);
        fclose(f);
    }
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

typedef struct zip_entry {
    const char *name;
    const char *data;
} zip_entry;

static unsigned char *make_zip(const zip_entry *entries, int count, size_t *size)
{
    size_t total = 22;
    for (int i = 0; i < count; ++i)
        total += 30 + 46 + 2 * strlen(entries[i].name) + strlen(entries[i].data);
    unsigned char *b = calloc(1, total), *p = b;
    if (!b)
        return NULL;
    uint32_t offsets[8];
    for (int i = 0; i < count; ++i) {
        size_t nl = strlen(entries[i].name), dl = strlen(entries[i].data);
        uint32_t crc = crc32_of((const unsigned char *)entries[i].data, dl);
        offsets[i] = (uint32_t)(p - b);
        put_u32(p, 0x04034b50u);
        put_u16(p + 4, 20);
        put_u32(p + 14, crc);
        put_u32(p + 18, (uint32_t)dl);
        put_u32(p + 22, (uint32_t)dl);
        put_u16(p + 26, (uint16_t)nl);
        memcpy(p + 30, entries[i].name, nl);
        memcpy(p + 30 + nl, entries[i].data, dl);
        p += 30 + nl + dl;
    }
    unsigned char *central = p;
    for (int i = 0; i < count; ++i) {
        size_t nl = strlen(entries[i].name), dl = strlen(entries[i].data);
        put_u32(p, 0x02014b50u);
        put_u16(p + 4, 20);
        put_u16(p + 6, 20);
        put_u32(p + 16, crc32_of((const unsigned char *)entries[i].data, dl));
        put_u32(p + 20, (uint32_t)dl);
        put_u32(p + 24, (uint32_t)dl);
        put_u16(p + 28, (uint16_t)nl);
        put_u32(p + 42, offsets[i]);
        memcpy(p + 46, entries[i].name, nl);
        p += 46 + nl;
    }
    put_u32(p, 0x06054b50u);
    put_u16(p + 8, (uint16_t)count);
    put_u16(p + 10, (uint16_t)count);
    put_u32(p + 12, (uint32_t)(p - central));
    put_u32(p + 16, (uint32_t)(central - b));
    p += 22;
    *size = (size_t)(p - b);
    return b;
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"model\" ContentType="
    "\"application/vnd.ms-package.3dmanufacturing-3dmodel+xml\"/></Types>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Target=\"/3D/3dmodel.model\" "
    "Id=\"rel0\" Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel\"/>"
    "</Relationships>";

/* A tetrahedron in inches, moved 10 along x by its build item: two faces
 * red (the object's default material), one grey, one from a colour group. */
static unsigned char *make_3mf(const char *unit, size_t *size)
{
    static char model[4096];
    snprintf(model, sizeof model,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"%s\" xml:lang=\"en-US\" "
             "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\" "
             "xmlns:m=\"http://schemas.microsoft.com/3dmanufacturing/material/2015/02\">"
             "<resources><basematerials id=\"1\"><base name=\"Red\" displaycolor=\"#FF0000\"/>"
             "<base name=\"Grey\" displaycolor=\"#808080\"/></basematerials>"
             "<m:colorgroup id=\"2\"><m:color color=\"#00FF40\"/></m:colorgroup>"
             "<object id=\"3\" type=\"model\" name=\"Tet\" pid=\"1\" pindex=\"0\"><mesh><vertices>"
             "<vertex x=\"0\" y=\"0\" z=\"0\"/><vertex x=\"1\" y=\"0\" z=\"0\"/>"
             "<vertex x=\"0\" y=\"1\" z=\"0\"/><vertex x=\"0\" y=\"0\" z=\"1\"/></vertices>"
             "<triangles><triangle v1=\"0\" v2=\"2\" v3=\"1\"/><triangle v1=\"0\" v2=\"1\" "
             "v3=\"3\"/><triangle v1=\"0\" v2=\"3\" v3=\"2\" pid=\"1\" p1=\"1\"/>"
             "<triangle v1=\"1\" v2=\"2\" v3=\"3\" pid=\"2\" p1=\"0\"/></triangles></mesh>"
             "</object></resources><build><item objectid=\"3\" "
             "transform=\"1 0 0 0 1 0 0 0 1 10 0 0\"/></build></model>",
             unit);
    /* A thumbnail-sized member first puts the model's name past the first
     * 4 KB, where io_model_load's first look cannot see it. */
    static char padding[6001];
    memset(padding, 'x', sizeof padding - 1);
    zip_entry entries[] = {{"[Content_Types].xml", content_types},
                           {"_rels/.rels", rels},
                           {"Metadata/notes.txt", padding},
                           {"3D/3dmodel.model", model}};
    return make_zip(entries, 4, size);
}

static const io_part *find_part(const io_model *m, const char *name)
{
    for (uint32_t p = 0; p < m->part_count; ++p) {
        if (strcmp(m->parts[p].name, name) == 0)
            return &m->parts[p];
    }
    return NULL;
}

static void test_3mf(void)
{
    size_t size;
    unsigned char *zip = make_3mf("inch", &size);
    io_model m;
    CHECK(io_detect_format((const char *)zip, size) == IO_FORMAT_3MF);
    CHECK(load(zip, size, "tet.3mf", &m) == CORE_OK);
    CHECK(m.format == IO_FORMAT_3MF);
    CHECK_NEAR(m.mm_per_unit, 25.4, 1e-6);
    CHECK(strcmp(m.units_stated_by, "3MF unit=\"inch\"") == 0);
    CHECK(m.stated_up == IO_AXIS_POS_Z);
    CHECK(m.index_count == 12 && m.part_count == 3);
    const io_part *red = find_part(&m, "Tet.Red");
    const io_part *grey = find_part(&m, "Tet.Grey");
    const io_part *painted = find_part(&m, "Tet.colours");
    CHECK(red && red->index_count == 6 && !red->vertex_colored);
    CHECK(grey && grey->index_count == 3);
    CHECK(painted && painted->index_count == 3 && painted->vertex_colored && m.colors);
    if (red && grey) {
        CHECK_NEAR(m.materials[red->material].base_color[0], 1.0, 1e-6);
        CHECK_NEAR(m.materials[red->material].base_color[1], 0.0, 1e-6);
        CHECK_NEAR(m.materials[grey->material].base_color[1], srgb(128 / 255.0f), 1e-5);
    }
    if (painted && m.colors) {
        uint32_t v = m.indices[painted->first_index];
        CHECK_NEAR(m.colors[3 * v], 0.0, 1e-6);
        CHECK_NEAR(m.colors[3 * v + 1], 1.0, 1e-6);
        CHECK_NEAR(m.colors[3 * v + 2], srgb(64 / 255.0f), 1e-5);
    }
    if (red && m.colors) { /* parts without colours hold white */
        uint32_t v = m.indices[red->first_index];
        CHECK_NEAR(m.colors[3 * v], 1.0, 0);
    }
    float lo = 1e9f, hi = -1e9f;
    for (uint32_t v = 0; v < m.vertex_count; ++v) {
        lo = fminf(lo, m.positions[3 * v]);
        hi = fmaxf(hi, m.positions[3 * v]);
    }
    CHECK_NEAR(lo, 10.0, 1e-6); /* the build item's translation */
    CHECK_NEAR(hi, 11.0, 1e-6);
    io_model_unload(&m);
    free(zip);

    /* Over 4 KB, through io_model_load: read whole, never refused from its
     * first bytes as a zip without a model. */
    zip = make_3mf("inch", &size);
    write_file("test_io_3mf_big.3mf", zip, size);
    CHECK(io_model_load("test_io_3mf_big.3mf", NULL, &m) == CORE_OK);
    CHECK(m.format == IO_FORMAT_3MF && m.index_count == 12);
    io_model_unload(&m);
    unlink("test_io_3mf_big.3mf");
    free(zip);

    zip = make_3mf("micron", &size);
    CHECK(load(zip, size, "tet.3mf", &m) == CORE_OK);
    CHECK_NEAR(m.mm_per_unit, 0.001, 1e-9);
    io_model_unload(&m);
    free(zip);

    /* A zip that is not a 3MF says so. */
    zip_entry other[] = {{"readme.txt", "hello"}};
    zip = make_zip(other, 1, &size);
    CHECK(io_detect_format((const char *)zip, size) == IO_FORMAT_UNKNOWN);
    CHECK(load(zip, size, "stuff.zip", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "stuff.zip: a zip archive but not a 3MF") == core_last_error());
    free(zip);
}

/* ---- a zip bomb ------------------------------------------------------------------------------ */

/* The tetrahedron's 3MF with `vertices` extra vertices in its model part,
 * which is deflated (about 1000:1 for so regular a text), and the sizes the
 * zip declares for it replaced by `declared` when that is not 0 (a lie:
 * libzip reads the part to its end whatever they say). */
static unsigned char *make_deflated_3mf(size_t vertices, uint32_t declared, size_t *size,
                                        size_t *expanded)
{
    const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\" "
                       "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\">"
                       "<resources><object id=\"1\" type=\"model\"><mesh><vertices>"
                       "<vertex x=\"0\" y=\"0\" z=\"0\"/><vertex x=\"1\" y=\"0\" z=\"0\"/>"
                       "<vertex x=\"0\" y=\"1\" z=\"0\"/>";
    const char *vertex = "<vertex x=\"0\" y=\"0\" z=\"1\"/>";
    const char *tail = "</vertices><triangles><triangle v1=\"0\" v2=\"1\" v3=\"2\"/></triangles>"
                       "</mesh></object></resources><build><item objectid=\"1\"/></build></model>";
    size_t hl = strlen(head), vl = strlen(vertex), tl = strlen(tail);
    size_t text_size = hl + vertices * vl + tl;
    char *text = malloc(text_size);
    unsigned char *packed = malloc(compressBound((uLong)text_size));
    unsigned char *zip = NULL;
    size_t stored_size = 0;
    if (!text || !packed)
        goto done;
    memcpy(text, head, hl);
    for (size_t i = 0; i < vertices; ++i)
        memcpy(text + hl + i * vl, vertex, vl);
    memcpy(text + hl + vertices * vl, tail, tl);
    z_stream z;
    memset(&z, 0, sizeof z);
    CHECK(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)text_size;
    z.next_out = packed;
    z.avail_out = (uInt)compressBound((uLong)text_size);
    CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
    size_t packed_size = z.total_out;
    deflateEnd(&z);
    /* The other parts are stored: build the zip with the model stored as a
     * placeholder of the packed size, then put the deflated bytes and the
     * method, CRC and sizes in its two headers. */
    char *placeholder = malloc(packed_size + 1);
    if (!placeholder)
        goto done;
    memset(placeholder, 'x', packed_size);
    placeholder[packed_size] = '\0';
    zip_entry entries[] = {{"[Content_Types].xml", content_types},
                           {"_rels/.rels", rels},
                           {"3D/3dmodel.model", placeholder}};
    zip = make_zip(entries, 3, &stored_size);
    free(placeholder);
    if (!zip)
        goto done;
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)text, (uInt)text_size);
    uint32_t claimed = declared ? declared : (uint32_t)text_size;
    unsigned char *local = zip + 30 + 19 + strlen(content_types) + 30 + 11 + strlen(rels);
    unsigned char *central = zip + stored_size - 22 - 46 - 16;
    CHECK(local[0] == 'P' && central[0] == 'P' && central[1] == 'K' && central[2] == 1);
    memcpy(local + 30 + 16, packed, packed_size);
    put_u16(local + 8, 8);
    put_u32(local + 14, crc);
    put_u32(local + 22, claimed);
    put_u16(central + 10, 8);
    put_u32(central + 16, crc);
    put_u32(central + 24, claimed);
    *size = stored_size;
    *expanded = text_size;
done:
    free(text);
    free(packed);
    return zip;
}

static void test_zip_bomb(void)
{
    size_t size = 0, expanded = 0;
    io_model m;
    /* 12 MB of XML in a few kilobytes. */
    unsigned char *zip = make_deflated_3mf(450000, 0, &size, &expanded);
    CHECK(zip != NULL && expanded > 12000000 && size < expanded / 200);
    if (!zip)
        return;
    io_load_desc roomy = {.max_file_bytes = 64u << 20}, tight = {.max_file_bytes = 8u << 20};
    CHECK(io_model_load_memory((const char *)zip, size, "big.3mf", NULL, &roomy, &m) == CORE_OK);
    CHECK(m.vertex_count >= 3 && m.index_count == 3);
    io_model_unload(&m);
    CHECK(io_model_load_memory((const char *)zip, size, "bomb.3mf", NULL, &tight, &m) ==
          CORE_ERR_TOO_LARGE);
    CHECK(strcmp(core_last_error(), "bomb.3mf: 3MF: its parts expand to more than 8388608 "
                                    "bytes, the limit for a model (a zip bomb, or a model too "
                                    "large to read)") == 0);
    free(zip);
    /* Sizes that lie do not get it through. */
    zip = make_deflated_3mf(450000, 1000, &size, &expanded);
    CHECK(zip != NULL);
    if (zip)
        CHECK(io_model_load_memory((const char *)zip, size, "liar.3mf", NULL, &tight, &m) ==
              CORE_ERR_TOO_LARGE);
    free(zip);
}

/* ---- objects in other model parts (Bambu Studio's p:path) ------------------------------------ */

#define PRODUCTION "xmlns:p=\"http://schemas.microsoft.com/3dmanufacturing/production/2015/06\""
#define TETRA                                                                                      \
    "<mesh><vertices><vertex x=\"0\" y=\"0\" z=\"0\"/><vertex x=\"1\" y=\"0\" z=\"0\"/>"           \
    "<vertex x=\"0\" y=\"1\" z=\"0\"/><vertex x=\"0\" y=\"0\" z=\"1\"/></vertices><triangles>"     \
    "<triangle v1=\"0\" v2=\"2\" v3=\"1\"/><triangle v1=\"0\" v2=\"1\" v3=\"3\"/>"                 \
    "<triangle v1=\"0\" v2=\"3\" v3=\"2\" paint_color=\"4\"/><triangle v1=\"1\" v2=\"2\" "         \
    "v3=\"3\"/></triangles></mesh>"

/* The root's object 3 made of two components, the objects 1 and 2 of
 * 3D/Objects/object_1.model (the second 5 mm along x), UUIDs repeated
 * between the parts as a careless writer might; `second` is the second
 * component's path and object; `object_extra` goes into the part's first
 * object tag; `settings` names the parts (or, NULL, no settings). */
static unsigned char *make_bambu(const char *second, const char *object_extra, const char *settings,
                                 size_t *size)
{
    static char root[2048], part[2048];
    snprintf(root, sizeof root,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\" "
             "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\" " PRODUCTION
             " requiredextensions=\"p\"><resources><object id=\"3\" "
             "p:UUID=\"00000001-61cb-4c03-9d28-80fed5dfa1dc\" "
             "type=\"model\"><components><component p:path=\"/3D/Objects/object_1.model\" "
             "objectid=\"1\" p:UUID=\"00010000-b206-40ff-9872-83e8017abed1\"/><component %s "
             "transform=\"1 0 0 0 1 0 0 0 1 5 0 "
             "0\"/></components></object></resources><build><item objectid=\"3\" "
             "transform=\"1 0 0 0 1 0 0 0 1 0 0 0\"/></build></model>",
             second);
    snprintf(part, sizeof part,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\" "
             "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\" " PRODUCTION
             " requiredextensions=\"p\"><resources><object id=\"1\" "
             "p:UUID=\"00000001-61cb-4c03-9d28-80fed5dfa1dc\" "
             "type=\"model\"%s>" TETRA
             "</object><object id=\"2\" p:UUID=\"00010000-b206-40ff-9872-83e8017abed1\" "
             "type=\"model\">" TETRA "</object></resources><build/></model>",
             object_extra);
    static const char model_rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas."
        "openxmlformats.org/package/2006/relationships\"><Relationship Target=\"/3D/Objects/"
        "object_1.model\" Id=\"rel-1\" Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/"
        "01/3dmodel\"/></Relationships>";
    zip_entry entries[] = {{"[Content_Types].xml", content_types},
                           {"_rels/.rels", rels},
                           {"3D/3dmodel.model", root},
                           {"3D/_rels/3dmodel.model.rels", model_rels},
                           {"3D/Objects/object_1.model", part},
                           {"Metadata/model_settings.config", settings ? settings : ""},
                           {"Metadata/project_settings.config",
                            "{\"filament_colour\": [\"#FF0000\", \"#00FF00FF\", \"mauve\"]}"}};
    return make_zip(entries, settings ? 7 : 5, size);
}

static const char bambu_settings[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config><object id=\"3\"><metadata "
    "key=\"name\" value=\"figure.stl\"/><metadata key=\"extruder\" value=\"2\"/><part id=\"1\" "
    "subtype=\"normal_part\"><metadata key=\"extruder\" value=\"1\"/><metadata "
    "key=\"name\" value=\"cloak\"/></part><part id=\"2\" subtype=\"normal_part\"><metadata "
    "key=\"matrix\" value=\"1\"/><metadata key=\"name\" value=\"sword\"/></part></object></config>";

static core_result load_bambu(const char *second, const char *object_extra, const char *settings,
                              io_model *model)
{
    size_t size = 0;
    unsigned char *zip = make_bambu(second, object_extra, settings, &size);
    CHECK(zip != NULL);
    core_result r = zip ? load(zip, size, "figure.3mf", model) : CORE_ERR_NO_MEMORY;
    free(zip);
    return r;
}

static void test_production_paths(void)
{
    static const char second[] = "p:path=\"/3D/Objects/object_1.model\" objectid=\"2\"";
    io_model m;
    CHECK(load_bambu(second, "", bambu_settings, &m) == CORE_OK);
    CHECK(m.part_count == 2 && m.index_count == 24);
    CHECK(find_part(&m, "cloak") != NULL && find_part(&m, "sword") != NULL);
    float high = -1e30f;
    for (uint32_t v = 0; v < m.vertex_count; ++v)
        high = m.positions[3 * v] > high ? m.positions[3 * v] : high;
    CHECK(fabsf(high - 6.0f) < 1e-4f); /* the second component moved 5 mm */
    /* Painted with their filaments: the cloak its own (1, red), the sword its
     * object's (2, green; "#RRGGBBAA" loses its alpha). */
    const io_part *cloak = find_part(&m, "cloak"), *sword = find_part(&m, "sword");
    if (cloak && sword) {
        const float *red = m.materials[cloak->material].base_color;
        const float *green = m.materials[sword->material].base_color;
        CHECK(red[0] == 1.0f && red[1] == 0.0f && red[2] == 0.0f);
        CHECK(green[0] == 0.0f && green[1] == 1.0f && green[2] == 0.0f);
    }
    io_model_unload(&m);

    /* The object's own name wins; without the settings, lib3mf's names. */
    CHECK(load_bambu(second, " name=\"Cape\"", bambu_settings, &m) == CORE_OK);
    CHECK(find_part(&m, "Cape") != NULL && find_part(&m, "sword") != NULL);
    io_model_unload(&m);
    CHECK(load_bambu(second, "", NULL, &m) == CORE_OK);
    CHECK(m.part_count == 2 && find_part(&m, "cloak") == NULL);
    io_model_unload(&m);

    /* What cannot be gathered is one line naming the file. */
    static const struct {
        const char *second, *object_extra, *says;
    } bad[] = {
        {"p:path=\"/3D/Objects/nope.model\" objectid=\"2\"", "",
         "figure.3mf: 3MF: names the model part /3D/Objects/nope.model, which is not in the file"},
        {"p:path=\"/3D/Objects/object_1.model\" objectid=\"9\"", "",
         "figure.3mf: 3MF: a component names an object its model part does not hold"},
        {second, " pid=\"1\" pindex=\"0\"",
         "figure.3mf: 3MF: an object in another model part has components or materials"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        CHECK(load_bambu(bad[i].second, bad[i].object_extra, bambu_settings, &m) == CORE_ERR_PARSE);
        CHECK(strstr(core_last_error(), bad[i].says) != NULL);
        if (!strstr(core_last_error(), bad[i].says))
            printf("got: %s\n", core_last_error());
    }
}

int main(void)
{
    core_log_set_level(CORE_LOG_NONE);
    test_3mf();
    test_zip_bomb();
    test_production_paths();
    return check_done("test_io_3mf");
}
