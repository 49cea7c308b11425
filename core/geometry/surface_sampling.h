// Area-weighted random points on a triangle mesh, reproducible for a seed.
#pragma once

#include <cstdint>
#include <vector>

#include "geometry/surface_query.h"

namespace interp3d {

struct SurfaceSample {
  SurfacePoint point;
  glm::vec3 normal{0.0f};  // of the triangle, unit
};

// `count` points distributed uniformly by area. Degenerate triangles are never picked.
std::vector<SurfaceSample> sampleSurface(const TexturedMesh& mesh, std::size_t count, std::uint32_t seed);

// Total area of the triangles.
double surfaceArea(const TexturedMesh& mesh);

}  // namespace interp3d
