// The one C++ file in glint: it wraps tinyobjloader behind io_tinyobj.h.
#include "io/io_tinyobj.h"

#include "io/io_obj_lines.h"

#include <tiny_obj_loader.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <istream>
#include <map>
#include <new>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <unistd.h>

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

// Hands tinyobjloader the OBJ a line at a time after io_obj_check_line has
// seen (and maybe rewritten) each one, reading from memory or from a file
// descriptor. A refused line ends the stream; parse_stream reports it.
// Lines end at "\n", "\r\n" or a lone "\r", as tinyobjloader counts them;
// the buffer grows to the longest line.
class obj_line_filter : public std::streambuf
{
  public:
    obj_line_filter(const char *text, size_t size) : text_(text), text_size_(size)
    {
    }
    explicit obj_line_filter(int fd) : fd_(fd)
    {
    }

    const io_obj_lines &lines() const
    {
        return lines_;
    }
    bool refused() const
    {
        return refused_;
    }
    bool read_failed() const
    {
        return read_failed_;
    }
    int read_errno() const
    {
        return read_errno_;
    }

  protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (refused_ || read_failed_)
            return traits_type::eof();
        // What was handed out is done with; an unfinished line moves to the front.
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(emitted_));
        scanned_ -= emitted_;
        emitted_ = 0;
        for (;;) {
            size_t done = check_complete_lines();
            if (refused_)
                return traits_type::eof();
            if (done == 0 && source_done_ && !buffer_.empty()) {
                // The last line has no terminator.
                if (!io_obj_check_line(&lines_, buffer_.data(), buffer_.size())) {
                    refused_ = true;
                    return traits_type::eof();
                }
                done = buffer_.size();
                scanned_ = done;
            }
            if (done > 0) {
                emitted_ = done;
                setg(buffer_.data(), buffer_.data(), buffer_.data() + done);
                return traits_type::to_int_type(buffer_[0]);
            }
            if (source_done_ || !fill())
                return traits_type::eof();
        }
    }

  private:
    // Checks each complete line past scanned_; returns how many bytes of
    // whole lines (with their terminators) can be handed out.
    size_t check_complete_lines()
    {
        size_t line_start = scanned_;
        size_t i = scanned_;
        size_t size = buffer_.size();
        if (after_cr_ && i < size) {
            after_cr_ = false;
            if (buffer_[i] == '\n') // the rest of a "\r\n" split between reads
                line_start = ++i;
        }
        for (; i < size; ++i) {
            char c = buffer_[i];
            if (c != '\n' && c != '\r')
                continue;
            if (!io_obj_check_line(&lines_, buffer_.data() + line_start, i - line_start)) {
                refused_ = true;
                return 0;
            }
            if (c == '\r') {
                if (i + 1 < size && buffer_[i + 1] == '\n')
                    ++i;
                else if (i + 1 == size)
                    after_cr_ = true;
            }
            line_start = i + 1;
        }
        scanned_ = line_start;
        return line_start;
    }

    bool fill()
    {
        size_t size = buffer_.size();
        size_t room = size < chunk ? chunk : size; // doubles for long lines
        buffer_.resize(size + room);
        size_t got = 0;
        if (fd_ < 0) {
            got = text_size_ - text_used_ < room ? text_size_ - text_used_ : room;
            std::memcpy(buffer_.data() + size, text_ + text_used_, got);
            text_used_ += got;
        } else {
            for (;;) {
                ssize_t n = ::read(fd_, buffer_.data() + size, room);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0) {
                    read_failed_ = true;
                    read_errno_ = errno;
                    got = 0;
                } else {
                    got = static_cast<size_t>(n);
                }
                break;
            }
        }
        buffer_.resize(size + got);
        if (got == 0)
            source_done_ = true;
        return !read_failed_;
    }

    static constexpr size_t chunk = 1 << 16;
    const char *text_ = nullptr;
    size_t text_size_ = 0;
    size_t text_used_ = 0;
    int fd_ = -1;
    std::vector<char> buffer_;
    size_t scanned_ = 0; // bytes of whole lines checked
    size_t emitted_ = 0; // bytes handed out by the last underflow
    bool after_cr_ = false;
    bool source_done_ = false;
    bool refused_ = false;
    bool read_failed_ = false;
    int read_errno_ = 0;
    io_obj_lines lines_ = io_obj_lines();
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
    // Without the fallback (LoadObj's last argument) tinyobjloader keeps
    // colours only when every vertex line has them.
    out->colors = !p.attrib.colors.empty() && p.attrib.colors.size() == p.attrib.vertices.size()
                      ? p.attrib.colors.data()
                      : nullptr;
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

int parse(obj_line_filter &filtered, io_tinyobj_read_mtl read_mtl, void *user, io_tinyobj_data *out,
          io_tinyobj_error *error)
{
    *out = io_tinyobj_data();
    *error = io_tinyobj_error();
    parsed *p = nullptr;
    try {
        p = new parsed();
        callback_material_reader materials(read_mtl, user, p->libraries);
        std::string err;
        std::istream clean(&filtered);
        bool ok = tinyobj::LoadObj(&p->attrib, &p->shapes, &p->materials, &p->warnings, &err,
                                   &clean, &materials, true, false);
        if (filtered.refused()) {
            error->line = filtered.lines().line;
            std::snprintf(error->message, sizeof error->message, "%s", filtered.lines().error);
            ok = false;
        } else if (filtered.read_failed()) {
            std::snprintf(error->message, sizeof error->message, "read failed: %s",
                          std::strerror(filtered.read_errno()));
            ok = false;
        } else if (!ok) {
            std::snprintf(error->message, sizeof error->message, "%s",
                          err.empty() ? "cannot parse" : err.c_str());
        }
        if (!ok) {
            delete p;
            return 0;
        }
        fill_views(*p, out);
        out->owner = p;
        return 1;
    } catch (const std::bad_alloc &) {
        std::snprintf(error->message, sizeof error->message, "out of memory");
    } catch (const std::exception &e) {
        std::snprintf(error->message, sizeof error->message, "%s", e.what());
    } catch (...) {
        std::snprintf(error->message, sizeof error->message,
                      "unexpected failure in the OBJ parser");
    }
    delete p;
    *out = io_tinyobj_data();
    return 0;
}

} // namespace

extern "C" int io_tinyobj_parse(const char *text, size_t size, io_tinyobj_read_mtl read_mtl,
                                void *user, io_tinyobj_data *out, io_tinyobj_error *error)
{
    try {
        obj_line_filter filtered(text, size);
        return parse(filtered, read_mtl, user, out, error);
    } catch (...) {
        *out = io_tinyobj_data();
        std::snprintf(error->message, sizeof error->message, "out of memory");
        return 0;
    }
}

extern "C" int io_tinyobj_parse_fd(int fd, io_tinyobj_read_mtl read_mtl, void *user,
                                   io_tinyobj_data *out, io_tinyobj_error *error)
{
    try {
        obj_line_filter filtered(fd);
        return parse(filtered, read_mtl, user, out, error);
    } catch (...) {
        *out = io_tinyobj_data();
        std::snprintf(error->message, sizeof error->message, "out of memory");
        return 0;
    }
}

extern "C" void io_tinyobj_free(io_tinyobj_data *data)
{
    delete static_cast<parsed *>(data->owner);
    *data = io_tinyobj_data();
}
