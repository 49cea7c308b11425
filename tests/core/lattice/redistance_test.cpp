#include "lattice/redistance.h"
#include "test_meshes.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

namespace interp3d {
namespace {

ScalarGrid field(float scale, float radius) {
  ScalarGrid g(GridSpec::unitCube(32, 2), 0.0f);
  testing::fillGrid(g, [&](int i, int j, int k) {
    return scale * (glm::length(g.spec.position(i, j, k)) - radius);
  });
  return g;
}

// A field that changes half as fast as the distance (a blend of distances changes at most as fast).
TEST(Redistance, ASlowFieldBecomesTheDistanceAgainWithItsZeroSetInPlace) {
  ScalarGrid g = field(0.5f, 0.3f);
  redistance(g);
  const ScalarGrid truth = field(1.0f, 0.3f);
  const float h = g.spec.spacing;
  for (std::size_t i = 0; i < g.values.size(); ++i) {
    if (std::fabs(truth.values[i]) > 6.0f * h) {
      ASSERT_GE(std::fabs(g.values[i]), 3.0f * h) << i;  // far points stay far
      continue;
    }
    ASSERT_NEAR(g.values[i], truth.values[i], 0.5f * h) << i;  // first-order sweeping
    ASSERT_EQ(g.values[i] < 0.0f, truth.values[i] < 0.0f) << i;
  }
}

}  // namespace
}  // namespace interp3d
