#include "mesh/hostile_variants.h"

#include <gtest/gtest.h>

#include "mesh/topology.h"
#include "test_meshes.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(HostileVariants, EachDoesWhatItsNameSays) {
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  const std::size_t n = sphere.triangleCount();
  EXPECT_EQ(duplicateShell(sphere).triangleCount(), 2 * n);
  EXPECT_GT(computeTopology(duplicateShell(sphere)).nonManifoldEdges, 0u);
  EXPECT_GT(computeTopology(flipFaces(sphere, 0.2)).inconsistentEdges, 0u);
  EXPECT_GE(computeTopology(punchHoles(sphere, 4, 0.05)).boundaryLoops, 2u);
  const TexturedMesh half = keepHalf(sphere);
  EXPECT_LT(half.triangleCount(), n);
  EXPECT_EQ(computeTopology(half).boundaryLoops, 1u);
  EXPECT_GE(computeTopology(splitIntoParts(sphere, 27)).components, 20u);
  const TexturedMesh huge = scaledAndMoved(sphere, 1e6, glm::vec3(1e7f));
  EXPECT_NEAR(boundingBox(huge.positions).size().x, 2e6f, 1e3f);
  for (const std::string& kind : hostileVariantKinds())
    EXPECT_GT(hostileVariant(sphere, kind, 0.0).triangleCount(), 0u) << kind;
  EXPECT_THROW(hostileVariant(sphere, "melted", 0.0), UsageError);
}

}  // namespace
}  // namespace interp3d
