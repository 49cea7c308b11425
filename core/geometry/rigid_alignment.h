// Rigid pre-alignment of one mesh to another: the best of the 24 axis-aligned rotations by
// symmetric surface distance, refined by point-to-surface ICP.
#pragma once

#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct RigidTransform {
  glm::mat3 rotation{1.0f};  // proper rotation (det +1)
  glm::vec3 translation{0.0f};
  glm::vec3 apply(const glm::vec3& p) const { return rotation * p + translation; }
};

struct AlignmentOptions {
  std::size_t samples = 3000;  // surface samples per mesh for scoring and ICP
  int icpIterations = 30;
  unsigned seed = 0;
};

// The transform that moves `moving` onto `fixed` (both best normalised into the unit cube first).
RigidTransform alignRigid(const TexturedMesh& fixed, const TexturedMesh& moving,
                          const AlignmentOptions& options = {});

// The rotation part of `t` scaled to a fraction `s` of its angle (s = 0 identity, 1 the whole).
glm::mat3 partialRotation(const glm::mat3& rotation, float s);

}  // namespace interp3d
