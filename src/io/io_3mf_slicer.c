#include "io/io_internal.h"
#include "io/io_xml_scan.h"

#include <cjson/cJSON.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* What Bambu Studio and OrcaSlicer keep beside the model, read as a
 * courtesy (a file without it, or with it malformed, reads as before):
 *
 *   Metadata/model_settings.config (XML): per object of the root model,
 *     <object id="R"><metadata key="extruder" value="1"/>
 *       <part id="P"><metadata key="name" value="cloak"/>
 *                    <metadata key="extruder" value="2"/></part></object>
 *   Metadata/project_settings.config (JSON): "filament_colour": ["#F2754E", ...]
 *
 * A part without its own extruder takes its object's. */

#define SETTINGS_MAX_BYTES ((uint64_t)64 << 20)

/* The value of the first <metadata key="KEY" value="..."> in [from, to). */
static bool metadata(const char *from, const char *to, const char *key, io_xml_attribute *value)
{
    size_t key_size = strlen(key);
    for (const char *tag = io_xml_find_tag(from, to, "metadata"); tag;
         tag = io_xml_find_tag(tag + 1, to, "metadata")) {
        const char *close = io_xml_tag_end(tag, to);
        io_xml_attribute k;
        if (close && io_xml_find_attribute(tag, close, "key", &k) && k.value_size == key_size &&
            memcmp(k.value, key, key_size) == 0 &&
            io_xml_find_attribute(tag, close, "value", value))
            return value->value_size > 0 && !memchr(value->value, '"', value->value_size);
    }
    return false;
}

static int extruder(const char *from, const char *to)
{
    io_xml_attribute value;
    long n = metadata(from, to, "extruder", &value) ? io_xml_id(&value) : -1;
    return n >= 1 && n <= 64 ? (int)n : 0;
}

static int compare_parts(const void *a, const void *b)
{
    const io_3mf_slicer_part *x = a, *y = b;
    if (x->object != y->object)
        return x->object < y->object ? -1 : 1;
    return (x->part > y->part) - (x->part < y->part);
}

static bool add_part(io_3mf_slicer *s, const io_3mf_slicer_part *part, size_t *capacity)
{
    if (s->part_count == *capacity) {
        size_t grown_capacity = *capacity ? 2 * *capacity : 16;
        io_3mf_slicer_part *grown = realloc(s->parts, grown_capacity * sizeof *grown);
        if (!grown)
            return false;
        s->parts = grown;
        *capacity = grown_capacity;
    }
    s->parts[s->part_count++] = *part;
    return true;
}

static void read_parts(io_3mf_slicer *s, size_t size)
{
    const char *end = s->settings + size;
    size_t capacity = 0;
    const char *object, *next = s->settings;
    while ((object = io_xml_find_tag(next, end, "object")) != NULL) {
        const char *close = io_xml_tag_end(object, end);
        const char *stop = close && close[-1] != '/' ? strstr(close, "</object>") : NULL;
        if (!stop)
            return;
        next = stop;
        io_xml_attribute id;
        if (!io_xml_find_attribute(object, close, "id", &id) || io_xml_id(&id) < 0)
            continue;
        const char *first_part = io_xml_find_tag(close, stop, "part");
        int object_extruder = extruder(close, first_part ? first_part : stop);
        const char *part, *part_next = close;
        while ((part = io_xml_find_tag(part_next, stop, "part")) != NULL) {
            const char *part_close = io_xml_tag_end(part, stop);
            const char *part_stop = part_close ? strstr(part_close, "</part>") : NULL;
            if (!part_stop || part_stop > stop)
                break;
            part_next = part_stop;
            io_xml_attribute part_id, name;
            if (!io_xml_find_attribute(part, part_close, "id", &part_id) || io_xml_id(&part_id) < 0)
                continue;
            io_3mf_slicer_part entry = {io_xml_id(&id), io_xml_id(&part_id), NULL, 0,
                                        extruder(part_close, part_stop)};
            if (!entry.filament)
                entry.filament = object_extruder;
            if (metadata(part_close, part_stop, "name", &name)) {
                entry.name = name.value;
                entry.name_size = name.value_size;
            }
            if ((entry.name || entry.filament) && !add_part(s, &entry, &capacity))
                return;
        }
    }
}

/* "#RRGGBB" (or "#RRGGBBAA", its alpha dropped): the colour as glint's 3MF
 * displaycolor text. */
static bool colour_text(const char *text, char out[8])
{
    size_t n = strlen(text);
    if ((n != 7 && n != 9) || text[0] != '#')
        return false;
    for (size_t i = 1; i < n; ++i)
        if (!isxdigit((unsigned char)text[i]))
            return false;
    memcpy(out, text, 7);
    out[7] = '\0';
    return true;
}

static void read_colours(io_3mf_slicer *s, const char *bytes, size_t size, uint64_t limit)
{
    io_zip_entry entry;
    char *json;
    size_t json_size;
    if (!io_zip_find(bytes, size, "Metadata/project_settings.config", &entry) ||
        io_zip_inflate(&entry, limit, &json, &json_size) != CORE_OK)
        return;
    cJSON *root = cJSON_ParseWithLength(json, json_size);
    free(json);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "filament_colour");
    int count = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;
    if (count > 64)
        count = 64;
    if (count > 0)
        s->colours = calloc((size_t)count, sizeof *s->colours);
    for (int i = 0; s->colours && i < count; ++i) {
        const cJSON *item = cJSON_GetArrayItem(list, i);
        /* An unreadable colour leaves the filament unpainted, not the rest. */
        if (!cJSON_IsString(item) || !colour_text(item->valuestring, s->colours[i]))
            s->colours[i][0] = '\0';
    }
    s->colour_count = s->colours ? count : 0;
    cJSON_Delete(root);
}

void io_3mf_slicer_read(const char *bytes, size_t size, uint64_t limit, io_3mf_slicer *out)
{
    memset(out, 0, sizeof *out);
    uint64_t most = limit < SETTINGS_MAX_BYTES ? limit : SETTINGS_MAX_BYTES;
    io_zip_entry entry;
    size_t settings_size;
    if (io_zip_find(bytes, size, "Metadata/model_settings.config", &entry) &&
        io_zip_inflate(&entry, most, &out->settings, &settings_size) == CORE_OK) {
        read_parts(out, settings_size);
        if (out->part_count > 0)
            qsort(out->parts, out->part_count, sizeof *out->parts, compare_parts);
    }
    read_colours(out, bytes, size, most);
}

const io_3mf_slicer_part *io_3mf_slicer_find(const io_3mf_slicer *s, long object, long part)
{
    io_3mf_slicer_part key = {object, part, NULL, 0, 0};
    return s->part_count ? bsearch(&key, s->parts, s->part_count, sizeof key, compare_parts) : NULL;
}

const char *io_3mf_slicer_colour(const io_3mf_slicer *s, int filament)
{
    if (filament < 1 || filament > s->colour_count || !s->colours[filament - 1][0])
        return NULL;
    return s->colours[filament - 1];
}

void io_3mf_slicer_free(io_3mf_slicer *s)
{
    free(s->settings);
    free(s->parts);
    free(s->colours);
    memset(s, 0, sizeof *s);
}
