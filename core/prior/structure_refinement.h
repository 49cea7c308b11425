// The structure prior at work in the morph (DESIGN.md, "The generative prior"): the blended field
// of an in-between frame is encoded cell by cell, partly re-noised and integrated back along the
// learned flow, then decoded into the field, so that every surface cell becomes a patch the prior
// finds plausible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "lattice/grid.h"
#include "prior/learned_prior.h"

namespace interp3d {

struct RefineOptions {
  float renoise = 0.7f;       // flow time the blended code is taken back to (1 = no noise)
  int steps = 4;              // Euler steps from there to flow time 1
  std::uint32_t seed = 0;     // noise seed; the noise of a cell depends only on it and the cell
  std::size_t chunk = 16384;  // cells per network call
};

// `warpedSource`, `warpedTarget`: each endpoint's distance field pulled to the frame; `field` is
// their blend at morph parameter `s` and is refined in place at the corners of its surface cells.
// All three grids share one spec. Needs the prior's encode, decode and velocity methods. Returns
// the number of refined cells.
std::size_t refineFrameField(const LearnedPrior& prior, const ScalarGrid& warpedSource,
                             const ScalarGrid& warpedTarget, float s, ScalarGrid& field,
                             const RefineOptions& options = {});

// refineFrameField as the morph's FieldRefiner.
std::shared_ptr<const FieldRefiner> makeStructureRefiner(std::shared_ptr<const LearnedPrior> prior,
                                                         const RefineOptions& options);

}  // namespace interp3d
