// The learned prior (issue 4): a patch codec, a flow-matching structure prior over the structured
// latent, and a descriptor network, loaded from one TorchScript file. LibTorch stays inside
// learned_prior.cpp; this header speaks in rows of floats.
//
// The file is a TorchScript module (torch::jit::save) with any of these methods, float32 rows
// (layouts in prior_features.h):
//   encode(patches: [N, 14]) -> [N, L]                      patch features -> latent code
//   decode(codes: [N, L]) -> [N, 14]                        latent code -> patch features
//   velocity(x: [N, L], tau: [N, 1], condition: [N, 2L + 65]) -> [N, L]
//                                                           flow-matching velocity at flow time tau
//   describe(stencils: [N, 54]) -> [N, K]                   unit-length correspondence descriptors
// `interp3d-cli train-prior` writes such a file; assets/models/README.md documents it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "lattice/latent_codec.h"
#include "morph/prior_hooks.h"

namespace interp3d {

// Which learned components a morph uses.
struct PriorParts {
  bool codec = false;        // the endpoints' structured latents go through the learned codec
  bool structure = false;    // every in-between frame is pulled to a plausible surface
  bool descriptors = false;  // learned descriptors beside the hand-made ones for correspondence

  bool any() const { return codec || structure || descriptors; }
  // "codec,structure,descriptors" (any subset), "all" or "none". Throws UsageError.
  static PriorParts parse(const std::string& list);
  std::string toString() const;  // the same syntax
};

class LearnedPrior {
 public:
  // Loads and checks a prior file: every method present is run on a probe batch and its output
  // shape checked. Throws IoError naming the file when it is missing, is not a TorchScript
  // module, has none of the methods, or a method fails or returns the wrong shape.
  static std::shared_ptr<const LearnedPrior> load(const std::filesystem::path& file,
                                                  int threads = 2);
  // The shipped weights (assets/models/prior.pt next to the executable's build tree or the
  // source tree); empty when not found.
  static std::filesystem::path shippedFile();

  ~LearnedPrior();
  LearnedPrior(const LearnedPrior&) = delete;
  LearnedPrior& operator=(const LearnedPrior&) = delete;

  const std::filesystem::path& file() const;
  bool has(const std::string& method) const;
  int latentSize() const;      // L (0 without encode)
  int descriptorSize() const;  // K (0 without describe)
  // Throws IoError naming the file and the method a part needs but the file lacks.
  void require(const PriorParts& parts) const;

  // Row-major batches; the row count is inferred from the input size. Thread-safe.
  std::vector<float> encode(const std::vector<float>& patches) const;
  std::vector<float> decode(const std::vector<float>& codes) const;
  std::vector<float> velocity(const std::vector<float>& x, const std::vector<float>& tau,
                              const std::vector<float>& condition) const;
  std::vector<float> describe(const std::vector<float>& stencils) const;

 private:
  LearnedPrior();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The parts used when the prior is on and none are named: those the ablation in
// assets/models/README.md found to help.
PriorParts defaultPriorParts();

// Resolves a --prior setting: "off" gives null, "on" the shipped weights (IoError when they are
// missing), anything else is a prior file to load.
std::shared_ptr<const LearnedPrior> resolvePrior(const std::string& setting, int threads);

// The prior's codec as the structured latent's LatentCodec.
std::shared_ptr<const LatentCodec> makeLearnedCodec(std::shared_ptr<const LearnedPrior> prior);

// The prior's descriptor network as the morph's DescriptorModel: each point is described from the
// stencil of distances around it (prior_features.h).
std::shared_ptr<const DescriptorModel> makeLearnedDescriptors(
    std::shared_ptr<const LearnedPrior> prior);

}  // namespace interp3d
