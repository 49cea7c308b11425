// Batches for training the learned prior, made on the fly from generated shapes (and optional
// meshes). Every sample is a pure function of (seed, step, task, index), so a training run is
// deterministic for its seed whatever the thread count. Feature layouts: prior_features.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "prior/procedural_shapes.h"

namespace interp3d {

// Patches of surface cells (n x kPatchFeatures), for the codec.
struct CodecBatch {
  std::vector<float> patches;
  int n = 0;
};

// The structure prior's examples: a shape at morph parameter t seen through two misregistered
// warps (as the morph sees its endpoints), the plain blend of the two, and the true patch.
struct FlowBatch {
  std::vector<float> source, target, truth;  // n x kPatchFeatures each
  std::vector<float> neighbourhood;          // n x kNeighbourhood, of the blended field
  std::vector<float> t;                      // n
  int n = 0;
};

// Stencils of points on a shape and of the same points on a deformed copy: row i of `source`
// corresponds to row i of `target` within each group of `perGroup` rows (one shape pair).
struct DescriptorBatch {
  std::vector<float> source, target;  // groups * perGroup x kStencilFeatures
  int groups = 0, perGroup = 0;
};

class TrainingData {
 public:
  // `extra`: shapes from mesh folders, drawn for a third of the samples when present.
  TrainingData(std::uint32_t seed, std::vector<std::unique_ptr<ImplicitShape>> extra, int threads);
  CodecBatch codecBatch(int step, int n);
  FlowBatch flowBatch(int step, int n);
  DescriptorBatch descriptorBatch(int step, int groups, int perGroup);
  // Generated shapes made so far.
  std::size_t shapesGenerated() const { return generated_; }

  // Every kStepsPerBlock steps brings kShapesPerBlock new shapes; a sample draws from the
  // current block and the kLiveBlocks - 1 before it, so the networks never see only a few shapes.
  static constexpr int kShapesPerBlock = 16;
  static constexpr int kStepsPerBlock = 100;
  static constexpr int kLiveBlocks = 4;

 private:
  // The generated shapes of block `b` (made on first use).
  const std::vector<std::unique_ptr<ImplicitShape>>& block(int b);
  const ImplicitShape& pickShape(std::mt19937& rng, int step);
  // The shapes of `count` samples of one task, chosen up front (block() is not thread-safe) so
  // the samples can be made in parallel.
  std::vector<const ImplicitShape*> pickShapes(int step, int task, int count);

  std::uint32_t seed_;
  int threads_;
  std::vector<std::unique_ptr<ImplicitShape>> extra_;
  std::map<int, std::vector<std::unique_ptr<ImplicitShape>>> blocks_;
  std::size_t generated_ = 0;
};

// A random number generator for one sample: a pure function of its arguments.
std::mt19937 sampleRng(std::uint32_t seed, int step, int task, int index);

}  // namespace interp3d
