// Picking points on a mesh under the cursor: a ray from the camera through a pixel, its first hit
// on the mesh, and the point of the surface nearest to a point (for pins moved off it).
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

// The point of `mesh`'s surface nearest to `p` (p itself for an empty mesh).
glm::vec3 nearestSurfacePoint(const TexturedMesh& mesh, const glm::vec3& p);

}  // namespace interp3d
