// lib3mf (1.8, its C interface) behind io_lib3mf.h: 3MF's build items
// placed by their transforms, components followed, triangles split into
// parts by base material, colour-group triangles carried as vertex colours.
#include "io/io_lib3mf.h"

#include <Model/COM/NMR_DLLInterfaces.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

using namespace NMR;

namespace
{

// Releases a lib3mf handle when it goes out of scope.
struct handle {
    PLib3MFBase *p = nullptr;
    handle() = default;
    handle(const handle &) = delete;
    handle &operator=(const handle &) = delete;
    ~handle()
    {
        if (p)
            lib3mf_release(p);
    }
};

struct failure {
    std::string message;
};

void check(LIB3MFRESULT result, PLib3MFBase *instance, const char *what)
{
    if (result == LIB3MF_OK)
        return;
    LPCSTR message = nullptr;
    DWORD code = 0;
    if (instance)
        lib3mf_getlasterror(instance, &code, &message);
    throw failure{std::string(what) + (message && *message ? std::string(": ") + message : "")};
}

struct transform {
    float m[3][4]; // rows; the last column is the translation
};

transform identity()
{
    transform t = {{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}};
    return t;
}

transform from_lib3mf(const MODELTRANSFORM &f)
{
    transform t;
    std::memcpy(t.m, f.m_fFields, sizeof t.m);
    return t;
}

// a applied after b.
transform compose(const transform &a, const transform &b)
{
    transform t;
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 4; ++j) {
            float v = j == 3 ? a.m[i][3] : 0.0f;
            for (int k = 0; k < 3; ++k)
                v += a.m[i][k] * b.m[k][j];
            t.m[i][j] = v;
        }
    }
    return t;
}

