#include "mesh/subdivide.h"

#include <unordered_map>

namespace interp3d {

namespace {
TexturedMesh subdivideOnce(const TexturedMesh& in) {
  TexturedMesh out;
  out.materials = in.materials;
  out.positions = in.positions;
  const bool uvs = in.hasUVs();
  const bool colors = !in.vertexColors.empty();
  if (colors) out.vertexColors = in.vertexColors;
  out.triangles.reserve(4 * in.triangles.size());
  out.materialIds.reserve(4 * in.triangles.size());
  if (uvs) out.cornerUVs.reserve(12 * in.triangles.size());

  std::unordered_map<std::uint64_t, std::uint32_t> midpoint;
  midpoint.reserve(3 * in.triangles.size());
  auto mid = [&](std::uint32_t a, std::uint32_t b) {
    const std::uint64_t key = (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
    auto it = midpoint.find(key);
    if (it != midpoint.end()) return it->second;
    const auto idx = static_cast<std::uint32_t>(out.positions.size());
    out.positions.push_back(0.5f * (in.positions[a] + in.positions[b]));
    if (colors) out.vertexColors.push_back(0.5f * (in.vertexColors[a] + in.vertexColors[b]));
    midpoint.emplace(key, idx);
    return idx;
  };

  for (std::size_t f = 0; f < in.triangles.size(); ++f) {
    const glm::uvec3 t = in.triangles[f];
    const std::uint32_t m01 = mid(t.x, t.y), m12 = mid(t.y, t.z), m20 = mid(t.z, t.x);
    const glm::uvec3 children[4] = {
        {t.x, m01, m20}, {m01, t.y, m12}, {m20, m12, t.z}, {m01, m12, m20}};
    for (const glm::uvec3& c : children) {
      out.triangles.push_back(c);
      out.materialIds.push_back(in.materialIds[f]);
    }
    if (uvs) {
      const glm::vec2 u0 = in.cornerUVs[3 * f], u1 = in.cornerUVs[3 * f + 1],
                      u2 = in.cornerUVs[3 * f + 2];
      const glm::vec2 u01 = 0.5f * (u0 + u1), u12 = 0.5f * (u1 + u2), u20 = 0.5f * (u2 + u0);
      for (const glm::vec2& uv : {u0, u01, u20, u01, u1, u12, u20, u12, u2, u01, u12, u20}) {
        out.cornerUVs.push_back(uv);
      }
    }
  }
  computeVertexNormals(out);
  return out;
}
}  // namespace

TexturedMesh subdivideMidpoint(const TexturedMesh& mesh, int levels) {
  TexturedMesh result = mesh;
  for (int i = 0; i < levels; ++i) result = subdivideOnce(result);
  return result;
}

}  // namespace interp3d
