// The CI training run: a tiny prior trained in seconds must lower every loss, load back through
// the same path as a user's file, and change a morph when its parts are on.
#include "prior/prior_training.h"

#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "io/image_io.h"
#include "mesh/demo_assets.h"
#include "morph/morph_solver.h"
#include "prior/learned_parts.h"
#include "prior/learned_prior.h"
#include "prior/prior_features.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/atomic_file.h"

namespace interp3d {
namespace {

constexpr int kSteps = 150;

// One tiny training run shared by the tests of this file.
const TrainReport& tinyRun() {
  static testing::ScratchDir dir("tiny-prior");
  static const TrainReport report = [] {
    TrainOptions o;
    o.outDir = dir.path();
    o.steps = kSteps;
    o.seed = 3;
    return trainPrior(o);
  }();
  return report;
}

TEST(PriorTraining, EveryLossFallsAndTheFilesAreWritten) {
  const TrainReport& r = tinyRun();
  ASSERT_EQ(r.networks.size(), 3u);
  for (const TrainedNetwork& n : r.networks) {
    EXPECT_LT(n.lastLoss, 0.8 * n.firstLoss) << n.name;
    EXPECT_GT(n.parameters, 1000u) << n.name;
  }
  EXPECT_GT(r.generatedShapes, 0u);
  const std::string csv = readFile(r.lossLog);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 3 * kSteps);
  const Image curve = loadImage(r.lossCurve);
  EXPECT_EQ(curve.width, 900);
  EXPECT_EQ(r.checks.size(), 2u);
}

TEST(PriorTraining, TheSameSeedTrainsTheSameWeights) {
  testing::ScratchDir dir("tiny-prior-again");
  TrainOptions o;
  o.outDir = dir.path();
  o.steps = 20;
  o.seed = 3;
  const TrainReport a = trainPrior(o);
  const std::string first = readFile(a.lossLog);
  const TrainReport b = trainPrior(o);
  EXPECT_EQ(readFile(b.lossLog), first);
  o.seed = 4;
  EXPECT_NE(readFile(trainPrior(o).lossLog), first);
}

TEST(PriorTraining, TheTrainedFileLoadsBackAndItsCodecRoundTrips) {
  const auto prior = LearnedPrior::load(tinyRun().weights);
  EXPECT_EQ(prior->latentSize(), 8);
  EXPECT_EQ(prior->descriptorSize(), 16);
  for (const char* m : {"encode", "decode", "velocity", "describe"}) EXPECT_TRUE(prior->has(m));
  // A plane through a cell: the decoded distances stay within a fraction of a cell.
  VoxelPatch patch;
  const glm::vec3 n = glm::normalize(glm::vec3(0.3f, 0.5f, 0.8f));
  for (int c = 0; c < 8; ++c)
    patch.sdf[c] = glm::dot(n, glm::vec3(c & 1, (c >> 1) & 1, (c >> 2) & 1)) - 0.7f;
  patch.normal = n;
  patch.color = glm::vec3(0.2f, 0.6f, 0.9f);
  const auto codec = makeLearnedCodec(prior);
  std::vector<float> code(codec->codeSize());
  codec->encode(&patch, 1, 1.0f, code.data());
  VoxelPatch back;
  codec->decode(code.data(), 1, 1.0f, &back);
  for (int c = 0; c < 8; ++c) EXPECT_NEAR(back.sdf[c], patch.sdf[c], 0.35f) << c;
  // Descriptors are unit rows.
  const std::vector<float> d = prior->describe(std::vector<float>(2 * kStencilFeatures, 0.5f));
  ASSERT_EQ(d.size(), 32u);
  float norm = 0.0f;
  for (int k = 0; k < 16; ++k) norm += d[k] * d[k];
  EXPECT_NEAR(norm, 1.0f, 1e-3f);
}

TEST(PriorTraining, EachPartOfTheTrainedPriorChangesTheMorph) {
  MorphOptions o = testing::smallMorphOptions();
  const auto [a, b] = testing::smallDemoPair();
  const TexturedMesh plain = MorphSolver(a, b, o).meshAt(0.5, false);
  const auto prior = LearnedPrior::load(tinyRun().weights);
  for (const char* parts : {"codec", "structure", "descriptors"}) {
    o.learned = makeLearnedParts(prior, PriorParts::parse(parts), {});
    const MorphSolver solver(a, b, o);
    const TexturedMesh mid = solver.meshAt(0.5, false);
    EXPECT_GT(mid.triangleCount(), 100u) << parts;
    EXPECT_NE(mid.positions, plain.positions) << parts;
    // Endpoints stay exact whatever the prior does.
    EXPECT_EQ(solver.meshAt(0.0, false).positions, a.positions) << parts;
  }
}

}  // namespace
}  // namespace interp3d