float determinant(const transform &t)
{
    const float(*m)[4] = t.m;
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

struct owned {
    std::vector<io_meshes_mesh> meshes;
    std::vector<io_meshes_material> materials;
    std::vector<std::string> mesh_names;
    std::vector<std::string> material_names;
    std::vector<std::vector<float>> arrays;
    std::vector<std::vector<uint32_t>> indices;
    std::map<std::pair<DWORD, DWORD>, uint32_t> base_materials; // (group, index) -> material
    uint32_t default_material = UINT32_MAX;
    uint32_t colour_material = UINT32_MAX;
    size_t triangles = 0;
    std::string warnings;
};

constexpr int max_depth = 32;
constexpr size_t max_triangles = 100u * 1000u * 1000u;

std::string object_name(PLib3MFModelObjectResource *object)
{
    ULONG needed = 0;
    if (lib3mf_object_getnameutf8(object, nullptr, 0, &needed) != LIB3MF_OK || needed == 0 ||
        needed > 4096)
        return "";
    std::string name(needed + 1, '\0');
    if (lib3mf_object_getnameutf8(object, &name[0], needed + 1, &needed) != LIB3MF_OK)
        return "";
    name.resize(std::strlen(name.c_str()));
    return name;
}

uint32_t add_material(owned &o, const std::string &name, const float rgba[4], bool is_default)
{
    io_meshes_material m = io_meshes_material();
    std::memcpy(m.base_color, rgba, sizeof m.base_color);
    m.is_default = is_default;
    o.material_names.push_back(name);
    o.materials.push_back(m);
    return static_cast<uint32_t>(o.materials.size() - 1);
}

uint32_t base_material(owned &o, PLib3MFModel *model, DWORD group, DWORD index)
{
    auto found = o.base_materials.find({group, index});
    if (found != o.base_materials.end())
        return found->second;
    handle materials;
    BYTE r = 153, g = 153, b = 153, a = 255; // glint's default grey when the file lies
    std::string name = "material " + std::to_string(index + 1);
    if (lib3mf_model_getbasematerialbyid(model, group, &materials.p) == LIB3MF_OK) {
        lib3mf_basematerial_getdisplaycolor(materials.p, index, &r, &g, &b, &a);
        ULONG needed = 0;
        if (lib3mf_basematerial_getnameutf8(materials.p, index, nullptr, 0, &needed) == LIB3MF_OK &&
            needed > 0 && needed < 4096) {
            std::string text(needed + 1, '\0');
            if (lib3mf_basematerial_getnameutf8(materials.p, index, &text[0], needed + 1,
                                                &needed) == LIB3MF_OK)
                name = text.c_str();
        }
    }
    float rgba[4] = {io_meshes_srgb_to_linear(r / 255.0f), io_meshes_srgb_to_linear(g / 255.0f),
                     io_meshes_srgb_to_linear(b / 255.0f), a / 255.0f};
    uint32_t id = add_material(o, name, rgba, false);
    o.base_materials[{group, index}] = id;
    return id;
}

// One triangle's property, resolved against the object's default.
struct triangle_property {
    uint32_t material;
    bool coloured;
    MODELMESH_TRIANGLECOLOR_SRGB colour;
};

void add_mesh_object(owned &o, PLib3MFModel *model, PLib3MFModelMeshObject *mesh,
                     const std::string &name, const transform &t)
{
    DWORD vertex_count = 0, triangle_count = 0;
    check(lib3mf_meshobject_getvertexcount(mesh, &vertex_count), mesh, "vertex count");
    check(lib3mf_meshobject_gettrianglecount(mesh, &triangle_count), mesh, "triangle count");
    if (triangle_count == 0 || vertex_count == 0)
        return;
    o.triangles += triangle_count;
    if (o.triangles > max_triangles)
        throw failure{"its build places more than 100 million triangles"};
    std::vector<MODELMESHVERTEX> vertices(vertex_count);
    std::vector<MODELMESHTRIANGLE> triangles(triangle_count);
    check(lib3mf_meshobject_getvertices(mesh, vertices.data(), vertex_count, nullptr), mesh,
          "vertices");
    check(lib3mf_meshobject_gettriangleindices(mesh, triangles.data(), triangle_count, nullptr),
          mesh, "triangles");
    std::vector<float> positions(3 * static_cast<size_t>(vertex_count));
    for (DWORD v = 0; v < vertex_count; ++v) {
        const float *p = vertices[v].m_fPosition;
        for (int i = 0; i < 3; ++i)
            positions[3 * v + i] = t.m[i][0] * p[0] + t.m[i][1] * p[1] + t.m[i][2] * p[2] + t.m[i][3];
    }
    bool mirrored = determinant(t) < 0;

    // The object's own property (pid/pindex) applies where a triangle has none.
    triangle_property fallback = {UINT32_MAX, false, MODELMESH_TRIANGLECOLOR_SRGB()};
    handle defaults;
    if (lib3mf_object_createdefaultpropertyhandler(mesh, &defaults.p) == LIB3MF_OK) {
        eModelPropertyType type = MODELPROPERTYTYPE_NONE;
        DWORD group = 0, index = 0;
        if (lib3mf_defaultpropertyhandler_getpropertytype(defaults.p, &type) == LIB3MF_OK &&
            type == MODELPROPERTYTYPE_BASEMATERIALS &&
            lib3mf_defaultpropertyhandler_getbasematerial(defaults.p, &group, &index) == LIB3MF_OK)
            fallback.material = base_material(o, model, group, index);
        MODELMESHCOLOR_SRGB c;
        if (type == MODELPROPERTYTYPE_COLOR &&
            lib3mf_defaultpropertyhandler_getcolor(defaults.p, 0, &c) == LIB3MF_OK) {
            fallback.coloured = true;
            for (auto &corner : fallback.colour.m_Colors)
                corner = c;
        }
    }
    handle properties;
    check(lib3mf_meshobject_createpropertyhandler(mesh, &properties.p), mesh, "properties");

    // Triangles grouped by material in first-use order; coloured ones together.
    std::vector<std::pair<uint32_t, std::vector<uint32_t>>> groups; // material, triangles
    std::vector<uint32_t> coloured;
    std::vector<MODELMESH_TRIANGLECOLOR_SRGB> colours;
    for (DWORD tri = 0; tri < triangle_count; ++tri) {
        triangle_property p = fallback;
        eModelPropertyType type = MODELPROPERTYTYPE_NONE;
        lib3mf_propertyhandler_getpropertytype(properties.p, tri, &type);
        DWORD group = 0, index = 0;
        if (type == MODELPROPERTYTYPE_BASEMATERIALS &&
            lib3mf_propertyhandler_getbasematerial(properties.p, tri, &group, &index) == LIB3MF_OK) {
            p.material = base_material(o, model, group, index);
            p.coloured = false;
        } else if (type == MODELPROPERTYTYPE_COLOR &&
                   lib3mf_propertyhandler_getcolor(properties.p, tri, &p.colour) == LIB3MF_OK) {
            p.coloured = true;
        }
        if (p.coloured) {
            coloured.push_back(tri);
            colours.push_back(p.colour);
            continue;
        }
        if (p.material == UINT32_MAX) {
            if (o.default_material == UINT32_MAX) {
                float grey[4] = {0.6f, 0.6f, 0.6f, 1.0f};
                o.default_material = add_material(o, "default", grey, true);
            }
            p.material = o.default_material;
        }
        size_t g = 0;
        while (g < groups.size() && groups[g].first != p.material)
            ++g;
        if (g == groups.size())
            groups.push_back({p.material, {}});
        groups[g].second.push_back(tri);
    }
    o.arrays.push_back(std::move(positions));
    const float *shared = o.arrays.back().data();
    for (auto &group : groups) {
        std::vector<uint32_t> indices;
        indices.reserve(3 * group.second.size());
        for (uint32_t tri : group.second) {
            const DWORD *i = triangles[tri].m_nIndices;
            indices.push_back(i[0]);
            indices.push_back(i[mirrored ? 2 : 1]);
            indices.push_back(i[mirrored ? 1 : 2]);
        }
        io_meshes_mesh out = io_meshes_mesh();
        out.material = group.first;
        out.positions = shared;
        out.vertex_count = vertex_count;
        out.triangle_count = group.second.size();
        o.indices.push_back(std::move(indices));
        out.indices = o.indices.back().data();
        // Parts of one object are told apart by their material's name.
        const std::string &material = o.material_names[group.first];
        bool several = groups.size() > 1 || !coloured.empty();
        o.mesh_names.push_back(!several ? name : name.empty() ? material : name + "." + material);
        o.meshes.push_back(out);
    }
    if (coloured.empty())
        return;
    // Colours are per corner: each coloured triangle gets its own three vertices.
    if (o.colour_material == UINT32_MAX) {
        float white[4] = {1, 1, 1, 1};
        o.colour_material = add_material(o, "vertex colours", white, false);
    }
    std::vector<float> corner_positions, corner_colours;
    std::vector<uint32_t> indices;
    corner_positions.reserve(9 * coloured.size());
    corner_colours.reserve(9 * coloured.size());
    indices.reserve(3 * coloured.size());
    for (size_t c = 0; c < coloured.size(); ++c) {
        const DWORD *i = triangles[coloured[c]].m_nIndices;
        for (int k = 0; k < 3; ++k) {
            int corner = mirrored && k ? 3 - k : k;
            DWORD v = i[corner] < vertex_count ? i[corner] : 0; // checked again below
            if (i[corner] >= vertex_count)
                throw failure{"a triangle's vertex index is out of range"};
            for (int a = 0; a < 3; ++a)
                corner_positions.push_back(shared[3 * v + a]);
            const MODELMESHCOLOR_SRGB &col = colours[c].m_Colors[corner];
            corner_colours.push_back(io_meshes_srgb_to_linear(col.m_Red / 255.0f));
            corner_colours.push_back(io_meshes_srgb_to_linear(col.m_Green / 255.0f));
            corner_colours.push_back(io_meshes_srgb_to_linear(col.m_Blue / 255.0f));
            indices.push_back(static_cast<uint32_t>(indices.size()));
        }
    }
    io_meshes_mesh out = io_meshes_mesh();
    out.material = o.colour_material;
    out.vertex_count = static_cast<uint32_t>(3 * coloured.size());
    out.triangle_count = coloured.size();
    o.arrays.push_back(std::move(corner_positions));
    out.positions = o.arrays.back().data();
    o.arrays.push_back(std::move(corner_colours));
    out.colors = o.arrays.back().data();
    o.indices.push_back(std::move(indices));
    out.indices = o.indices.back().data();
    o.mesh_names.push_back(groups.empty() ? name : name.empty() ? "colours" : name + ".colours");
    o.meshes.push_back(out);
}

void add_object(owned &o, PLib3MFModel *model, PLib3MFModelObjectResource *object,
                const transform &t, int depth)
{
    if (depth > max_depth)
        throw failure{"its components nest more than 32 deep (or refer to themselves)"};
    BOOL is_mesh = false, is_components = false;
    check(lib3mf_object_ismeshobject(object, &is_mesh), object, "object type");
    check(lib3mf_object_iscomponentsobject(object, &is_components), object, "object type");
    std::string name = object_name(object);
    if (is_mesh) {
        add_mesh_object(o, model, object, name, t);
        return;
    }
    if (!is_components)
        return;
    DWORD count = 0;
    check(lib3mf_componentsobject_getcomponentcount(object, &count), object, "components");
    for (DWORD c = 0; c < count; ++c) {
        handle component, child;
        check(lib3mf_componentsobject_getcomponent(object, c, &component.p), object, "component");
        check(lib3mf_component_getobjectresource(component.p, &child.p), component.p, "component");
        MODELTRANSFORM f;
        BOOL has = false;
        transform local = identity();
        if (lib3mf_component_hastransform(component.p, &has) == LIB3MF_OK && has &&
            lib3mf_component_gettransform(component.p, &f) == LIB3MF_OK)
            local = from_lib3mf(f);
        add_object(o, model, child.p, compose(t, local), depth + 1);
    }
}

float unit_mm(DWORD unit, const char **name)
{
    switch (unit) {
    case MODELUNIT_MICROMETER: *name = "micron"; return 0.001f;
    case MODELUNIT_CENTIMETER: *name = "centimeter"; return 10.0f;
    case MODELUNIT_INCH: *name = "inch"; return 25.4f;
    case MODELUNIT_FOOT: *name = "foot"; return 304.8f;
    case MODELUNIT_METER: *name = "meter"; return 1000.0f;
    default: *name = "millimeter"; return 1.0f;
    }
}

int read(const char *bytes, size_t size, io_meshes *out, float *mm_per_unit, char *unit,
         size_t unit_size)
{
    std::unique_ptr<owned> o(new owned());
    handle model, reader, items;
    check(lib3mf_createmodel(&model.p), nullptr, "cannot start lib3mf");
    check(lib3mf_model_queryreader(model.p, "3mf", &reader.p), model.p, "cannot start lib3mf");
    lib3mf_reader_setstrictmodeactive(reader.p, false);
    // lib3mf reads but does not change the buffer.
    check(lib3mf_reader_readfrombuffer(reader.p, reinterpret_cast<BYTE *>(const_cast<char *>(bytes)),
                                       size),
          reader.p, "not a 3MF lib3mf can read");
    DWORD unit_code = MODELUNIT_MILLIMETER;
    check(lib3mf_model_getunit(model.p, &unit_code), model.p, "unit");
    const char *unit_name;
    *mm_per_unit = unit_mm(unit_code, &unit_name);
    std::snprintf(unit, unit_size, "%s", unit_name);
    check(lib3mf_model_getbuilditems(model.p, &items.p), model.p, "build items");
    BOOL more = false;
    while (lib3mf_builditemiterator_movenext(items.p, &more) == LIB3MF_OK && more) {
        handle item, object;
        check(lib3mf_builditemiterator_getcurrent(items.p, &item.p), items.p, "build item");
        check(lib3mf_builditem_getobjectresource(item.p, &object.p), item.p, "build item");
        MODELTRANSFORM f;
        BOOL has = false;
        transform t = identity();
        if (lib3mf_builditem_hasobjecttransform(item.p, &has) == LIB3MF_OK && has &&
            lib3mf_builditem_getobjecttransform(item.p, &f) == LIB3MF_OK)
            t = from_lib3mf(f);
        add_object(*o, model.p, object.p, t, 0);
    }
    for (size_t i = 0; i < o->meshes.size(); ++i)
        o->meshes[i].name = o->mesh_names[i].c_str();
    for (size_t i = 0; i < o->materials.size(); ++i) {
        o->materials[i].name = o->material_names[i].c_str();
        o->materials[i].texture_path = "";
    }
    out->meshes = o->meshes.data();
    out->mesh_count = o->meshes.size();
    out->materials = o->materials.data();
    out->material_count = o->materials.size();
    out->warnings = o->warnings.c_str();
    out->owner = o.release();
    return 1;
}

} // namespace

extern "C" int io_lib3mf_read(const char *bytes, size_t size, io_meshes *out, float *mm_per_unit,
                              char *unit, size_t unit_size, char *error, size_t error_size)
{
    *out = io_meshes();
    try {
        return read(bytes, size, out, mm_per_unit, unit, unit_size);
    } catch (const failure &f) {
        std::snprintf(error, error_size, "%s", f.message.c_str());
    } catch (const std::bad_alloc &) {
        std::snprintf(error, error_size, "out of memory");
    } catch (const std::exception &e) {
        std::snprintf(error, error_size, "%s", e.what());
    } catch (...) {
        std::snprintf(error, error_size, "unexpected failure in lib3mf");
    }
    return 0;
}

extern "C" void io_lib3mf_free(io_meshes *meshes)
{
    delete static_cast<owned *>(meshes->owner);
    *meshes = io_meshes();
}
