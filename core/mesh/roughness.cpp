#include "mesh/roughness.h"

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <glm/geometric.hpp>

namespace interp3d {

double surfaceRoughness(const TexturedMesh& mesh, double radiusFraction) {
  const std::size_t nf = mesh.triangleCount();
  std::vector<glm::dvec3> centroid(nf), normal(nf);
  std::vector<double> area(nf, 0.0);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::dvec3 a(mesh.positions[t.x]), b(mesh.positions[t.y]), c(mesh.positions[t.z]);
    const glm::dvec3 cross = glm::cross(b - a, c - a);
    const double len = glm::length(cross);
    centroid[f] = (a + b + c) / 3.0;
    if (len > 0.0 && std::isfinite(len)) {
      area[f] = 0.5 * len;
      normal[f] = cross / len;
    }
  }
  const double radius = radiusFraction * boundingBox(mesh.positions).diagonal();
  if (!(radius > 0.0)) return 0.0;
  // Centroids binned in cells of the radius: neighbours lie in the 27 cells around.
  auto cellOf = [&](const glm::dvec3& p) { return glm::ivec3(glm::floor(p / radius)); };
  auto key = [](const glm::ivec3& c) {
    return (std::uint64_t(std::uint32_t(c.x) & 0x1fffff) << 42) |
           (std::uint64_t(std::uint32_t(c.y) & 0x1fffff) << 21) |
           std::uint64_t(std::uint32_t(c.z) & 0x1fffff);
  };
  // A large mesh is measured on a random subsample of about kExactFaces faces (the same for the
  // faces and their neighbourhoods; hashed, so the same every time): an unbiased estimate at the
  // cost of a mesh of that many faces. Every k-th face would follow the file's order, which
  // subdivided and generated meshes make regular.
  const std::uint64_t keep = (nf + kExactFaces - 1) / kExactFaces;
  auto sampled = [keep](std::size_t f) {
    std::uint64_t h = (f + 1) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return keep <= 1 || h % keep == 0;
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
  for (std::size_t f = 0; f < nf; ++f)
    if (area[f] > 0.0 && sampled(f))
      cells[key(cellOf(centroid[f]))].push_back(static_cast<std::uint32_t>(f));
  const double r2 = radius * radius;
  double sum = 0.0, total = 0.0;
  for (std::size_t f = 0; f < nf; ++f) {
    if (area[f] <= 0.0 || !sampled(f)) continue;
    const glm::ivec3 c = cellOf(centroid[f]);
    glm::dvec3 mean(0.0);
    double weight = 0.0;
    for (int dz = -1; dz <= 1; ++dz)
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const auto it = cells.find(key(c + glm::ivec3(dx, dy, dz)));
          if (it == cells.end()) continue;
          for (std::uint32_t g : it->second) {
            const glm::dvec3 d = centroid[g] - centroid[f];
            if (glm::dot(d, d) > r2) continue;
            mean += area[g] * normal[g];
            weight += area[g];
          }
        }
    mean /= weight;
    sum += area[f] * (1.0 - glm::dot(normal[f], mean));
    total += area[f];
  }
  return total > 0.0 ? sum / total : 0.0;
}

}  // namespace interp3d
