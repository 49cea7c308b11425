#include "io/mesh_import.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <new>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include <assimp/DefaultIOSystem.h>
#include <assimp/MemoryIOWrapper.h>
#include <glm/geometric.hpp>

#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/DefaultLogger.hpp>
#include <assimp/Importer.hpp>
#include <assimp/LogStream.hpp>

#include "io/gltf_notes.h"
#include "io/image_io.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {

// Assimp reports some problems only to its log, as errors or warnings (an OFF face index out of
// range is clamped, a glTF face with one is dropped). Its logger is global, so messages are
// collected per thread while that thread imports.
thread_local std::vector<std::string>* tlsAssimpErrors = nullptr;

class CaptureStream : public Assimp::LogStream {
 public:
  void write(const char* message) override {
    if (tlsAssimpErrors) {
      std::string m(message);
      while (!m.empty() && (m.back() == '\n' || m.back() == '\r')) m.pop_back();
      // Without the logger's "Warn,  T0: " in front: the message is shown to the user as it is.
      for (const char* level : {"Error,", "Warn,", "Info,", "Debug,"})
        if (const std::size_t at = m.find(": "); m.rfind(level, 0) == 0 && at != std::string::npos)
          m.erase(0, at + 2);
      tlsAssimpErrors->push_back(std::move(m));
    }
  }
};

void installAssimpLogCapture() {
  static std::once_flag once;
  std::call_once(once, [] {
    Assimp::Logger* logger = Assimp::DefaultLogger::create(nullptr, Assimp::Logger::NORMAL, 0);
    logger->attachStream(new CaptureStream, Assimp::Logger::Err | Assimp::Logger::Warn);
  });
}

// Collects Assimp's error messages on this thread for the lifetime of the object.
class AssimpErrorScope {
 public:
  AssimpErrorScope() {
    installAssimpLogCapture();
    tlsAssimpErrors = &errors;
  }
  ~AssimpErrorScope() { tlsAssimpErrors = nullptr; }
  AssimpErrorScope(const AssimpErrorScope&) = delete;
  AssimpErrorScope& operator=(const AssimpErrorScope&) = delete;
  std::vector<std::string> errors;
};

struct PositionKey {
  float x, y, z;
  bool operator==(const PositionKey& o) const {
    return std::memcmp(this, &o, sizeof(PositionKey)) == 0;
  }
};
struct PositionHash {
  std::size_t operator()(const PositionKey& k) const {
    std::uint32_t b[3];
    std::memcpy(b, &k, sizeof(b));
    std::size_t h = b[0];
    h = h * 0x9E3779B97F4A7C15ull ^ b[1];
    h = h * 0x9E3779B97F4A7C15ull ^ b[2];
    return h ^ (h >> 29);
  }
};

