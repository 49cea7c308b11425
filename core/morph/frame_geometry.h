// Stage 3 of the pipeline (DESIGN.md, the paper's stage b), lattice path: the surface of the frame
// at morph parameter s. Each endpoint's signed distance field is pulled along its displacement
// field part of the way (warp-and-blend), the two are blended with weights 1 - s and s, optionally
// refined by the learned structure prior, and the zero level set is extracted as a closed
// manifold mesh.
#pragma once

#include <cstddef>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"
#include "morph/correspondence.h"
#include "morph/prior_hooks.h"
#include "util/progress.h"

namespace interp3d {

struct FrameGeometryOptions {
  std::size_t keepComponents = 1;         // keep this many largest connected components
  const FieldRefiner* refiner = nullptr;  // the structure prior, or null
  int threads = 2;                        // lattice rows are split over this many threads
};

// The frame's surface in unit-cube coordinates (no colours, one default material). `sourceSdf` and
// `targetSdf` share the lattice of `correspondence`. Throws Cancelled between lattice slabs.
TexturedMesh frameGeometry(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                           const Correspondence& correspondence, double s,
                           const FrameGeometryOptions& options, const Progress& progress = {});

}  // namespace interp3d
