// assimp behind io_assimp.h: PLY, glTF 2.0 and GLB. No assimp type leaves
// this file; io_meshes.c builds glint's model from the plain arrays here.
#include "io/io_assimp.h"

#include <assimp/IOStream.hpp>
#include <assimp/IOSystem.hpp>
#include <assimp/Importer.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <string>
#include <vector>

namespace
{

// Serves bytes it does not own (the main file) or owns (a related file,
// malloc'd by the read callback).
class buffer_stream : public Assimp::IOStream
{
  public:
    // assimp closes a stream through Close or deletes it itself: either way
    // it leaves `open`, so the IO system frees only what assimp left open.
    buffer_stream(const char *bytes, size_t size, std::set<Assimp::IOStream *> &open)
        : bytes_(bytes), size_(size), open_(open)
    {
        open_.insert(this);
    }
    ~buffer_stream() override
    {
        open_.erase(this);
    }
    size_t Read(void *out, size_t size, size_t count) override
    {
        if (size == 0 || count == 0)
            return 0;
        size_t left = size_ - position_;
        size_t items = count < left / size ? count : left / size;
        std::memcpy(out, bytes_ + position_, items * size);
        position_ += items * size;
        return items;
    }
    size_t Write(const void *, size_t, size_t) override
    {
        return 0;
    }
    // aiOrigin_END counts back from the end, as assimp's own streams do.
    aiReturn Seek(size_t offset, aiOrigin origin) override
    {
        size_t room = origin == aiOrigin_CUR ? size_ - position_ : size_;
        if (offset > room)
            return aiReturn_FAILURE;
        position_ = origin == aiOrigin_SET   ? offset
                    : origin == aiOrigin_CUR ? position_ + offset
                                             : size_ - offset;
        return aiReturn_SUCCESS;
    }
    size_t Tell() const override
    {
        return position_;
    }
    size_t FileSize() const override
    {
        return size_;
    }
    void Flush() override
    {
    }

  private:
    const char *bytes_;
    size_t size_;
    size_t position_ = 0;
    std::set<Assimp::IOStream *> &open_;
};

struct related_file {
    char *bytes = nullptr;
    size_t size = 0;
    bool found = false;
};

// The main file from memory; everything it names through glint's reader
// (limits, no FIFOs, paths relative to the model). Each file is read once.
class callback_io : public Assimp::IOSystem
{
  public:
    callback_io(const std::string &main, const char *bytes, size_t size, io_meshes_read_fn read,
                void *user)
        : main_(main), bytes_(bytes), size_(size), read_(read), user_(user)
    {
    }
    // assimp's glTF reader does not close every stream it opens when it
    // gives up on a file: what is left open is closed here.
    ~callback_io() override
    {
        while (!open_.empty())
            delete *open_.begin(); // its destructor erases it
        for (auto &entry : files_)
            std::free(entry.second.bytes);
    }
    bool Exists(const char *file) const override
    {
        std::string name = clean(file);
        return name == main_ || fetch(name).found;
    }
    char getOsSeparator() const override
    {
        return '/';
    }
    Assimp::IOStream *Open(const char *file, const char *mode) override
    {
        if (!mode || std::strchr(mode, 'w') || std::strchr(mode, 'a'))
            return nullptr;
        std::string name = clean(file);
        if (name == main_)
            return new buffer_stream(bytes_, size_, open_);
        const related_file &related = fetch(name);
        if (!related.found)
            return nullptr;
        return new buffer_stream(related.bytes, related.size, open_);
    }
    void Close(Assimp::IOStream *stream) override
    {
        delete stream;
    }
    bool ComparePaths(const char *one, const char *second) const override
    {
        return clean(one) == clean(second);
    }

  private:
    static std::string clean(const char *file)
    {
        std::string name = file ? file : "";
        while (name.compare(0, 2, "./") == 0)
            name.erase(0, 2);
        return name;
    }
    const related_file &fetch(const std::string &name) const
    {
        auto found = files_.find(name);
        if (found != files_.end())
            return found->second;
        related_file &file = files_[name];
        if (read_ && !name.empty() && read_(user_, name.c_str(), &file.bytes, &file.size))
            file.found = true;
        return file;
    }

