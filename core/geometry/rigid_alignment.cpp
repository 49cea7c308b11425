#include "geometry/rigid_alignment.h"

#include <algorithm>
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

namespace {
constexpr int kProfileSlices = 16;
// Best plane's asymmetry over the next best's: 0.00-0.01 for spot, the cow, the fox, bob and the
// demo creature, 0.31 for cheburashka, 0.57 for the bunny (its head turned); 0.86 for a ball and
// 0.98 for a box.
constexpr double kDistinctSymmetry = 0.75;
constexpr float kSnapRadians = 0.09f;    // about 5 degrees
constexpr float kSameHeight = 0.05f;     // of the mesh's height: two ends stand alike
constexpr float kStandingLength = 0.8f;  // of its height: a mesh standing up, not lying along

// Per slice along `forward`: the highest and lowest point and the share of the samples, heights
// over the mesh's height.
std::vector<float> profileAlong(const std::vector<glm::vec3>& pts, const glm::vec3& centre,
                                const glm::vec3& forward) {
  float lo = std::numeric_limits<float>::max(), hi = -lo, bottom = lo, top = -lo;
  for (const glm::vec3& p : pts) {
    const float u = glm::dot(p - centre, forward);
    lo = std::min(lo, u), hi = std::max(hi, u);
    bottom = std::min(bottom, p.y), top = std::max(top, p.y);
  }
  const float height = std::max(1e-6f, top - bottom);
  std::vector<float> high(kProfileSlices, 0.0f), low(kProfileSlices, 1.0f), share(kProfileSlices);
  for (const glm::vec3& p : pts) {
    const float u = (glm::dot(p - centre, forward) - lo) / std::max(1e-6f, hi - lo);
    const int k = std::clamp(static_cast<int>(u * kProfileSlices), 0, kProfileSlices - 1);
    const float y = (p.y - bottom) / height;
    high[k] = std::max(high[k], y);
    low[k] = std::min(low[k], y);
    share[k] += 1.0f / static_cast<float>(pts.size());
  }
  std::vector<float> out;
  for (int k = 0; k < kProfileSlices; ++k)
    out.insert(out.end(), {high[k], low[k], 4.0f * share[k]});
  return out;
}

// L1 distance of two profiles, the second read from its far end when `reversed`.
double profileDistance(const std::vector<float>& a, const std::vector<float>& b, bool reversed) {
  double d = 0.0;
  for (int k = 0; k < kProfileSlices; ++k) {
    const int j = reversed ? kProfileSlices - 1 - k : k;
    for (int c = 0; c < 3; ++c) d += std::fabs(a[3 * k + c] - b[3 * j + c]);
  }
  return d;
}
}  // namespace

Heading findHeading(const TexturedMesh& mesh, const AlignmentOptions& o) {
  const std::vector<glm::vec3> pts = samplePoints(mesh, o.samples, o.seed);
  const SurfaceQuery query(mesh);
  Heading h;
  // The exact area centroid: it lies on every symmetry plane (a sampled one strays, and a ball
  // would then mirror best about the one plane its stray happens to lie on).
  double area = 0.0;
  glm::dvec3 weighted(0.0);
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::dvec3 a(mesh.positions[t.x]), b(mesh.positions[t.y]), c(mesh.positions[t.z]);
    const double w = 0.5 * glm::length(glm::cross(b - a, c - a));
    area += w;
    weighted += w * (a + b + c) / 3.0;
  }
  h.centre = area > 0.0 ? glm::vec3(weighted / area) : boundingBox(mesh.positions).center();
  // The vertical plane through the centre that mirrors the surface onto itself best: every 2
  // degrees, then every quarter degree around the best.
  auto asymmetry = [&](double angle) {
    const glm::vec3 n(static_cast<float>(std::cos(angle)), 0.0f,
                      static_cast<float>(std::sin(angle)));
    std::vector<glm::vec3> mirrored(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i)
      mirrored[i] = pts[i] - 2.0f * glm::dot(pts[i] - h.centre, n) * n;
    double sum = 0.0;
    for (float d : query.distance(mirrored)) sum += d;
    return sum / std::max<std::size_t>(1, pts.size());
  };
  const double pi = 3.14159265358979323846, degree = pi / 180.0;
  double best = 0.0, bestScore = std::numeric_limits<double>::max();
  std::vector<double> scores;
  for (int a = 0; a < 90; ++a) {
    const double s = asymmetry(2 * a * degree);
    scores.push_back(s);
    if (s < bestScore) bestScore = s, best = 2 * a * degree;
  }
  // The best plane at least 20 degrees away from the best one: a ring standing up, a box, has two
  // planes as good, and so no one way it faces.
  double second = std::numeric_limits<double>::max();
  for (int a = 0; a < 90; ++a) {
    const double apart = std::fabs(std::remainder(2 * a * degree - best, pi));
    if (apart >= 20 * degree) second = std::min(second, scores[a]);
  }
  const double coarse = best;
  for (int a = -8; a <= 8; ++a) {
    const double angle = coarse + 0.25 * a * degree, s = asymmetry(angle);
    if (s < bestScore) bestScore = s, best = angle;
  }
  const glm::vec3 side(static_cast<float>(std::cos(best)), 0.0f,
                       static_cast<float>(std::sin(best)));
  h.forward = glm::normalize(glm::cross(side, glm::vec3(0.0f, 1.0f, 0.0f)));
  h.asymmetry = bestScore / std::max(1e-6f, boundingBox(mesh.positions).diagonal());
  // A plane no better than others (a ball, a ring, a box, a blob) says nothing of where it faces.
  h.contrast = second > 0.0 ? bestScore / second : 1.0;
  h.distinct = h.contrast < kDistinctSymmetry;
  h.profile = profileAlong(pts, h.centre, h.forward);
  return h;
}

