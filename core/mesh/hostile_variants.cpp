#include "mesh/hostile_variants.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include <glm/geometric.hpp>

#include "util/error.h"

namespace interp3d {

namespace {

// A copy keeping only the triangles for which `keep(f)` holds (unused vertices stay).
template <typename Keep>
TexturedMesh filtered(const TexturedMesh& mesh, Keep keep) {
  TexturedMesh out = mesh;
  out.triangles.clear();
  out.materialIds.clear();
  out.cornerUVs.clear();
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    if (!keep(f)) continue;
    out.triangles.push_back(mesh.triangles[f]);
    out.materialIds.push_back(mesh.materialIds[f]);
    if (mesh.hasUVs())
      for (int k = 0; k < 3; ++k) out.cornerUVs.push_back(mesh.cornerUVs[3 * f + k]);
  }
  return out;
}

void flipTriangle(TexturedMesh& mesh, std::size_t f) {
  std::swap(mesh.triangles[f].y, mesh.triangles[f].z);
  if (mesh.hasUVs()) std::swap(mesh.cornerUVs[3 * f + 1], mesh.cornerUVs[3 * f + 2]);
}

glm::vec3 centroid(const TexturedMesh& m, std::size_t f) {
  const glm::uvec3 t = m.triangles[f];
  return (m.positions[t.x] + m.positions[t.y] + m.positions[t.z]) / 3.0f;
}

}  // namespace

TexturedMesh duplicateShell(const TexturedMesh& mesh, bool flipped) {
  TexturedMesh out = mesh;
  const std::size_t n = mesh.triangles.size();
  for (std::size_t f = 0; f < n; ++f) {
    out.triangles.push_back(mesh.triangles[f]);
    out.materialIds.push_back(mesh.materialIds[f]);
    if (mesh.hasUVs())
      for (int k = 0; k < 3; ++k) out.cornerUVs.push_back(mesh.cornerUVs[3 * f + k]);
    if (flipped) flipTriangle(out, n + f);
  }
  return out;
}

TexturedMesh flipFaces(const TexturedMesh& mesh, double fraction, std::uint32_t seed) {
  TexturedMesh out = mesh;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t f = 0; f < out.triangles.size(); ++f)
    if (u(rng) < fraction) flipTriangle(out, f);
  computeVertexNormals(out);
  return out;
}

TexturedMesh punchHoles(const TexturedMesh& mesh, int count, double radius, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<glm::vec3> centres;
  for (int i = 0; i < count && !mesh.triangles.empty(); ++i)
    centres.push_back(centroid(mesh, rng() % mesh.triangles.size()));
  const float r = static_cast<float>(radius) * boundingBox(mesh.positions).diagonal();
  return filtered(mesh, [&](std::size_t f) {
    const glm::vec3 c = centroid(mesh, f);
    for (const glm::vec3& h : centres)
      if (glm::distance(c, h) < r) return false;
    return true;
  });
}

TexturedMesh keepHalf(const TexturedMesh& mesh, const glm::vec3& axis) {
  const glm::vec3 centre = boundingBox(mesh.positions).center();
  return filtered(mesh,
                  [&](std::size_t f) { return glm::dot(centroid(mesh, f) - centre, axis) > 0; });
}

TexturedMesh splitIntoParts(const TexturedMesh& mesh, int parts) {
  const BoundingBox box = boundingBox(mesh.positions);
  const int n = std::max(1, static_cast<int>(std::round(std::cbrt(std::max(1, parts)))));
  TexturedMesh out = mesh;
  out.positions.clear();
  out.normals.clear();
  out.vertexColors.clear();
  std::map<std::pair<std::uint32_t, int>, std::uint32_t> copies;  // (vertex, cell) -> new vertex
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::vec3 rel = (centroid(mesh, f) - box.min) / glm::max(box.size(), glm::vec3(1e-12f));
    const glm::ivec3 c = glm::clamp(glm::ivec3(rel * static_cast<float>(n)), 0, n - 1);
    const int cell = (c.z * n + c.y) * n + c.x;
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t v = mesh.triangles[f][k];
      const auto [it, added] =
          copies.emplace(std::pair{v, cell}, static_cast<std::uint32_t>(out.positions.size()));
      if (added) {
        out.positions.push_back(mesh.positions[v]);
        if (!mesh.vertexColors.empty()) out.vertexColors.push_back(mesh.vertexColors[v]);
      }
      out.triangles[f][k] = it->second;
    }
  }
  computeVertexNormals(out);
  return out;
}

TexturedMesh scaledAndMoved(const TexturedMesh& mesh, double factor, const glm::vec3& offset) {
  TexturedMesh out = mesh;
  for (glm::vec3& p : out.positions) p = glm::vec3(glm::dvec3(p) * factor + glm::dvec3(offset));
  return out;
}

const std::vector<std::string>& hostileVariantKinds() {
  static const std::vector<std::string> kinds = {"duplicate-shell", "flipped-shell", "flip-faces",
                                                 "holes",           "open-sheet",    "parts",
                                                 "scale",           "move"};
  return kinds;
}

TexturedMesh hostileVariant(const TexturedMesh& mesh, const std::string& kind, double amount) {
  if (kind == "duplicate-shell") return duplicateShell(mesh, false);
  if (kind == "flipped-shell") return duplicateShell(mesh, true);
  if (kind == "flip-faces") return flipFaces(mesh, amount > 0.0 ? amount : 0.1);
  if (kind == "holes") return punchHoles(mesh, amount > 0.0 ? static_cast<int>(amount) : 5, 0.03);
  if (kind == "open-sheet") return keepHalf(mesh);
  if (kind == "parts") return splitIntoParts(mesh, amount > 0.0 ? static_cast<int>(amount) : 64);
  if (kind == "scale") return scaledAndMoved(mesh, amount != 0.0 ? amount : 1e3, glm::vec3(0.0f));
  if (kind == "move")
    return scaledAndMoved(mesh, 1.0, glm::vec3(static_cast<float>(amount != 0.0 ? amount : 1e4)));
  std::string list;
  for (const std::string& k : hostileVariantKinds()) list += (list.empty() ? "" : ", ") + k;
  throw UsageError("unknown variant '" + kind + "' (" + list + ")");
}

}  // namespace interp3d