    std::string main_;
    const char *bytes_;
    size_t size_;
    io_meshes_read_fn read_;
    void *user_;
    mutable std::map<std::string, related_file> files_;
    std::set<Assimp::IOStream *> open_;
};

struct owned {
    Assimp::Importer importer;
    std::vector<io_meshes_mesh> meshes;
    std::vector<io_meshes_material> materials;
    std::vector<std::string> names;
    std::vector<std::string> texture_paths;
    std::vector<std::vector<float>> arrays;
    std::vector<std::vector<uint32_t>> indices;
    std::string warnings;
    size_t skipped = 0;
    size_t triangles = 0;
};

// Nodes deeper than this are a loop or a hostile file, not a model.
constexpr int max_depth = 64;
// Instances of meshes placed by nodes: copies, so the total is bounded.
constexpr size_t max_triangles = 100u * 1000u * 1000u;

struct walk_error {
    std::string message;
};

const float *copy_positions(owned &o, const aiMesh *mesh, const aiMatrix4x4 &m)
{
    std::vector<float> out(3 * static_cast<size_t>(mesh->mNumVertices));
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
        aiVector3D p = m * mesh->mVertices[v];
        out[3 * v] = p.x, out[3 * v + 1] = p.y, out[3 * v + 2] = p.z;
    }
    o.arrays.push_back(std::move(out));
    return o.arrays.back().data();
}

const float *copy_normals(owned &o, const aiMesh *mesh, const aiMatrix4x4 &m)
{
    if (!mesh->mNormals)
        return nullptr;
    aiMatrix3x3 n(m);
    n.Inverse().Transpose(); // normals follow the inverse transpose
    std::vector<float> out(3 * static_cast<size_t>(mesh->mNumVertices));
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
        aiVector3D p = n * mesh->mNormals[v];
        float length = p.Length();
        if (length > 0 && std::isfinite(length))
            p /= length;
        out[3 * v] = p.x, out[3 * v + 1] = p.y, out[3 * v + 2] = p.z;
    }
    o.arrays.push_back(std::move(out));
    return o.arrays.back().data();
}

const float *copy_uvs(owned &o, const aiMesh *mesh)
{
    if (!mesh->mTextureCoords[0])
        return nullptr;
    std::vector<float> out(2 * static_cast<size_t>(mesh->mNumVertices));
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
        out[2 * v] = mesh->mTextureCoords[0][v].x;
        out[2 * v + 1] = mesh->mTextureCoords[0][v].y;
    }
    o.arrays.push_back(std::move(out));
    return o.arrays.back().data();
}

const float *copy_colors(owned &o, const aiMesh *mesh, bool srgb)
{
    if (!mesh->mColors[0])
        return nullptr;
    std::vector<float> out(3 * static_cast<size_t>(mesh->mNumVertices));
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
        const aiColor4D &c = mesh->mColors[0][v];
        float rgb[3] = {c.r, c.g, c.b};
        for (int k = 0; k < 3; ++k)
            out[3 * v + k] = srgb ? io_meshes_srgb_to_linear(rgb[k]) : rgb[k];
    }
    o.arrays.push_back(std::move(out));
    return o.arrays.back().data();
}

