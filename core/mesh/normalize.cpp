#include "mesh/normalize.h"

#include <cmath>

#include <algorithm>

#include <glm/vec3.hpp>

namespace interp3d {

Similarity unitCubeTransform(const TexturedMesh& mesh) {
  const BoundingBox box = boundingBox(mesh.positions);
  const glm::vec3 size = box.size();
  const float longest = std::max({size.x, size.y, size.z});
  Similarity t;
  t.center = box.center();
  t.scale = longest > 0.0f ? 1.0f / longest : 1.0f;
  return t;
}

void applySimilarity(TexturedMesh& mesh, const Similarity& t) {
  for (glm::vec3& p : mesh.positions) p = t.apply(p);
}

void applyInverseSimilarity(TexturedMesh& mesh, const Similarity& t) {
  for (glm::vec3& p : mesh.positions) p = t.invert(p);
}

Similarity normalizeToUnitCube(TexturedMesh& mesh) {
  const Similarity t = unitCubeTransform(mesh);
  applySimilarity(mesh, t);
  return t;
}

Similarity interpolateSimilarity(const Similarity& a, const Similarity& b, double s) {
  // Size ratio k = size_b / size_a = scale_a / scale_b; the centre follows (k^s - 1) / (k - 1).
  const double logK =
      std::log(static_cast<double>(a.scale)) - std::log(static_cast<double>(b.scale));
  const double along = std::fabs(logK) > 1e-6 ? std::expm1(s * logK) / std::expm1(logK) : s;
  Similarity t;
  // In double and as a blend, so that the ends are exactly a's and b's centres: a + (b - a) in
  // float lost a tiny target's place beside a source 10^4 away (the last frame 3.8% of the
  // target's size off).
  t.center = glm::vec3((1.0 - along) * glm::dvec3(a.center) + along * glm::dvec3(b.center));
  t.scale = static_cast<float>(std::exp((1.0 - s) * std::log(static_cast<double>(a.scale)) +
                                        s * std::log(static_cast<double>(b.scale))));
  return t;
}

}  // namespace interp3d
