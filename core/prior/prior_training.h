// Training the learned prior in C++ with LibTorch (`interp3d-cli train-prior`): the patch codec,
// then the flow-matching structure prior on the frozen codec's latent, then the descriptor network,
// each on batches made on the fly from generated shapes (training_data.h). Writes the TorchScript
// prior file, a CSV loss log and a loss-curve PNG. Deterministic for a seed and thread count.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "util/progress.h"

namespace interp3d {

struct TrainOptions {
  std::filesystem::path outDir;                 // created if missing
  int steps = 3000;                             // optimiser steps per network
  std::uint32_t seed = 0;                       // shapes, initial weights and noise
  std::vector<std::filesystem::path> dataDirs;  // mesh folders added to the generated shapes
  int threads = 2;                              // LibTorch and data generation threads
  int latentSize = 8;                           // codec latent per voxel
  int width = 128;                              // hidden width of every network
  int descriptorSize = 16;                      // learned descriptor length
};

struct TrainedNetwork {
  std::string name;
  std::size_t parameters = 0;
  double firstLoss = 0.0, lastLoss = 0.0;  // mean loss over the first and last tenth of the steps
  double seconds = 0.0;
};

struct TrainReport {
  std::filesystem::path weights, lossLog, lossCurve;
  std::vector<TrainedNetwork> networks;
  std::size_t parameters = 0;
  std::size_t generatedShapes = 0, meshes = 0;
  // Held-out checks, one line each: how far the plain blend, the codec and the structure prior
  // are from the true patches, and how often descriptors find the true match.
  std::vector<std::string> checks;
  double seconds = 0.0;
};

// Throws UsageError for bad options, IoError for unreadable data folders or unwritable output,
// Cancelled when `progress` is cancelled (nothing is written then).
TrainReport trainPrior(const TrainOptions& options, const Progress& progress = {});

}  // namespace interp3d
