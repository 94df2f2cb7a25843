#define _POSIX_C_SOURCE 200809L
#include "io/io_internal.h"
#include "io/io_stl.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Format detection by content. Signatures come first: a 3MF (a zip), a GLB
 * or a binary PLY would otherwise look like a binary STL whose header count
 * disagrees with its size, and an ASCII FBX or OFF like an OBJ without faces.
 * One thing outranks them: a binary STL's 80-byte header is free text that
 * exporters fill with anything ("PK...", "{...}", "ply ..."), so a file whose
 * size is exactly what its triangle count says is a binary STL, whatever its
 * first bytes. Another format matches that by chance only with odds of about
 * one in 2^32 (the count sits in what would be its header text); a GLB's own
 * length field is checked first, and long binary magics no exporter writes
 * as header text (FBX, PNG, JPEG, .blend) still win. */

static bool has_nul(const char *bytes, size_t size)
{
    return memchr(bytes, '\0', size < 4096 ? size : 4096) != NULL;
}

static bool starts_with(const char *bytes, size_t size, const char *prefix)
{
    size_t n = strlen(prefix);
    return size >= n && memcmp(bytes, prefix, n) == 0;
}

/* Past a UTF-8 BOM and blanks (spaces, tabs, line ends). */
static const char *skip_blanks(const char *bytes, size_t size, size_t *left)
{
    const char *p = bytes, *end = bytes + size;
    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p;
    *left = (size_t)(end - p);
    return p;
}

static const char *find(const char *bytes, size_t size, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= size; ++i) {
        if (bytes[i] == needle[0] && memcmp(bytes + i, needle, n) == 0)
            return bytes + i;
    }
    return NULL;
}

static bool is_ply(const char *bytes, size_t size)
{
    return size >= 4 && memcmp(bytes, "ply", 3) == 0 && (bytes[3] == '\n' || bytes[3] == '\r');
}

static bool is_zip(const char *bytes, size_t size)
{
    return starts_with(bytes, size, "PK\x03\x04");
}

/* A 3MF's model part is named in the zip's local and central headers, which
 * hold file names uncompressed. */
static bool zip_has_3d_model(const char *bytes, size_t size)
{
    return find(bytes, size, "3D/3dmodel.model") || find(bytes, size, "3D/3DModel.model") ||
           find(bytes, size, ".model");
}

static bool is_json_object(const char *bytes, size_t size)
{
    size_t left;
    const char *p = skip_blanks(bytes, size, &left);
    return left > 0 && *p == '{';
}

