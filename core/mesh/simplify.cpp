#include "mesh/simplify.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace interp3d {

namespace {
TexturedMesh clusterAt(const TexturedMesh& mesh, int cells) {
  const BoundingBox box = boundingBox(mesh.positions);
  const float extent = std::max({box.size().x, box.size().y, box.size().z, 1e-12f});
  const float inv = static_cast<float>(cells) / extent;

  std::unordered_map<std::uint64_t, std::uint32_t> cellIndex;
  std::vector<std::uint32_t> remap(mesh.positions.size());
  std::vector<glm::vec3> sum;
  std::vector<float> count;
  for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
    const glm::vec3 g = (mesh.positions[v] - box.min) * inv;
    const auto cx = static_cast<std::uint64_t>(std::min<float>(g.x, cells - 1));
    const auto cy = static_cast<std::uint64_t>(std::min<float>(g.y, cells - 1));
    const auto cz = static_cast<std::uint64_t>(std::min<float>(g.z, cells - 1));
    const std::uint64_t key = (cx << 42) | (cy << 21) | cz;
    auto [it, inserted] = cellIndex.emplace(key, static_cast<std::uint32_t>(sum.size()));
    if (inserted) {
      sum.emplace_back(0.0f);
      count.push_back(0.0f);
    }
    remap[v] = it->second;
    sum[it->second] += mesh.positions[v];
    count[it->second] += 1.0f;
  }

  TexturedMesh out;
  out.materials = mesh.materials;
  out.positions.resize(sum.size());
  for (std::size_t i = 0; i < sum.size(); ++i) out.positions[i] = sum[i] / count[i];
  const bool uvs = mesh.hasUVs();
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3 t(remap[mesh.triangles[f].x], remap[mesh.triangles[f].y],
                       remap[mesh.triangles[f].z]);
    if (t.x == t.y || t.y == t.z || t.x == t.z) continue;
    out.triangles.push_back(t);
    out.materialIds.push_back(mesh.materialIds[f]);
    if (uvs) {
      for (int k = 0; k < 3; ++k) out.cornerUVs.push_back(mesh.cornerUVs[3 * f + k]);
    }
  }
  if (!mesh.vertexColors.empty()) {
    out.vertexColors.assign(sum.size(), glm::vec4(0.0f));
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
      out.vertexColors[remap[v]] += mesh.vertexColors[v] / count[remap[v]];
    }
  }
  computeVertexNormals(out);
  return out;
}
}  // namespace

TexturedMesh simplifyByClustering(const TexturedMesh& mesh, const ClusterOptions& options) {
  if (mesh.triangles.size() <= options.targetTriangles) return mesh;
  // Triangles of a clustered surface scale with cells^2; start from that estimate and shrink.
  int cells = static_cast<int>(std::sqrt(options.targetTriangles / 4.0)) + 1;
  for (;;) {
    TexturedMesh out = clusterAt(mesh, cells);
    if (out.triangles.size() <= options.targetTriangles || cells <= 4) return out;
    cells = std::max(4, static_cast<int>(cells * 0.8));
  }
}

}  // namespace interp3d
