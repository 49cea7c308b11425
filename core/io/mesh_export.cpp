#include "io/mesh_export.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <unordered_map>

#include "io/image_io.h"
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

std::string jsonFloat(float v) {
  std::ostringstream os;
  os << std::setprecision(9) << v;
  return os.str();
}

std::string writeStreamToString(const std::function<void(std::ostream&)>& write) {
  std::ostringstream os;
  write(os);
  return os.str();
}

}  // namespace

std::string jsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

MeshFormat formatFromExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
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

void saveGlb(const TexturedMesh& mesh, const fs::path& path) {
  validateMesh(mesh, path.string());
  const std::vector<ExportGroup> groups = splitForExport(mesh);
  const bool uvs = mesh.hasUVs();
  const bool colors = !mesh.vertexColors.empty();
  std::string bin;
  std::ostringstream views, accessors, meshes;
  int viewCount = 0, accessorCount = 0;

  auto addView = [&](const void* data, std::size_t bytes, int target) {
    padTo4(bin, '\0');
    views << (viewCount ? "," : "") << "{\"buffer\":0,\"byteOffset\":" << bin.size()
          << ",\"byteLength\":" << bytes;
    if (target) views << ",\"target\":" << target;
    views << "}";
    appendBytes(bin, data, bytes);
    return viewCount++;
  };
  auto addAccessor = [&](int view, int componentType, std::size_t count, const char* type,
                         const std::string& extra) {
    accessors << (accessorCount ? "," : "") << "{\"bufferView\":" << view
              << ",\"componentType\":" << componentType << ",\"count\":" << count << ",\"type\":\""
              << type << "\"" << extra << "}";
    return accessorCount++;
  };

  std::ostringstream primitives;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const ExportGroup& g = groups[gi];
    std::vector<glm::vec3> pos(g.vertex.size()), nrm(g.vertex.size());
    for (std::size_t i = 0; i < g.vertex.size(); ++i) {
      pos[i] = mesh.positions[g.vertex[i]];
      nrm[i] = mesh.normals.empty() ? glm::vec3(0, 0, 1) : mesh.normals[g.vertex[i]];
    }
    const BoundingBox box = boundingBox(pos);
    const std::string minmax = ",\"min\":[" + jsonFloat(box.min.x) + "," + jsonFloat(box.min.y) +
                               "," + jsonFloat(box.min.z) + "],\"max\":[" + jsonFloat(box.max.x) +
                               "," + jsonFloat(box.max.y) + "," + jsonFloat(box.max.z) + "]";
    const int aPos =
        addAccessor(addView(pos.data(), pos.size() * 12, 34962), 5126, pos.size(), "VEC3", minmax);
    const int aNrm =
        addAccessor(addView(nrm.data(), nrm.size() * 12, 34962), 5126, nrm.size(), "VEC3", "");
    primitives << (gi ? "," : "") << "{\"attributes\":{\"POSITION\":" << aPos
               << ",\"NORMAL\":" << aNrm;
    if (uvs) {
      // glTF's UV origin is the top-left corner.
      std::vector<glm::vec2> uv(g.uv.size());
      for (std::size_t i = 0; i < uv.size(); ++i) uv[i] = glm::vec2(g.uv[i].x, 1.0f - g.uv[i].y);
      const int aUv =
          addAccessor(addView(uv.data(), uv.size() * 8, 34962), 5126, uv.size(), "VEC2", "");
      primitives << ",\"TEXCOORD_0\":" << aUv;
    }
    if (colors) {
      std::vector<glm::vec4> col(g.vertex.size());
      for (std::size_t i = 0; i < col.size(); ++i) col[i] = mesh.vertexColors[g.vertex[i]];
      const int aCol =
          addAccessor(addView(col.data(), col.size() * 16, 34962), 5126, col.size(), "VEC4", "");
      primitives << ",\"COLOR_0\":" << aCol;
    }
    const int aIdx = addAccessor(addView(g.indices.data(), g.indices.size() * 4, 34963), 5125,
                                 g.indices.size(), "SCALAR", "");
    primitives << "},\"indices\":" << aIdx << ",\"material\":" << g.material << ",\"mode\":4}";
  }

  std::ostringstream materials, textures, images;
  int imageCount = 0;
  for (std::size_t m = 0; m < mesh.materials.size(); ++m) {
    const Material& mat = mesh.materials[m];
    const glm::vec4 c = mat.baseColorFactor;
    materials << (m ? "," : "") << "{\"name\":\"" << jsonEscape(mat.name)
              << "\",\"pbrMetallicRoughness\":{\"baseColorFactor\":[" << jsonFloat(c.r) << ","
              << jsonFloat(c.g) << "," << jsonFloat(c.b) << "," << jsonFloat(c.a) << "]";
    if (!mat.baseColorTexture.empty() && uvs) {
      const std::string png = encodePng(mat.baseColorTexture);
      const int view = addView(png.data(), png.size(), 0);
      images << (imageCount ? "," : "") << "{\"bufferView\":" << view
             << ",\"mimeType\":\"image/png\"}";
      textures << (imageCount ? "," : "") << "{\"source\":" << imageCount << ",\"sampler\":0}";
      materials << ",\"baseColorTexture\":{\"index\":" << imageCount << "}";
      ++imageCount;
    }
    materials << ",\"metallicFactor\":0,\"roughnessFactor\":1},\"doubleSided\":false}";
  }
  padTo4(bin, '\0');

  std::ostringstream json;
  json << "{\"asset\":{\"version\":\"2.0\",\"generator\":\"Interp3D Studio\"},\"scene\":0,"
       << "\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}],"
       << "\"meshes\":[{\"primitives\":[" << primitives.str() << "]}],"
       << "\"materials\":[" << materials.str() << "],";
  if (imageCount) {
    json
        << "\"samplers\":[{\"magFilter\":9729,\"minFilter\":9987,\"wrapS\":10497,\"wrapT\":10497}],"
        << "\"textures\":[" << textures.str() << "],\"images\":[" << images.str() << "],";
  }
  json << "\"accessors\":[" << accessors.str() << "],\"bufferViews\":[" << views.str() << "],"
       << "\"buffers\":[{\"byteLength\":" << bin.size() << "}]}";
  std::string jsonChunk = json.str();
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

  // Textures and MTL first, so the OBJ never points at files that are not there yet.
  std::ostringstream mtl;
  mtl << "# Interp3D Studio\n";
  for (std::size_t m = 0; m < mesh.materials.size(); ++m) {
    const Material& mat = mesh.materials[m];
    const glm::vec4 c = mat.baseColorFactor;
    mtl << "newmtl mat" << m << "\nKd " << c.r << " " << c.g << " " << c.b << "\nd " << c.a << "\n";
    if (!mat.baseColorTexture.empty() && uvs) {
      const std::string png = stem + "_mat" + std::to_string(m) + ".png";
      savePng(path.parent_path() / png, mat.baseColorTexture);
      mtl << "map_Kd " << png << "\n";
    }
  }
  writeFileAtomically(mtlPath, mtl.str());

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
  writeFileAtomically(path, obj);
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