static uint32_t read_u32_le(const char *at)
{
    const unsigned char *b = (const unsigned char *)at;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* A GLB states its whole length at bytes 8-11. */
static bool is_whole_glb(const char *bytes, uint64_t file_size)
{
    return starts_with(bytes, 4, "glTF") && read_u32_le(bytes + 8) == file_size;
}

static bool has_binary_magic(const char *bytes, size_t size)
{
    return starts_with(bytes, size, "Kaydara FBX Binary") ||
           starts_with(bytes, size, "\x89PNG\r\n") || starts_with(bytes, size, "\xFF\xD8\xFF") ||
           starts_with(bytes, size, "BLENDER");
}

bool io_detect_exact_binary_stl(const char *bytes, size_t size, uint64_t file_size)
{
    if (!bytes || size < 84 || file_size < 84 + 50 || has_binary_magic(bytes, size))
        return false;
    uint64_t triangles = read_u32_le(bytes + 80);
    return triangles > 0 && 84 + 50 * triangles == file_size && !is_whole_glb(bytes, file_size);
}

io_format io_detect_format(const char *bytes, size_t size)
{
    if (!bytes || size == 0)
        return IO_FORMAT_UNKNOWN;
    if (io_detect_exact_binary_stl(bytes, size, size))
        return IO_FORMAT_STL_BINARY;
    if (is_ply(bytes, size))
        return IO_FORMAT_PLY;
    if (starts_with(bytes, size, "glTF"))
        return IO_FORMAT_GLB;
    if (is_zip(bytes, size))
        return zip_has_3d_model(bytes, size) ? IO_FORMAT_3MF : IO_FORMAT_UNKNOWN;
    if (is_json_object(bytes, size))
        return find(bytes, size, "\"asset\"") ? IO_FORMAT_GLTF : IO_FORMAT_UNKNOWN;
    if (io_detect_unsupported(bytes, size, NULL))
        return IO_FORMAT_UNKNOWN;
    switch (io_stl_detect(bytes, size)) {
    case IO_STL_BINARY: return IO_FORMAT_STL_BINARY;
    case IO_STL_ASCII: return IO_FORMAT_STL_ASCII;
    default: break;
    }
    /* OBJ has no signature; it is text, and that is all we can ask. */
    return has_nul(bytes, size) ? IO_FORMAT_UNKNOWN : IO_FORMAT_OBJ;
}

bool io_detect_has_signature(const char *bytes, size_t size)
{
    return is_ply(bytes, size) || starts_with(bytes, size, "glTF") || is_zip(bytes, size) ||
           is_json_object(bytes, size) || io_detect_unsupported(bytes, size, NULL);
}

static bool extension_is(const char *name, const char *extension)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    return dot && strcasecmp(dot + 1, extension) == 0;
}

/* The first line's first word, for text formats that open with a keyword. */
static bool first_word_is(const char *bytes, size_t size, const char *word)
{
    size_t left;
    const char *p = skip_blanks(bytes, size, &left);
    size_t n = strlen(word);
    return left >= n && memcmp(p, word, n) == 0 &&
           (left == n || isspace((unsigned char)p[n]));
}

const char *io_detect_unsupported(const char *bytes, size_t size, const char *name)
{
    size_t head = size < 4096 ? size : 4096;
    size_t left;
    const char *text = skip_blanks(bytes, size, &left);
    if (starts_with(bytes, size, "Kaydara FBX Binary") || starts_with(text, left, "; FBX"))
        return "FBX";
    /* Images sit beside models (a glTF's textures): named, not called STL. */
    if (starts_with(bytes, size, "\x89PNG\r\n"))
        return "image:PNG";
    if (starts_with(bytes, size, "\xFF\xD8\xFF"))
        return "image:JPEG";
    if (starts_with(bytes, size, "BLENDER"))
        return "Blender (.blend)";
    if (starts_with(text, left, "ISO-10303-21"))
        return "STEP";
    if (starts_with(text, left, "<")) {
        if (find(bytes, head, "<COLLADA"))
            return "COLLADA (.dae)";
        if (find(bytes, head, "<X3D"))
            return "X3D";
        if (find(bytes, head, "<amf"))
            return "AMF";
    }
    if (starts_with(bytes, size, "xof "))
        return "DirectX (.x)";
    if (first_word_is(bytes, size, "OFF") || first_word_is(bytes, size, "COFF") ||
        first_word_is(bytes, size, "NOFF") || first_word_is(bytes, size, "CNOFF") ||
        first_word_is(bytes, size, "STOFF"))
        return "OFF";
    if (starts_with(text, left, "#VRML"))
        return "VRML";
    if (is_zip(bytes, size) && !zip_has_3d_model(bytes, size))
        return "zip";
    /* Weak or missing signatures: only with the extension to back them. */
    if (extension_is(name, "3ds") && size >= 2 && (unsigned char)bytes[0] == 0x4D &&
        (unsigned char)bytes[1] == 0x4D)
        return "3DS";
    if (extension_is(name, "ztl") || extension_is(name, "zpr"))
        return "ZBrush (.ztl/.zpr)";
    if (extension_is(name, "usdz") || extension_is(name, "usd") || extension_is(name, "usdc"))
        return "USD";
    return NULL;
}
