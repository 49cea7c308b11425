#include "lattice/grid.h"
#include "test_meshes.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace interp3d {
namespace {

// Trilinear inside, clamped to the border outside, and a coordinate that is not a number reads the
// grid's first cell on that axis instead of indexing out of the grid.
TEST(Grid, SamplingClampsToTheGridAndReadsNanAsItsFirstCell) {
  ScalarGrid g(GridSpec::unitCube(4, 0), 0.0f);
  testing::fillGrid(g, [](int i, int, int) { return static_cast<float>(i); });  // x in cells
  const glm::vec3 o = g.spec.origin;
  const float h = g.spec.spacing;
  EXPECT_NEAR(g.sample(o + glm::vec3(1.5f * h, h, h)), 1.5f, 1e-5f);
  EXPECT_NEAR(g.sample(o + glm::vec3(-10.0f, 0.0f, 0.0f)), 0.0f, 1e-5f);
  EXPECT_NEAR(g.sample(o + glm::vec3(10.0f, 0.0f, 0.0f)), 4.0f, 1e-3f);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_NEAR(g.sample(glm::vec3(nan, o.y, o.z)), 0.0f, 1e-5f);
  EXPECT_NEAR(g.sample(glm::vec3(o.x + 2.0f * h, nan, nan)), 2.0f, 1e-5f);
  EXPECT_TRUE(std::isfinite(g.sample(glm::vec3(std::numeric_limits<float>::infinity()))));
}

// The blur spreads a spike into a Gaussian that keeps its sum, the same on any number of threads.
TEST(Grid, BlurKeepsTheSumAndDoesNotDependOnTheThreadCount) {
  ScalarGrid one(GridSpec::unitCube(20, 0), 0.0f);
  one.at(7, 9, 11) = 1.0f;     // both farther than the kernel's reach from the borders
  one.at(14, 14, 14) = -2.0f;  // and from each other
  ScalarGrid three = one;
  gaussianBlur(one, 1.5f, 1);
  gaussianBlur(three, 1.5f, 3);
  EXPECT_TRUE(one.values == three.values);
  double sum = 0.0;
  for (float v : one.values) sum += v;
  EXPECT_NEAR(sum, -1.0, 1e-4);
  EXPECT_GT(one.at(8, 9, 11), 0.0f);                       // spread to the neighbours
  EXPECT_LT(one.at(7, 9, 11), 0.5f);                       // and lowered at the spike
  EXPECT_NEAR(one.at(8, 9, 11), one.at(6, 9, 11), 1e-6f);  // symmetrically
}

}  // namespace
}  // namespace interp3d
