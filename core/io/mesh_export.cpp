#include "io/mesh_export.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/image_io.h"
#include "io/mesh_precheck.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {

// Vertices split where a welded vertex has several UVs, grouped by material.
struct ExportGroup {
  std::uint32_t material = 0;
  std::vector<std::uint32_t> vertex;  // source vertex of each output vertex
  std::vector<glm::vec2> uv;          // per output vertex (when the mesh has UVs)
  std::vector<std::uint32_t> indices;
};

std::vector<ExportGroup> splitForExport(const TexturedMesh& mesh) {
  std::map<std::uint32_t, ExportGroup> groups;
  std::map<std::uint32_t, std::unordered_map<std::uint64_t, std::uint32_t>> seen;
  const bool uvs = mesh.hasUVs();
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const std::uint32_t mat = mesh.materialIds[f];
    ExportGroup& g = groups[mat];
    g.material = mat;
    auto& index = seen[mat];
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t v = mesh.triangles[f][k];
      const glm::vec2 uv = uvs ? mesh.cornerUVs[3 * f + k] : glm::vec2(0.0f);
      std::uint32_t bits[2];
      std::memcpy(bits, &uv, sizeof(bits));
      // Key: vertex and a hash of its UV; a collision only costs a duplicate vertex.
      const std::uint64_t key =
          (std::uint64_t(v) << 32) ^ (bits[0] * 0x9E3779B1u) ^ (bits[1] * 0x85EBCA77u);
      auto [it, inserted] = index.emplace(key, static_cast<std::uint32_t>(g.vertex.size()));
      if (inserted || g.vertex[it->second] != v || (uvs && g.uv[it->second] != uv)) {
        if (!inserted) it->second = static_cast<std::uint32_t>(g.vertex.size());
        g.vertex.push_back(v);
        if (uvs) g.uv.push_back(uv);
      }
      g.indices.push_back(it->second);
    }
  }
  std::vector<ExportGroup> out;
  for (auto& [mat, g] : groups) out.push_back(std::move(g));
  return out;
}

void appendBytes(std::string& buf, const void* data, std::size_t n) {
  buf.append(static_cast<const char*>(data), n);
}
void padTo4(std::string& buf, char fill) {
  while (buf.size() % 4) buf.push_back(fill);
}

std::string writeStreamToString(const std::function<void(std::ostream&)>& write) {
  std::ostringstream os;
  write(os);
  return os.str();
}

}  // namespace

MeshFormat formatFromExtension(const fs::path& path) {
  const std::string ext = lowerExtension(path);
  if (ext == ".glb") return MeshFormat::Glb;
  if (ext == ".obj") return MeshFormat::Obj;
  if (ext == ".ply") return MeshFormat::Ply;
  throw UsageError(path.string() + ": unknown output format '" + ext + "'; use .glb, .obj or .ply");
}

void saveMesh(const TexturedMesh& mesh, const fs::path& path) {
  switch (formatFromExtension(path)) {
    case MeshFormat::Glb:
      return saveGlb(mesh, path);
    case MeshFormat::Obj:
      return saveObj(mesh, path);
    case MeshFormat::Ply:
      return savePly(mesh, path);
  }
}