void add_mesh(owned &o, const aiMesh *mesh, const aiNode *node, const aiMatrix4x4 &m, bool srgb)
{
    // Polygons are fanned here: assimp's Triangulate step aborts on some
    // hostile PLY faces (an ai_assert left on in Debian's build; fuzz_ply),
    // and files from scanners and exporters hold triangles and convex quads.
    std::vector<uint32_t> indices;
    size_t triangles = 0;
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
        unsigned n = mesh->mFaces[f].mIndices ? mesh->mFaces[f].mNumIndices : 0;
        if (n >= 3)
            triangles += n - 2;
        else
            o.skipped++;
    }
    if (triangles == 0 || mesh->mNumVertices == 0 || !mesh->mVertices)
        return;
    o.triangles += triangles;
    if (o.triangles > max_triangles)
        throw walk_error{"its nodes place more than 100 million triangles"};
    indices.reserve(3 * triangles);
    // A mirroring transform turns triangles inside out: their order flips back.
    bool mirrored = m.Determinant() < 0;
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
        const aiFace &face = mesh->mFaces[f];
        if (!face.mIndices)
            continue;
        for (unsigned k = 2; k < face.mNumIndices; ++k) {
            indices.push_back(face.mIndices[0]);
            indices.push_back(face.mIndices[mirrored ? k : k - 1]);
            indices.push_back(face.mIndices[mirrored ? k - 1 : k]);
        }
    }
    io_meshes_mesh out = io_meshes_mesh();
    // assimp names a glTF's unnamed nodes "nodes[N]": the mesh's name says more.
    std::string name = node->mName.length ? node->mName.C_Str() : "";
    if (name.compare(0, 6, "nodes[") == 0 || name.compare(0, 6, "nodes_") == 0)
        name.clear();
    if (name.empty() || node->mNumMeshes > 1) {
        std::string own = mesh->mName.C_Str();
        if (!own.empty() && own != name)
            name = name.empty() ? own : name + "." + own;
    }
    o.names.push_back(name);
    out.material = mesh->mMaterialIndex;
    out.positions = copy_positions(o, mesh, m);
    out.normals = copy_normals(o, mesh, m);
    out.uvs = copy_uvs(o, mesh);
    out.colors = copy_colors(o, mesh, srgb);
    out.vertex_count = mesh->mNumVertices;
    o.indices.push_back(std::move(indices));
    out.indices = o.indices.back().data();
    out.triangle_count = triangles;
    o.meshes.push_back(out);
}

void walk(owned &o, const aiScene *scene, const aiNode *node, const aiMatrix4x4 &parent, int depth,
          bool srgb)
{
    if (depth > max_depth)
        throw walk_error{"its node tree is more than 64 levels deep"};
    aiMatrix4x4 m = parent * node->mTransformation;
    for (unsigned i = 0; i < node->mNumMeshes; ++i) {
        unsigned index = node->mMeshes[i];
        if (index < scene->mNumMeshes && scene->mMeshes[index])
            add_mesh(o, scene->mMeshes[index], node, m, srgb);
    }
    for (unsigned c = 0; c < node->mNumChildren; ++c) {
        if (node->mChildren[c])
            walk(o, scene, node->mChildren[c], m, depth + 1, srgb);
    }
}

void add_materials(owned &o, const aiScene *scene, bool srgb)
{
    for (unsigned i = 0; i < scene->mNumMaterials; ++i) {
        const aiMaterial *mat = scene->mMaterials[i];
        io_meshes_material out = io_meshes_material();
        out.base_color[0] = out.base_color[1] = out.base_color[2] = 0.6f;
        out.base_color[3] = 1.0f;
        aiString name;
        if (mat && mat->Get(AI_MATKEY_NAME, name) == AI_SUCCESS)
            o.names.push_back(name.C_Str());
        else
            o.names.push_back("");
        // assimp makes one up where the file has none (PLY: unnamed).
        out.is_default = o.names.back() == AI_DEFAULT_MATERIAL_NAME ||
                         (srgb && o.names.back().empty());
        aiColor4D color;
        bool has_color = false;
        if (mat && mat->Get(AI_MATKEY_BASE_COLOR, color) == AI_SUCCESS) {
            has_color = true; // glTF's base colour factor: linear by its spec
        } else if (mat && mat->Get(AI_MATKEY_COLOR_DIFFUSE, color) == AI_SUCCESS) {
            has_color = true;
            if (srgb) {
                color.r = io_meshes_srgb_to_linear(color.r);
                color.g = io_meshes_srgb_to_linear(color.g);
                color.b = io_meshes_srgb_to_linear(color.b);
            }
        }
        if (has_color && !out.is_default) {
            out.base_color[0] = color.r, out.base_color[1] = color.g;
            out.base_color[2] = color.b, out.base_color[3] = color.a;
        }
        float metallic = 0, roughness = 0;
        if (mat && mat->Get(AI_MATKEY_METALLIC_FACTOR, metallic) == AI_SUCCESS &&
            mat->Get(AI_MATKEY_ROUGHNESS_FACTOR, roughness) == AI_SUCCESS) {
            out.has_pbr = true;
            out.metallic = metallic;
            out.roughness = roughness;
        }
        aiString path;
        std::string texture;
        if (mat && (mat->GetTexture(aiTextureType_BASE_COLOR, 0, &path) == AI_SUCCESS ||
                    mat->GetTexture(aiTextureType_DIFFUSE, 0, &path) == AI_SUCCESS))
            texture = path.C_Str();
        const aiTexture *embedded = texture.empty() ? nullptr : scene->GetEmbeddedTexture(texture.c_str());
        if (embedded && embedded->mHeight == 0 && embedded->pcData) {
            out.texture_bytes = reinterpret_cast<const unsigned char *>(embedded->pcData);
            out.texture_size = embedded->mWidth;
            texture.clear();
        } else if (embedded || (!texture.empty() && texture[0] == '*')) {
            o.warnings += "an embedded texture is not PNG or JPEG data; using the base colour\n";
            texture.clear();
        }
        o.texture_paths.push_back(texture);
        o.materials.push_back(out);
    }
}