glm::vec3 findFront(const TexturedMesh& mesh, const AlignmentOptions& o) {
  return findFront(mesh, findHeading(mesh, o));
}

namespace {
// How a mesh with heading `h` stands: `higher` +1 when the end along its forward stands clearly
// higher than the other (an animal's head above its tail), -1 when the other does, 0 when that
// says nothing (no distinct heading, ends of about one height); `standing` when it is shorter
// along its heading than it is tall (a standing character: its face and back are the ends).
struct Stance {
  int higher = 0;
  bool standing = false;
};

Stance stanceOf(const TexturedMesh& mesh, const Heading& h) {
  Stance st;
  if (!h.distinct) return st;
  // The highest point of the outer quarter at each end (profile heights are over the mesh's).
  const int quarter = kProfileSlices / 4;
  float back = 0.0f, front = 0.0f;
  for (int k = 0; k < quarter; ++k) {
    back = std::max(back, h.profile[3 * k]);
    front = std::max(front, h.profile[3 * (kProfileSlices - 1 - k)]);
  }
  float lo = std::numeric_limits<float>::max(), hi = -lo, bottom = lo, top = -lo;
  for (const glm::vec3& p : mesh.positions) {
    const float u = glm::dot(p, h.forward);
    lo = std::min(lo, u), hi = std::max(hi, u);
    bottom = std::min(bottom, p.y), top = std::max(top, p.y);
  }
  st.standing = hi - lo < kStandingLength * (top - bottom);
  if (!st.standing && std::fabs(front - back) >= kSameHeight) st.higher = front > back ? 1 : -1;
  return st;
}

// The front of a mesh with heading `h` standing as `st` (findFront).
glm::vec3 frontOf(const Heading& h, const Stance& st) {
  if (!h.distinct) return glm::vec3(0.0f);
  // Ends that say nothing: glTF's convention, a front facing +Z, decides.
  if (st.higher != 0) return static_cast<float>(st.higher) * h.forward;
  return h.forward.z >= 0.0f ? h.forward : -h.forward;
}
}  // namespace

glm::vec3 findFront(const TexturedMesh& mesh, const Heading& h) {
  return frontOf(h, stanceOf(mesh, h));
}

RigidTransform alignHeading(const TexturedMesh& fixed, const TexturedMesh& moving,
                            const AlignmentOptions& o) {
  const Heading f = findHeading(fixed, o);
  AlignmentOptions other = o;
  other.seed = o.seed + 1;
  const Heading m = findHeading(moving, other);
  RigidTransform t;
  if (!f.distinct || !m.distinct) return t;  // nothing to face: left as loaded
  // The moving mesh's forward goes onto the fixed one's, or onto its opposite when the profiles
  // match the other way round.
  const double along = profileDistance(f.profile, m.profile, false),
               against = profileDistance(f.profile, m.profile, true);
  auto turnBetween = [](const glm::vec3& from, const glm::vec3& to) {
    return std::atan2(glm::dot(glm::cross(from, to), glm::vec3(0.0f, 1.0f, 0.0f)),
                      glm::dot(from, to));
  };
  auto turn = [&](bool reversed) {
    return turnBetween(reversed ? -m.forward : m.forward, f.forward);
  };
  // Fronts as findFront tells them (what the viewports show) when both have a head standing
  // clearly above its tail (head onto head), or one has and the other is a standing character
  // (the profiles of a long animal and an upright figure say nothing of each other; the figure's
  // front is glTF's +Z). Otherwise profiles that match about as well both ways decide nothing:
  // the smaller turn.
  const Stance fs = stanceOf(fixed, f), ms = stanceOf(moving, m);
  float angle = 0.0f;
  if ((fs.higher != 0 || fs.standing) && (ms.higher != 0 || ms.standing) &&
      (fs.higher != 0 || ms.higher != 0))
    angle = turnBetween(frontOf(m, ms), frontOf(f, fs));
  else if (std::fabs(along - against) < 0.05 * std::max(along, against))
    angle = std::fabs(turn(false)) < std::fabs(turn(true)) ? turn(false) : turn(true);
  else
    angle = turn(against < along);
  // Assets are mostly modelled along the axes: a turn within a few degrees of a quarter turn is
  // that quarter turn (a stray degree would tilt every frame).
  const float quarter = 1.5707963f, snapped = quarter * std::round(angle / quarter);
  if (std::fabs(angle - snapped) < kSnapRadians) angle = snapped;
  t.rotation = glm::mat3(glm::rotate(glm::mat4(1.0f), angle, glm::vec3(0.0f, 1.0f, 0.0f)));
  t.translation = f.centre - t.rotation * m.centre;
  t.translation.y = 0.0f;  // both stand on their own ground: no lift
  return t;
}

}  // namespace interp3d