void saveGlb(const TexturedMesh& mesh, const fs::path& path, const ShapeKeys* keys) {
  validateMesh(mesh, path.string());
  if (keys) {
    if (keys->names.size() != keys->positions.size())
      throw MeshError(path.string() + ": shape keys need one name per key");
    for (const std::vector<glm::vec3>& key : keys->positions) {
      if (key.size() != mesh.positions.size())
        throw MeshError(path.string() + ": a shape key has " + std::to_string(key.size()) +
                        " positions for " + std::to_string(mesh.positions.size()) + " vertices");
      for (const glm::vec3& p : key)
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
          throw MeshError(path.string() + ": a shape key has a position that is not finite");
    }
  }
  const std::vector<ExportGroup> groups = splitForExport(mesh);
  const bool uvs = mesh.hasUVs();
  const bool colors = !mesh.vertexColors.empty();
  using Json = nlohmann::ordered_json;
  std::string bin;
  Json views = Json::array(), accessors = Json::array(), primitives = Json::array();

  auto addView = [&](const void* data, std::size_t bytes, int target) {
    padTo4(bin, '\0');
    Json view = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", bytes}};
    if (target) view["target"] = target;
    views.push_back(view);
    appendBytes(bin, data, bytes);
    return static_cast<int>(views.size()) - 1;
  };
  auto addAccessor = [&](int view, int componentType, std::size_t count, const char* type,
                         const Json& extra = Json::object()) {
    Json accessor = {
        {"bufferView", view}, {"componentType", componentType}, {"count", count}, {"type", type}};
    accessor.update(extra);
    accessors.push_back(accessor);
    return static_cast<int>(accessors.size()) - 1;
  };

  for (const ExportGroup& g : groups) {
    std::vector<glm::vec3> pos(g.vertex.size()), nrm(g.vertex.size());
    for (std::size_t i = 0; i < g.vertex.size(); ++i) {
      pos[i] = mesh.positions[g.vertex[i]];
      nrm[i] = mesh.normals.empty() ? glm::vec3(0, 0, 1) : mesh.normals[g.vertex[i]];
    }
    const BoundingBox box = boundingBox(pos);
    const Json minmax = {{"min", {box.min.x, box.min.y, box.min.z}},
                         {"max", {box.max.x, box.max.y, box.max.z}}};
    Json attributes;
    attributes["POSITION"] =
        addAccessor(addView(pos.data(), pos.size() * 12, 34962), 5126, pos.size(), "VEC3", minmax);
    attributes["NORMAL"] =
        addAccessor(addView(nrm.data(), nrm.size() * 12, 34962), 5126, nrm.size(), "VEC3");
    if (uvs) {
      // glTF's UV origin is the top-left corner.
      std::vector<glm::vec2> uv(g.uv.size());
      for (std::size_t i = 0; i < uv.size(); ++i) uv[i] = glm::vec2(g.uv[i].x, 1.0f - g.uv[i].y);
      attributes["TEXCOORD_0"] =
          addAccessor(addView(uv.data(), uv.size() * 8, 34962), 5126, uv.size(), "VEC2");
    }
    if (colors) {
      std::vector<glm::vec4> col(g.vertex.size());
      for (std::size_t i = 0; i < col.size(); ++i) col[i] = mesh.vertexColors[g.vertex[i]];
      attributes["COLOR_0"] =
          addAccessor(addView(col.data(), col.size() * 16, 34962), 5126, col.size(), "VEC4");
    }
    const int indices = addAccessor(addView(g.indices.data(), g.indices.size() * 4, 34963), 5125,
                                    g.indices.size(), "SCALAR");
    Json primitive = {
        {"attributes", attributes}, {"indices", indices}, {"material", g.material}, {"mode", 4}};
    if (keys && !keys->positions.empty()) {
      Json targets = Json::array();
      for (const std::vector<glm::vec3>& key : keys->positions) {
        std::vector<glm::vec3> delta(g.vertex.size());
        for (std::size_t i = 0; i < delta.size(); ++i)
          delta[i] = key[g.vertex[i]] - mesh.positions[g.vertex[i]];
        const BoundingBox range = boundingBox(delta);
        const Json bounds = {{"min", {range.min.x, range.min.y, range.min.z}},
                             {"max", {range.max.x, range.max.y, range.max.z}}};
        targets.push_back({{"POSITION", addAccessor(addView(delta.data(), delta.size() * 12, 34962),
                                                    5126, delta.size(), "VEC3", bounds)}});
      }
      primitive["targets"] = targets;
    }
    primitives.push_back(primitive);
  }

  Json materials = Json::array(), textures = Json::array(), images = Json::array();
  for (const Material& mat : mesh.materials) {
    const glm::vec4 c = mat.baseColorFactor;
    Json pbr = {{"baseColorFactor", {c.r, c.g, c.b, c.a}}};
    if (!mat.baseColorTexture.empty() && uvs) {
      const std::string png = encodePng(mat.baseColorTexture);
      images.push_back(
          {{"bufferView", addView(png.data(), png.size(), 0)}, {"mimeType", "image/png"}});
      textures.push_back({{"source", images.size() - 1}, {"sampler", 0}});
      pbr["baseColorTexture"] = {{"index", textures.size() - 1}};
    }
    pbr["metallicFactor"] = 0;
    pbr["roughnessFactor"] = 1;
    materials.push_back(
        {{"name", mat.name}, {"pbrMetallicRoughness", pbr}, {"doubleSided", false}});
  }
  padTo4(bin, '\0');

  Json meshJson = {{"primitives", primitives}};
  Json animations = Json::array();
  if (keys && !keys->positions.empty()) {
    const std::size_t n = keys->positions.size();
    meshJson["weights"] = std::vector<float>(n, 0.0f);
    meshJson["extras"] = {{"targetNames", keys->names}};
    // Key k alone at time (k + 1) / fps; the mesh itself at 0.
    std::vector<float> times(n + 1), weights((n + 1) * n, 0.0f);
    for (std::size_t k = 0; k <= n; ++k) {
      times[k] = static_cast<float>(k) / keys->framesPerSecond;
      if (k > 0) weights[k * n + (k - 1)] = 1.0f;
    }
    const int input = addAccessor(addView(times.data(), times.size() * 4, 0), 5126, times.size(),
                                  "SCALAR", {{"min", {times.front()}}, {"max", {times.back()}}});
    const int output =
        addAccessor(addView(weights.data(), weights.size() * 4, 0), 5126, weights.size(), "SCALAR");
    animations.push_back(
        {{"name", "morph"},
         {"channels", {{{"sampler", 0}, {"target", {{"node", 0}, {"path", "weights"}}}}}},
         {"samplers", {{{"input", input}, {"output", output}, {"interpolation", "LINEAR"}}}}});
  }
  Json json = {{"asset", {{"version", "2.0"}, {"generator", "Interp3D Studio"}}},
               {"scene", 0},
               {"scenes", {{{"nodes", {0}}}}},
               {"nodes", {{{"mesh", 0}}}},
               {"meshes", {meshJson}},
               {"materials", materials}};
  if (!animations.empty()) json["animations"] = animations;
  if (!images.empty()) {
    json["samplers"] = {
        {{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}}};
    json["textures"] = textures;
    json["images"] = images;
  }
  json["accessors"] = accessors;
  json["bufferViews"] = views;
  json["buffers"] = {{{"byteLength", bin.size()}}};
  std::string jsonChunk = json.dump();
  padTo4(jsonChunk, ' ');

  std::string glb;
  auto u32 = [&](std::uint32_t v) { appendBytes(glb, &v, 4); };
  u32(0x46546C67);  // "glTF"
  u32(2);
  u32(static_cast<std::uint32_t>(12 + 8 + jsonChunk.size() + 8 + bin.size()));
  u32(static_cast<std::uint32_t>(jsonChunk.size()));
  u32(0x4E4F534A);  // "JSON"
  glb += jsonChunk;
  u32(static_cast<std::uint32_t>(bin.size()));
  u32(0x004E4942);  // "BIN\0"
  glb += bin;
  writeFileAtomically(path, glb);
}

