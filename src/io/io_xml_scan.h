#ifndef GLINT_IO_XML_SCAN_H
#define GLINT_IO_XML_SCAN_H

/* Tags and attributes in machine-written XML, as text (io_xml_scan.c).
 * Internal to io. Ranges are [from, end); nothing is decoded. */

#include <stdbool.h>
#include <stddef.h>

/* The next start tag `<name` (not `<names`) at or after `from`; NULL if none. */
const char *io_xml_find_tag(const char *from, const char *end, const char *name);
/* The '>' that closes the tag starting at `tag`, past quoted values; NULL if none. */
const char *io_xml_tag_end(const char *tag, const char *end);

typedef struct io_xml_attribute {
    const char *name, *value; /* not NUL-terminated; the whole attribute is [start, stop) */
    size_t name_size, value_size;
    const char *start, *stop;
} io_xml_attribute;

/* The tag's next attribute after *cursor (initially the tag's '<'); `close`
 * is the tag's '>'. */
bool io_xml_next_attribute(const char **cursor, const char *close, io_xml_attribute *a);
/* Whether the attribute's name, its prefix aside, is `local`. */
bool io_xml_named(const io_xml_attribute *a, const char *local);
/* The tag's first attribute named `local` (prefix aside; not an xmlns one). */
bool io_xml_find_attribute(const char *tag, const char *close, const char *local,
                           io_xml_attribute *found);
/* Whether [from, to) holds `needle`. */
bool io_xml_holds(const char *from, const char *to, const char *needle);
/* The attribute's value as a whole number >= 0; -1 if it is not one. */
long io_xml_id(const io_xml_attribute *a);

#endif
