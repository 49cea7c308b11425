#include "prior/learned_parts.h"

namespace interp3d {

LearnedParts makeLearnedParts(std::shared_ptr<const LearnedPrior> prior, const PriorParts& parts,
                              const RefineOptions& refine) {
  LearnedParts out;
  if (!prior || !parts.any()) return out;
  prior->require(parts);
  if (parts.codec) out.codec = makeLearnedCodec(prior);
  if (parts.descriptors) out.descriptors = makeLearnedDescriptors(prior);
  if (parts.structure) out.structure = makeStructureRefiner(prior, refine);
  out.summary = prior->file().string() + " (" + parts.toString() + ")";
  return out;
}

}  // namespace interp3d
