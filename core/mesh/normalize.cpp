#include "mesh/normalize.h"

#include <algorithm>

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

}  // namespace interp3d
