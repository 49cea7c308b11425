// Centring and scaling into the unit cube, with the inverse kept so exports return to user units.
#pragma once

#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

// p_normalised = (p - center) * scale. The unit cube is [-0.5, 0.5]^3.
struct Similarity {
  glm::vec3 center{0.0f};
  float scale = 1.0f;
  glm::vec3 apply(const glm::vec3& p) const { return (p - center) * scale; }
  glm::vec3 invert(const glm::vec3& q) const { return q / scale + center; }
};

// The transform that centres the bounding box at the origin and fits its longest side to 1.
// A mesh of zero extent gets scale 1.
Similarity unitCubeTransform(const TexturedMesh& mesh);

// Applies `t` (or its inverse) to positions; normals are unchanged by a uniform scale.
void applySimilarity(TexturedMesh& mesh, const Similarity& t);
void applyInverseSimilarity(TexturedMesh& mesh, const Similarity& t);

// The transform part s of the way from `a` (s = 0) to `b` (s = 1): sizes (1 / scale) change
// geometrically and the centre moves in step with the size, as in a zoom about the one point both
// transforms agree on, so that every step changes size and place by the same proportion whatever
// the size ratio (equal sizes: the centre moves linearly).
Similarity interpolateSimilarity(const Similarity& a, const Similarity& b, double s);

// Normalises in place and returns the transform that was applied.
Similarity normalizeToUnitCube(TexturedMesh& mesh);

}  // namespace interp3d
