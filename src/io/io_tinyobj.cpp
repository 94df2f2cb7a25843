// The one C++ file in glint: it wraps tinyobjloader behind io_tinyobj.h.
#include "io/io_tinyobj.h"

#include <tiny_obj_loader.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <map>
#include <new>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace
{

// Reads from the caller's bytes without copying them into a std::string.
class memory_buffer : public std::streambuf
{
  public:
    memory_buffer(const char *text, size_t size)
    {
        char *begin = const_cast<char *>(text);
        setg(begin, begin, begin + size);
    }
};

// Turns skin-weight lines ("vw ...") into comments on the way in. glint has no
// use for them, and tinyobjloader converts their joint ids from float to int
// unchecked, which is undefined behaviour for out-of-range values such as
// 1e999 (found by fuzz_obj). Lines may start with blanks; a "v" that ends one
// read is held back until the next byte shows whether a "w" follows.
class skin_weight_filter : public std::streambuf
{
  public:
    explicit skin_weight_filter(std::streambuf *source) : source_(source)
    {
    }

  protected:
    int_type underflow() override
    {
        std::streamsize held = carry_ ? 1 : 0;
        if (carry_)
            buffer_[0] = 'v';
        std::streamsize n = source_->sgetn(buffer_ + held, sizeof buffer_ - held);
        bool end = n <= 0;
        n = (n > 0 ? n : 0) + held;
        carry_ = false;
        if (n == 0)
            return traits_type::eof();
        for (std::streamsize i = 0; i < n; ++i) {
            char c = buffer_[i];
            if (line_start_ && c == 'v') {
                if (i + 1 == n && !end) { // undecided: keep it for the next read
                    carry_ = true;
                    n -= 1;
                    break;
                }
                if (i + 1 < n && buffer_[i + 1] == 'w')
                    buffer_[i] = '#';
            }
            if (c == '\n' || c == '\r')
                line_start_ = true;
            else if (c != ' ' && c != '\t')
                line_start_ = false;
        }
        if (n == 0) // a lone held "v": read on
            return underflow();
        setg(buffer_, buffer_, buffer_ + n);
        return traits_type::to_int_type(buffer_[0]);
    }

  private:
    std::streambuf *source_;
    char buffer_[1 << 16];
    bool line_start_ = true;
    bool carry_ = false;
};

class callback_material_reader : public tinyobj::MaterialReader
{
  public:
    callback_material_reader(io_tinyobj_read_mtl read, void *user,
                             std::vector<std::string> &libraries)
        : read_(read), user_(user), libraries_(libraries)
    {
    }

    bool operator()(const std::string &name, std::vector<tinyobj::material_t> *materials,
                    std::map<std::string, int> *names, std::string *warn, std::string *err) override
    {
        (void)err;
        char *text = nullptr;
        size_t size = 0;
        if (!read_ || !read_(user_, name.c_str(), &text, &size)) {
            // A missing library is not fatal: parts fall back to a default colour.
            *warn += "material library '" + name + "' could not be read\n";
            return false;
        }
        memory_buffer buffer(text, size);
        std::istream stream(&buffer);
        size_t before = materials->size();
        tinyobj::LoadMtl(names, materials, &stream, warn, err);
        std::free(text);
        // Textures resolve against the library's folder, so remember which
        // library each material came from.
        libraries_.resize(before, std::string());
        libraries_.resize(materials->size(), name);
        return true;
    }

  private:
    io_tinyobj_read_mtl read_;
    void *user_;
    std::vector<std::string> &libraries_;
};

struct parsed {
    tinyobj::attrib_t attrib;
    std::vector<tinyobj::shape_t> shapes;
    std::vector<tinyobj::material_t> materials;
    std::vector<std::vector<int>> corners;
    std::vector<std::vector<int>> material_ids;
    std::vector<io_tinyobj_shape> shape_views;
    std::vector<io_tinyobj_material> material_views;
    std::vector<std::string> libraries; // per material
    std::string warnings;
};

// index_t is three ints, laid out as io_tinyobj_shape's corners expect.
static_assert(sizeof(tinyobj::index_t) == 3 * sizeof(int), "index_t is not three ints");

bool all_triangles(const tinyobj::mesh_t &mesh)
{
    if (mesh.indices.size() != 3 * mesh.num_face_vertices.size() ||
        mesh.material_ids.size() != mesh.num_face_vertices.size())
        return false;
    for (unsigned char count : mesh.num_face_vertices) {
        if (count != 3)
            return false;
    }
    return true;
}

// Triangulated meshes are passed on as tinyobjloader holds them: at a million
// triangles a copy would cost 48 MB. Others are copied without the faces of
// fewer than three vertices.
void flatten_shape(parsed &p, size_t shape_index, size_t &skipped, io_tinyobj_shape &view)
{
    const tinyobj::mesh_t &mesh = p.shapes[shape_index].mesh;
    view.triangle_count = mesh.num_face_vertices.size();
    if (all_triangles(mesh)) {
        view.corners = reinterpret_cast<const int *>(mesh.indices.data());
        view.material_ids = mesh.material_ids.data();
        return;
    }
    std::vector<int> &corners = p.corners[shape_index];
    std::vector<int> &ids = p.material_ids[shape_index];
    size_t offset = 0;
    for (size_t face = 0; face < mesh.num_face_vertices.size(); ++face) {
        size_t count = mesh.num_face_vertices[face];
        if (count == 3 && offset + 3 <= mesh.indices.size()) {
            for (size_t k = 0; k < 3; ++k) {
                const tinyobj::index_t &index = mesh.indices[offset + k];
                corners.push_back(index.vertex_index);
                corners.push_back(index.normal_index);
                corners.push_back(index.texcoord_index);
            }
            ids.push_back(face < mesh.material_ids.size() ? mesh.material_ids[face] : -1);
        } else {
            ++skipped;
        }
        offset += count;
    }
    view.corners = corners.data();
    view.material_ids = ids.data();
    view.triangle_count = ids.size();
}

void fill_views(parsed &p, io_tinyobj_data *out)
{
    size_t skipped = 0;
    p.corners.resize(p.shapes.size());
    p.material_ids.resize(p.shapes.size());
    for (size_t i = 0; i < p.shapes.size(); ++i) {
        io_tinyobj_shape view;
        view.name = p.shapes[i].name.c_str();
        flatten_shape(p, i, skipped, view);
        p.shape_views.push_back(view);
    }
    p.libraries.resize(p.materials.size());
    for (size_t i = 0; i < p.materials.size(); ++i) {
        const tinyobj::material_t &m = p.materials[i];
        io_tinyobj_material view;
        view.name = m.name.c_str();
        for (int c = 0; c < 3; ++c) {
            view.diffuse[c] = m.diffuse[c];
            view.specular[c] = m.specular[c];
        }
        view.shininess = m.shininess;
        view.dissolve = m.dissolve;
        view.roughness = m.roughness;
        view.metallic = m.metallic;
        view.diffuse_texture = m.diffuse_texname.c_str();
        view.library = p.libraries[i].c_str();
        p.material_views.push_back(view);
    }
    out->positions = p.attrib.vertices.data();
    out->position_count = p.attrib.vertices.size() / 3;
    out->normals = p.attrib.normals.data();
    out->normal_count = p.attrib.normals.size() / 3;
    out->texcoords = p.attrib.texcoords.data();
    out->texcoord_count = p.attrib.texcoords.size() / 2;
    out->shapes = p.shape_views.data();
    out->shape_count = p.shape_views.size();
    out->materials = p.material_views.data();
    out->material_count = p.material_views.size();
    out->skipped_faces = skipped;
    out->warnings = p.warnings.c_str();
}

} // namespace

