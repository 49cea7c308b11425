// `interp3d-cli bench vs-openvdb`: our morph and OpenVDB's level-set morph of the same pair, at the
// same voxel size and frame count, both written as sequences and evaluated with every metric of
// `evaluate`.
#pragma once

#include <filesystem>
#include <vector>

#include "bench/openvdb_morph.h"
#include "metrics/sequence_evaluation.h"
#include "morph/morph_options.h"

namespace interp3d {

struct VsOpenVdbReport {
  double oursSeconds = 0.0;                  // our morph, frames written
  double openVdbSeconds = 0.0;               // OpenVDB's morph, frames written
  std::vector<SummaryMetric> ours, openVdb;  // the same metrics in the same order
  double pseudoTime = 0.0;                   // OpenVDB's level-set time until convergence
  std::size_t iterations = 0;                // its CFL steps
  double openVdbMorphSeconds = 0.0;          // its morphing alone, before writing
};

// Writes `out`/ours and `out`/openvdb and evaluates both. Throws Error.
VsOpenVdbReport benchVsOpenVdb(const std::filesystem::path& source,
                               const std::filesystem::path& target, const MorphOptions& options,
                               const std::filesystem::path& out);

}  // namespace interp3d
