// Picking points on a mesh under the cursor: a ray from the camera through a pixel and its first
// hit on the mesh. (Debian's Open3D returns no ray hits, so SurfaceQuery cannot; the closest
// point of a surface is SurfaceQuery's.)
#pragma once

#include <optional>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit
};

// The ray through `ndc` (x, y in [-1, 1], y up) of the camera whose clip transform is
// `modelViewProjection`, in the model's coordinates.
Ray rayThroughPixel(const glm::mat4& modelViewProjection, const glm::vec2& ndc);

// The first point where `ray` meets a triangle of `mesh` (either side), or nothing.
std::optional<glm::vec3> firstHit(const TexturedMesh& mesh, const Ray& ray);

}  // namespace interp3d
