#include "geometry/surface_sampling.h"

#include <algorithm>
#include <random>

#include <glm/geometric.hpp>

namespace interp3d {

namespace {
// A uniform float in [0, 1) from the generator's bits, identical on every platform.
float unit(std::mt19937& rng) { return static_cast<float>(rng() >> 8) * (1.0f / 16777216.0f); }
}  // namespace

double surfaceArea(const TexturedMesh& mesh) {
  double area = 0.0;
  for (const glm::uvec3& t : mesh.triangles) {
    area += 0.5 * glm::length(glm::cross(mesh.positions[t.y] - mesh.positions[t.x], mesh.positions[t.z] - mesh.positions[t.x]));
  }
  return area;
}

std::vector<SurfaceSample> sampleSurface(const TexturedMesh& mesh, std::size_t count, std::uint32_t seed) {
  std::vector<double> cumulative(mesh.triangles.size());
  double total = 0.0;
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3& t = mesh.triangles[f];
    total += 0.5 * glm::length(glm::cross(mesh.positions[t.y] - mesh.positions[t.x], mesh.positions[t.z] - mesh.positions[t.x]));
    cumulative[f] = total;
  }
  std::vector<SurfaceSample> out;
  if (total <= 0.0) return out;
  out.reserve(count);
  std::mt19937 rng(seed);
  for (std::size_t i = 0; i < count; ++i) {
    const double r = unit(rng) * total;
    const auto f = static_cast<std::uint32_t>(
        std::min<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin(),
                              mesh.triangles.size() - 1));
    float u = unit(rng), v = unit(rng);
    if (u + v > 1.0f) u = 1.0f - u, v = 1.0f - v;
    const glm::uvec3& t = mesh.triangles[f];
    const glm::vec3 a = mesh.positions[t.x], b = mesh.positions[t.y], c = mesh.positions[t.z];
    SurfaceSample s;
    s.point.triangle = f;
    s.point.barycentric = {u, v};
    s.point.position = (1.0f - u - v) * a + u * b + v * c;
    const glm::vec3 n = glm::cross(b - a, c - a);
    const float len = glm::length(n);
    s.normal = len > 0.0f ? n / len : glm::vec3(0, 0, 1);
    out.push_back(s);
  }
  return out;
}

}  // namespace interp3d
