// `interp3d-cli evaluate`: every metric of a written morph sequence against its source and target.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "metrics/mesh_metrics.h"
#include "util/progress.h"

namespace interp3d {

struct FrameMetrics {
  int index = 0;
  double t = 0.0, alpha = 0.0;
  std::string file;
  std::size_t triangles = 0, components = 0, selfIntersections = 0;
  bool watertight = false, manifold = false;
};

struct SequenceReport {
  std::vector<FrameMetrics> frames;
  std::size_t sourceComponents = 0, targetComponents = 0;
  // Endpoint fidelity, as fractions of the reference's bounding-box diagonal.
  SurfaceDistance firstToSource, lastToTarget;
  double deltaEFirst = 0.0, deltaELast = 0.0;  // CIE76
  // Smoothness: symmetric Chamfer distance between consecutive frames, fraction of their diagonal.
  std::vector<double> steps;
  double stepSum = 0.0, stepCv = 0.0, stepMaxOverMean = 0.0;
  // Texture detail at the frame nearest t = 0.5, relative to the endpoints' mean.
  int middleFrame = -1;
  double detailRetention = 0.0, crossFadeRetention = 0.0;
};

// Reads DIR/manifest.json and its frames. Throws IoError naming the file that is missing or bad.
SequenceReport evaluateSequence(const std::filesystem::path& dir,
                                const std::filesystem::path& source,
                                const std::filesystem::path& target, const Progress& progress = {});

// The report's headline numbers, one per metric, for sequences compared side by side (the
// benchmarks): endpoint distances and colour, step statistics, the worst frame's topology, and
// detail retention's distance from 1 (1 keeps the endpoints' texture detail).
struct SummaryMetric {
  std::string name;
  double value = 0.0;
  bool lowerIsBetter = true;
};
std::vector<SummaryMetric> summaryMetrics(const SequenceReport& report);

std::string formatText(const SequenceReport& report);
std::string formatJson(const SequenceReport& report);

}  // namespace interp3d