// Finds a texture file named by a material: as written, relative to the model, or by its
// base name next to the model (exporters often store absolute paths from another machine).
// `name` with its %XX escapes decoded (a glTF image's uri is a URI: "my%20tex.png").
std::string percentDecoded(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size() &&
        std::isxdigit(static_cast<unsigned char>(name[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(name[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(name[i]);
    }
  }
  return out;
}

fs::path resolveTexturePath(const fs::path& modelDir, std::string name) {
  for (char& c : name) {
    if (c == '\\') c = '/';
  }
  std::error_code ec;
  for (const std::string& spelling : {name, percentDecoded(name)}) {
    const fs::path p(spelling);
    for (const fs::path& candidate : {modelDir / p, p, modelDir / p.filename()}) {
      if (fs::is_regular_file(candidate, ec)) return candidate;
    }
  }
  return {};
}

Image decodeEmbedded(const aiTexture& tex, const std::string& source) {
  if (tex.mHeight == 0) {  // compressed (PNG/JPEG bytes)
    return decodeImage(std::string(reinterpret_cast<const char*>(tex.pcData), tex.mWidth), source);
  }
  Image img;
  img.width = static_cast<int>(tex.mWidth);
  img.height = static_cast<int>(tex.mHeight);
  img.rgba.resize(static_cast<std::size_t>(img.width) * img.height * 4);
  for (std::size_t i = 0; i < static_cast<std::size_t>(img.width) * img.height; ++i) {
    const aiTexel& t = tex.pcData[i];
    img.rgba[4 * i + 0] = t.r;
    img.rgba[4 * i + 1] = t.g;
    img.rgba[4 * i + 2] = t.b;
    img.rgba[4 * i + 3] = t.a;
  }
  return img;
}

Material convertMaterial(const aiScene& scene, const aiMaterial& in, const fs::path& file,
                         std::vector<std::string>& warnings) {
  Material m;
  aiString name;
  if (in.Get(AI_MATKEY_NAME, name) == AI_SUCCESS) m.name = name.C_Str();
  aiColor4D color;
  if (in.Get(AI_MATKEY_BASE_COLOR, color) == AI_SUCCESS ||
      in.Get(AI_MATKEY_COLOR_DIFFUSE, color) == AI_SUCCESS) {
    m.baseColorFactor = glm::vec4(color.r, color.g, color.b, color.a);
  }
  float opacity = 1.0f;
  if (in.Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS) m.baseColorFactor.a = opacity;

  aiString texPath;
  bool found = false;
  for (aiTextureType type : {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}) {
    if (in.GetTextureCount(type) > 0 && in.GetTexture(type, 0, &texPath) == AI_SUCCESS) {
      found = true;
      break;
    }
  }
  if (!found || texPath.length == 0) return m;

  const std::string texName = texPath.C_Str();
  try {
    if (const aiTexture* embedded = scene.GetEmbeddedTexture(texName.c_str())) {
      m.baseColorTexture =
          decodeEmbedded(*embedded, file.string() + " (embedded texture " + texName + ")");
      m.textureSource = "embedded";
    } else {
      const fs::path resolved = resolveTexturePath(file.parent_path(), texName);
      if (resolved.empty()) {
        warnings.push_back(file.string() + ": texture '" + texName + "' of material '" + m.name +
                           "' not found; using the base colour");
        return m;
      }
      m.baseColorTexture = loadImage(resolved);
      m.textureSource = resolved.string();
    }
  } catch (const IoError& e) {
    warnings.push_back(std::string(e.what()) + "; material '" + m.name + "' uses its base colour");
    m.baseColorTexture = Image{};
  }
  return m;
}

// Importers add a default material that no face uses; keep only the materials in use.
void removeUnusedMaterials(TexturedMesh& mesh) {
  std::vector<std::uint32_t> newId(mesh.materials.size(), UINT32_MAX);
  for (std::uint32_t id : mesh.materialIds) newId[id] = 0;
  std::vector<Material> kept;
  for (std::size_t m = 0; m < mesh.materials.size(); ++m) {
    if (newId[m] == UINT32_MAX) continue;
    newId[m] = static_cast<std::uint32_t>(kept.size());
    kept.push_back(std::move(mesh.materials[m]));
  }
  mesh.materials = std::move(kept);
  for (std::uint32_t& id : mesh.materialIds) id = newId[id];
}

// The import itself, in whichever process runs it.
// UTF-8's byte-order mark, which some Windows editors write at the start of a text file.
constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

// Files as they are on disk, except `file` read without its UTF-8 byte-order mark: Assimp's OBJ
// reader took the first line ("\xEF\xBB\xBFmtllib a.mtl") for an unknown statement and the
// mesh came in without its materials.
class WithoutByteOrderMark : public Assimp::DefaultIOSystem {
 public:
  WithoutByteOrderMark(std::string file, std::string text)
      : file_(std::move(file)), text_(std::move(text)) {}
  Assimp::IOStream* Open(const char* name, const char* mode) override {
    if (name && file_ == name && mode && mode[0] == 'r')
      return new Assimp::MemoryIOStream(reinterpret_cast<const std::uint8_t*>(text_.data()),
                                        text_.size());
    return Assimp::DefaultIOSystem::Open(name, mode);
  }

 private:
  std::string file_, text_;
};

// An OBJ that starts with a UTF-8 byte-order mark (as some Windows editors write): its text
// without the mark, else empty.
std::string objWithoutByteOrderMark(const fs::path& path) {
  if (lowerExtension(path) != ".obj") return {};
  std::ifstream in(path, std::ios::binary);
  char mark[3] = {};
  if (!in.read(mark, 3) || std::memcmp(mark, kByteOrderMark, 3) != 0) return {};
  std::ostringstream rest;
  rest << in.rdbuf();
  return rest.str();
}

// What an OBJ asks for that Assimp drops without a word, said as warnings: a material library
// that is missing or is not one (the mesh would come out without its textures and colours),
// materials its faces use that no library defines, and texture coordinates it has that none of
// its faces could use (an index past the last "vt"). One read of the OBJ and of each library.
void checkObjStatements(const fs::path& path, const TexturedMesh& mesh,
                        std::vector<std::string>& warnings) {
  std::ifstream in(path, std::ios::binary);
  std::set<std::string> used, defined;
  bool hasUVs = false;
  std::vector<std::string> libraries;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(kByteOrderMark, 0) == 0) line.erase(0, 3);
    auto starts = [&line](const char* keyword, std::size_t n) {
      return line.rfind(keyword, 0) == 0 && line.size() > n &&
             std::isspace(static_cast<unsigned char>(line[n]));
    };
    if (starts("vt", 2)) {
      hasUVs = true;
    } else if (starts("usemtl", 6)) {
      std::istringstream words(line.substr(6));
      if (std::string name; words >> name) used.insert(name);
    } else if (starts("mtllib", 6)) {  // one name, spaces and all
      std::string name = line.substr(7);
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
        name.pop_back();
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front())))
        name.erase(name.begin());
      if (!name.empty()) libraries.push_back(name);
    }
  }
  for (const std::string& name : libraries) {
    const fs::path library = path.parent_path() / name;
    std::error_code ec;
    if (!fs::is_regular_file(library, ec)) {
      warnings.push_back(path.string() + ": its material library '" + name +
                         "' is missing; the mesh has none of its textures or colours");
      continue;
    }
    std::ifstream mtl(library, std::ios::binary);
    bool any = false;
    for (std::string line; std::getline(mtl, line);) {
      std::istringstream words(line);
      std::string keyword, material;
      if (words >> keyword && keyword == "newmtl") {
        any = true;
        if (words >> material) defined.insert(material);
      }
    }
    if (!any)
      warnings.push_back(path.string() + ": its material library '" + name +
                         "' defines no material (is it an MTL file?); the mesh has none of its "
                         "textures or colours");
  }
  if (!defined.empty())
    for (const std::string& name : used)
      if (!defined.count(name))
        warnings.push_back(path.string() + ": its faces use material '" + name +
                           "', which no material library defines; they have a plain colour");
  bool textured = false;
  for (const Material& m : mesh.materials) textured = textured || !m.baseColorTexture.empty();
  if (hasUVs && textured && !mesh.hasUVs())
    warnings.push_back(path.string() +
                       ": its texture coordinates could not be read (a face refers to one that "
                       "does not exist?); the mesh is not textured");
}

