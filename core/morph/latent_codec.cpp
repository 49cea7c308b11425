#include "morph/latent_codec.h"

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"

namespace interp3d {

void PlainCodec::encode(const VoxelPatch* patches, std::size_t n, float /*spacing*/,
                        float* codes) const {
  for (std::size_t v = 0; v < n; ++v) {
    const VoxelPatch& patch = patches[v];
    float* code = codes + v * 14;
    for (int c = 0; c < 8; ++c) code[c] = patch.sdf[c];
    for (int a = 0; a < 3; ++a) code[8 + a] = patch.color[a], code[11 + a] = patch.normal[a];
  }
}

void PlainCodec::decode(const float* codes, std::size_t n, float /*spacing*/,
                        VoxelPatch* patches) const {
  for (std::size_t v = 0; v < n; ++v) {
    const float* code = codes + v * 14;
    VoxelPatch& patch = patches[v];
    for (int c = 0; c < 8; ++c) patch.sdf[c] = code[c];
    for (int a = 0; a < 3; ++a) patch.color[a] = code[8 + a], patch.normal[a] = code[11 + a];
  }
}

namespace {
glm::ivec3 cornerOffset(int c) {
  return {c & 1, (c >> 1) & 1, (c >> 2) & 1};
}
}  // namespace

StructuredLatent encodeStructuredLatent(const ScalarGrid& sdf, const TexturedMesh& mesh,
                                        const SurfaceQuery& query, const LatentCodec& codec) {
  StructuredLatent latent;
  latent.codeSize = codec.codeSize();
  const int n = sdf.spec.points();
  std::vector<glm::vec3> centres;
  for (int k = 0; k + 1 < n; ++k)
    for (int j = 0; j + 1 < n; ++j)
      for (int i = 0; i + 1 < n; ++i) {
        bool negative = false, positive = false;
        for (int c = 0; c < 8; ++c) {
          const glm::ivec3 p = glm::ivec3(i, j, k) + cornerOffset(c);
          (sdf.at(p.x, p.y, p.z) < 0.0f ? negative : positive) = true;
        }
        if (!negative || !positive) continue;
        latent.cells.emplace_back(i, j, k);
        centres.push_back(sdf.spec.position(i, j, k) + 0.5f * sdf.spec.spacing);
      }
  const std::vector<SurfacePoint> nearest = query.closest(centres);
  std::vector<VoxelPatch> patches(latent.cells.size());
  for (std::size_t v = 0; v < latent.cells.size(); ++v) {
    VoxelPatch& patch = patches[v];
    for (int c = 0; c < 8; ++c) {
      const glm::ivec3 p = latent.cells[v] + cornerOffset(c);
      patch.sdf[c] = sdf.at(p.x, p.y, p.z);
    }
    patch.color = glm::vec3(colorAt(mesh, nearest[v]));
    const glm::uvec3 t = mesh.triangles[nearest[v].triangle];
    const glm::vec3 nrm = glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                     mesh.positions[t.z] - mesh.positions[t.x]);
    const float len = glm::length(nrm);
    patch.normal = len > 0.0f ? nrm / len : glm::vec3(0, 0, 1);
  }
  latent.codes.resize(latent.cells.size() * latent.codeSize);
  codec.encode(patches.data(), patches.size(), sdf.spec.spacing, latent.codes.data());
  return latent;
}

void decodeStructuredLatent(const StructuredLatent& latent, const LatentCodec& codec,
                            ScalarGrid& sdf) {
  std::vector<double> sum(sdf.values.size(), 0.0);  // exact for up to 8 equal floats
  std::vector<std::uint8_t> count(sdf.values.size(), 0);
  std::vector<VoxelPatch> patches(latent.cells.size());
  codec.decode(latent.codes.data(), patches.size(), sdf.spec.spacing, patches.data());
  for (std::size_t v = 0; v < latent.cells.size(); ++v) {
    const VoxelPatch& patch = patches[v];
    for (int c = 0; c < 8; ++c) {
      const glm::ivec3 p = latent.cells[v] + cornerOffset(c);
      const std::size_t idx = sdf.spec.index(p.x, p.y, p.z);
      sum[idx] += patch.sdf[c];
      ++count[idx];
    }
  }
  for (std::size_t i = 0; i < sum.size(); ++i) {
    if (count[i]) sdf.values[i] = static_cast<float>(sum[i] / count[i]);
  }
}

}  // namespace interp3d
