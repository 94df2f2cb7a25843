#include "io/io_xml_scan.h"

#include <stdlib.h>
#include <string.h>

/* Tags and attributes found in machine-written XML (a 3MF's model parts and
 * relationships) without a parser: enough to move elements from one part to
 * another as text, which is all io_3mf_paths.c does. */

/* The next start tag `<name` (not `<names`) at or after `from`; NULL if none. */
const char *io_xml_find_tag(const char *from, const char *end, const char *name)
{
    size_t length = strlen(name);
    for (const char *p = from; p + 1 + length < end; ++p) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p || p + 1 + length >= end)
            return NULL;
        char after = p[1 + length];
        if (memcmp(p + 1, name, length) == 0 && (after == ' ' || after == '\t' || after == '\n' ||
                                                 after == '\r' || after == '/' || after == '>'))
            return p;
    }
    return NULL;
}

/* The '>' that closes the tag starting at `tag`, past quoted values; NULL if none. */
const char *io_xml_tag_end(const char *tag, const char *end)
{
    char quote = 0;
    for (const char *p = tag; p < end; ++p) {
        if (quote)
            quote = *p == quote ? 0 : quote;
        else if (*p == '"' || *p == '\'')
            quote = *p;
        else if (*p == '>')
            return p;
    }
    return NULL;
}

/* See io_xml_scan.h. */
bool io_xml_next_attribute(const char **cursor, const char *close, io_xml_attribute *a)
{
    const char *p = *cursor;
    if (*p == '<')
        while (p < close && !strchr(" \t\r\n", *p))
            ++p; /* past the element's name */
    while (p < close && strchr(" \t\r\n", *p))
        ++p;
    if (p >= close || *p == '/')
        return false;
    a->start = p;
    a->name = p;
    while (p < close && *p != '=' && !strchr(" \t\r\n", *p))
        ++p;
    a->name_size = (size_t)(p - a->name);
    while (p < close && strchr(" \t\r\n=", *p))
        ++p;
    if (p >= close || (*p != '"' && *p != '\''))
        return false;
    char quote = *p++;
    a->value = p;
    const char *stop = memchr(p, quote, (size_t)(close - p));
    if (!stop)
        return false;
    a->value_size = (size_t)(stop - p);
    a->stop = stop + 1;
    *cursor = a->stop;
    return true;
}

/* Whether the attribute's name, its prefix aside, is `local`. */
bool io_xml_named(const io_xml_attribute *a, const char *local)
{
    const char *colon = memchr(a->name, ':', a->name_size);
    const char *n = colon ? colon + 1 : a->name;
    size_t size = a->name_size - (size_t)(n - a->name);
    return size == strlen(local) && memcmp(n, local, size) == 0;
}

/* Whether [from, to) holds `needle`. */
bool io_xml_holds(const char *from, const char *to, const char *needle)
{
    size_t length = strlen(needle);
    for (const char *p = from; p && p + length <= to; ++p) {
        p = memchr(p, needle[0], (size_t)(to - p));
        if (!p || p + length > to)
            return false;
        if (memcmp(p, needle, length) == 0)
            return true;
    }
    return false;
}

bool io_xml_find_attribute(const char *tag, const char *close, const char *local,
                           io_xml_attribute *found)
{
    const char *cursor = tag;
    while (io_xml_next_attribute(&cursor, close, found))
        if (io_xml_named(found, local) &&
            !(found->name_size == 5 && !memcmp(found->name, "xmlns", 5)))
            return true;
    return false;
}

long io_xml_id(const io_xml_attribute *a)
{
    char digits[24];
    if (a->value_size == 0 || a->value_size >= sizeof digits)
        return -1;
    memcpy(digits, a->value, a->value_size);
    digits[a->value_size] = '\0';
    char *stop;
    long id = strtol(digits, &stop, 10);
    return *stop || id < 0 ? -1 : id;
}
