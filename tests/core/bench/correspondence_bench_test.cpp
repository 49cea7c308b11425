#include "bench/correspondence_bench.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mesh/demo_assets.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(CorrespondenceBench, ZeroDeformationIsIdentityAndSeedsDiffer) {
  const glm::vec3 p(0.1f, -0.2f, 0.3f);
  EXPECT_EQ(deform(p, DeformationParams{}), p);
  const DeformationParams a = randomDeformation(1), b = randomDeformation(2);
  EXPECT_NE(a.bend, b.bend);
  EXPECT_GT(glm::distance(deform(p, a), p), 0.0f);
}

TEST(CorrespondenceBench, MatchesADeformedCreatureWithinFivePercent) {
  MorphOptions options;
  options.fields.resolution = 32;
  options.correspondence.resolution = 16;
  const CorrespondenceBenchResult r =
      benchCorrespondence(makeDemoCreature(testing::smallDemoOptions()), 3, options);
  EXPECT_GT(r.points, 100u);
  EXPECT_LT(r.ourError, 0.05);
  EXPECT_GT(r.nearestError, 0.0);
}

}  // namespace
}  // namespace interp3d