void saveObj(const TexturedMesh& mesh, const fs::path& path) {
  validateMesh(mesh, path.string());
  const std::string stem = path.stem().string();
  const fs::path mtlPath = path.parent_path() / (stem + ".mtl");
  const bool uvs = mesh.hasUVs();

  // Textures and MTL are renamed into place first, so the OBJ never points at files that are not
  // there yet; nothing is renamed until every file is written, so a failure leaves none behind.
  std::vector<std::pair<fs::path, std::string>> files;
  std::ostringstream mtl;
  mtl << "# Interp3D Studio\n";
  for (std::size_t m = 0; m < mesh.materials.size(); ++m) {
    const Material& mat = mesh.materials[m];
    const glm::vec4 c = mat.baseColorFactor;
    mtl << "newmtl mat" << m << "\nKd " << c.r << " " << c.g << " " << c.b << "\nd " << c.a << "\n";
    if (!mat.baseColorTexture.empty() && uvs) {
      const std::string suffix = "_mat" + std::to_string(m) + ".png";
      // A file name has at most 255 bytes: a long OBJ name shortens its textures' names.
      const std::string png = stem.substr(0, 255 - suffix.size()) + suffix;
      files.emplace_back(path.parent_path() / png, encodePng(mat.baseColorTexture));
      mtl << "map_Kd " << png << "\n";
    }
  }
  files.emplace_back(mtlPath, mtl.str());

  const std::string obj = writeStreamToString([&](std::ostream& os) {
    os << std::setprecision(9) << "# Interp3D Studio\nmtllib " << stem << ".mtl\n";
    for (const glm::vec3& p : mesh.positions) os << "v " << p.x << " " << p.y << " " << p.z << "\n";
    for (const glm::vec3& n : mesh.normals) os << "vn " << n.x << " " << n.y << " " << n.z << "\n";
    if (uvs) {
      for (const glm::vec2& t : mesh.cornerUVs) os << "vt " << t.x << " " << t.y << "\n";
    }
    const bool normals = mesh.normals.size() == mesh.positions.size();
    std::uint32_t current = UINT32_MAX;
    for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
      if (mesh.materialIds[f] != current) {
        current = mesh.materialIds[f];
        os << "usemtl mat" << current << "\n";
      }
      os << "f";
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t v = mesh.triangles[f][k] + 1;
        os << " " << v;
        if (uvs || normals) os << "/";
        if (uvs) os << (3 * f + k + 1);
        if (normals) os << "/" << v;
      }
      os << "\n";
    }
  });
  files.emplace_back(path, obj);
  writeFilesAtomically(files);
}

