// Closest-point, distance and inside/outside queries against a triangle mesh (Open3D's
// RaycastingScene behind a small interface, so only one translation unit sees Open3D).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

class SurfaceQuery {
 public:
  // Builds the acceleration structure over the mesh's positions as they are (no normalisation).
  explicit SurfaceQuery(const TexturedMesh& mesh, int threads = 0);
  ~SurfaceQuery();
  SurfaceQuery(const SurfaceQuery&) = delete;
  SurfaceQuery& operator=(const SurfaceQuery&) = delete;

  // Coordinates that are not finite are read as the mesh's centre, and points farther than 100
  // times the mesh's size are brought that close, so every query gets a point of the surface.
  // Queries go in batches of kBatch; between batches `progress` (if any) is checked, so that a
  // cancelled job stops within one batch (Progress::check throws Cancelled).
  std::vector<SurfacePoint> closest(const std::vector<glm::vec3>& queries,
                                    const Progress* progress = nullptr) const;
  // Unsigned distance to the surface (queries brought close and batched as above). (Debian's
  // Open3D 0.16 returns no hits from its ray queries, so signs come from winding numbers.)
  std::vector<float> distance(const std::vector<glm::vec3>& queries,
                              const Progress* progress = nullptr) const;

  static constexpr std::size_t kBatch = 1 << 15;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
