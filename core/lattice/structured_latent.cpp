#include "lattice/structured_latent.h"

#include <cmath>

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "util/error.h"

namespace interp3d {

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
  for (std::size_t v = 0; v < patches.size(); ++v) {
    corners[v] = patches[v].sdf;
    // A codec from a user's prior file is untrusted: its output is checked where it enters.
    for (float c : corners[v])
      if (!std::isfinite(c))
        throw Error("the latent codec '" + codec.name() +
                    "' decoded a value that is not finite (NaN or infinite); use another prior "
                    "or --prior-parts without codec");
  }
  setCellCorners(latent.cells, corners, sdf);
}

}  // namespace interp3d