namespace
{

int parse_stream(std::istream &stream, io_tinyobj_read_mtl read_mtl, void *user,
                 io_tinyobj_data *out, char *error, size_t error_size)
{
    *out = io_tinyobj_data();
    parsed *p = nullptr;
    try {
        p = new parsed();
        callback_material_reader materials(read_mtl, user, p->libraries);
        std::string err;
        skin_weight_filter filtered(stream.rdbuf());
        std::istream clean(&filtered);
        bool ok = tinyobj::LoadObj(&p->attrib, &p->shapes, &p->materials, &p->warnings, &err,
                                   &clean, &materials, true, false);
        if (!ok) {
            std::snprintf(error, error_size, "%s", err.empty() ? "cannot parse" : err.c_str());
            delete p;
            return 0;
        }
        fill_views(*p, out);
        out->owner = p;
        return 1;
    } catch (const std::bad_alloc &) {
        std::snprintf(error, error_size, "out of memory");
    } catch (const std::exception &e) {
        std::snprintf(error, error_size, "%s", e.what());
    } catch (...) {
        std::snprintf(error, error_size, "unexpected failure in the OBJ parser");
    }
    delete p;
    *out = io_tinyobj_data();
    return 0;
}

} // namespace

extern "C" int io_tinyobj_parse(const char *text, size_t size, io_tinyobj_read_mtl read_mtl,
                                void *user, io_tinyobj_data *out, char *error, size_t error_size)
{
    memory_buffer buffer(text, size);
    std::istream stream(&buffer);
    return parse_stream(stream, read_mtl, user, out, error, error_size);
}

extern "C" int io_tinyobj_parse_file(const char *path, io_tinyobj_read_mtl read_mtl, void *user,
                                     io_tinyobj_data *out, char *error, size_t error_size)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        *out = io_tinyobj_data();
        std::snprintf(error, error_size, "cannot open the file");
        return 0;
    }
    return parse_stream(stream, read_mtl, user, out, error, error_size);
}

extern "C" void io_tinyobj_free(io_tinyobj_data *data)
{
    delete static_cast<parsed *>(data->owner);
    *data = io_tinyobj_data();
}
