#include "bench/prior_ablation.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "io/mesh_import.h"
#include "morph/morph_solver.h"
#include "morph/sequence_writer.h"
#include "prior/learned_parts.h"

namespace interp3d {

PriorParts ablationParts(const std::string& config) {
  std::string list = config;
  std::replace(list.begin(), list.end(), '+', ',');
  return PriorParts::parse(list);
}

std::vector<AblationRow> benchPriorAblation(
    const std::filesystem::path& src, const std::filesystem::path& dst, const MorphOptions& base,
    std::shared_ptr<const LearnedPrior> prior, const RefineOptions& refine,
    const std::vector<std::string>& configs, const std::filesystem::path& out,
    const std::function<void(const std::string&, double)>& report) {
  for (const std::string& c : configs) ablationParts(c);  // every name checked before any work
  const LoadedMesh source = loadMesh(src), target = loadMesh(dst);
  SequenceInfo names;
  names.source = src.string();
  names.target = dst.string();
  std::vector<AblationRow> rows;
  for (const std::string& config : configs) {
    MorphOptions options = base;
    options.learned = makeLearnedParts(prior, ablationParts(config), refine);
    AblationRow row;
    row.config = config;
    const auto start = std::chrono::steady_clock::now();
    {
      const MorphSolver solver(source.mesh, target.mesh, options);
      writeSequence(solver, out / config, names);
    }
    row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.metrics = summaryMetrics(evaluateSequence(out / config, src, dst));
    if (report) report(config, row.seconds);
    rows.push_back(std::move(row));
  }
  const std::vector<SummaryMetric>& first = rows.front().metrics;
  for (std::size_t c = 1; c < rows.size(); ++c) {
    for (std::size_t m = 0; m < first.size(); ++m) {
      const double b = first[m].value, v = rows[c].metrics[m].value;
      const double gain = first[m].lowerIsBetter ? b - v : v - b;  // > 0: better
      const double scale = std::max(std::abs(b), 1e-9);
      if (gain > 1e-9 && gain / scale > 1e-3) rows[c].better.push_back(first[m].name);
      if (-gain > 0.05 * scale && -gain > 1e-6) rows[c].worse.push_back(first[m].name);
    }
  }
  return rows;
}

}  // namespace interp3d
