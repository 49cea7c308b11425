#include "prior/structure_refinement.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "prior/learned_parts.h"
#include "test_meshes.h"
#include "test_support.h"
#include "torchscript_module.h"

namespace interp3d {
namespace {

// A codec whose code is the patch's 8 corner distances, and a flow whose velocity carries a code
// to the target endpoint's code by flow time 1: x' = (x_target - x) / (1 - tau).
const char* kToTarget = R"(
def encode(self, patches: Tensor) -> Tensor:
    return patches[:, 0:8]
def decode(self, codes: Tensor) -> Tensor:
    n = codes.size(0)
    return torch.cat([codes, torch.zeros(n, 5), torch.ones(n, 1)], 1)
def velocity(self, x: Tensor, tau: Tensor, condition: Tensor) -> Tensor:
    return (condition[:, 8:16] - x) / torch.clamp(1.0 - tau, min=0.001)
)";

// The same codec with a flow that never moves.
const char* kStill = R"(
def encode(self, patches: Tensor) -> Tensor:
    return patches[:, 0:8]
def decode(self, codes: Tensor) -> Tensor:
    n = codes.size(0)
    return torch.cat([codes, torch.zeros(n, 5), torch.ones(n, 1)], 1)
def velocity(self, x: Tensor, tau: Tensor, condition: Tensor) -> Tensor:
    return x * 0.0
)";

ScalarGrid sphereField(float radius) {
  ScalarGrid g(GridSpec::unitCube(32, 2), 0.0f);
  testing::fillGrid(
      g, [&](int i, int j, int k) { return glm::length(g.spec.position(i, j, k)) - radius; });
  return g;
}

TEST(StructureRefinement, AStillFlowWithoutNoiseLeavesTheFieldAsItIs) {
  testing::ScratchDir dir("refine-still");
  const auto prior = LearnedPrior::load(testing::writeTorchScriptModule(dir, "still.pt", kStill));
  const ScalarGrid source = sphereField(0.30f), target = sphereField(0.32f);
  ScalarGrid field = sphereField(0.31f);
  const ScalarGrid before = field;
  RefineOptions o;
  o.renoise = 1.0f;
  const std::size_t cells = refineFrameField(*prior, source, target, 0.5f, field, o);
  EXPECT_EQ(cells, surfaceCells(before).size());
  EXPECT_GT(cells, 100u);
  for (std::size_t i = 0; i < field.values.size(); ++i)
    ASSERT_NEAR(field.values[i], before.values[i], 1e-5f) << i;
}

TEST(StructureRefinement, TheFlowCarriesSurfaceCellsToWhereItPoints) {
  testing::ScratchDir dir("refine-target");
  const auto prior =
      LearnedPrior::load(testing::writeTorchScriptModule(dir, "target.pt", kToTarget));
  const ScalarGrid source = sphereField(0.30f), target = sphereField(0.32f);
  ScalarGrid field = sphereField(0.31f);
  const std::vector<glm::ivec3> cells = surfaceCells(field);
  RefineOptions o;
  o.renoise = 0.5f;  // half noise: only the flow brings the codes back
  o.steps = 4;
  refineFrameField(*prior, source, target, 0.5f, field, o);
  // Every corner of a surface cell now holds the target's value; other points are untouched.
  std::vector<std::uint8_t> corner(field.values.size(), 0);
  for (const glm::ivec3& c : cells)
    for (int k = 0; k < 8; ++k) {
      const glm::ivec3 p = c + cellCorner(k);
      corner[field.spec.index(p.x, p.y, p.z)] = 1;
    }
  const ScalarGrid original = sphereField(0.31f);
  for (std::size_t i = 0; i < field.values.size(); ++i) {
    if (corner[i])
      ASSERT_NEAR(field.values[i], target.values[i], 1e-4f) << i;
    else
      ASSERT_EQ(field.values[i], original.values[i]) << i;
  }
}

TEST(StructureRefinement, IsTheMorphsFieldRefinerAndNamedInTheSummary) {
  testing::ScratchDir dir("refine-parts");
  const auto prior =
      LearnedPrior::load(testing::writeTorchScriptModule(dir, "target.pt", kToTarget));
  const LearnedParts parts = makeLearnedParts(prior, PriorParts::parse("structure"), {});
  ASSERT_TRUE(parts.structure);
  EXPECT_FALSE(parts.descriptors);
  EXPECT_NE(parts.summary.find("target.pt (structure)"), std::string::npos) << parts.summary;
  const ScalarGrid source = sphereField(0.30f), target = sphereField(0.32f);
  ScalarGrid field = sphereField(0.31f);
  parts.structure->refine(source, target, 0.5f, field);
  EXPECT_NE(field.values, sphereField(0.31f).values);
  EXPECT_EQ(makeLearnedParts(prior, PriorParts::parse("none"), {}).summary, "off");
}

}  // namespace
}  // namespace interp3d
