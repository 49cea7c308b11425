#include "lattice/marching_tetrahedra.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mesh/topology.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

ScalarGrid sphereField(int cells, glm::vec3 centre, float radius) {
  ScalarGrid g(GridSpec::unitCube(cells, 2), 0.0f);
  testing::fillGrid(g, [&](int i, int j, int k) {
    return glm::distance(g.spec.position(i, j, k), centre) - radius;
  });
  return g;
}

TEST(MarchingTetrahedra, SphereIsClosedManifoldOutwardAndAccurate) {
  const ScalarGrid g = sphereField(32, glm::vec3(0.0f), 0.35f);
  const TexturedMesh m = extractZeroSurface(g);
  const TopologyStats s = computeTopology(m);
  EXPECT_TRUE(s.watertight());
  EXPECT_TRUE(s.manifold());
  EXPECT_EQ(s.components, 1u);
  EXPECT_EQ(s.eulerCharacteristic, 2);
  EXPECT_GT(testing::signedVolume(m), 0.0);
  for (const glm::vec3& p : m.positions) EXPECT_NEAR(glm::length(p), 0.35f, 0.01f);
}

TEST(MarchingTetrahedra, KeepLargestComponentsDropsSmallPieces) {
  ScalarGrid g = sphereField(32, glm::vec3(-0.2f, 0, 0), 0.2f);
  const ScalarGrid small = sphereField(32, glm::vec3(0.3f, 0, 0), 0.08f);
  for (std::size_t i = 0; i < g.values.size(); ++i)
    g.values[i] = std::min(g.values[i], small.values[i]);
  TexturedMesh m = extractZeroSurface(g);
  EXPECT_EQ(computeTopology(m).components, 2u);
  keepLargestComponents(m, 1);
  const TopologyStats s = computeTopology(m);
  EXPECT_EQ(s.components, 1u);
  EXPECT_TRUE(s.watertight());
  EXPECT_LT(boundingBox(m.positions).max.x, 0.05f);
}

// A shard beside a part: of three pieces allowed, the one below the share is dropped, a piece
// above it kept; the smallest piece's share is what it says.
TEST(MarchingTetrahedra, KeepLargestComponentsDropsShardsBelowTheShare) {
  ScalarGrid g = sphereField(48, glm::vec3(-0.2f, 0, 0), 0.2f);             // body, area ~0.50
  const ScalarGrid lid = sphereField(48, glm::vec3(0.25f, 0, 0), 0.1f);     // ~0.126
  const ScalarGrid shard = sphereField(48, glm::vec3(0, 0.35f, 0), 0.04f);  // ~0.020
  for (std::size_t i = 0; i < g.values.size(); ++i)
    g.values[i] = std::min({g.values[i], lid.values[i], shard.values[i]});
  TexturedMesh m = extractZeroSurface(g);
  ASSERT_EQ(computeTopology(m).components, 3u);
  EXPECT_NEAR(smallestComponentShare(m), 0.02 / 0.646, 0.01);
  TexturedMesh kept = m;
  keepLargestComponents(kept, 3, 0.1);
  EXPECT_EQ(computeTopology(kept).components, 2u);
  EXPECT_LT(boundingBox(kept.positions).max.y, 0.25f);  // the shard at y = 0.35 is gone
  EXPECT_NEAR(smallestComponentShare(kept), 0.126 / 0.626, 0.02);
  keepLargestComponents(m, 3, 0.0);
  EXPECT_EQ(computeTopology(m).components, 3u);
}

}  // namespace
}  // namespace interp3d
