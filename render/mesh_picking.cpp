#include "render/mesh_picking.h"

#include <limits>

#include <glm/geometric.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace interp3d {

Ray rayThroughPixel(const glm::mat4& modelViewProjection, const glm::vec2& ndc) {
  const glm::mat4 inverse = glm::inverse(modelViewProjection);
  const glm::vec4 nearPoint = inverse * glm::vec4(ndc, -1.0f, 1.0f);
  const glm::vec4 farPoint = inverse * glm::vec4(ndc, 1.0f, 1.0f);
  Ray ray;
  ray.origin = glm::vec3(nearPoint) / nearPoint.w;
  ray.direction = glm::normalize(glm::vec3(farPoint) / farPoint.w - ray.origin);
  return ray;
}

std::optional<glm::vec3> firstHit(const TexturedMesh& mesh, const Ray& ray) {
  // Moller-Trumbore on every triangle: a click, not a frame, so no acceleration structure.
  float best = std::numeric_limits<float>::max();
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::vec3 a = mesh.positions[t.x];
    const glm::vec3 e1 = mesh.positions[t.y] - a, e2 = mesh.positions[t.z] - a;
    const glm::vec3 p = glm::cross(ray.direction, e2);
    const float det = glm::dot(e1, p);
    if (std::fabs(det) < 1e-20f) continue;
    const float inv = 1.0f / det;
    const glm::vec3 s = ray.origin - a;
    const float u = glm::dot(s, p) * inv;
    if (u < 0.0f || u > 1.0f) continue;
    const glm::vec3 q = glm::cross(s, e1);
    const float v = glm::dot(ray.direction, q) * inv;
    if (v < 0.0f || u + v > 1.0f) continue;
    const float distance = glm::dot(e2, q) * inv;
    if (distance > 0.0f && distance < best) best = distance;
  }
  if (best == std::numeric_limits<float>::max()) return std::nullopt;
  return ray.origin + best * ray.direction;
}

}  // namespace interp3d
