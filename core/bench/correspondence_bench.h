// `interp3d-cli bench correspondence`: match a mesh to a smoothly deformed copy of itself, where
// the true correspondence is known, and report the error beside nearest-neighbour matching.
#pragma once

#include <cstdint>

#include "mesh/textured_mesh.h"
#include "morph/morph_solver.h"

namespace interp3d {

struct DeformationParams {
  float bend = 0.0f;        // radians of bending across the shape (about Z, varying along X)
  float twist = 0.0f;       // radians of twist across the shape (about Y, varying along Y)
  glm::vec3 stretch{1.0f};  // anisotropic scale
};

// Seeded smooth non-rigid deformation: bend up to 0.6 rad, twist up to 0.6 rad, stretch 0.75..1.3.
DeformationParams randomDeformation(std::uint32_t seed);
// The deformation applied to a point of a mesh normalised into the unit cube.
glm::vec3 deform(const glm::vec3& unitPoint, const DeformationParams& d);

struct CorrespondenceBenchResult {
  DeformationParams deformation;
  std::size_t points = 0;
  double ourError = 0.0;      // mean distance to the true match, fraction of the deformed diagonal
  double nearestError = 0.0;  // the same for nearest-surface-point matching after normalisation
  double seconds = 0.0;       // our correspondence (the solver's set-up)
};

CorrespondenceBenchResult benchCorrespondence(const TexturedMesh& mesh, std::uint32_t seed,
                                              const MorphOptions& options);

}  // namespace interp3d