int fail(char *error, size_t error_size, const std::string &message)
{
    std::snprintf(error, error_size, "%s", message.c_str());
    return 0;
}

int read(const char *bytes, size_t size, const char *extension, io_meshes_read_fn read_fn,
         void *user, io_meshes *out, char *error, size_t error_size)
{
    std::unique_ptr<owned> o(new owned());
    std::string main = std::string("glint-model.") + extension;
    o->importer.SetIOHandler(new callback_io(main, bytes, size, read_fn, user));
    o->importer.SetPropertyBool(AI_CONFIG_IMPORT_NO_SKELETON_MESHES, true);
    // No post-processing: no vertex joining (slow on a million triangles,
    // and scene welds by itself), no validation pass (the builder checks
    // every index and coordinate), and polygons fanned by add_mesh.
    const aiScene *scene = o->importer.ReadFile(main, 0);
    if (!scene) {
        std::string why = o->importer.GetErrorString();
        return fail(error, error_size, why.empty() ? "cannot parse" : why);
    }
    if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE || !scene->mRootNode)
        return fail(error, error_size, "the file holds no meshes");
    bool srgb = std::strcmp(extension, "ply") == 0; // PLY colours are sRGB bytes
    add_materials(*o, scene, srgb);
    try {
        walk(*o, scene, scene->mRootNode, aiMatrix4x4(), 0, srgb);
    } catch (const walk_error &e) {
        return fail(error, error_size, e.message);
    }
    // Names are pointed to once no vector grows: materials' first in
    // o->names, then the meshes'.
    size_t first = scene->mNumMaterials;
    for (size_t i = 0; i < o->meshes.size(); ++i)
        o->meshes[i].name = o->names[first + i].c_str();
    for (size_t i = 0; i < o->materials.size(); ++i) {
        o->materials[i].name = o->names[i].c_str();
        o->materials[i].texture_path = o->texture_paths[i].c_str();
    }
    out->meshes = o->meshes.data();
    out->mesh_count = o->meshes.size();
    out->materials = o->materials.data();
    out->material_count = o->materials.size();
    out->skipped_faces = o->skipped;
    out->warnings = o->warnings.c_str();
    out->owner = o.release();
    return 1;
}

} // namespace

extern "C" int io_assimp_read(const char *bytes, size_t size, const char *extension,
                              io_meshes_read_fn read_fn, void *user, io_meshes *out, char *error,
                              size_t error_size)
{
    *out = io_meshes();
    try {
        return read(bytes, size, extension, read_fn, user, out, error, error_size);
    } catch (const std::bad_alloc &) {
        return fail(error, error_size, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, error_size, e.what());
    } catch (...) {
        return fail(error, error_size, "unexpected failure in assimp");
    }
}

extern "C" void io_assimp_free(io_meshes *meshes)
{
    delete static_cast<owned *>(meshes->owner);
    *meshes = io_meshes();
}