LoadedMesh importWithAssimp(const fs::path& path) {
  AssimpErrorScope assimpLog;
  Assimp::Importer importer;
  if (std::string text = objWithoutByteOrderMark(path); !text.empty())
    importer.SetIOHandler(new WithoutByteOrderMark(path.string(), std::move(text)));
  // Drop points and lines after triangulation; keep everything else as authored.
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                              aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const unsigned flags =
      aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_ValidateDataStructure;
  const aiScene* scene = importer.ReadFile(path.string(), flags);
  for (const std::string& e : assimpLog.errors) {
    // The importer repaired the data by guessing (clamped an index, dropped the faces with one):
    // refuse it, rather than morph a mesh with holes the file does not have.
    if (e.find("out of range") != std::string::npos) throw MeshError(path.string() + ": " + e);
    if (e.find("out-of-range indices") != std::string::npos)
      throw MeshError(path.string() + ": some faces refer to vertices the file does not have; " +
                      "it is corrupt (the importer said: " + e + ")");
  }
  if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode) {
    std::string why = importer.GetErrorString();
    if (why.empty()) why = "the file is corrupt or in an unsupported format";
    if ((scene && scene->mNumMeshes == 0) || why.find("mNumMeshes is 0") != std::string::npos)
      why = "it holds no mesh (no faces were found in it)";
    else if (why.find("contains no faces") != std::string::npos)
      why = "it has vertices but no faces joining them (a point cloud is not a mesh)";
    if (why.find("bad_alloc") != std::string::npos) throw std::bad_alloc();
    throw IoError(path.string() + ": cannot read mesh: " + why);
  }

  LoadedMesh result;
  TexturedMesh& mesh = result.mesh;
  for (unsigned i = 0; i < scene->mNumMaterials; ++i) {
    mesh.materials.push_back(convertMaterial(*scene, *scene->mMaterials[i], path, result.warnings));
  }
  if (mesh.materials.empty()) mesh.materials.emplace_back();
  const std::string extension = lowerExtension(path);
  GltfNotes gltf;
  if (extension == ".gltf" || extension == ".glb") gltf = readGltfNotes(path);
  result.warnings.insert(result.warnings.end(), gltf.warnings.begin(), gltf.warnings.end());

  // The set of texture coordinates each material's colour texture reads (glTF's texCoord): a
  // texture on the second set came out on the first's, all zeros, as one flat colour.
  std::vector<unsigned> uvSet(scene->mNumMaterials, 0);
  for (unsigned i = 0; i < scene->mNumMaterials; ++i)
    for (aiTextureType type : {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}) {
      aiString unused;
      unsigned set = 0;
      if (scene->mMaterials[i]->GetTextureCount(type) > 0 &&
          scene->mMaterials[i]->GetTexture(type, 0, &unused, nullptr, &set) == AI_SUCCESS) {
        uvSet[i] = set < AI_MAX_NUMBER_OF_TEXTURECOORDS ? set : 0;
        break;
      }
    }
  for (std::size_t i = 0; i < gltf.baseColorTransforms.size() && i < uvSet.size(); ++i) {
    const int set = gltf.baseColorTransforms[i].texCoord;
    if (set >= 0 && set < AI_MAX_NUMBER_OF_TEXTURECOORDS) uvSet[i] = static_cast<unsigned>(set);
  }
  auto uvSetOf = [&](const aiMesh& am) {
    const unsigned set = am.mMaterialIndex < uvSet.size() ? uvSet[am.mMaterialIndex] : 0;
    return am.HasTextureCoords(set) ? set : 0;
  };
  bool anyUVs = false, anyColors = false;
  for (unsigned i = 0; i < scene->mNumMeshes; ++i) {
    anyUVs = anyUVs || scene->mMeshes[i]->HasTextureCoords(uvSetOf(*scene->mMeshes[i]));
    anyColors = anyColors || scene->mMeshes[i]->HasVertexColors(0);
  }

  std::unordered_map<PositionKey, std::uint32_t, PositionHash> weld;
  std::vector<const aiNode*> stack{scene->mRootNode};
  std::vector<aiMatrix4x4> transforms{scene->mRootNode->mTransformation};
  while (!stack.empty()) {
    const aiNode* node = stack.back();
    const aiMatrix4x4 xf = transforms.back();
    stack.pop_back();
    transforms.pop_back();
    for (unsigned c = 0; c < node->mNumChildren; ++c) {
      stack.push_back(node->mChildren[c]);
      transforms.push_back(xf * node->mChildren[c]->mTransformation);
    }
    for (unsigned mi = 0; mi < node->mNumMeshes; ++mi) {
      if (node->mMeshes[mi] >= scene->mNumMeshes) {
        throw IoError(path.string() + ": a node refers to a mesh that does not exist");
      }
      const aiMesh& am = *scene->mMeshes[node->mMeshes[mi]];
      if (!(am.mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
      std::vector<std::uint32_t> remap(am.mNumVertices);
      for (unsigned v = 0; v < am.mNumVertices; ++v) {
        const aiVector3D p = xf * am.mVertices[v];
        const PositionKey key{p.x, p.y, p.z};
        auto [it, inserted] = weld.emplace(key, static_cast<std::uint32_t>(mesh.positions.size()));
        if (inserted) {
          mesh.positions.emplace_back(p.x, p.y, p.z);
          if (anyColors) {
            const aiColor4D c = am.HasVertexColors(0) ? am.mColors[0][v] : aiColor4D(1, 1, 1, 1);
            mesh.vertexColors.emplace_back(c.r, c.g, c.b, c.a);
          }
        }
        remap[v] = it->second;
      }
      const std::uint32_t material =
          am.mMaterialIndex < mesh.materials.size() ? am.mMaterialIndex : 0;
      // A mirroring transform (a negative scale) turns the faces inside out unless their winding
      // is reversed too (glTF 2.0, 3.7.4).
      const bool mirrored = xf.Determinant() < 0.0f;
      const unsigned set = uvSetOf(am);
      for (unsigned f = 0; f < am.mNumFaces; ++f) {
        const aiFace& face = am.mFaces[f];
        if (face.mNumIndices != 3) continue;
        glm::uvec3 tri;
        for (int k = 0; k < 3; ++k) {
          const unsigned idx = face.mIndices[k];
          if (idx >= am.mNumVertices) {
            throw MeshError(path.string() + ": face " + std::to_string(f) + " refers to vertex " +
                            std::to_string(idx) + " but the mesh has only " +
                            std::to_string(am.mNumVertices));
          }
          tri[k] = remap[idx];
          if (anyUVs) {
            const aiVector3D uv =
                am.HasTextureCoords(set) ? am.mTextureCoords[set][idx] : aiVector3D(0, 0, 0);
            mesh.cornerUVs.emplace_back(uv.x, uv.y);
          }
        }
        if (mirrored) {
          std::swap(tri[1], tri[2]);
          if (anyUVs) std::swap(mesh.cornerUVs[mesh.cornerUVs.size() - 2], mesh.cornerUVs.back());
        }
        mesh.triangles.push_back(tri);
        mesh.materialIds.push_back(material);
      }
    }
  }

  // A glTF colour texture's KHR_texture_transform (glTF materials keep their order in Assimp).
  if (mesh.hasUVs())
    for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
      const std::uint32_t m = mesh.materialIds[f];
      if (m >= gltf.baseColorTransforms.size() || gltf.baseColorTransforms[m].identity()) continue;
      for (int k = 0; k < 3; ++k)
        mesh.cornerUVs[3 * f + k] = gltf.baseColorTransforms[m].apply(mesh.cornerUVs[3 * f + k]);
    }
  validateMesh(mesh, path.string());
  removeUnusedMaterials(mesh);
  computeVertexNormals(mesh);
  if (extension == ".obj") {
    checkObjStatements(path, mesh, result.warnings);
  }
  // Single-precision coordinates far from the origin for the model's size have lost their detail
  // before anything here sees them (a model of size 1 a million units away: steps of 0.06).
  const BoundingBox box = boundingBox(mesh.positions);
  const float far = glm::length(box.center()), size = box.diagonal();
  if (size > 0.0f && far > 1e4f * size)
    result.warnings.push_back(path.string() + ": the model lies " +
                              std::to_string(static_cast<long long>(far / size)) +
                              " times its own size from the origin, where its coordinates keep "
                              "little of its detail; move it near the origin in the tool that "
                              "wrote it");
  return result;
}

