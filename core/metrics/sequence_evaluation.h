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
  std::size_t genus = 0;          // handles, summed over components
  std::size_t texturePixels = 0;  // of every base-colour texture
  bool watertight = false, manifold = false;
  double area = 0.0;       // surface area over the squared bounding-box diagonal
  double roughness = 0.0;  // surfaceRoughness (mesh_metrics.h)
  // Against the linear blend of the endpoints' values at the frame's alpha.
  double areaRatio = 1.0, roughnessRatio = 1.0;
};

// One input of the sequence as the frames are compared with it.
struct EndpointMetrics {
  std::size_t triangles = 0, components = 0, texturePixels = 0;
  // Handles: the larger of the mesh's own (per part) and its solid's at the morph's default
  // lattice (a teapot of four open parts has none per part, one as a solid: its handle).
  std::size_t genus = 0, meshGenus = 0, solidGenus = 0;
  bool solidMade = true;  // false: no solid could be made of it (solidGenus means nothing)
  double area = 0.0, roughness = 0.0;  // as in FrameMetrics
};

struct SequenceReport {
  std::vector<FrameMetrics> frames;
  EndpointMetrics source, target;
  // What the eye sees, over the in-between frames: handles and components beyond the larger
  // endpoint's, the extremes of the area and roughness ratios, and the pop of the first and last
  // steps (each over the median step, in Chamfer distance and in roughness change).
  std::size_t extraHandles = 0, extraComponents = 0;
  double maxAreaRatio = 1.0, minAreaRatio = 1.0, maxRoughnessRatio = 1.0;
  double popChamferFirst = 0.0, popChamferLast = 0.0;
  double popRoughnessFirst = 0.0, popRoughnessLast = 0.0;
  // The largest roughness change between any two consecutive frames, over the median one, and
  // the frame it starts at: where a frame made of an input hands over to the lattice or back (a
  // faceted or creased input meets a smooth lattice surface), which the end pops do not see.
  double worstRoughnessStep = 0.0;
  int worstRoughnessAt = -1;  // -1: no step measured (fewer than three frames, no roughness)
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
