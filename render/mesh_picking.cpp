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

namespace {
// The point of triangle abc nearest to p (Ericson, Real-Time Collision Detection 5.1.5).
glm::vec3 nearestOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                            const glm::vec3& c) {
  const glm::vec3 ab = b - a, ac = c - a, ap = p - a;
  const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
  if (d1 <= 0.0f && d2 <= 0.0f) return a;
  const glm::vec3 bp = p - b;
  const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
  if (d3 >= 0.0f && d4 <= d3) return b;
  const float vc = d1 * d4 - d3 * d2;
  if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + d1 / (d1 - d3) * ab;
  const glm::vec3 cp = p - c;
  const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
  if (d6 >= 0.0f && d5 <= d6) return c;
  const float vb = d5 * d2 - d1 * d6;
  if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + d2 / (d2 - d6) * ac;
  const float va = d3 * d6 - d5 * d4;
  if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f)
    return b + (d4 - d3) / ((d4 - d3) + (d5 - d6)) * (c - b);
  const float denom = 1.0f / (va + vb + vc);
  return a + ab * (vb * denom) + ac * (vc * denom);
}
}  // namespace

glm::vec3 nearestSurfacePoint(const TexturedMesh& mesh, const glm::vec3& p) {
  glm::vec3 best = p;
  float bestDistance = std::numeric_limits<float>::max();
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::vec3 q =
        nearestOnTriangle(p, mesh.positions[t.x], mesh.positions[t.y], mesh.positions[t.z]);
    const float d = glm::dot(q - p, q - p);
    if (d < bestDistance) bestDistance = d, best = q;
  }
  return best;
}

}  // namespace interp3d
