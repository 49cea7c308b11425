#include "bench/correspondence_bench.h"

#include <chrono>
#include <random>

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "mesh/normalize.h"

namespace interp3d {

DeformationParams randomDeformation(std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(rng() >> 8) / 16777216.0f;
  };
  DeformationParams d;
  d.bend = uniform(-0.6f, 0.6f);
  d.twist = uniform(-0.6f, 0.6f);
  d.stretch = {uniform(0.75f, 1.3f), uniform(0.75f, 1.3f), uniform(0.75f, 1.3f)};
  return d;
}

glm::vec3 deform(const glm::vec3& p, const DeformationParams& d) {
  // Twist about Y, by an angle growing along Y.
  const float a = d.twist * p.y;
  glm::vec3 q(std::cos(a) * p.x + std::sin(a) * p.z, p.y, -std::sin(a) * p.x + std::cos(a) * p.z);
  // Bend about Z, by an angle growing along X.
  const float b = d.bend * q.x;
  q = glm::vec3(std::cos(b) * q.x - std::sin(b) * q.y, std::sin(b) * q.x + std::cos(b) * q.y, q.z);
  return q * d.stretch;
}

CorrespondenceBenchResult benchCorrespondence(const TexturedMesh& mesh, std::uint32_t seed,
                                              const MorphOptions& options) {
  CorrespondenceBenchResult r;
  r.deformation = randomDeformation(seed);
  TexturedMesh source = mesh;
  normalizeToUnitCube(source);
  TexturedMesh target = source;
  for (glm::vec3& p : target.positions) p = deform(p, r.deformation);
  computeVertexNormals(target);
  const float diag = boundingBox(target.positions).diagonal();

  // Every vertex up to 4000, spread over the mesh.
  std::vector<glm::vec3> points, truth;
  const std::size_t stride = std::max<std::size_t>(1, source.positions.size() / 4000);
  for (std::size_t i = 0; i < source.positions.size(); i += stride) {
    points.push_back(source.positions[i]);
    truth.push_back(target.positions[i]);
  }
  r.points = points.size();

  const auto start = std::chrono::steady_clock::now();
  MorphSolver solver(source, target, options);
  const std::vector<glm::vec3> ours = solver.correspondingPoints(points);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Nearest neighbour after normalising both into the unit cube.
  TexturedMesh unitTarget = target;
  const Similarity toUnit = normalizeToUnitCube(unitTarget);
  const SurfaceQuery query(unitTarget);
  std::vector<glm::vec3> unitPoints = points;  // the source is already normalised
  const std::vector<SurfacePoint> nearest = query.closest(unitPoints);
  for (std::size_t i = 0; i < points.size(); ++i) {
    r.ourError += glm::distance(ours[i], truth[i]);
    r.nearestError += glm::distance(toUnit.invert(nearest[i].position), truth[i]);
  }
  r.ourError /= points.size() * diag;
  r.nearestError /= points.size() * diag;
  return r;
}

}  // namespace interp3d
