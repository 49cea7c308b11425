// `interp3d-cli bench prior`: the learned prior's ablation. One morph of the same pair per
// configuration of the prior's parts, every metric of `evaluate` side by side, and for each
// configuration against the first: which metrics improve and which worsen by more than 5% (the
// rule for turning a part on by default, assets/models/README.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "metrics/sequence_evaluation.h"
#include "morph/morph_options.h"
#include "prior/learned_prior.h"
#include "prior/structure_refinement.h"
#include "util/progress.h"

namespace interp3d {

struct AblationRow {
  std::string config;    // "none", "codec", "codec+descriptors", ...
  double seconds = 0.0;  // morph and write
  std::vector<SummaryMetric> metrics;
  std::vector<std::string> better, worse;  // against the first row (empty for the first)
};

// A configuration name: parts joined with '+', "none" or "all". Throws UsageError.
PriorParts ablationParts(const std::string& config);

// `configs` are checked before any work. Writes each sequence into `out`/CONFIG. `report` is
// called after each configuration with its name and seconds.
std::vector<AblationRow> benchPriorAblation(
    const std::filesystem::path& source, const std::filesystem::path& target,
    const MorphOptions& options, std::shared_ptr<const LearnedPrior> prior,
    const RefineOptions& refine, const std::vector<std::string>& configs,
    const std::filesystem::path& out,
    const std::function<void(const std::string&, double)>& report = {});

}  // namespace interp3d