// A LoadedMesh as bytes, to cross from the importer's process: each vector as its length and
// its elements' bytes, each string as its length and characters.
class Writer {
 public:
  template <typename T>
  void pod(const T& v) {
    bytes.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  template <typename T>
  void vec(const std::vector<T>& v) {
    pod<std::uint64_t>(v.size());
    bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void str(const std::string& s) {
    pod<std::uint64_t>(s.size());
    bytes.append(s);
  }
  std::string bytes;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  T pod() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  template <typename T>
  std::vector<T> vec() {
    const auto n = pod<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(T)) throw IoError("a truncated reply from the importer");
    std::vector<T> v(n);
    const char* from = take(n * sizeof(T));
    if (n > 0) std::memcpy(v.data(), from, n * sizeof(T));  // an empty vector's data() is null
    return v;
  }
  std::string str() {
    const auto n = pod<std::uint64_t>();
    if (n > bytes_.size() - at_) throw IoError("a truncated reply from the importer");
    return std::string(take(n), n);
  }

 private:
  const char* take(std::size_t n) {
    if (n > bytes_.size() - at_) throw IoError("a truncated reply from the importer");
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  const std::string& bytes_;
  std::size_t at_ = 0;
};

std::string encodeLoaded(const LoadedMesh& l) {
  Writer w;
  const TexturedMesh& m = l.mesh;
  w.vec(m.positions);
  w.vec(m.normals);
  w.vec(m.triangles);
  w.vec(m.cornerUVs);
  w.vec(m.materialIds);
  w.vec(m.vertexColors);
  w.pod<std::uint64_t>(m.materials.size());
  for (const Material& mat : m.materials) {
    w.str(mat.name);
    w.pod(mat.baseColorFactor);
    w.pod(mat.baseColorTexture.width);
    w.pod(mat.baseColorTexture.height);
    w.vec(mat.baseColorTexture.rgba);
    w.str(mat.textureSource);
  }
  w.pod<std::uint64_t>(l.warnings.size());
  for (const std::string& s : l.warnings) w.str(s);
  return std::move(w.bytes);
}

LoadedMesh decodeLoaded(const std::string& bytes) {
  Reader r(bytes);
  LoadedMesh l;
  TexturedMesh& m = l.mesh;
  m.positions = r.vec<glm::vec3>();
  m.normals = r.vec<glm::vec3>();
  m.triangles = r.vec<glm::uvec3>();
  m.cornerUVs = r.vec<glm::vec2>();
  m.materialIds = r.vec<std::uint32_t>();
  m.vertexColors = r.vec<glm::vec4>();
  const auto materials = r.pod<std::uint64_t>();
  for (std::uint64_t i = 0; i < materials; ++i) {  // a false count ends in a truncated read
    Material mat;
    mat.name = r.str();
    mat.baseColorFactor = r.pod<glm::vec4>();
    mat.baseColorTexture.width = r.pod<int>();
    mat.baseColorTexture.height = r.pod<int>();
    mat.baseColorTexture.rgba = r.vec<std::uint8_t>();
    mat.textureSource = r.str();
    const Image& t = mat.baseColorTexture;
    if (t.rgba.size() != static_cast<std::size_t>(std::max(t.width, 0)) * std::max(t.height, 0) * 4)
      throw IoError("a texture of the wrong size from the importer");
    m.materials.push_back(std::move(mat));
  }
  const auto warnings = r.pod<std::uint64_t>();
  for (std::uint64_t i = 0; i < warnings; ++i) l.warnings.push_back(r.str());
  return l;
}

}  // namespace

fs::path importHelper() {
  static const fs::path helper = [] {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return fs::path();
    const fs::path beside = self.parent_path() / kImportHelperName;
    return ::access(beside.c_str(), X_OK) == 0 ? beside : fs::path();
  }();
  return helper;
}

int importHelperMain(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr,
                 "%s: reads one mesh file for interp3d and interp3d-cli, which start it as\n"
                 "  %s MEMORY_MB STACK_MB FILE   (the reply goes to descriptor %d)\n",
                 kImportHelperName, kImportHelperName, kChildReplyFd);
    return 2;
  }
  ChildLimits limits;
  limits.memoryMB = std::atoi(argv[1]);
  limits.stackMB = std::atoi(argv[2]);
  const fs::path path = argv[3];
  serveInChild(
      kChildReplyFd, [&path] { return encodeLoaded(importWithAssimp(path)); }, limits);
}

