// The learned prior as the morph sees it: the parts a morph uses (codec, descriptors, structure
// refiner) made from one loaded prior file, behind the morph's own interfaces
// (morph/prior_hooks.h).
#pragma once

#include <memory>

#include "morph/prior_hooks.h"
#include "prior/learned_prior.h"
#include "prior/structure_refinement.h"

namespace interp3d {

// The morph's learned parts from a loaded prior (null: none): the codec, descriptors and structure
// refiner that `parts` names, and the summary for manifests. Throws IoError naming the file when
// the prior lacks a method a part needs.
LearnedParts makeLearnedParts(std::shared_ptr<const LearnedPrior> prior, const PriorParts& parts,
                              const RefineOptions& refine);

}  // namespace interp3d
