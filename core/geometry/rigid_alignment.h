// Rigid pre-alignment of one mesh to another: the best of the 24 axis-aligned rotations by
// symmetric surface distance, refined by point-to-surface ICP.
#pragma once

#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>
#include <vector>

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

// A mesh standing along +Y (the up of glTF and of most exports): the horizontal direction it faces
// along, found from its reflective symmetry about a vertical plane, up to sign.
struct Heading {
  glm::vec3 forward{1.0f, 0.0f, 0.0f};  // horizontal, in the symmetry plane (sign unresolved)
  glm::vec3 centre{0.0f};               // of the surface (area-weighted), on the plane
  double asymmetry = 0.0;      // mean distance of the mirrored surface to itself, over the diagonal
  double contrast = 1.0;       // that asymmetry over the next best plane's (20+ degrees away)
  bool distinct = false;       // whether that plane mirrors it far better than any other (a ball,
                               // a ring, a box have several alike: no heading)
  std::vector<float> profile;  // along `forward`: per slice, the top, bottom and share of surface
};
Heading findHeading(const TexturedMesh& mesh, const AlignmentOptions& options = {});

// The horizontal direction a mesh standing along +Y faces: its heading, towards the end that stands
// higher (an animal's head stands above its tail), or, when both ends stand alike (a standing
// character's face and back), the one towards +Z (glTF's front); zero when it has no distinct
// heading. For showing a model from its front; the heading alignment turns heads onto heads by
// the same rule.
glm::vec3 findFront(const TexturedMesh& mesh, const AlignmentOptions& options = {});
glm::vec3 findFront(const TexturedMesh& mesh, const Heading& heading);  // its heading found

// The turn about +Y that makes `moving` face the way `fixed` does: their symmetry planes made one,
// and of the two ways along it the one that puts front onto front as findFront tells them when
// both have an end standing clearly higher (head onto head) or one has and the other is a standing
// figure (whose front is then +Z), else the one whose profile (heights and surface along the
// facing direction) matches best; the centres made one. A turn
// within 5 degrees of a quarter turn is that quarter turn; without a distinct symmetry plane on
// both, no turn. Meant for animals and characters in the same up; no ICP, so no turn away from a
// plausible pose.
RigidTransform alignHeading(const TexturedMesh& fixed, const TexturedMesh& moving,
                            const AlignmentOptions& options = {});

// The rotation part of `t` scaled to a fraction `s` of its angle (s = 0 identity, 1 the whole).
glm::mat3 partialRotation(const glm::mat3& rotation, float s);

}  // namespace interp3d