LoadedMesh loadMesh(const fs::path& path, const ImportOptions& options, const Progress& progress) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IoError(path.string() + ": file does not exist");
  if (!fs::is_regular_file(path, ec)) throw IoError(path.string() + ": not a regular file");
  if (fs::file_size(path, ec) == 0) throw IoError(path.string() + ": the file is empty");
  precheckMeshFile(path, options.precheck);
  progress.check();
  if (!options.isolated) return importWithAssimp(path);

  std::string reply;
  try {
    const fs::path helper = importHelper();
    if (!helper.empty()) {
      reply = runProgramInChild({helper.string(), std::to_string(options.limits.memoryMB),
                                 std::to_string(options.limits.stackMB), path.string()},
                                options.limits, progress.cancelFlag());
    } else {
      reply = runInChild([&path] { return encodeLoaded(importWithAssimp(path)); }, options.limits,
                         progress.cancelFlag());
    }
  } catch (const ChildFailure& f) {
    switch (f.kind) {
      case ChildFailure::Kind::Failed:
        if (f.errorType == 'M') throw MeshError(f.what());
        throw IoError(f.what());
      case ChildFailure::Kind::OutOfMemory:
        throw IoError(path.string() + ": the importer " + f.what() +
                      " (--import-memory raises the limit)");
      case ChildFailure::Kind::TimedOut:
        throw IoError(path.string() + ": the importer " + f.what() +
                      " (--import-seconds raises the limit)");
      case ChildFailure::Kind::Crashed:
        throw IoError(path.string() + ": the importer " + f.what() +
                      "; the file is corrupt or uses a feature Assimp cannot read");
    }
  }
  LoadedMesh loaded;
  try {
    loaded = decodeLoaded(reply);
  } catch (const IoError& e) {
    throw IoError(path.string() + ": " + e.what());
  }
  validateMesh(loaded.mesh, path.string());
  return loaded;
}

}  // namespace interp3d
