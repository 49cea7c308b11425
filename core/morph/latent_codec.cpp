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

StructuredLatent encodeStructuredLatent(const ScalarGrid& sdf, const TexturedMesh& mesh,
                                        const SurfaceQuery& query, const LatentCodec& codec) {
  StructuredLatent latent;
  latent.codeSize = codec.codeSize();
  latent.cells = surfaceCells(sdf);
  std::vector<glm::vec3> centres;
  for (const glm::ivec3& c : latent.cells)
    centres.push_back(sdf.spec.position(c.x, c.y, c.z) + 0.5f * sdf.spec.spacing);
  const std::vector<SurfacePoint> nearest = query.closest(centres);
  std::vector<VoxelPatch> patches(latent.cells.size());
  for (std::size_t v = 0; v < latent.cells.size(); ++v) {
    VoxelPatch& patch = patches[v];
    patch.sdf = cornerValues(sdf, latent.cells[v]);
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
  std::vector<VoxelPatch> patches(latent.cells.size());
  codec.decode(latent.codes.data(), patches.size(), sdf.spec.spacing, patches.data());
  std::vector<std::array<float, 8>> corners(patches.size());
  for (std::size_t v = 0; v < patches.size(); ++v) corners[v] = patches[v].sdf;
  setCellCorners(latent.cells, corners, sdf);
}

}  // namespace interp3d
