#include "geometry/rigid_alignment.h"

#include <array>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"

namespace interp3d {

namespace {
// The 24 rotations that map coordinate axes onto coordinate axes.
std::vector<glm::mat3> axisRotations() {
  std::vector<glm::mat3> out;
  const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  for (const auto& p : perms) {
    for (int signs = 0; signs < 8; ++signs) {
      glm::mat3 m(0.0f);
      for (int c = 0; c < 3; ++c) m[c][p[c]] = (signs >> c) & 1 ? -1.0f : 1.0f;  // column c
      if (glm::determinant(m) > 0.0f) out.push_back(m);
    }
  }
  return out;
}

// Least-squares rotation + translation taking points a onto points b (Kabsch).
RigidTransform kabsch(const std::vector<glm::vec3>& a, const std::vector<glm::vec3>& b) {
  glm::dvec3 ca(0.0), cb(0.0);
  for (std::size_t i = 0; i < a.size(); ++i) ca += glm::dvec3(a[i]), cb += glm::dvec3(b[i]);
  ca /= double(a.size());
  cb /= double(b.size());
  Eigen::Matrix3d h = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const glm::dvec3 pa = glm::dvec3(a[i]) - ca, pb = glm::dvec3(b[i]) - cb;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) h(r, c) += pa[r] * pb[c];
  }
  Eigen::JacobiSVD<Eigen::Matrix3d> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
  d(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1.0 : 1.0;
  const Eigen::Matrix3d r = svd.matrixV() * d * svd.matrixU().transpose();
  RigidTransform t;
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 3; ++col) t.rotation[col][row] = static_cast<float>(r(row, col));
  t.translation = glm::vec3(cb) - t.rotation * glm::vec3(ca);
  return t;
}

std::vector<glm::vec3> transformed(const std::vector<glm::vec3>& p, const RigidTransform& t) {
  std::vector<glm::vec3> out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = t.apply(p[i]);
  return out;
}

std::vector<glm::vec3> samplePoints(const TexturedMesh& m, std::size_t n, unsigned seed) {
  std::vector<glm::vec3> p;
  for (const SurfaceSample& s : sampleSurface(m, n, seed)) p.push_back(s.point.position);
  return p;
}
}  // namespace

RigidTransform alignRigid(const TexturedMesh& fixed, const TexturedMesh& moving,
                          const AlignmentOptions& o) {
  const SurfaceQuery fixedQuery(fixed), movingQuery(moving);
  const std::vector<glm::vec3> fixedPts = samplePoints(fixed, o.samples, o.seed);
  const std::vector<glm::vec3> movingPts = samplePoints(moving, o.samples, o.seed + 1);
  const glm::vec3 fixedCentre = boundingBox(fixed.positions).center(),
                  movingCentre = boundingBox(moving.positions).center();

  // Symmetric mean distance of a candidate: moving samples to the fixed surface, and fixed samples
  // (moved back by the inverse) to the moving surface.
  auto score = [&](const RigidTransform& t) {
    double sum = 0.0;
    for (float d : fixedQuery.distance(transformed(movingPts, t))) sum += d;
    RigidTransform inv;
    inv.rotation = glm::transpose(t.rotation);
    inv.translation = -(inv.rotation * t.translation);
    for (float d : movingQuery.distance(transformed(fixedPts, inv))) sum += d;
    return sum / (movingPts.size() + fixedPts.size());
  };

  RigidTransform best;
  double bestScore = std::numeric_limits<double>::max();
  for (const glm::mat3& r : axisRotations()) {
    RigidTransform t;
    t.rotation = r;
    t.translation = fixedCentre - r * movingCentre;
    const double s = score(t);
    if (s < bestScore) bestScore = s, best = t;
  }
  // ICP: pair moved samples with their closest fixed-surface points, solve, repeat; keep the best.
  RigidTransform current = best;
  for (int it = 0; it < o.icpIterations; ++it) {
    const std::vector<glm::vec3> moved = transformed(movingPts, current);
    std::vector<glm::vec3> targets;
    for (const SurfacePoint& p : fixedQuery.closest(moved)) targets.push_back(p.position);
    const RigidTransform step = kabsch(moved, targets);
    current.rotation = step.rotation * current.rotation;
    current.translation = step.rotation * current.translation + step.translation;
    const double s = score(current);
    if (s < bestScore - 1e-7) {
      bestScore = s, best = current;
    } else if (s >= bestScore) {
      break;
    }
  }
  return best;
}

glm::mat3 partialRotation(const glm::mat3& r, float s) {
  const float cosAngle = std::clamp((r[0][0] + r[1][1] + r[2][2] - 1.0f) * 0.5f, -1.0f, 1.0f);
  const float angle = std::acos(cosAngle);
  if (angle < 1e-6f) return glm::mat3(1.0f);
  glm::vec3 axis(r[1][2] - r[2][1], r[2][0] - r[0][2], r[0][1] - r[1][0]);  // from the skew part
  if (glm::length(axis) < 1e-6f) {
    // 180 degrees: the axis is the column of R + I with the largest norm.
    const glm::mat3 p = r + glm::mat3(1.0f);
    axis = p[0];
    for (int c = 1; c < 3; ++c) {
      if (glm::length(p[c]) > glm::length(axis)) axis = p[c];
    }
  }
  return glm::mat3(glm::rotate(glm::mat4(1.0f), s * angle, glm::normalize(axis)));
}

}  // namespace interp3d