void savePly(const TexturedMesh& mesh, const fs::path& path) {
  validateMesh(mesh, path.string());
  const std::size_t nv = mesh.positions.size();
  std::vector<glm::vec4> color(nv, glm::vec4(0.0f));
  std::vector<float> weight(nv, 0.0f);
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    for (int k = 0; k < 3; ++k) {
      color[mesh.triangles[f][k]] += cornerColor(mesh, f, k);
      weight[mesh.triangles[f][k]] += 1.0f;
    }
  }
  std::ostringstream header;
  header << "ply\nformat binary_little_endian 1.0\ncomment Interp3D Studio\nelement vertex " << nv
         << "\nproperty float x\nproperty float y\nproperty float z\n"
         << "property float nx\nproperty float ny\nproperty float nz\n"
         << "property uchar red\nproperty uchar green\nproperty uchar blue\nproperty uchar alpha\n"
         << "element face " << mesh.triangles.size() << "\nproperty list uchar int vertex_indices\n"
         << "end_header\n";
  std::string out = header.str();
  out.reserve(out.size() + nv * 28 + mesh.triangles.size() * 13);
  for (std::size_t v = 0; v < nv; ++v) {
    appendBytes(out, &mesh.positions[v], 12);
    const glm::vec3 n = mesh.normals.size() == nv ? mesh.normals[v] : glm::vec3(0, 0, 1);
    appendBytes(out, &n, 12);
    const glm::vec4 c = weight[v] > 0 ? color[v] / weight[v] : glm::vec4(1.0f);
    for (int i = 0; i < 4; ++i) {
      out.push_back(static_cast<char>(
          static_cast<std::uint8_t>(std::clamp(c[i], 0.0f, 1.0f) * 255.0f + 0.5f)));
    }
  }
  for (const glm::uvec3& t : mesh.triangles) {
    out.push_back(3);
    const std::int32_t idx[3] = {static_cast<std::int32_t>(t.x), static_cast<std::int32_t>(t.y),
                                 static_cast<std::int32_t>(t.z)};
    appendBytes(out, idx, 12);
  }
  writeFileAtomically(path, out);
}

}  // namespace interp3d
